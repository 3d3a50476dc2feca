"""On PostgreSQL, make overlapping active reservations of one item impossible in the database.

Not in Reservation.Meta.constraints: SQLite cannot create an EXCLUDE constraint, so this acts
only on PostgreSQL and leaves the migration state untouched (makemigrations stays clean).
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "reservation_no_overlap"
# The active statuses of catalogue.models.Reservation.ACTIVE_STATUSES, frozen here.
ACTIVE_STATUSES = ("requested", "confirmed", "picked_up")


def exclusion_constraint():
    from django.contrib.postgres.constraints import ExclusionConstraint
    from django.contrib.postgres.fields import DateRangeField, RangeBoundary, RangeOperators
    from django.db.models import F, Func, Q

    class DateRange(Func):
        function = "daterange"
        output_field = DateRangeField()

    return ExclusionConstraint(
        name=CONSTRAINT,
        expressions=[
            (F("item"), RangeOperators.EQUAL),
            (
                # '[]': the pickup and the return day both count as booked.
                DateRange(
                    "pickup_date", "return_date", RangeBoundary(inclusive_upper=True)
                ),
                RangeOperators.OVERLAPS,
            ),
        ],
        condition=Q(status__in=ACTIVE_STATUSES),
    )


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_constraint(apps.get_model("catalogue", "Reservation"), exclusion_constraint())


def remove_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_constraint(
        apps.get_model("catalogue", "Reservation"), exclusion_constraint()
    )


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0002_reservations"),
    ]

    operations = [
        # Itself a no-op on other databases.
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, remove_constraint, elidable=False),
    ]
