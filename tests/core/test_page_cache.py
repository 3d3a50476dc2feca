"""Anonymous visitors' pages from the cache, renewed by every change that shows on them
(core/page_cache.py)."""

import datetime

import pytest

from django.utils import timezone

from core import page_cache
from tests import factories
from tests.admin_forms import PUBLISH, initiative_edit_form

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def switched_on(settings):
    settings.PAGE_CACHE_SECONDS = 300


@pytest.fixture
def site(db):
    return factories.build_site_tree(languages=("nl",))["nl"]


def test_the_second_visit_to_a_page_costs_no_query(client, site, django_assert_num_queries):
    first = client.get("/nl/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert "s-maxage=" in first["Cache-Control"] and "public" in first["Cache-Control"]
    assert "Cookie" in first["Vary"]
    with django_assert_num_queries(0):
        second = client.get("/nl/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content


def test_a_logged_in_visitor_neither_gets_nor_fills_the_cache(client, site):
    client.get("/nl/")
    member = factories.MemberFactory()
    client.force_login(member.user)
    response = client.get("/nl/")
    assert "X-Page-Cache" not in response
    assert response["Cache-Control"] == "private, no-cache"
    client.logout()
    client.cookies.clear()
    assert client.get("/nl/")["X-Page-Cache"] == "hit"


def test_a_page_with_a_form_that_posts_is_never_kept(client, site):
    for _ in range(2):
        response = client.get("/nl/account/log-in/")
        assert response.status_code == 200
        assert "X-Page-Cache" not in response
        assert "private" in response["Cache-Control"]
        client.cookies.clear()


def test_the_admin_documents_and_errors_are_never_kept(client, site):
    client.get("/nl/no-such-page/")
    assert "X-Page-Cache" not in client.get("/nl/no-such-page/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_a_publish_in_the_admin_shows_on_the_public_page_at_once(client, site):
    """An editor publishes a new title; the next anonymous visit shows it (no waiting)."""
    initiative = site.initiative
    public = client.get(initiative.url)
    assert public["X-Page-Cache"] == "miss" and client.get(initiative.url)["X-Page-Cache"] == "hit"
    editor = factories.coordinator()
    admin = type(client)()
    admin.force_login(editor)
    data = initiative_edit_form(initiative, title="Instrumentheek: nu ook op zaterdag", **PUBLISH)
    answer = admin.post(f"/admin/pages/{initiative.pk}/edit/", data)
    assert answer.status_code == 302
    after = client.get(initiative.url)
    assert after["X-Page-Cache"] == "miss"
    assert "Instrumentheek: nu ook op zaterdag" in after.content.decode()


def test_an_item_change_renews_the_catalogue_pages(client, site):
    category = factories.build_category("Boren", "boren")
    item = factories.build_item(site.initiative, category, "Klopboormachine", "IN-0001")
    client.get("/nl/sitemap.xml")
    assert client.get("/sitemap.xml")["X-Page-Cache"] in ("miss", "hit")
    before = client.get("/sitemap.xml")
    assert before["X-Page-Cache"] == "hit"
    item.name = "Schroefboormachine"
    item.save()
    assert client.get("/sitemap.xml")["X-Page-Cache"] == "miss"


def test_an_entry_is_kept_at_most_until_the_next_quarter_of_an_hour(settings):
    settings.PAGE_CACHE_SECONDS = 300
    brussels = timezone.get_current_timezone()
    at = datetime.datetime(2026, 12, 5, 9, 58, 30, tzinfo=brussels)
    assert page_cache.seconds_to_keep(at) == 90
    at = datetime.datetime(2026, 12, 5, 10, 0, 0, tzinfo=brussels)
    assert page_cache.seconds_to_keep(at) == 300


def test_switched_off_with_zero(client, site, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/nl/")
    assert "X-Page-Cache" not in client.get("/nl/")
