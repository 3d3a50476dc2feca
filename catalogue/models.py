"""The catalogue: categories and the physical items the lending initiatives share.

Every translation of a category or an item is its own row sharing a ``translation_key``. What
belongs to the physical item (status, codes, prices, images, the initiative) is synchronized
from the default-language row, and status is always read from that row: see ``ItemQuerySet``.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import (
    DraftStateMixin,
    Locale,
    Orderable,
    RevisionMixin,
    TranslatableMixin,
)
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from core.languages import in_default_language, source_keys, source_of

# The icons a category can show; rendered as decorative emoji next to the name.
CATEGORY_ICONS = [
    ("baby", "🍼"),
    ("stroller", "👶"),
    ("tools", "🛠️"),
    ("drill", "🔩"),
    ("garden", "🌱"),
    ("ladder", "🪜"),
    ("bike", "🚲"),
    ("helmet", "⛑️"),
    ("toy", "🧸"),
    ("game", "🎲"),
    ("bricks", "🧱"),
    ("ball", "⚽"),
    ("tent", "⛺"),
    ("kitchen", "🍳"),
    ("party", "🎉"),
    ("music", "🎵"),
    ("computer", "💻"),
    ("box", "📦"),
]
ICON_CHOICES = [(key, f"{emoji} {key}") for key, emoji in CATEGORY_ICONS]
ICON_EMOJI = dict(CATEGORY_ICONS)

# Age groups used as a catalogue facet: an item belongs to each group its age range overlaps.
AGE_GROUPS = [
    ("baby", _("Babies and toddlers (0–3)"), 0, 47),
    ("child", _("Children (4–11)"), 48, 143),
    ("teen", _("Teenagers (12–17)"), 144, 215),
    ("adult", _("Adults"), 216, None),
]


class Category(TranslatableMixin, models.Model):
    """A kind of item; two levels (for example Tools › Drills)."""

    name = models.CharField(_("name"), max_length=80)
    slug = models.SlugField(_("slug"), max_length=80, allow_unicode=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("main category"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Leave empty for a main category."),
    )
    icon = models.CharField(_("icon"), max_length=20, choices=ICON_CHOICES, default="box")
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldRowPanel([FieldPanel("icon"), FieldPanel("sort_order")]),
    ]
    translatable_fields = [
        TranslatableField("name"),
        SynchronizedField("slug"),
        SynchronizedField("parent"),
        SynchronizedField("icon"),
        SynchronizedField("sort_order"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["sort_order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["slug", "locale"], name="unique_category_slug"),
        ]

    def __str__(self):
        if self.parent_id:
            return f"{self.parent.name} › {self.name}"
        return self.name

    @property
    def emoji(self):
        return ICON_EMOJI.get(self.icon, "📦")

    def clean(self):
        super().clean()
        if self.parent_id:
            if self.parent.parent_id:
                raise ValidationError(
                    {"parent": _("Choose a main category: categories have two levels only.")}
                )
            if self.pk and self.parent_id == self.pk:
                raise ValidationError({"parent": _("A category cannot be its own parent.")})
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": _("This category has subcategories, so it must stay a main one.")}
                )


class ItemQuerySet(models.QuerySet):
    def with_source_status(self):
        """Annotate ``source_status``: the status of the physical item (default language)."""
        source = in_default_language(
            Item.objects.filter(translation_key=OuterRef("translation_key"))
        )
        return self.annotate(source_status=Subquery(source.values("status")[:1]))

    def for_cards(self):
        """With what an item card or page shows, in a fixed number of queries: the initiative,
        category, locale and physical status, and the photos in order with their renditions."""
        photos = ItemImage.objects.select_related("image").prefetch_related("image__renditions")
        return (
            self.with_source_status()
            .select_related("initiative", "category", "locale")
            .prefetch_related(Prefetch("images", queryset=photos.order_by("sort_order")))
        )

    def public(self):
        """Published items that have not been retired, as the public catalogue shows them."""
        retired = source_keys(Item.objects.all(), status=Item.Status.RETIRED)
        return self.filter(live=True).exclude(translation_key__in=retired)


def age_group_q(key):
    """The condition for items whose age range overlaps an age group (None: no such group)."""
    for group_key, _label, low, high in AGE_GROUPS:
        if group_key == key:
            condition = Q(age_max_months__isnull=True) | Q(age_max_months__gte=low)
            if high is not None:
                condition &= Q(age_min_months__isnull=True) | Q(age_min_months__lte=high)
            return condition & ~Q(age_min_months__isnull=True, age_max_months__isnull=True)
    return None


class Item(
    DraftStateMixin,
    RevisionMixin,
    TranslatableMixin,
    index.Indexed,
    ClusterableModel,
):
    """One physical thing an initiative lends (a translation is a row per language)."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("available")
        IN_REPAIR = "in_repair", _("in repair")
        RETIRED = "retired", _("retired")

    class Condition(models.TextChoices):
        NEW = "new", _("as new")
        GOOD = "good", _("good")
        FAIR = "fair", _("fair, with signs of use")
        WORN = "worn", _("worn, works fine")

    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="items"
    )
    code = models.CharField(
        _("inventory code"),
        max_length=30,
        help_text=_("The code on the label of the item, unique within the initiative."),
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    contents = models.TextField(
        _("contents and accessories"),
        blank=True,
        help_text=_("One per line, for example: 2 batteries, charger, case."),
    )
    brand = models.CharField(_("brand"), max_length=80, blank=True)
    age_min_months = models.PositiveSmallIntegerField(
        _("from age (months)"), null=True, blank=True, help_text=_("For example 48 for 4 years.")
    )
    age_max_months = models.PositiveSmallIntegerField(_("to age (months)"), null=True, blank=True)
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AVAILABLE
    )
    deposit = models.DecimalField(
        _("deposit (€)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Leave empty to use the initiative's rule."),
    )
    loan_days = models.PositiveSmallIntegerField(
        _("longest loan (days)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty to use the initiative's longest loan period."),
    )
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ItemQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("initiative"), FieldPanel("code")]),
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("contents"),
        FieldRowPanel([FieldPanel("brand"), FieldPanel("condition"), FieldPanel("status")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("age_min_months"), FieldPanel("age_max_months")]),
                FieldRowPanel([FieldPanel("deposit"), FieldPanel("loan_days")]),
            ],
            heading=_("Age and lending terms"),
        ),
        InlinePanel("images", label=_("Photo"), heading=_("Photos")),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("contents"),
        SynchronizedField("initiative"),
        SynchronizedField("category"),
        SynchronizedField("code"),
        SynchronizedField("brand"),
        SynchronizedField("age_min_months"),
        SynchronizedField("age_max_months"),
        SynchronizedField("condition"),
        SynchronizedField("status"),
        SynchronizedField("deposit"),
        SynchronizedField("loan_days"),
        SynchronizedField("images"),
    ]

    search_fields = [
        index.SearchField("name", boost=3),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        index.SearchField("contents"),
        index.SearchField("brand"),
        index.SearchField("code"),
        index.FilterField("locale"),
        index.FilterField("initiative"),
        index.FilterField("category"),
        index.FilterField("status"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["name"]
        constraints = [
            # With the locale in it, translating an item does not collide with its source.
            models.UniqueConstraint(
                fields=["initiative", "code", "locale"], name="unique_item_code_per_initiative"
            ),
        ]
        indexes = [
            models.Index(fields=["locale", "live", "created_at"]),
            models.Index(fields=["translation_key", "locale"]),
        ]

    def __str__(self):
        return f"{self.name} ({self.code})"

    def clean(self):
        super().clean()
        if (
            self.age_min_months is not None
            and self.age_max_months is not None
            and self.age_max_months < self.age_min_months
        ):
            raise ValidationError(
                {"age_max_months": _("The upper age must be at least the lower age.")}
            )
        if self.initiative_id and not self.initiative.lends_items:
            raise ValidationError({"initiative": _("This initiative does not lend items.")})

    # The physical item -------------------------------------------------------------------

    def source(self):
        """The default-language row: the physical item whose status counts."""
        return source_of(self)

    @property
    def physical_status(self):
        annotated = getattr(self, "source_status", None)
        return annotated or self.source().status

    @property
    def is_available(self):
        """Lendable at all (not in repair or retired); see ``is_lent_out`` for today."""
        return self.physical_status == self.Status.AVAILABLE

    @property
    def is_lent_out(self):
        """Out or reserved today. The catalogue does not know reservations: the lending app
        annotates it (``lending.availability.with_lent_out``) where it is shown."""
        return self.lent_out

    def effective_loan_days(self):
        return self.loan_days or self.initiative.max_loan_days

    def effective_deposit(self):
        return self.deposit if self.deposit is not None else self.initiative.default_deposit

    def age_range_display(self):
        low, high = self.age_min_months, self.age_max_months
        if low is None and high is None:
            return ""

        def years_or_months(months):
            if months % 12 and months < 36:
                return ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
            return ngettext("%(n)d year", "%(n)d years", months // 12) % {"n": months // 12}

        if high is None:
            return _("from %(age)s") % {"age": years_or_months(low)}
        if low is None or low == 0:
            return _("up to %(age)s") % {"age": years_or_months(high)}
        return _("%(low)s to %(high)s") % {
            "low": years_or_months(low),
            "high": years_or_months(high),
        }

    def contents_list(self):
        return [line.strip(" -•\t") for line in self.contents.splitlines() if line.strip(" -•\t")]

    def localized_in(self, locale: Locale):
        return self.get_translation_or_none(locale) or self


class ItemImage(Orderable):
    item = ParentalKey(Item, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("image")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
