"""The per-row code, status and condition of items go: they belong to copies (0005-0007). An
item's address is its slug, unique within its initiative and language."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0007_group_copies"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="item",
            name="unique_item_code_per_initiative",
        ),
        # A default first, so that migrating back can add the column to rows again.
        migrations.AlterField(
            model_name="item",
            name="code",
            field=models.CharField(default="", max_length=30, verbose_name="inventory code"),
        ),
        migrations.RemoveField(model_name="item", name="code"),
        migrations.RemoveField(model_name="item", name="condition"),
        migrations.RemoveField(model_name="item", name="status"),
        migrations.AddConstraint(
            model_name="item",
            constraint=models.UniqueConstraint(
                fields=("initiative", "slug", "locale"), name="unique_item_slug_per_initiative"
            ),
        ),
    ]
