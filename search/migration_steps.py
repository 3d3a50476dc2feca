"""A migration step for a change of what search documents hold: the index is derived data, so
it is emptied, and ``search.apps`` rebuilds an empty index after ``migrate``."""


def empty_the_index(apps, schema_editor):
    apps.get_model("search", "ItemDocument").objects.all().delete()
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DELETE FROM search_item_fts")
