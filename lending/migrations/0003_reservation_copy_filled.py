"""Each reservation gets the copy made of its item row (catalogue 0006)."""

from django.db import migrations


def copies_of_items(apps, schema_editor):
    Reservation = apps.get_model("lending", "Reservation")
    Copy = apps.get_model("catalogue", "Copy")
    first_copy = {}
    for copy_id, item_id in Copy.objects.order_by("-pk").values_list("pk", "item_id"):
        first_copy[item_id] = copy_id
    for item_id in Reservation.objects.values_list("item_id", flat=True).distinct():
        Reservation.objects.filter(item_id=item_id).update(copy_id=first_copy[item_id])


class Migration(migrations.Migration):
    dependencies = [
        ("lending", "0002_reservation_copy"),
    ]

    operations = [
        migrations.RunPython(copies_of_items, migrations.RunPython.noop),
    ]
