"""On PostgreSQL, a trigram index on the folded item name.

The catalogue search also matches a term anywhere inside the name, so that Dutch compounds are
found ("boormachine" in "klopboormachine"); that is a ``LIKE '%term%'``, which only a trigram
index serves without reading every row. SQLite reads the (small) name column instead.
"""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS search_itemdocument_name_trgm"
    " ON search_itemdocument USING GIN (name gin_trgm_ops)",
]
BACKWARD = ["DROP INDEX IF EXISTS search_itemdocument_name_trgm"]


def _on_postgresql(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("search", "0002_full_text_tables")]

    operations = [migrations.RunPython(_on_postgresql(FORWARD), _on_postgresql(BACKWARD))]
