"""Admin for volunteers: a dashboard panel that leads straight to their own initiative; the
page explorer and chooser list only what the user may see (initiatives/admin_pages.py)."""

from django.urls import reverse

from wagtail import hooks
from wagtail.admin.ui.components import Component

from .admin_dashboard import hide_site_summary, hide_unused_menu_items, publish_first
from .admin_localize import hide_translations_report
from .admin_pages import chooser_pages, explorer_pages
from .admin_reports import hide_coordinator_reports
from .models import InitiativePage
from .teams import teams_of


class MyInitiativesPanel(Component):
    name = "my_initiatives"
    template_name = "initiatives/admin/my_initiatives_panel.html"
    order = 30

    def __init__(self, pages):
        self.pages = pages

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["pages"] = [
            {
                "page": page,
                "edit_url": reverse("wagtailadmin_pages:edit", args=[page.pk]),
                "add_event_url": reverse(
                    "wagtailadmin_pages:add",
                    args=["initiatives", "eventpage", page.pk],
                ),
            }
            for page in self.pages
        ]
        return context


@hooks.register("construct_homepage_panels")
def add_my_initiatives_panel(request, panels):
    keys = list(teams_of(request.user).values_list("translation_key", flat=True))
    if not keys:
        return
    pages = list(
        InitiativePage.objects.filter(translation_key__in=keys)
        .select_related("locale")
        .order_by("title", "locale__language_code")
    )
    if pages:
        panels.append(MyInitiativesPanel(pages))


hooks.register("construct_reports_menu", hide_translations_report)
hooks.register("construct_reports_menu", hide_coordinator_reports)
hooks.register("construct_explorer_page_queryset", explorer_pages)
hooks.register("construct_page_chooser_queryset", chooser_pages)
hooks.register("construct_homepage_summary_items", hide_site_summary, order=100)
hooks.register("construct_main_menu", hide_unused_menu_items)
hooks.register("construct_page_action_menu", publish_first)
hooks.register("construct_snippet_action_menu", publish_first)
