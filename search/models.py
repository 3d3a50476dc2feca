"""The catalogue's own full-text index in the database (see search/indexing.py).

One row per searchable item row (that is, per language): the item's text folded to lower case
without accents. PostgreSQL keeps a weighted tsvector per row, built with the language's text
search configuration; SQLite keeps the same text in an FTS5 table created by migration 0001.
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

    class Meta:
        verbose_name = "catalogue search document"

    def __str__(self):
        return f"{self.language}: {self.name}"
