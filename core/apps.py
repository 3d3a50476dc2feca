"""The ground floor every app builds on; it knows no other app of the project."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "Site"

    def ready(self):
        from wagtail.images import get_image_model
        from wagtail.models import Locale, Page, PageViewRestriction, Site

        from . import layout_cache, page_cache, userbar
        from .models import SiteSettings

        layout_cache.changes_layout(Page, Site, PageViewRestriction, Locale, SiteSettings)
        layout_cache.connect()
        # A photo's title, crop or focal point shows on every page that uses it.
        page_cache.shows_on_pages(get_image_model())
        page_cache.connect()
        userbar.connect()
