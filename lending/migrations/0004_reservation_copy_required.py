"""Every reservation holds a copy now (0003), and on PostgreSQL the exclusion constraint that
makes double booking impossible compares copies instead of items."""

import django.db.models.deletion
from django.db import migrations, models

CONSTRAINT = "reservation_no_overlap"
# Reservation.ACTIVE_STATUSES, frozen here.
ACTIVE_STATUSES = ("requested", "confirmed", "picked_up")


def exclusion_constraint(field):
    from django.contrib.postgres.constraints import ExclusionConstraint
    from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
    from django.db.models import F, Func, Q

    class DateRange(Func):
        function = "daterange"
        output_field = DateRangeField()

    return ExclusionConstraint(
        name=CONSTRAINT,
        expressions=[
            (F(field), RangeOperators.EQUAL),
            (
                # '[]': the pickup and the return day both count as booked.
                DateRange("pickup_date", "return_date", RangeBoundary(inclusive_upper=True)),
                RangeOperators.OVERLAPS,
            ),
        ],
        condition=Q(status__in=ACTIVE_STATUSES),
    )


def _swap(old, new):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        model = apps.get_model("lending", "Reservation")
        schema_editor.remove_constraint(model, exclusion_constraint(old))
        schema_editor.add_constraint(model, exclusion_constraint(new))

    return run



class Migration(migrations.Migration):
    dependencies = [
        ("lending", "0003_reservation_copy_filled"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="reservation",
            index=models.Index(
                fields=["copy", "status", "pickup_date"], name="reservation_copy_status_pickup"
            ),
        ),
        migrations.RunPython(_swap("item", "copy"), _swap("copy", "item"), elidable=False),
        migrations.AlterField(
            model_name="reservation",
            name="copy",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reservations",
                to="catalogue.copy",
                verbose_name="copy",
            ),
        ),
    ]
