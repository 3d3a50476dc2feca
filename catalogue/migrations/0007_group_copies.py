"""Items and copies, second step: item rows of one initiative with the same name and brand
were copies of one item, so they become one item with several copies. The first row is kept;
the others' copies and reservations move to it and their rows (with their translations,
revisions and translation sources) go. Teams that may change items may change copies. The
per-row code, status and condition go in 0008 (on PostgreSQL a table cannot be altered in the
transaction that changed its rows)."""

from collections import defaultdict

from django.conf import settings
from django.db import migrations, models


def _rows_in(apps, app_label, model_name):
    try:
        return apps.get_model(app_label, model_name).objects
    except LookupError:
        return None


def group_rows(apps, schema_editor):
    Item = apps.get_model("catalogue", "Item")
    Copy = apps.get_model("catalogue", "Copy")
    Reservation = apps.get_model("lending", "Reservation")
    ContentType = apps.get_model("contenttypes", "ContentType")
    default = settings.LANGUAGE_CODE

    groups = defaultdict(list)
    sources = Item.objects.filter(locale__language_code=default).order_by("pk")
    for row in sources.values("pk", "initiative_id", "name", "brand", "translation_key"):
        groups[(row["initiative_id"], row["name"].strip().casefold(), row["brand"].strip().casefold())].append(row)

    item_type = ContentType.objects.filter(app_label="catalogue", model="item").first()
    revisions = _rows_in(apps, "wagtailcore", "Revision")
    sources_of_translations = _rows_in(apps, "wagtail_localize", "TranslationSource")
    documents = _rows_in(apps, "search", "ItemDocument")
    for rows in groups.values():
        if len(rows) < 2:
            continue
        kept, others = rows[0], rows[1:]
        other_ids = [row["pk"] for row in others]
        other_keys = [row["translation_key"] for row in others]
        Copy.objects.filter(item_id__in=other_ids).update(item_id=kept["pk"])
        Reservation.objects.filter(item_id__in=other_ids).update(item_id=kept["pk"])
        doomed = list(Item.objects.filter(translation_key__in=other_keys).values_list("pk", flat=True))
        if item_type is not None and revisions is not None:
            revisions.filter(
                base_content_type_id=item_type.pk, object_id__in=[str(pk) for pk in doomed]
            ).delete()
        if item_type is not None and sources_of_translations is not None:
            sources_of_translations.filter(
                specific_content_type_id=item_type.pk, object_id__in=other_keys
            ).delete()
        Item.objects.filter(pk__in=doomed).update(latest_revision=None, live_revision=None)
        Item.objects.filter(pk__in=doomed).delete()
        if documents is not None:
            ready = Copy.objects.filter(item_id=kept["pk"], status="available").exists()
            documents.filter(source_id=kept["pk"]).update(available=ready)


def grant_copies(apps, schema_editor):
    from django.contrib.auth.management import create_permissions

    config = apps.get_app_config("catalogue")
    config.models_module = True
    create_permissions(config, apps=apps, verbosity=0)
    config.models_module = None
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    pairs = {"add_item": "add_copy", "change_item": "change_copy", "delete_item": "delete_copy"}
    for item_codename, copy_codename in pairs.items():
        copy_permission = Permission.objects.filter(
            content_type__app_label="catalogue", codename=copy_codename
        ).first()
        if copy_permission is None:
            continue
        for group in Group.objects.filter(
            permissions__content_type__app_label="catalogue", permissions__codename=item_codename
        ):
            group.permissions.add(copy_permission)


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0006_copies_of_rows"),
        ("lending", "0004_reservation_copy_required"),
        ("search", "0005_document_source"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.RunPython(group_rows, migrations.RunPython.noop),
        migrations.RunPython(grant_copies, migrations.RunPython.noop),
    ]
