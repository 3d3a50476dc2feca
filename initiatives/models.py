"""Initiatives: their pages, opening hours, membership plans and events."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.blocks import BodyBlock
from core.languages import source_of
from core.routing import CachedPrivacyMixin

from .opening_hours import AbstractOpeningException, AbstractOpeningSlot


class InitiativeIndexPage(CachedPrivacyMixin, Page):
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["initiatives.InitiativePage"]
    page_description = _("The overview of all initiatives in the building.")

    class Meta:
        verbose_name = _("initiatives overview")

    def get_context(self, request, *args, **kwargs):
        from .hours import annotate_status, annotate_today

        context = super().get_context(request, *args, **kwargs)
        initiatives = list(
            InitiativePage.objects.child_of(self).live().public().select_related("image")
        )
        context["initiatives"] = initiatives
        annotate_today(initiatives)
        annotate_status(initiatives)
        return context


class InitiativePage(CachedPrivacyMixin, Page):
    """One initiative in the building: what it offers, where, when and at what price."""

    intro = models.TextField(
        _("short description"), max_length=400, help_text=_("One or two sentences for overviews.")
    )
    offers = RichTextField(
        _("what we offer"), blank=True, features=["bold", "italic", "link", "ul", "ol"]
    )
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more information"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location_in_building = models.CharField(
        _("place in the building"),
        max_length=120,
        blank=True,
        help_text=_("For example: unit 4, around the courtyard."),
    )
    contact_name = models.CharField(_("contact person"), max_length=120, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)
    tariff_note = models.TextField(
        _("about the tariffs"),
        blank=True,
        help_text=_("For example what a swap voucher is or who can get the social tariff."),
    )
    hours_note = models.CharField(_("note about the opening hours"), max_length=200, blank=True)
    lends_items = models.BooleanField(_("lends items"), default=False)
    reservations_enabled = models.BooleanField(_("items can be reserved online"), default=False)
    auto_confirm = models.BooleanField(
        _("confirm reservations automatically"),
        default=False,
        help_text=_("Otherwise a volunteer confirms each reservation."),
    )
    requires_membership = models.BooleanField(_("membership required to borrow"), default=True)
    default_loan_days = models.PositiveSmallIntegerField(
        _("default loan period (days)"), default=7, validators=[MinValueValidator(1)]
    )
    max_loan_days = models.PositiveSmallIntegerField(
        _("longest loan period (days)"), default=14, validators=[MinValueValidator(1)]
    )
    default_deposit = models.DecimalField(
        _("deposit per item (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Asked for each item unless the item says otherwise. Empty: no deposit."),
    )
    max_active_reservations = models.PositiveSmallIntegerField(
        _("reservations per member at a time"), default=3, validators=[MinValueValidator(1)]
    )
    renewals_allowed = models.PositiveSmallIntegerField(
        _("extensions per loan"),
        default=0,
        help_text=_(
            "How many times a member may extend a loan that is running. 0: loans cannot be "
            "extended."
        ),
    )
    offer_days = models.PositiveSmallIntegerField(
        _("days to claim a copy from the waiting list"),
        default=3,
        validators=[MinValueValidator(1)],
        help_text=_("When a copy comes back, the first in line may pick it up within this time."),
    )
    renewal_days = models.PositiveSmallIntegerField(
        _("length of an extension (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "How many days one extension adds to the return date. Empty: the item's loan period."
        ),
    )

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("image"),
        FieldPanel("offers"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("location_in_building"),
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
                FieldPanel("contact_phone"),
                FieldPanel("website"),
            ],
            heading=_("Contact and place"),
        ),
        MultiFieldPanel(
            [FieldPanel("hours_note"), InlinePanel("opening_slots", label=_("Weekly hours"))],
            heading=_("Opening hours"),
        ),
        InlinePanel(
            "opening_exceptions",
            label=_("Closing days and special hours"),
            heading=_("Closing days and special hours"),
        ),
        MultiFieldPanel(
            [FieldPanel("tariff_note"), InlinePanel("plans", label=_("Membership plan"))],
            heading=_("Tariffs"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("lends_items"),
                FieldPanel("reservations_enabled"),
                FieldPanel("auto_confirm"),
                FieldPanel("requires_membership"),
                FieldRowPanel([FieldPanel("default_loan_days"), FieldPanel("max_loan_days")]),
                FieldRowPanel(
                    [FieldPanel("default_deposit"), FieldPanel("max_active_reservations")]
                ),
                FieldRowPanel([FieldPanel("renewals_allowed"), FieldPanel("renewal_days")]),
                FieldPanel("offer_days"),
            ],
            heading=_("Lending rules"),
        ),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("offers"),
        index.SearchField("body"),
    ]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("slug"),  # an address in the page's language
        TranslatableField("intro"),
        TranslatableField("offers"),
        TranslatableField("body"),
        TranslatableField("location_in_building"),
        TranslatableField("tariff_note"),
        TranslatableField("hours_note"),
        SynchronizedField("image"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
        SynchronizedField("contact_phone"),
        SynchronizedField("website"),
        SynchronizedField("lends_items"),
        SynchronizedField("reservations_enabled"),
        SynchronizedField("auto_confirm"),
        SynchronizedField("requires_membership"),
        SynchronizedField("default_loan_days"),
        SynchronizedField("max_loan_days"),
        SynchronizedField("max_active_reservations"),
        SynchronizedField("default_deposit"),
        SynchronizedField("renewals_allowed"),
        SynchronizedField("offer_days"),
        SynchronizedField("renewal_days"),
        SynchronizedField("opening_slots"),
        TranslatableField("opening_exceptions"),
        TranslatableField("plans"),
    ]

    parent_page_types = ["initiatives.InitiativeIndexPage"]
    subpage_types = ["initiatives.EventPage"]
    page_description = _("One initiative: what it offers, its hours and its tariffs.")

    class Meta:
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")

    def clean(self):
        super().clean()
        if (
            self.default_loan_days
            and self.max_loan_days
            and self.default_loan_days > self.max_loan_days
        ):
            raise ValidationError(
                {"default_loan_days": _("The default loan period cannot exceed the longest one.")}
            )
        if self.reservations_enabled and not self.lends_items:
            raise ValidationError(
                {
                    "reservations_enabled": _(
                        "Only an initiative that lends items takes reservations."
                    )
                }
            )

    @cached_property
    def hours_source(self):
        """The page whose opening hours count: the default-language page.

        Hours belong to the initiative, not to a language: a translation's copy of the
        slots is only as fresh as its last synchronisation.
        """
        return source_of(self)

    @cached_property
    def schedule(self):
        from .hours import schedule_for

        return schedule_for(self.hours_source, translated_from=self)

    def structured_data(self, request=None):
        """schema.org description with OpeningHoursSpecification, for search engines."""
        from .structured_data import initiative_structured_data

        return initiative_structured_data(self, request)

    def get_context(self, request, *args, **kwargs):
        from .hours import annotate_status

        context = super().get_context(request, *args, **kwargs)
        now = timezone.localtime()
        annotate_status([self], now)
        context["now"] = now
        context["week"] = self.schedule.week(now.date())
        context["open_now"] = self.open_now
        context["closes_at"] = self.open_until
        context["next_opening"] = self.next_opening
        context["upcoming_exceptions"] = self.schedule.upcoming_exceptions(now.date())
        context["plans"] = list(self.plans.all())
        context["structured_data"] = self.structured_data(request)
        events = list(
            EventPage.objects.child_of(self)
            .live()
            .public()
            .filter(end__gte=now)
            .order_by("start")[:6]
        )
        context["events"] = events
        if self.next_session:  # this language's page of the session, when there is one
            key = self.next_session.translation_key
            found = [event for event in events if event.translation_key == key]
            context["next_session"] = found[0] if found else self.next_session
        # An initiative that works by sessions lists them in place of a week of "Closed",
        # also between its last session and the next one being planned.
        context["sessions_only"] = not self.schedule.slots and (
            bool(events) or EventPage.objects.child_of(self).live().exists()
        )
        return context


class OpeningSlot(AbstractOpeningSlot):
    page = ParentalKey(InitiativePage, related_name="opening_slots", on_delete=models.CASCADE)


class OpeningException(AbstractOpeningException):
    page = ParentalKey(InitiativePage, related_name="opening_exceptions", on_delete=models.CASCADE)


class MembershipPlan(TranslatableMixin, Orderable):
    """A subscription an initiative offers, at a standard and a social price."""

    page = ParentalKey(InitiativePage, related_name="plans", on_delete=models.CASCADE)
    name = models.CharField(_("name"), max_length=100)
    duration = models.CharField(
        _("duration"), max_length=60, blank=True, help_text=_("For example: one year.")
    )
    duration_months = models.PositiveSmallIntegerField(
        _("duration in months"), null=True, blank=True
    )
    standard_price = models.DecimalField(_("standard price (€)"), max_digits=7, decimal_places=2)
    social_price = models.DecimalField(_("social price (€)"), max_digits=7, decimal_places=2)
    deposit = models.DecimalField(
        _("deposit (€)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    social_deposit = models.DecimalField(
        _("deposit at the social tariff (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Leave empty if it is the same as the standard deposit."),
    )
    description = models.CharField(_("what is included"), max_length=250, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("duration"), FieldPanel("duration_months")]),
        FieldRowPanel([FieldPanel("standard_price"), FieldPanel("social_price")]),
        FieldRowPanel([FieldPanel("deposit"), FieldPanel("social_deposit")]),
        FieldPanel("description"),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("duration"),
        TranslatableField("description"),
        SynchronizedField("duration_months"),
        SynchronizedField("standard_price"),
        SynchronizedField("social_price"),
        SynchronizedField("deposit"),
        SynchronizedField("social_deposit"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("membership plan")
        verbose_name_plural = _("membership plans")
        unique_together = [("translation_key", "locale")]

    def clean(self):
        super().clean()
        if (
            self.social_price is not None
            and self.standard_price is not None
            and self.social_price > self.standard_price
        ):
            raise ValidationError(
                {"social_price": _("The social price cannot be higher than the standard price.")}
            )

    @property
    def effective_social_deposit(self):
        return self.deposit if self.social_deposit is None else self.social_deposit

    def __str__(self):
        return self.name


class EventPage(CachedPrivacyMixin, Page):
    """A dated activity of an initiative, such as a repair café session."""

    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    intro = models.TextField(_("short description"), max_length=400, blank=True)
    body = StreamField(BodyBlock(), blank=True, verbose_name=_("more information"))
    location = models.CharField(_("where"), max_length=200, blank=True)
    registration_required = models.BooleanField(_("registration required"), default=False)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
        FieldPanel("location"),
        FieldPanel("registration_required"),
        FieldPanel("intro"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]

    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("slug"),
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("registration_required"),
        TranslatableField("intro"),
        TranslatableField("body"),
        TranslatableField("location"),
    ]

    parent_page_types = ["initiatives.InitiativePage"]
    subpage_types = []
    page_description = _("An activity of an initiative on a given date.")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["start"]

    def clean(self):
        super().clean()
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The event must end after it starts.")})

    @property
    def initiative(self):
        return self.get_parent().specific

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        now = timezone.now()
        context["is_past"] = self.end < now
        if context["is_past"]:
            context["next_session"] = (
                EventPage.objects.sibling_of(self, inclusive=False)
                .live()
                .public()
                .filter(start__gte=now)
                .order_by("start")
                .first()
            )
        return context


class VolunteerTeam(models.Model):
    """The Wagtail group of an initiative's volunteers, shared by all its translations."""

    translation_key = models.UUIDField(_("initiative"), unique=True, editable=False)
    group = models.OneToOneField(
        "auth.Group", verbose_name=_("group"), on_delete=models.CASCADE, related_name="team"
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection",
        verbose_name=_("image collection"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("volunteer team")
        verbose_name_plural = _("volunteer teams")

    def __str__(self):
        return self.group.name

    def initiative_pages(self):
        return InitiativePage.objects.filter(translation_key=self.translation_key)
