"""Volunteers edit and publish their own initiative, and nothing else (through the admin URLs)."""

import pytest

from django.contrib.auth.models import Group
from django.urls import reverse

from initiatives.models import InitiativePage, VolunteerTeam
from initiatives.teams import COORDINATION_GROUP, ensure_coordination_group
from tests import factories
from tests.admin_forms import PUBLISH, initiative_edit_form

pytestmark = pytest.mark.django_db


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


@pytest.fixture
def two_initiatives(index):
    a = factories.build_initiative(index, "Instrumentheek")
    b = factories.build_initiative(index, "Babytheek")
    return a, b


def assert_refused(response):
    """A page the volunteer may not edit is not there for them: 404 (initiatives/admin_pages.py),
    nothing shown."""
    assert response.status_code == 404, response.status_code


def test_creating_an_initiative_creates_its_volunteer_group(index):
    page = factories.build_initiative(index, "Instrumentheek")
    group = Group.objects.get(name="Instrumentheek – vrijwilligers")
    assert VolunteerTeam.objects.get(group=group).translation_key == page.translation_key
    granted = set(group.page_permissions.filter(page=page).values_list("permission__codename"))
    assert granted == {("add_page",), ("change_page",), ("publish_page",)}


def test_a_volunteer_edits_and_publishes_their_own_initiative(client, two_initiatives):
    a, _b = two_initiatives
    factories.volunteer_of(a, client)
    assert client.get(edit_url(a)).status_code == 200

    response = client.post(edit_url(a), initiative_edit_form(a, intro="Nu ook ladders", **PUBLISH))

    assert response.status_code == 302
    a = InitiativePage.objects.get(pk=a.pk)
    assert a.intro == "Nu ook ladders"
    assert a.live and not a.has_unpublished_changes
    assert "Nu ook ladders" in client.get(a.url).content.decode()


def test_a_volunteer_is_refused_on_another_initiatives_edit_page(client, two_initiatives):
    a, b = two_initiatives
    factories.volunteer_of(a, client)
    assert_refused(client.get(edit_url(b)))


def test_a_volunteer_cannot_publish_another_initiative(client, two_initiatives):
    a, b = two_initiatives
    factories.volunteer_of(a, client)
    revisions = b.revisions.count()

    response = client.post(edit_url(b), initiative_edit_form(b, intro="Gehackt", **PUBLISH))

    assert_refused(response)
    b = InitiativePage.objects.get(pk=b.pk)
    assert b.intro != "Gehackt"
    assert b.revisions.count() == revisions
    assert "Gehackt" not in client.get(b.url).content.decode()


def test_a_volunteer_cannot_save_a_draft_of_another_initiative(client, two_initiatives):
    a, b = two_initiatives
    factories.volunteer_of(a, client)
    revisions = b.revisions.count()
    assert_refused(client.post(edit_url(b), initiative_edit_form(b, intro="Gehackt")))
    assert b.revisions.count() == revisions


def test_a_volunteer_cannot_add_an_event_to_another_initiative(client, two_initiatives):
    a, b = two_initiatives
    factories.volunteer_of(a, client)
    own = reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", a.pk])
    other = reverse("wagtailadmin_pages:add", args=["initiatives", "eventpage", b.pk])
    assert client.get(own).status_code == 200
    assert_refused(client.get(other))


def test_a_volunteer_may_edit_the_french_translation_of_their_initiative(client, two_initiatives):
    a, b = two_initiatives
    french_a = factories.translate(a, "fr", title="Instruthèque")
    french_b = factories.translate(b, "fr", title="Bébéthèque")
    factories.volunteer_of(a, client)

    response = client.get(edit_url(french_a))
    assert response.status_code == 200
    assert "Instruthèque" in response.content.decode()
    assert_refused(client.get(edit_url(french_b)))


def test_a_volunteer_cannot_edit_the_home_page_or_the_overview(client, home, two_initiatives):
    a, _b = two_initiatives
    factories.volunteer_of(a, client)
    assert_refused(client.get(edit_url(home)))
    assert_refused(client.get(edit_url(a.get_parent())))


def test_the_coordination_group_edits_everything(client, home, two_initiatives):
    a, b = two_initiatives
    french_b = factories.translate(b, "fr", title="Bébéthèque")
    group = ensure_coordination_group()
    assert group.name == COORDINATION_GROUP
    client.force_login(factories.UserFactory(groups=[group], admin_language="en"))
    for page in (home, a.get_parent(), a, b, french_b):
        assert client.get(edit_url(page)).status_code == 200, page

    response = client.post(edit_url(b), initiative_edit_form(b, intro="Door de stad", **PUBLISH))
    assert response.status_code == 302
    assert InitiativePage.objects.get(pk=b.pk).intro == "Door de stad"


def test_the_volunteer_dashboard_links_to_their_own_initiative_only(client, two_initiatives):
    a, b = two_initiatives
    factories.volunteer_of(a, client)
    content = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Your initiative" in content
    assert edit_url(a) in content
    assert edit_url(b) not in content
