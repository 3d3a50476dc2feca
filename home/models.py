"""The home page, content pages and news."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyBlock
from core.languages import in_default_language
from core.routing import CachedPrivacyMixin
from initiatives.opening_hours import AbstractOpeningException, AbstractOpeningSlot

from .blocks import ContentBodyBlock


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
            help_text=_(
                "The site also shows the building open while one of its initiatives is open "
                "or holds a session."
            ),
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
        from initiatives.hours import annotate_status, annotate_today, status_at
        from initiatives.models import InitiativePage

        context = super().get_context(request, *args, **kwargs)
        now = timezone.localtime()
        initiatives = list(
            InitiativePage.objects.live()
            .public()
            .descendant_of(self)
            .select_related("image")
            .order_by("title")
        )
        annotate_today(initiatives, now.date())
        annotate_status(initiatives, now)
        context["initiatives"] = initiatives
        context["today"] = now.date()
        # Open now first, then later today, then those whose hours today are over.
        context["open_today"] = sorted(
            (page for page in initiatives if page.today.is_open),
            key=lambda page: (not page.open_now, not page.later_today),
        )
        building = building_presence(translated_from=self, now=now)
        if building is not None:
            context["building_today"] = building.day(now.date())
            context["building"] = status_at(building, now)
        context["catalogue_page"] = (
            CatalogueIndexPage.objects.live().public().descendant_of(self).first()
        )
        context["latest_news"] = list(
            NewsPage.objects.live().public().descendant_of(self).order_by("-date")[:3]
        )
        return context


class BuildingOpeningSlot(AbstractOpeningSlot):
    page = ParentalKey(HomePage, related_name="building_slots", on_delete=models.CASCADE)


class BuildingOpeningException(AbstractOpeningException):
    page = ParentalKey(HomePage, related_name="building_exceptions", on_delete=models.CASCADE)


class ContentPage(CachedPrivacyMixin, Page):
    """An editorial page: the mission, how it works, tariffs, the social tariff, visiting, the
    privacy notice and the accessibility statement."""

    intro = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(ContentBodyBlock(), blank=True, verbose_name=_("content"))

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


class CatalogueIndexPage(RoutablePageMixin, CachedPrivacyMixin, Page):
    """The public catalogue: a landing page to browse (category tiles, the newest items, the
    initiatives that lend), search with facets, and a page per item (``<initiative>/<item>/``).

    An item's address names its initiative by the default-language slug and the item by its
    own slug, the same in every language, so it differs between languages only by the
    catalogue page's own (translated) address. The address of a copy's code (what item
    addresses were before items had copies) redirects to its item.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("slug"),
        TranslatableField("intro"),
    ]

    template = "catalogue/catalogue_index_page.html"

    class Meta:
        db_table = "catalogue_catalogueindexpage"  # the table from before the page moved here
        verbose_name = _("catalogue")

    @classmethod
    def can_create_at(cls, parent):
        # One catalogue per language tree (max_count would count every language together).
        return super().can_create_at(parent) and not cls.objects.child_of(parent).exists()

    @path("")
    def search_view(self, request):
        from .catalogue_views import catalogue_search

        return catalogue_search(request, self)

    @path("<slug:initiative>/<str:item>/")
    def item_view(self, request, initiative, item):
        from .catalogue_views import item_detail

        return item_detail(request, self, initiative, item)

    @path("<slug:initiative>/<str:item>/wait/")
    def wait_view(self, request, initiative, item):
        from .catalogue_views import wait_for_item

        return wait_for_item(request, self, initiative, item)

    @path("<slug:initiative>/<str:item>/reserve/")
    def reserve_view(self, request, initiative, item):
        from .catalogue_views import reserve_item

        return reserve_item(request, self, initiative, item)

    def item_url(self, item, request=None):
        return f"{self.get_url(request)}{item.initiative.slug}/{item.slug}/"


def default_home_page():
    """The home page of the default language, which holds the building's hours."""
    return (
        in_default_language(HomePage.objects.all())
        .prefetch_related("building_slots", "building_exceptions")
        .first()
    )


def building_presence(translated_from=None, now=None, home=None):
    """When the building can be visited (an `initiatives.hours.Presence`): the hours of the
    default-language home page, joined with those of every live initiative and with their
    sessions, exception reasons in the language of `translated_from` (a translation of that
    home page; `home` is that default-language page if already loaded by
    `default_home_page`). The footer and the home page both ask here, so they never disagree
    (docs/architecture.md, "Phone first"). None without a home page."""
    from initiatives.hours import annotate_status, annotate_today, building_schedule
    from initiatives.hours import building_presence as joined
    from initiatives.models import InitiativePage

    home = home or default_home_page()
    if home is None:
        return None
    now = timezone.localtime(now or timezone.now())
    initiatives = list(InitiativePage.objects.live().public().descendant_of(home))
    annotate_today(initiatives, now.date())
    annotate_status(initiatives, now)
    return joined(building_schedule(home, translated_from=translated_from), initiatives)
