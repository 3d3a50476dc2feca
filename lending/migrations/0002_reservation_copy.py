"""Reservations hold a copy (docs/architecture.md, "Items and copies"): the column, filled in
0003 and required from 0004 (each a migration of its own: PostgreSQL cannot alter a table in
the transaction that updated its rows)."""

import django.db.models.deletion
from django.db import migrations, models

class Migration(migrations.Migration):
    dependencies = [
        ("lending", "0001_initial"),
        ("catalogue", "0006_copies_of_rows"),
    ]

    operations = [
        migrations.AddField(
            model_name="reservation",
            name="copy",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="reservations",
                to="catalogue.copy",
                verbose_name="copy",
            ),
        ),
    ]
