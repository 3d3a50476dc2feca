"""The catalogue's own full-text index in the database (see search/indexing.py).

One row per searchable item row (that is, per language): the item's text folded to lower case
without accents, and what the catalogue filters, counts and sorts on (initiative, categories,
ages, whether the physical item is available, when it was added), so that a search reads this
one narrow table and no joins. PostgreSQL keeps a weighted tsvector per row, built with the
language's text search configuration; SQLite keeps the same text in an FTS5 table (migration
0002).
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


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

    class Meta:
        verbose_name = "catalogue search document"
        indexes = [
            models.Index(fields=["language", "initiative"], name="search_doc_initiative"),
            models.Index(fields=["language", "created_at"], name="search_doc_newest"),
        ]

    def __str__(self):
        return f"{self.language}: {self.name}"
