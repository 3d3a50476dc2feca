from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.urls import include, path, re_path, register_converter
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import cache_control
from django.views.static import serve as static_serve

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from core import routing
from core.params import IdConverter
from home import site_search
from home import views as home_views
from initiatives import views as initiative_views
from initiatives.admin_localize import guard_localize_urls
from initiatives.admin_pages import guard_page_urls
from initiatives.admin_reports import coordinators_only_reports, scope_site_history
from search import views as search_views

# wagtail-localize's views, Wagtail's page views, explorer, chooser, bulk actions, admin API
# and site history check the kind of object, not its initiative: every one of them goes
# through the scope rule (initiatives/scope.py).
if not guard_localize_urls(wagtailadmin_urls.urlpatterns):
    raise ImproperlyConfigured("wagtail-localize's admin URLs were not found to guard them.")
if unguarded := guard_page_urls(wagtailadmin_urls.urlpatterns):
    raise ImproperlyConfigured(f"Wagtail's admin URLs not found to guard them: {unguarded}")
if scope_site_history(wagtailadmin_urls.urlpatterns) != 2:
    raise ImproperlyConfigured("Wagtail's site history URLs were not found to scope them.")
if coordinators_only_reports(wagtailadmin_urls.urlpatterns) != 2:
    raise ImproperlyConfigured("Wagtail's page types report URLs were not found to guard them.")

# `<id:...>`: an id the database can hold; longer digit strings are a 404, not an overflow.
register_converter(IdConverter, "id")

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    # Browsers ask for /favicon.ico whatever the page says; a day in any cache.
    path(
        "favicon.ico",
        cache_control(public=True, max_age=86400)(static_serve),
        {"path": "favicon.ico", "document_root": settings.BASE_DIR / "static" / "icons"},
        name="favicon",
    ),
    path("agenda.ics", initiative_views.building_calendar, name="building_calendar"),
    path(
        "agenda/<id:page_id>.ics",
        initiative_views.initiative_calendar,
        name="initiative_calendar",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    # The error pages as a visitor sees them (DEBUG shows Django's technical pages instead).
    urlpatterns += i18n_patterns(
        path("errors/<int:code>/", home_views.error_preview, name="error_preview"),
        prefix_default_language=True,
    )

elif getattr(settings, "SERVE_MEDIA", False):
    # Uploads on this host's disk in production (no bucket configured): served here, cached
    # for a year, as renditions and uploads get new names when they change. A proxy in front
    # can serve MEDIA_ROOT itself instead (README, "Media").
    urlpatterns.append(
        re_path(
            r"^media/(?P<path>.+)$",
            cache_control(public=True, max_age=31536000)(static_serve),
            {"document_root": settings.MEDIA_ROOT},
            name="media",
        )
    )

urlpatterns += i18n_patterns(
    path(_("search/"), site_search.site_search, name="site_search"),
    path(_("search/suggestions/"), search_views.suggestions, name="catalogue_suggestions"),
    path(_("account/"), include("members.urls", namespace="members")),
    # The member's reservations, under the same prefix as the rest of "my account".
    path(_("account/"), include("lending.urls", namespace="lending")),
    # Wagtail's page view, with routes, sites and settings from the cache (core/routing.py).
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "home.views.bad_request"
handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
