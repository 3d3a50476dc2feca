"""The reservation desk in the admin: scoped to the volunteer's initiatives, every action
through the rules service, and a dashboard panel (the walk-in loan: test_walk_in.py).

"Today" is Monday 2 November 2026 at 10:00; both initiatives open on Mondays 09–12.
"""

import pytest

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lending.models import Reservation
from tests import factories
from tests.catalogue.factories import first_copy
from tests.lending.desk_world import (  # noqa: F401 - names the tests use
    LAST_WEEK,
    NEXT_MONDAY,
    TODAY,
    WEDNESDAY,
    D,
    Status,
    act,
    messages_of,
    status_of,
    url,
)

pytestmark = pytest.mark.django_db


# The listing --------------------------------------------------------------------------------


def test_a_volunteer_lists_only_their_initiatives_reservations(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = client.get(url("index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Klopboormachine (IN-0001)" in html and "Decoupeerzaag (IN-0002)" in html
    assert "Kinderwagen" not in html
    assert desk["alice"].member_number in html
    rows = list(response.context["object_list"])
    # Today's work first: the pickup of today, the return of today, then the rest.
    assert rows == [desk["requested"], desk["picked_up"], desk["confirmed"]]
    by_pickup = client.get(url("index"), {"ordering": "pickup_date"}).context["object_list"]
    assert list(by_pickup) == [desk["picked_up"], desk["requested"], desk["confirmed"]]


def test_the_listing_does_not_show_contact_details_to_volunteers(client, desk):
    factories.volunteer_of(desk["tools"], client)
    html = client.get(url("index")).content.decode()
    assert "alice@example.org" not in html and "0470 99 88 77" not in html


def test_the_listing_filters_by_status_date_initiative_and_item(client, desk):
    factories.coordinator(client)

    def listed(**params):
        return set(client.get(url("index"), params).context["object_list"])

    assert listed(status=Status.REQUESTED) == {desk["requested"], desk["other"]}
    assert listed(pickup_date_from="2026-11-02", pickup_date_to="2026-11-02") == {
        desk["requested"],
        desk["other"],
    }
    assert listed(initiative=desk["baby"].pk) == {desk["other"]}
    assert listed(item="IN-0002") == {desk["picked_up"]}
    assert listed(item="kinderwagen") == {desk["other"]}


def test_the_initiative_filter_offers_only_the_volunteers_initiatives(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = client.get(url("index"))
    choices = response.context["filters"].form.fields["initiative"].queryset
    assert list(choices) == [desk["tools"]]
    # Naming another initiative in the address shows nothing of it.
    response = client.get(url("index"), {"initiative": desk["baby"].pk})
    assert desk["other"] not in list(response.context["object_list"])


def test_a_coordinator_sees_every_reservation_and_the_contact_details(client, desk):
    factories.coordinator(client)
    html = client.get(url("index")).content.decode()
    assert "Klopboormachine" in html and "Kinderwagen" in html
    response = client.get(url("inspect", desk["other"].pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "alice@example.org" in html and "0470 99 88 77" in html
    response = act(client, desk["other"], "confirm")
    assert status_of(desk["other"]) == Status.CONFIRMED


def test_there_are_no_generic_add_edit_or_delete_views(client, desk):
    factories.coordinator(client)
    pk = desk["requested"].pk
    for address in (
        "/admin/reservations/new/",
        f"/admin/reservations/edit/{pk}/",
        f"/admin/reservations/delete/{pk}/",
        f"/admin/reservations/copy/{pk}/",
    ):
        assert client.get(address).status_code == 404
        assert client.post(address, {"status": Status.CANCELLED}).status_code == 404
    assert status_of(desk["requested"]) == Status.REQUESTED
    html = client.get(url("index")).content.decode()
    assert "/admin/reservations/edit/" not in html


def test_the_desk_is_for_admin_users_only(desk):
    anonymous = Client()
    response = anonymous.get(url("index"))
    assert response.status_code == 302
    response = anonymous.post(url("action", desk["requested"].pk, "confirm"))
    assert response.status_code == 302
    assert status_of(desk["requested"]) == Status.REQUESTED


# Another initiative's reservation -----------------------------------------------------------


def test_another_initiatives_reservation_is_not_found(client, desk):
    factories.volunteer_of(desk["tools"], client)
    assert client.get(url("inspect", desk["other"].pk)).status_code == 404


@pytest.mark.parametrize("action", ["confirm", "hand_out", "take_back", "cancel", "no_show"])
def test_no_action_on_another_initiatives_reservation(client, desk, action):
    factories.volunteer_of(desk["tools"], client)
    other = desk["other"]
    response = client.post(url("action", other.pk, action), {"accessories_checked": "on"})
    assert response.status_code == 404
    assert status_of(other) == Status.REQUESTED
    assert other.events.count() == 1


def test_an_unknown_reservation_or_action_is_not_found(client, desk):
    factories.volunteer_of(desk["tools"], client)
    assert client.get(url("inspect", 999999)).status_code == 404
    assert client.post(url("action", desk["requested"].pk, "delete")).status_code == 404


def test_actions_only_take_posts_with_a_csrf_token(desk):
    csrf_client = Client(enforce_csrf_checks=True)
    factories.volunteer_of(desk["tools"], csrf_client)
    requested = desk["requested"]
    assert csrf_client.get(url("action", requested.pk, "confirm")).status_code == 405
    assert csrf_client.post(url("action", requested.pk, "confirm")).status_code == 403
    assert status_of(requested) == Status.REQUESTED


# The actions --------------------------------------------------------------------------------


def test_the_inspect_page_shows_the_reservation_its_buttons_and_history(client, desk):
    volunteer = factories.volunteer_of(desk["tools"], client)
    requested = desk["requested"]
    response = client.get(url("inspect", requested.pk))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Klopboormachine (IN-0001)" in html
    assert desk["alice"].member_number in html
    assert "alice@example.org" not in html and "0470 99 88 77" not in html
    assert 'name="csrfmiddlewaretoken"' in html
    assert url("action", requested.pk, "confirm") in html
    assert url("action", requested.pk, "cancel") in html
    assert url("action", requested.pk, "take_back") not in html

    act(client, requested, "confirm")
    events = client.get(url("inspect", requested.pk)).context["events"]
    assert [(e.from_status, e.to_status, e.by) for e in events] == [
        ("", Status.REQUESTED, None),
        (Status.REQUESTED, Status.CONFIRMED, volunteer),
    ]


def test_confirm_hand_out_and_take_back(client, desk):
    volunteer = factories.volunteer_of(desk["tools"], client)
    requested = desk["requested"]

    response = act(client, requested, "confirm")
    assert response.status_code == 200
    assert "The reservation is confirmed." in messages_of(response)
    assert status_of(requested) == Status.CONFIRMED

    response = act(client, requested, "hand_out")
    assert "The item is handed out." in messages_of(response)
    assert status_of(requested) == Status.PICKED_UP

    response = act(
        client,
        requested,
        "take_back",
        {"condition_note": "Boor 8 mm ontbreekt", "accessories_checked": "on"},
    )
    assert "The item has been taken back." in messages_of(response)
    requested.refresh_from_db()
    assert requested.status == Status.RETURNED
    assert requested.condition_note == "Boor 8 mm ontbreekt"
    assert requested.accessories_checked is True
    assert [e.to_status for e in requested.events.all()] == [
        Status.REQUESTED,
        Status.CONFIRMED,
        Status.PICKED_UP,
        Status.RETURNED,
    ]
    assert requested.events.last().by == volunteer
    assert "Boor 8 mm ontbreekt" in response.content.decode()


def test_taking_back_an_item_never_handed_out_is_refused_with_a_message(client, desk):
    factories.volunteer_of(desk["tools"], client)
    confirmed = desk["confirmed"]
    response = act(client, confirmed, "take_back", {"condition_note": "ok"})
    assert response.status_code == 200
    assert messages_of(response) == ["This item was never handed out, so it cannot be taken back."]
    assert status_of(confirmed) == Status.CONFIRMED
    assert confirmed.events.count() == 1


def test_cancel(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = act(client, desk["confirmed"], "cancel")
    assert "The reservation is cancelled." in messages_of(response)
    assert status_of(desk["confirmed"]) == Status.CANCELLED


def test_cancelling_a_handed_out_item_is_refused(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = act(client, desk["picked_up"], "cancel")
    assert messages_of(response) == [
        "The item has been handed out already: take it back instead of cancelling."
    ]
    assert status_of(desk["picked_up"]) == Status.PICKED_UP


def test_no_show(client, desk):
    factories.volunteer_of(desk["tools"], client)
    requested = desk["requested"]
    act(client, requested, "confirm")
    response = act(client, requested, "no_show")
    assert "The reservation is marked as not picked up." in messages_of(response)
    assert status_of(requested) == Status.NO_SHOW


def test_a_no_show_before_the_pickup_date_is_refused(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = act(client, desk["confirmed"], "no_show")
    [message] = messages_of(response)
    assert "has not come yet" in message
    assert status_of(desk["confirmed"]) == Status.CONFIRMED


def test_handing_out_a_request_is_refused(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = act(client, desk["requested"], "hand_out")
    assert messages_of(response) == ["Confirm this reservation before handing out the item."]
    assert status_of(desk["requested"]) == Status.REQUESTED


# The dashboard panel ------------------------------------------------------------------------


def panel_of(response):
    [panel] = [p for p in response.context["panels"] if p.name == "reservation_desk"]
    return {
        section["key"]: [row["reservation"] for row in section["rows"]]
        for section in panel.sections
    }


def test_the_dashboard_panel_lists_todays_work_of_my_initiatives(client, desk):
    factories.volunteer_of(desk["tools"], client)
    response = client.get(reverse("wagtailadmin_home"))
    assert response.status_code == 200
    assert panel_of(response) == {
        "pickups": [desk["requested"]],
        "returns": [desk["picked_up"]],
        "pending": [desk["requested"]],
    }
    html = response.content.decode()
    assert "Reservation desk" in html
    assert url("inspect", desk["requested"].pk) in html
    assert "Kinderwagen" not in html


def test_the_dashboard_panel_shows_every_initiative_to_a_coordinator(client, desk):
    factories.coordinator(client)
    response = client.get(reverse("wagtailadmin_home"))
    sections = panel_of(response)
    assert set(sections["pickups"]) == {desk["requested"], desk["other"]}
    assert set(sections["pending"]) == {desk["requested"], desk["other"]}


def test_the_dashboard_panel_takes_a_constant_number_of_queries(client, desk):
    factories.volunteer_of(desk["tools"], client)
    home = reverse("wagtailadmin_home")
    client.get(home)
    with CaptureQueriesContext(connection) as few:
        client.get(home)
    for n in range(3, 9):
        item = factories.build_item(
            desk["tools"], desk["drill"].category, f"Item {n}", f"IN-{n:04d}"
        )
        Reservation.objects.create(
            item=item,
            copy=first_copy(item),
            member=factories.MemberFactory(),
            pickup_date=TODAY,
            return_date=WEDNESDAY,
            status=Status.REQUESTED,
        )
    with CaptureQueriesContext(connection) as many:
        response = client.get(home)
    assert len(panel_of(response)["pending"]) == 7
    assert len(many) == len(few)


def test_a_user_without_a_team_gets_no_panel(client, desk):
    user = factories.UserFactory(is_superuser=False, admin_language="en")
    from django.contrib.auth.models import Permission

    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("wagtailadmin_home"))
    assert not [p for p in response.context["panels"] if p.name == "reservation_desk"]
    assert client.get(url("index")).status_code in (302, 403)
