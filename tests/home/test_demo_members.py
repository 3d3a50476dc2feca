"""The demo's members, memberships and reservations (demo/members.py via load_demo).

The demo is loaded once for the module, inside a transaction that is rolled back when the
module is done, so the other tests of this worker still start from an empty database.
"""

import datetime
import html
import itertools
from collections import Counter
from io import StringIO
from types import SimpleNamespace

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Page

from demo import members as demo_members
from demo.management.commands.load_demo import PASSWORD
from initiatives.models import InitiativePage
from lending import rules
from lending.models import Reservation, ReservationEvent
from members.backends import users_with_email
from members.models import Member, Membership, Tariff

# One worker loads the demo once and runs every test of this module.
pytestmark = [pytest.mark.xdist_group("demo-members"), pytest.mark.django_db]

Status = Reservation.Status
FIXED_NL = "lid@deelfabriek.example"
FIXED_FR = "membre@deelfabriek.example"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("demo-media")
    with (
        django_db_blocker.unblock(),
        override_settings(MEDIA_ROOT=str(media)),
        transaction.atomic(),
    ):
        out, err = StringIO(), StringIO()
        call_command("load_demo", stdout=out, stderr=err)
        yield SimpleNamespace(output=out.getvalue(), errors=err.getvalue())
        transaction.set_rollback(True)


@pytest.fixture
def today(demo):
    return timezone.localdate()


def member(email):
    return Member.objects.select_related("user").get(user__in=users_with_email(email))


def demo_reservations():
    return list(
        Reservation.objects.select_related("item__initiative", "member__user").order_by(
            "item_id", "pickup_date"
        )
    )


def test_the_demo_loads_without_skipping_a_reservation(demo):
    assert "skipped" not in demo.errors
    assert f"{len(demo_members.RESERVATIONS)} reservations created" in demo.output


def test_members_are_confirmed_accounts_with_both_tariffs_and_several_languages(demo, today):
    members = [member(spec["email"]) for spec in demo_members.MEMBERS.values()]
    assert len(members) >= 6
    assert all(m.user.is_active and m.user.username == m.user.email for m in members)
    assert all(m.member_number and m.postal_code.startswith("85") for m in members)
    tariffs = Counter(m.tariff for m in members)
    assert tariffs[Tariff.STANDARD] >= 1 and tariffs[Tariff.SOCIAL] >= 2
    assert all(m.has_social_tariff(today) for m in members if m.tariff == Tariff.SOCIAL)
    languages = Counter(m.preferred_language for m in members)
    assert languages["fr"] == 1 and languages["en"] == 1 and languages["nl"] >= 3


def test_the_two_fixed_members(demo, today):
    an = member(FIXED_NL)
    assert (an.user.first_name, an.user.last_name) == ("An", "Demeyer")
    assert (an.preferred_language, an.tariff) == ("nl", Tariff.STANDARD)

    sophie = member(FIXED_FR)
    assert (sophie.user.first_name, sophie.user.last_name) == ("Sophie", "Lambert")
    assert (sophie.preferred_language, sophie.tariff) == ("fr", Tariff.SOCIAL)
    assert sophie.social_evidence == Member.SocialEvidence.UITPAS
    assert sophie.social_verified_by.username == "coordinator"
    assert sophie.social_verified_on <= today
    assert sophie.social_valid_until == datetime.date(today.year + 1, 12, 31)


def test_memberships_at_lending_initiatives_with_their_plans_and_tariffs(demo, today):
    memberships = list(Membership.objects.select_related("member", "initiative", "plan"))
    for membership in memberships:
        assert membership.initiative.lends_items and membership.initiative.requires_membership
        assert membership.plan is not None and membership.plan.page_id == membership.initiative.pk
        expected = Tariff.SOCIAL if membership.member.tariff == Tariff.SOCIAL else Tariff.STANDARD
        assert membership.tariff == expected
        membership.full_clean()
    per_member = Counter(m.member_id for m in memberships)
    assert min(per_member.values()) >= 2
    horizon = today + datetime.timedelta(days=rules.HORIZON_DAYS)
    for email in (FIXED_NL, FIXED_FR):
        running = Membership.objects.filter(
            member=member(email), start__lte=today, end__gte=horizon
        )
        assert running.count() >= 2
    expired = [m for m in memberships if m.end < today]
    assert expired and all(m.member.user.email not in (FIXED_NL, FIXED_FR) for m in expired)


def test_every_status_occurs_dated_relative_to_today(demo, today):
    reservations = demo_reservations()
    by_status = {
        status: [r for r in reservations if r.status == status] for status in Status.values
    }
    assert all(by_status.values()), {s: len(r) for s, r in by_status.items()}
    assert all(r.pickup_date > today for r in by_status[Status.REQUESTED])
    confirmed = sorted(r.pickup_date for r in by_status[Status.CONFIRMED])
    assert len(confirmed) >= 2 and confirmed[0] >= today and confirmed[1] > today
    picked_up = [r.return_date for r in by_status[Status.PICKED_UP]]
    assert today in picked_up
    assert any(day < today for day in picked_up)
    assert all(r.pickup_date < today for r in by_status[Status.PICKED_UP])
    for returned in by_status[Status.RETURNED]:
        assert returned.return_date < today
        assert returned.condition_note and returned.accessories_checked
    assert all(r.pickup_date < today for r in by_status[Status.NO_SHOW])


def test_confirmed_pickups_are_on_the_first_days_an_initiative_is_open(demo, today):
    """ "Today" and "tomorrow", or the first open days after them when nothing is open then."""
    reservations = demo_reservations()
    for scenario in demo_members.RESERVATIONS:
        if scenario["status"] != Status.CONFIRMED:
            continue
        options = {
            (slug, code, demo_members.MEMBERS[key]["email"])
            for slug, code, key in scenario["options"]
        }
        (reservation,) = [
            r
            for r in reservations
            if (r.item.initiative.slug, r.copy.code, r.member.user.email) in options
        ]
        start = today + datetime.timedelta(days=scenario["pickup"][1])
        pages = InitiativePage.objects.filter(
            slug__in={slug for slug, _code, _email in options}, locale__language_code="nl"
        )
        first_open = min(demo_members.open_on_or_after(page.schedule, start) for page in pages)
        assert reservation.pickup_date == first_open


def test_reservation_dates_follow_the_rules(demo, today):
    reservations = demo_reservations()
    for reservation in reservations:
        item, initiative = reservation.item, reservation.item.initiative
        assert item.locale.is_default and initiative.locale.is_default
        assert initiative.schedule.is_open_on(reservation.pickup_date), reservation
        assert reservation.pickup_date <= reservation.return_date
        loan = (reservation.return_date - reservation.pickup_date).days
        assert loan <= item.effective_loan_days()
        covering = Membership.objects.filter(
            member=reservation.member,
            initiative=initiative,
            start__lte=reservation.pickup_date,
            end__gte=reservation.return_date,
        )
        assert covering.exists(), reservation
    # No two reservations of one item share a day, whatever their status.
    for _item, group in itertools.groupby(reservations, key=lambda r: r.item_id):
        for first, second in itertools.pairwise(group):
            assert first.return_date < second.pickup_date, (first, second)


def test_the_reservation_limits_leave_room_for_the_browser_journeys(demo):
    active = Counter(
        (r.member.user.email, r.item.initiative)
        for r in demo_reservations()
        if r.status in Reservation.ACTIVE_STATUSES
    )
    for (email, initiative), count in active.items():
        assert count <= initiative.max_active_reservations
        if email == FIXED_NL:
            assert count < initiative.max_active_reservations
    an_reservations = Reservation.objects.filter(member=member(FIXED_NL))
    assert not an_reservations.filter(item__initiative__slug="instrumentheek").exists()
    sophie = Reservation.objects.filter(member=member(FIXED_FR))
    assert sophie.filter(status__in=Reservation.ACTIVE_STATUSES).count() <= 1


def test_each_reservation_has_the_events_of_its_status_path(demo):
    now = timezone.now()
    for reservation in demo_reservations():
        events = list(reservation.events.select_related("by").order_by("at", "pk"))
        assert events[0].from_status == ""
        assert events[0].by == reservation.member.user
        assert events[-1].to_status == reservation.status
        for before, after in itertools.pairwise(events):
            assert after.from_status == before.to_status
            assert before.at <= after.at
        assert events[-1].at <= now
        assert reservation.created_at == events[0].at
        volunteer = f"vrijwilliger-{reservation.item.initiative.slug}"
        for event in events:
            if event.to_status in (Status.PICKED_UP, Status.RETURNED, Status.NO_SHOW):
                assert event.by.username == volunteer
            if event.from_status == Status.REQUESTED and event.to_status == Status.CONFIRMED:
                assert event.by.username == volunteer


@pytest.mark.parametrize("email", [FIXED_NL, FIXED_FR])
def test_the_fixed_members_log_in_with_the_demo_password(demo, client, email):
    with translation.override("nl"):
        url = reverse("members:login")
    assert url == "/nl/account/log-in/"
    response = client.post(url, {"username": email, "password": PASSWORD})
    assert response.status_code == 302
    profile = member(email)
    assert client.session["_auth_user_id"] == str(profile.user_id)
    with translation.override(profile.preferred_language):
        page = client.get(reverse("members:account"))
    assert page.status_code == 200
    shown = html.unescape(page.content.decode())
    for reservation in profile.reservations.select_related("item", "copy"):
        if reservation.status in (Status.RETURNED, Status.CANCELLED, Status.NO_SHOW):
            continue
        names = {row.name for row in reservation.item.get_translations(inclusive=True)}
        assert any(name in shown for name in names), reservation
        if reservation.status == Status.PICKED_UP:
            assert reservation.copy.code in shown, "the copy to bring back"


def test_the_volunteers_desk_shows_the_demo_reservations(demo, client):
    client.force_login(get_user_model().objects.get(username="vrijwilliger-instrumentheek"))
    for url in (reverse("reservations:index"), reverse("wagtailadmin_home")):
        response = client.get(url)
        assert response.status_code == 200, url
    listing = client.get(reverse("reservations:index")).content.decode()
    codes = Reservation.objects.filter(item__initiative__slug="instrumentheek").values_list(
        "copy__code", flat=True
    )
    assert codes and any(code in listing for code in codes)


def test_the_output_lists_the_member_log_ins(demo):
    output = demo.output
    staff = output.index("vrijwilliger-vrijetijdspunt")
    members = output.index("Member log-ins at http://127.0.0.1:8000/nl/account/log-in/")
    assert staff < members
    lines = {line.split()[0]: line for line in output[members:].splitlines()[1:] if line.strip()}
    assert set(lines) == {spec["email"] for spec in demo_members.MEMBERS.values()}
    an = Reservation.objects.filter(member=member(FIXED_NL)).count()
    assert lines[FIXED_NL].endswith(f"An Demeyer · nl · standaardtarief · {an} reservaties")
    assert "Sophie Lambert · fr · sociaal tarief · " in lines[FIXED_FR]


def test_a_second_run_creates_nothing(demo):
    models = [
        get_user_model(),
        Member,
        Membership,
        Reservation,
        ReservationEvent,
        Page,
    ]
    before = {model: model.objects.count() for model in models}
    changed = dict(Reservation.objects.values_list("pk", "updated_at"))
    out = StringIO()
    call_command("load_demo", stdout=out, stderr=StringIO())
    assert "members: already loaded" in out.getvalue()
    assert {model: model.objects.count() for model in models} == before
    assert dict(Reservation.objects.values_list("pk", "updated_at")) == changed
    assert "Member log-ins at" in out.getvalue()
