"""The site settings move here from the home app; the table stays as it is."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from core.migration_steps import move_content_types


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("home", "0002_site_settings_tariffs_page"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="SiteSettings",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "name",
                            models.CharField(
                                default="De Deelfabriek", max_length=100, verbose_name="name"
                            ),
                        ),
                        (
                            "street",
                            models.CharField(
                                blank=True, max_length=120, verbose_name="street and number"
                            ),
                        ),
                        (
                            "postal_code",
                            models.CharField(blank=True, max_length=10, verbose_name="postal code"),
                        ),
                        ("city", models.CharField(blank=True, max_length=60, verbose_name="city")),
                        (
                            "email",
                            models.EmailField(blank=True, max_length=254, verbose_name="e-mail"),
                        ),
                        (
                            "phone",
                            models.CharField(blank=True, max_length=40, verbose_name="phone"),
                        ),
                        ("facebook_url", models.URLField(blank=True, verbose_name="Facebook page")),
                        (
                            "instagram_url",
                            models.URLField(blank=True, verbose_name="Instagram page"),
                        ),
                        (
                            "site",
                            models.OneToOneField(
                                editable=False,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="wagtailcore.site",
                            ),
                        ),
                        (
                            "tariffs_page",
                            models.ForeignKey(
                                blank=True,
                                help_text="Linked from every initiative's tariffs: who gets the social tariff, and how.",
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.WAGTAIL_PAGE_MODEL,
                                verbose_name="page about the tariffs",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "site settings",
                        "db_table": "home_sitesettings",
                    },
                ),
            ],
        ),
        move_content_types("sitesettings", from_app="home", to_app="core"),
    ]
