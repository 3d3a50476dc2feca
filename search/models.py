"""The catalogue's own full-text index in the database (see search/indexing.py).

One row per searchable item row (that is, per language): the item's text folded to lower case
without accents, and what the catalogue filters, counts and sorts on (initiative, categories,
ages, whether the physical item is available, when it was added), so that a search reads this
one narrow table and no joins. PostgreSQL keeps a weighted tsvector per row, built with the
language's text search configuration; SQLite keeps the same text in an FTS5 table (migration
0002).
"""

from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

from .words import words


class ItemDocument(models.Model):
    item = models.OneToOneField(
        "catalogue.Item", primary_key=True, on_delete=models.CASCADE, related_name="+"
    )
    language = models.CharField(max_length=10, db_index=True)
    name = models.TextField()
    body = models.TextField()
    vector = SearchVectorField(null=True)
    # Facets and sorting; slugs are the same in every language.
    initiative = models.CharField(max_length=255, default="")
    category = models.CharField(max_length=80, default="")
    parent_category = models.CharField(max_length=80, default="")
    age_min_months = models.PositiveSmallIntegerField(null=True)
    age_max_months = models.PositiveSmallIntegerField(null=True)
    available = models.BooleanField(default=False)  # the physical item's status
    # The default-language row, which reservations point at (see lending/availability.py).
    source_id = models.IntegerField(null=True, db_index=True)
    created_at = models.DateTimeField(null=True)
    # The forms of the word saying what the item is, between spaces (search/words.py): a query
    # term among them ranks the item first.
    thing = models.TextField(default="")

    class Meta:
        verbose_name = "catalogue search document"
        indexes = [
            models.Index(fields=["language", "initiative"], name="search_doc_initiative"),
            models.Index(fields=["language", "created_at"], name="search_doc_newest"),
        ]

    def __str__(self):
        return f"{self.language}: {self.name}"


class Synonym(TranslatableMixin, models.Model):
    """Words people type for what the catalogue names otherwise, in one language: a search for
    one of ``words`` also finds ``means`` ("rolschaatsen" finds "inlineskates"). Coordinators
    keep the list in the admin (Settings › Search words); docs/architecture.md, "Search that
    forgives"."""

    words = models.CharField(
        _("people type"),
        max_length=255,
        help_text=_(
            "One or more words or expressions, separated by commas, for example: "
            "rolschaatsen, rollerskates"
        ),
    )
    means = models.CharField(
        _("finds"),
        max_length=255,
        help_text=_("What the catalogue calls it, separated by commas, for example: inlineskates"),
    )

    panels = [FieldPanel("words"), FieldPanel("means")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        ordering = ["words"]

    def __str__(self):
        return f"{self.words} → {self.means}"

    def clean(self):
        for name in ("words", "means"):
            if not phrases(getattr(self, name)):
                raise ValidationError({name: _("Give at least one word.")})

    @property
    def pairs(self) -> list[tuple[tuple[str, ...], tuple[tuple[str, ...], ...]]]:
        """(what is typed, folded words) -> the alternatives it also finds."""
        return [(typed, tuple(phrases(self.means))) for typed in phrases(self.words)]


def phrases(text: str) -> list[tuple[str, ...]]:
    """The comma-separated expressions of a text, each as its folded words."""
    return [tuple(found) for part in (text or "").split(",") if (found := words(part))]
