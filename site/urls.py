from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.utils.translation import gettext_lazy as _

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from catalogue import admin_translations
from home import routing
from home import views as home_views
from initiatives import views as initiative_views
from search import views as search_views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    # In front of wagtail-localize's own views: items stay within the volunteer's initiatives.
    path(
        "admin/localize/submit/snippet/catalogue/item/<int:pk>/",
        admin_translations.submit_item_translation,
    ),
    path(
        "admin/localize/update/<int:translation_source_id>/",
        admin_translations.update_translations,
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", home_views.sitemap, name="sitemap"),
    path("robots.txt", home_views.robots_txt, name="robots_txt"),
    path("agenda.ics", initiative_views.building_calendar, name="building_calendar"),
    path(
        "agenda/<int:page_id>.ics",
        initiative_views.initiative_calendar,
        name="initiative_calendar",
    ),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("search/"), search_views.site_search, name="site_search"),
    path(_("search/suggestions/"), search_views.suggestions, name="catalogue_suggestions"),
    path(_("account/"), include("members.urls", namespace="members")),
    # Wagtail's page view, with routes, sites and settings from the cache (home/routing.py).
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler404 = "home.views.page_not_found"
handler500 = "home.views.server_error"
