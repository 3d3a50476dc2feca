"""Steps for migrations that move a model from one app to another without touching its table.

The moved model keeps its table (``db_table``); the migrations change only Django's state
(``SeparateDatabaseAndState``) and rename the model's content type, so that permissions granted
to groups, the admin's log entries and wagtail-localize's translation sources, which all point
at the content type row, follow the model (docs/architecture.md, "Moving a model").
"""

from django.db import migrations


def move_content_types(*models: str, from_app: str, to_app: str) -> migrations.RunPython:
    """A reversible step renaming the content types of ``models`` (model names in lower case)
    from one app label to the other. On a new database there is nothing to rename yet: the
    content types are made after ``migrate``, under the new label."""

    def rename(source: str, target: str):
        def run(apps, schema_editor):
            ContentType = apps.get_model("contenttypes", "ContentType")
            db = schema_editor.connection.alias
            for model in models:
                old = ContentType.objects.using(db).filter(app_label=source, model=model)
                if not old.exists():
                    continue
                # One made under the new label meanwhile holds nothing yet: the old one wins.
                ContentType.objects.using(db).filter(app_label=target, model=model).delete()
                old.update(app_label=target)

        return run

    return migrations.RunPython(rename(from_app, to_app), rename(to_app, from_app))
