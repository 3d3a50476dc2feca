"""Reservations now belong to the lending app, the catalogue page to the home app; the tables
stay as they are (lending/migrations/0001, home/migrations/0003)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0003_reservation_no_overlap_postgresql"),
        ("members", "0003_outgoingmail_moved_to_lending"),
        ("lending", "0001_initial"),
        ("home", "0003_catalogue_page_here_site_settings_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="reservation",
                    name="item",
                ),
                migrations.RemoveField(
                    model_name="reservation",
                    name="member",
                ),
                migrations.RemoveField(
                    model_name="reservationevent",
                    name="reservation",
                ),
                migrations.RemoveField(
                    model_name="reservationevent",
                    name="by",
                ),
                migrations.DeleteModel(
                    name="CatalogueIndexPage",
                ),
                migrations.DeleteModel(
                    name="Reservation",
                ),
                migrations.DeleteModel(
                    name="ReservationEvent",
                ),
            ],
        ),
    ]
