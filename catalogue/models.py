"""The catalogue: categories, the items the lending initiatives share, and their copies.

An item is what a member borrows ("Klopboormachine Bosch PSB 750"): its name, description,
photos, accessories, ages and loan terms, translated. A copy is one physical unit of it, with
its own label code, status and condition, not translated (docs/architecture.md, "Items and
copies"). Every translation of a category or an item is its own row sharing a
``translation_key``; copies belong to the default-language row of their item, and what
belongs to the item as a whole (its address, prices, images, the initiative) is
synchronized from that row.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
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

from core.languages import source_of

from .panels import CopiesPanel
from .querysets import ItemQuerySet, copies_of_item, count_of  # noqa: F401 - count_of: other apps

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
    """What a member borrows, in one language (a translation is a row per language); its
    physical units are its ``copies`` (of the default-language row)."""

    initiative = models.ForeignKey(
        "initiatives.InitiativePage",
        verbose_name=_("initiative"),
        on_delete=models.PROTECT,
        related_name="items",
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="items"
    )
    name = models.CharField(_("name"), max_length=120)
    # The item's address in the catalogue, made from its name when it is first saved and the
    # same in every language; renaming the item keeps it, so links keep working.
    slug = models.SlugField(_("address"), max_length=140, blank=True)
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
        FieldPanel("initiative"),
        FieldPanel("name"),
        FieldPanel("category"),
        FieldPanel("description"),
        FieldPanel("contents"),
        FieldPanel("brand"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("age_min_months"), FieldPanel("age_max_months")]),
                FieldRowPanel([FieldPanel("deposit"), FieldPanel("loan_days")]),
            ],
            heading=_("Age and lending terms"),
        ),
        InlinePanel("images", label=_("Photo"), heading=_("Photos")),
        CopiesPanel(heading=_("Copies")),
    ]

    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("description"),
        TranslatableField("contents"),
        SynchronizedField("initiative"),
        SynchronizedField("category"),
        SynchronizedField("slug"),
        SynchronizedField("brand"),
        SynchronizedField("age_min_months"),
        SynchronizedField("age_max_months"),
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
        index.FilterField("locale"),
        index.FilterField("initiative"),
        index.FilterField("category"),
        index.FilterField("live"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["name"]
        constraints = [
            # With the locale in it, translating an item does not collide with its source.
            models.UniqueConstraint(
                fields=["initiative", "slug", "locale"], name="unique_item_slug_per_initiative"
            ),
        ]
        indexes = [
            models.Index(fields=["locale", "live", "created_at"]),
            models.Index(fields=["translation_key", "locale"]),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug and self.initiative_id:
            self.slug = unique_item_slug(self.name, self.initiative_id, exclude=self)
        super().save(*args, **kwargs)

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

    # Copies and availability ----------------------------------------------------------------

    def source(self):
        """The default-language row, which the copies and reservations belong to."""
        return source_of(self)

    def copy_counts(self):
        """(copies in the collection, copies that can be lent), annotated or counted."""
        if not hasattr(self, "copies_count"):
            copies = Copy.objects.filter(item__translation_key=self.translation_key)
            self.copies_count = copies.exclude(status=Copy.Status.RETIRED).count()
            self.copies_ready = copies.filter(status=Copy.Status.AVAILABLE).count()
        return self.copies_count, self.copies_ready

    def copies_label(self):
        """For the item list: "3 of 4 can be lent" (in repair does not count), or "none"."""
        count, ready = self.copy_counts()
        if not count:
            return _("none")
        if ready == count:
            return str(count)
        return _("%(ready)d of %(count)d can be lent") % {"ready": ready, "count": count}

    @property
    def is_available(self):
        """Lendable at all: a copy is neither in repair nor retired (see ``copies_free`` for
        today)."""
        return self.copy_counts()[1] > 0

    @property
    def is_in_repair(self):
        count, ready = self.copy_counts()
        return count > 0 and ready == 0

    @property
    def is_lent_out(self):
        """Every lendable copy is out or reserved today. The catalogue does not know
        reservations: the lending app annotates ``copies_free``
        (``lending.availability.with_lent_out``) where it is shown."""
        return self.is_available and getattr(self, "copies_free", None) == 0

    def effective_loan_days(self):
        return self.loan_days or self.initiative.max_loan_days

    def loan_days_that_count(self):
        """The default-language row's ``effective_loan_days`` (annotated or read)."""
        if getattr(self, "loan_days_in_force", None) is not None:
            return self.loan_days_in_force
        return self.source().effective_loan_days()

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


def unique_item_slug(name, initiative_id, *, exclude=None) -> str:
    """An address for an item of the initiative, made from its name, not yet in use there."""
    base = (slugify(name) or "item")[:130].strip("-")
    taken = Item.objects.filter(initiative_id=initiative_id, slug__startswith=base)
    if exclude is not None and exclude.translation_key:
        taken = taken.exclude(translation_key=exclude.translation_key)
    used = set(taken.values_list("slug", flat=True))
    slug, number = base, 2
    while slug in used:
        slug, number = f"{base}-{number}", number + 1
    return slug


class Copy(models.Model):
    """One physical unit of an item, with the code on its label (docs/architecture.md, "Items
    and copies"). Not translated: it belongs to the default-language row of its item."""

    class Status(models.TextChoices):
        AVAILABLE = "available", _("available")
        IN_REPAIR = "in_repair", _("in repair")
        RETIRED = "retired", _("retired")

    class Condition(models.TextChoices):
        NEW = "new", _("as new")
        GOOD = "good", _("good")
        FAIR = "fair", _("fair, with signs of use")
        WORN = "worn", _("worn, works fine")

    # Best first: the order in which a reservation prefers copies of equal use.
    CONDITION_ORDER = (Condition.NEW, Condition.GOOD, Condition.FAIR, Condition.WORN)

    item = models.ForeignKey(
        Item, verbose_name=_("item"), on_delete=models.CASCADE, related_name="copies"
    )
    code = models.CharField(
        _("code"),
        max_length=30,
        unique=True,
        help_text=_("The code on the label of this copy, for example IN-0001."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.AVAILABLE
    )
    condition = models.CharField(
        _("condition"), max_length=10, choices=Condition.choices, default=Condition.GOOD
    )
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("For the volunteers only: defects, missing parts.")
    )
    acquired_on = models.DateField(_("acquired on"), null=True, blank=True)
    created_at = models.DateTimeField(_("added"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    panels = [
        FieldPanel("item"),
        FieldRowPanel([FieldPanel("code"), FieldPanel("acquired_on")]),
        FieldRowPanel([FieldPanel("status"), FieldPanel("condition")]),
        FieldPanel("notes"),
    ]

    class Meta:
        verbose_name = _("copy")
        verbose_name_plural = _("copies")
        ordering = ["code"]
        indexes = [models.Index(fields=["item", "status"], name="copy_item_status")]

    def __str__(self):
        return self.code

    def clean(self):
        super().clean()
        if self.item_id and not source_of(self.item).pk == self.item_id:
            raise ValidationError({"item": _("Choose the item in its original language.")})


class ItemImage(Orderable):
    item = ParentalKey(Item, related_name="images", on_delete=models.CASCADE)
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("photo"), on_delete=models.CASCADE, related_name="+"
    )

    panels = [FieldPanel("image")]

    class Meta(Orderable.Meta):
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
