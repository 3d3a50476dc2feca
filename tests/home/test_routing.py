"""Pages served from the cached page tree still follow every edit, unpublish, move and privacy
setting at once (core/routing.py)."""

import pytest

from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.models import PageViewRestriction

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(home):
    content = factories.build_content_page(home, title="Tarieven", slug="tarieven")
    return {"home": home, "content": content}


def warm(client, url):
    assert client.get(url).status_code == 200
    return client.get(url)


def test_a_warm_page_makes_no_query_for_site_route_or_privacy(client, pages):
    warm(client, "/nl/tarieven/")
    with CaptureQueriesContext(connection) as captured:
        response = client.get("/nl/tarieven/")
    assert response.status_code == 200
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert '"wagtailcore_site"' not in sql
    assert '"home_sitesettings"' not in sql
    # Wagtail's own privacy check reads the ancestors' alias links and their restrictions.
    assert 'SELECT "wagtailcore_page"."id", "wagtailcore_page"."alias_of_id" FROM' not in sql
    assert '"wagtailcore_pageviewrestriction"."page_id" IN' not in sql
    # Routing reads the page by its slug.
    assert '"wagtailcore_page"."slug" = ' not in sql


def test_a_published_change_shows_at_once(client, pages):
    warm(client, "/nl/tarieven/")
    content = pages["content"]
    content.title = "Tarieven en sociaal tarief"
    factories.publish(content)
    assert "Tarieven en sociaal tarief" in client.get("/nl/tarieven/").content.decode()


def test_an_unpublished_page_is_gone_at_once(client, pages):
    warm(client, "/nl/tarieven/")
    pages["content"].unpublish()
    assert client.get("/nl/tarieven/").status_code == 404


def test_a_new_slug_moves_the_page(client, pages):
    warm(client, "/nl/tarieven/")
    content = pages["content"]
    content.slug = "prijzen"
    factories.publish(content)
    assert client.get("/nl/tarieven/").status_code == 404
    assert client.get("/nl/prijzen/").status_code == 200


def test_a_page_made_private_asks_for_a_log_in_at_once(client, pages):
    warm(client, "/nl/tarieven/")
    restriction = PageViewRestriction.objects.create(
        page=pages["content"], restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Coördinatie (test)"))
    response = client.get("/nl/tarieven/")
    assert response.status_code == 302
    assert "login" in response["Location"]
    restriction.delete()
    assert client.get("/nl/tarieven/").status_code == 200


def test_a_child_of_a_private_page_is_private_too(client, pages):
    child = factories.build_content_page(pages["content"], title="Sociaal tarief", slug="sociaal")
    warm(client, "/nl/tarieven/sociaal/")
    PageViewRestriction.objects.create(
        page=pages["content"], restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/nl/tarieven/sociaal/").status_code == 302
    assert child.get_view_restrictions().count() == 1


def test_unknown_addresses_are_404_and_other_languages_route_in_their_own_tree(client, pages):
    warm(client, "/nl/tarieven/")
    assert client.get("/nl/tarieven/bestaat-niet/").status_code == 404
    assert client.get("/nl/bestaat-niet/").status_code == 404
    factories.translate(pages["home"], "fr", title="Accueil")
    factories.translate(pages["content"], "fr", title="Tarifs")
    assert "Tarifs" in warm(client, "/fr/tarieven/").content.decode()
    assert "Tarieven" in client.get("/nl/tarieven/").content.decode()


def test_without_a_shared_cache_pages_route_through_the_database(client, pages, settings):
    settings.ROUTE_CACHE = False
    warm(client, "/nl/tarieven/")
    with CaptureQueriesContext(connection) as captured:
        assert client.get("/nl/tarieven/").status_code == 200
    sql = " ".join(query["sql"] for query in captured.captured_queries)
    assert '"wagtailcore_page"."slug" = ' in sql
    assert '"wagtailcore_pageviewrestriction"."page_id" IN' in sql
    PageViewRestriction.objects.create(
        page=pages["content"], restriction_type=PageViewRestriction.LOGIN
    )
    assert client.get("/nl/tarieven/").status_code == 302
