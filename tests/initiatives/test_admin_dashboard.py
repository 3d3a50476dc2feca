"""The admin as a volunteer meets it (initiatives/admin_dashboard.py): the dashboard leads with
their own work, without Wagtail's site-wide counts; the menu leaves out snippets, documents and
reports; publishing is the primary button when editing their own initiative's page."""

import json
import re

import pytest

from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tools(index):
    return factories.build_initiative(
        index, "Instrumentheek", lends_items=True, reservations_enabled=True
    )


def menu_names(response):
    """The names of the sidebar's main menu items (Wagtail passes them as JSON props)."""
    html = response.content.decode()
    props = re.search(r'id="wagtail-sidebar-props"[^>]*>(.*?)</script>', html, re.S).group(1)
    return set(re.findall(r'"name": "([a-z0-9-]+)"', json.dumps(json.loads(props))))


def test_a_volunteers_dashboard_leads_with_their_own_work(client, tools):
    factories.volunteer_of(tools, client)
    response = client.get(reverse("wagtailadmin_home"))
    html = response.content.decode()
    assert "w-summary" not in html  # no "123 pages, 1 image, 0 documents"
    # The desk's day, then the membership applications, then their initiative's pages.
    desk = html.index("Reservation desk")
    applications = html.index('id="applications-panel-heading"')
    own_pages = html.index("Your initiative")
    assert desk < applications < own_pages
    names = menu_names(response)
    assert not names & {"snippets", "documents", "reports"}
    assert "reservations" in names


def test_a_coordinator_keeps_the_summary_and_the_whole_menu(client, tools):
    factories.coordinator(client)
    response = client.get(reverse("wagtailadmin_home"))
    assert "w-summary" in response.content.decode()
    assert {"snippets", "reports"} <= menu_names(response)


def test_publishing_is_the_primary_action_on_the_volunteers_page(client, tools):
    factories.volunteer_of(tools, client)
    html = client.get(reverse("wagtailadmin_pages:edit", args=[tools.pk])).content.decode()
    # The first button of the footer is the default action; the others are in its dropdown.
    footer = html[html.index('<footer class="footer') :]
    publish, draft = footer.find('name="action-publish"'), footer.find('class="button action-save ')
    assert -1 < publish < draft
