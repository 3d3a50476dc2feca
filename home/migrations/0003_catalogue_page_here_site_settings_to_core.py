"""The catalogue page joins the site's other pages here; the site settings move to the core
app. Tables stay as they are.
"""

import core.routing
import django.db.models.deletion
import wagtail.contrib.routable_page.models
from django.conf import settings
from django.db import migrations, models

from core.migration_steps import move_content_types


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_site_settings_tariffs_page"),
        ("core", "0001_initial"),
        ("catalogue", "0003_reservation_no_overlap_postgresql"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="CatalogueIndexPage",
                    fields=[
                        (
                            "page_ptr",
                            models.OneToOneField(
                                auto_created=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                parent_link=True,
                                primary_key=True,
                                serialize=False,
                                to=settings.WAGTAIL_PAGE_MODEL,
                            ),
                        ),
                        ("intro", models.TextField(blank=True, verbose_name="introduction")),
                    ],
                    options={
                        "verbose_name": "catalogue",
                        "db_table": "catalogue_catalogueindexpage",
                    },
                    bases=(
                        wagtail.contrib.routable_page.models.RoutablePageMixin,
                        core.routing.CachedPrivacyMixin,
                        "wagtailcore.page",
                    ),
                ),
                migrations.DeleteModel(
                    name="SiteSettings",
                ),
            ],
        ),
        move_content_types("catalogueindexpage", from_app="catalogue", to_app="home"),
    ]
