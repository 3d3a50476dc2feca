"""Items and copies (docs/architecture.md, "Items and copies"): the copy table and the item's
own address (its slug). 0006 fills them; each step is a migration of its own, as PostgreSQL
cannot alter a table in the transaction that changed its rows."""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0004_reservations_to_lending_page_to_home"),
    ]

    operations = [
        migrations.CreateModel(
            name="Copy",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("code", models.CharField(help_text="The code on the label of this copy, for example IN-0001.", max_length=30, unique=True, verbose_name="code")),
                ("status", models.CharField(choices=[("available", "available"), ("in_repair", "in repair"), ("retired", "retired")], default="available", max_length=10, verbose_name="status")),
                ("condition", models.CharField(choices=[("new", "as new"), ("good", "good"), ("fair", "fair, with signs of use"), ("worn", "worn, works fine")], default="good", max_length=10, verbose_name="condition")),
                ("notes", models.TextField(blank=True, help_text="For the volunteers only: defects, missing parts.", verbose_name="notes")),
                ("acquired_on", models.DateField(blank=True, null=True, verbose_name="acquired on")),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now, editable=False, verbose_name="added")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                ("item", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name="copies", to="catalogue.item", verbose_name="item")),
            ],
            options={
                "verbose_name": "copy",
                "verbose_name_plural": "copies",
                "ordering": ["code"],
                "indexes": [models.Index(fields=["item", "status"], name="copy_item_status")],
            },
        ),
        migrations.AddField(
            model_name="item",
            name="slug",
            field=models.SlugField(blank=True, max_length=140, verbose_name="address"),
        ),
    ]
