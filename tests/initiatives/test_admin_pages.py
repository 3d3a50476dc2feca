"""Wagtail's page explorer, page chooser, page addresses, bulk actions, admin API and reports,
as one initiative's volunteer: their own initiative works, another initiative's pages, drafts,
images and documents are not there (initiatives/admin_pages.py, initiatives/admin_reports.py).
"""

import pytest
from wagtail_factories import DocumentFactory, ImageFactory

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.log_actions import log
from wagtail.models import Page

from initiatives.admin_pages import page_checks
from initiatives.models import VolunteerTeam
from tests import factories

pytestmark = pytest.mark.django_db

# Text that only another initiative's unpublished work holds.
DRAFT_TITLE = "Geheime kijkdag"
DRAFT_NAME = "Babytheek Plus"
NEVER_PUBLISHED = "Nog niet aangekondigd"


@pytest.fixture
def site(home, index):
    """Two initiatives (the Instrumentheek in Dutch and French). The Babytheek has a newer,
    unpublished name, a live event with a newer, unpublished title, an event never published,
    an image and a document; the Instrumentheek has a draft event and a live one."""
    tools = factories.build_initiative(index, "Instrumentheek")
    baby = factories.build_initiative(index, "Babytheek")
    # In French too, as every initiative: the volunteer explores from the root down.
    factories.translate(tools, "fr", title="Instruthèque")
    baby.title = DRAFT_NAME
    baby.save_revision()
    event = factories.build_event(baby, "Kijkdag")
    event.title = DRAFT_TITLE
    event.save_revision()
    draft = factories.build_event(baby, NEVER_PUBLISHED, live_revision=False)
    Page.objects.filter(pk=draft.pk).update(live=False)
    own_draft = factories.build_event(tools, "Stemavond", live_revision=False)
    Page.objects.filter(pk=own_draft.pk).update(live=False)
    collections = {
        page: VolunteerTeam.objects.get(translation_key=page.translation_key).collection
        for page in (tools, baby)
    }
    return {
        "home": home,
        "index": index,
        "tools": tools,
        "baby": baby,
        "event": event,
        "draft": draft,
        "own_draft": own_draft,
        "own_event": factories.build_event(tools, "Open repetitie"),
        "image": ImageFactory(collection=collections[baby], title="Babyfoto"),
        "own_image": ImageFactory(collection=collections[tools], title="Trompetfoto"),
        "document": DocumentFactory(
            collection=collections[baby],
            title="Babyreglement",
            file=ContentFile(b"reglement", name="reglement.txt"),
        ),
    }


@pytest.fixture
def volunteer(client, site):
    return factories.volunteer_of(site["tools"], client)


def html_of(response):
    """The HTML of an admin page or of a chooser's modal step."""
    if response["Content-Type"].startswith("application/json"):
        return response.json().get("html") or ""
    return response.content.decode()


def explore(page):
    return reverse("wagtailadmin_explore", args=[page.pk])


def choose(page):
    return reverse("wagtailadmin_choose_page_child", args=[page.pk])


# The explorer -------------------------------------------------------------------------------


def test_a_volunteer_explores_from_the_root_down_to_their_own_initiative(client, site, volunteer):
    root = Page.get_first_root_node()
    assert client.get(reverse("wagtailadmin_explore_root")).status_code == 200
    for page in (root, site["home"], site["index"], site["tools"]):
        assert client.get(explore(page)).status_code == 200, page
    listing = client.get(explore(site["index"])).content.decode()
    assert "Instrumentheek" in listing
    assert "Babytheek" not in listing
    own = client.get(explore(site["tools"])).content.decode()
    assert "Stemavond" in own and "Open repetitie" in own


@pytest.mark.parametrize("name", ["baby", "event", "draft"])
def test_another_initiatives_pages_are_not_there_in_the_explorer(client, site, volunteer, name):
    page = site[name]
    for url in (explore(page), reverse("wagtailadmin_explore_results", args=[page.pk])):
        response = client.get(url)
        assert response.status_code == 404
        assert DRAFT_TITLE not in response.content.decode()


def test_a_search_in_the_explorer_finds_only_explorable_pages(client, site, volunteer):
    url = explore(site["index"]) + "?q=kijkdag&search_all=1"
    text = client.get(url).content.decode()
    assert DRAFT_TITLE not in text and "Kijkdag" not in text


# The page chooser ---------------------------------------------------------------------------


def test_the_chooser_offers_live_pages_as_published_and_own_drafts(client, site, volunteer):
    text = html_of(client.get(choose(site["index"])))
    assert "Babytheek" in text and "Instrumentheek" in text
    assert DRAFT_NAME not in text
    # Another initiative can be chosen, not browsed into; the own one can.
    assert choose(site["tools"]) in text
    assert choose(site["baby"]) not in text

    own = html_of(client.get(choose(site["tools"])))
    assert "Stemavond" in own and "Open repetitie" in own


def test_the_chooser_does_not_browse_below_another_initiative(client, site, volunteer):
    for name in ("baby", "event", "draft"):
        assert client.get(choose(site[name])).status_code == 404


def test_the_chooser_browses_the_sites_own_live_pages(client, site, volunteer):
    news, article = factories.build_news(site["home"])
    draft = factories.build_content_page(news.get_parent(), "Werk in uitvoering", "werk")
    draft.save_revision()
    Page.objects.filter(pk=draft.pk).update(live=False)
    home = html_of(client.get(choose(site["home"])))
    assert choose(news) in home and choose(site["index"]) in home
    assert "Werk in uitvoering" not in home
    assert article.title in html_of(client.get(choose(news)))
    assert client.get(choose(draft)).status_code == 404


def test_the_chooser_search_shows_the_published_title_and_no_other_drafts(client, site, volunteer):
    search = reverse("wagtailadmin_choose_page_search")
    found = html_of(client.get(search, {"q": "kijkdag"}))
    assert "Kijkdag" in found
    assert DRAFT_TITLE not in found
    # The parent is shown by its published name, not as a way into another initiative.
    assert "Babytheek" in found and DRAFT_NAME not in found
    assert choose(site["baby"]) not in found
    assert NEVER_PUBLISHED not in html_of(client.get(search, {"q": "aangekondigd"}))
    own = html_of(client.get(search, {"q": "stemavond"}))
    assert "Stemavond" in own and choose(site["tools"]) in own


def test_pages_chosen_at_once_are_shown_as_published(client, site, volunteer):
    url = reverse("wagtailadmin_choose_page_chosen_multiple")
    response = client.get(url, {"id": [site["event"].pk, site["own_draft"].pk]})
    assert response.status_code == 200
    titles = {page["adminTitle"] for page in response.json()["result"]}
    assert titles == {"Kijkdag", "Stemavond"}
    assert client.get(url, {"id": [site["event"].pk, site["draft"].pk]}).status_code == 404
    assert client.get(url, {"id": ["abc"]}).status_code == 404


def test_the_chooser_starts_where_the_volunteer_may_browse(client, site, volunteer):
    # Events only below the Babytheek (and the own drafts): Wagtail would start there.
    Page.objects.filter(pk__in=[site["own_draft"].pk, site["own_event"].pk]).delete()
    response = client.get(
        reverse("wagtailadmin_choose_page"), {"page_type": "initiatives.eventpage"}
    )
    assert response.status_code == 200
    assert response.json()["parent_page_id"] == Page.get_first_root_node().pk


def test_a_coordinator_sees_every_draft_in_the_chooser_and_explorer(client, site):
    factories.coordinator(client)
    assert DRAFT_NAME in html_of(client.get(choose(site["index"])))
    assert DRAFT_TITLE in html_of(client.get(choose(site["baby"])))
    assert NEVER_PUBLISHED in html_of(client.get(choose(site["baby"])))
    assert client.get(explore(site["baby"])).status_code == 200
    assert DRAFT_TITLE in client.get(explore(site["event"])).content.decode()


# Page addresses -----------------------------------------------------------------------------


def test_moving_is_confirmed_only_for_own_pages_into_own_pages(client, site, volunteer):
    def confirm(page, destination):
        return reverse("wagtailadmin_pages:move_confirm", args=[page.pk, destination.pk])

    assert client.get(confirm(site["event"], site["tools"])).status_code == 404
    assert client.get(confirm(site["own_event"], site["baby"])).status_code == 404
    assert client.get(confirm(site["own_event"], site["index"])).status_code == 404


def test_workflow_cancellation_is_confirmed_only_for_own_pages(client, site, volunteer):
    def url(page):
        return reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[page.pk])

    assert client.get(url(site["draft"])).status_code == 404
    assert client.get(url(site["own_draft"])).status_code == 200


def test_a_volunteer_adds_events_to_their_own_initiative_only(client, site, volunteer):
    def add(parent):
        return reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", parent.pk])

    assert client.get(add(site["tools"])).status_code == 200
    assert client.get(
        reverse("wagtailadmin_pages:add_subpage", args=[site["tools"].pk])
    ).status_code in (200, 302)
    assert client.get(add(site["baby"])).status_code == 404


def test_an_address_with_an_argument_not_known_is_closed():
    assert page_checks("wagtailadmin_pages", "something_new", {"page_id": 1, "novel": 2}) is None


def test_anyone_without_admin_access_is_sent_to_the_log_in(client, site):
    for url in (
        explore(site["baby"]),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_reports:page_types_usage"),
        reverse("wagtailadmin_api:images:detail", args=[site["image"].pk]),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("wagtailadmin_login"))


# Bulk actions -------------------------------------------------------------------------------


def bulk(app_label, model_name, action, *objects, **query):
    url = reverse("wagtail_bulk_action", args=[app_label, model_name, action])
    ids = "&".join(f"id={obj.pk}" for obj in objects)
    extra = "".join(f"&{key}={value}" for key, value in query.items())
    return f"{url}?{ids}{extra}"


def test_a_bulk_action_names_only_objects_the_volunteer_may_act_on(client, site, volunteer):
    refused = [
        bulk("wagtailcore", "page", "delete", site["event"]),
        bulk("wagtailcore", "page", "publish", site["own_event"], site["draft"]),
        bulk("wagtailcore", "page", "unpublish", site["event"]),
        bulk("wagtailcore", "page", "move", site["draft"]),
        bulk("wagtailimages", "image", "add_tags", site["image"]),
        bulk("wagtailimages", "image", "add_to_collection", site["own_image"], site["image"]),
        bulk("wagtaildocs", "document", "delete", site["document"]),
        bulk("wagtailcore", "page", "publish", childOf=site["baby"].pk).replace("?&", "?id=all&"),
        bulk("wagtailcore", "page", "publish").replace("?", "?id=abc"),
    ]
    for url in refused:
        for response in (client.get(url), client.post(url)):
            assert response.status_code == 404, url
            text = response.content.decode()
            assert "Babyfoto" not in text and DRAFT_TITLE not in text and "Kijkdag" not in text
    assert Page.objects.filter(pk=site["draft"].pk, live=False).exists()

    own = client.get(bulk("wagtailimages", "image", "add_tags", site["own_image"]))
    assert own.status_code == 200
    assert "Trompetfoto" in own.content.decode()
    all_own = bulk("wagtailcore", "page", "publish", childOf=site["tools"].pk)
    assert client.get(all_own.replace("?&", "?id=all&")).status_code == 200


# The admin API ------------------------------------------------------------------------------


def test_the_image_and_document_api_answers_for_own_objects_only(client, site, volunteer):
    image = reverse("wagtailadmin_api:images:detail", args=[site["image"].pk])
    own = reverse("wagtailadmin_api:images:detail", args=[site["own_image"].pk])
    document = reverse("wagtailadmin_api:documents:detail", args=[site["document"].pk])
    assert client.get(own).json()["title"] == "Trompetfoto"
    assert client.get(image).status_code == 404
    assert client.get(document).status_code == 404
    for listing in ("wagtailadmin_api:images:listing", "wagtailadmin_api:documents:listing"):
        assert client.get(reverse(listing)).status_code == 404
    find = reverse("wagtailadmin_api:images:find") + f"?id={site['own_image'].pk}"
    assert client.get(find).status_code == 404

    factories.coordinator(client)
    assert client.get(image).json()["title"] == "Babyfoto"
    assert (
        "Babyreglement"
        in client.get(reverse("wagtailadmin_api:documents:listing")).content.decode()
    )


# Reports ------------------------------------------------------------------------------------


def test_the_page_types_report_is_for_coordinators(client, site, volunteer):
    report = reverse("wagtailadmin_reports:page_types_usage")
    results = reverse("wagtailadmin_reports:page_types_usage_results")
    assert client.get(report).status_code == 404
    assert client.get(results).status_code == 404
    assert report not in client.get(reverse("wagtailadmin_home")).content.decode()

    factories.coordinator(client)
    assert client.get(report).status_code == 200
    assert report in client.get(reverse("wagtailadmin_home")).content.decode()


def test_site_history_shows_page_entries_of_own_pages_only(client, site, volunteer):
    other = factories.volunteer_of(site["baby"], first_name="Zoltan", last_name="Quispel")
    log(instance=site["draft"], action="wagtail.edit", user=other, title=NEVER_PUBLISHED)
    log(instance=site["index"], action="wagtail.edit", user=other, title="Overzicht")
    log(instance=site["own_event"], action="wagtail.edit", user=volunteer, title="Repetitie")

    text = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Repetitie" in text
    assert "Quispel" not in text and NEVER_PUBLISHED not in text and "Overzicht" not in text
    filtered = client.get(reverse("wagtailadmin_reports:site_history"), {"user": other.pk})
    assert NEVER_PUBLISHED not in filtered.content.decode()

    factories.coordinator(client)
    text = client.get(reverse("wagtailadmin_reports:site_history")).content.decode()
    assert "Quispel" in text and NEVER_PUBLISHED in text
