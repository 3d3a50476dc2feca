"""The home page, content pages, news and the site-wide settings."""

from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from initiatives.models import AbstractOpeningException, AbstractOpeningSlot

from .blocks import BodyBlock
from .routing import CachedPrivacyMixin


class HomePage(CachedPrivacyMixin, Page):
    """The root of one language's site. It also holds the building's own opening hours."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more information"))

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("hero_image"),
        FieldPanel("body"),
        MultiFieldPanel(
            [InlinePanel("building_slots", label=_("Weekly hours"))],
            heading=_("Opening hours of the building"),
        ),
        InlinePanel(
            "building_exceptions",
            label=_("Closing days and special hours of the building"),
            heading=_("Closing days and special hours of the building"),
        ),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        SynchronizedField("slug"),
        TranslatableField("intro"),
        SynchronizedField("hero_image"),
        TranslatableField("body"),
        SynchronizedField("building_slots"),
        TranslatableField("building_exceptions"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    page_description = _("The home page of one language.")

    class Meta:
        verbose_name = _("home page")

    @classmethod
    def can_create_at(cls, parent):
        # One home page per language: they all hang under the tree root.
        return super().can_create_at(parent) and parent.is_root()

    def get_context(self, request, *args, **kwargs):
        from initiatives.hours import annotate_today
        from initiatives.models import InitiativePage

        context = super().get_context(request, *args, **kwargs)
        initiatives = list(
            InitiativePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("image")
            .order_by("title")
        )
        annotate_today(initiatives)
        context["initiatives"] = initiatives
        context["open_today"] = [page for page in initiatives if page.today.is_open]
        context["latest_news"] = list(
            NewsPage.objects.live().public().descendant_of(self).order_by("-date")[:3]
        )
        return context


class BuildingOpeningSlot(AbstractOpeningSlot):
    page = ParentalKey(HomePage, related_name="building_slots", on_delete=models.CASCADE)


class BuildingOpeningException(AbstractOpeningException):
    page = ParentalKey(HomePage, related_name="building_exceptions", on_delete=models.CASCADE)

    class Meta(AbstractOpeningException.Meta):
        unique_together = [("translation_key", "locale")]


class ContentPage(CachedPrivacyMixin, Page):
    """An editorial page: the mission, how it works, tariffs, the social tariff, visiting."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]
    page_description = _("A page with text, images, questions and answers.")

    class Meta:
        verbose_name = _("content page")


class NewsIndexPage(CachedPrivacyMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = ["home.NewsPage"]
    page_description = _("The list of news articles.")

    class Meta:
        verbose_name = _("news overview")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = NewsPage.objects.live().public().child_of(self).order_by("-date")
        return context


class NewsPage(CachedPrivacyMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("content"))

    content_panels = Page.content_panels + [
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    parent_page_types = ["home.NewsIndexPage"]
    subpage_types = []
    page_description = _("A news article.")

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")


@register_setting(icon="site")
class SiteSettings(BaseSiteSetting):
    """Contact details of the building, shown in the footer and the structured data."""

    name = models.CharField(_("name"), max_length=100, default="De Deelfabriek")
    street = models.CharField(_("street and number"), max_length=120, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=60, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    facebook_url = models.URLField(_("Facebook page"), blank=True)
    instagram_url = models.URLField(_("Instagram page"), blank=True)
    tariffs_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page about the tariffs"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Linked from every initiative's tariffs: who gets the social tariff, and how."),
    )

    panels = [
        FieldPanel("name"),
        MultiFieldPanel(
            [FieldPanel("street"), FieldPanel("postal_code"), FieldPanel("city")],
            heading=_("Address"),
        ),
        MultiFieldPanel([FieldPanel("email"), FieldPanel("phone")], heading=_("Contact")),
        MultiFieldPanel(
            [FieldPanel("facebook_url"), FieldPanel("instagram_url")], heading=_("Social media")
        ),
        FieldPanel("tariffs_page"),
    ]

    class Meta:
        verbose_name = _("site settings")

    @cached_property
    def address_line(self):
        return ", ".join(
            part for part in [self.street, f"{self.postal_code} {self.city}".strip()] if part
        )


def default_home_page():
    """The home page of the default language, which holds the building's hours."""
    return (
        HomePage.objects.filter(locale=Locale.get_default())
        .prefetch_related("building_slots", "building_exceptions")
        .first()
    )
