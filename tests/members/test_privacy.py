"""A member's own data: the JSON export holds everything stored about them, and erasing the
account leaves none of their personal data in any table while the reservations stay counted."""

import datetime
import json

import pytest
from axes.models import AccessAttempt, AccessLog

from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation

from lending.models import Reservation, ReservationEvent
from members.models import Member, Membership, Tariff
from tests.members.conftest import PASSWORD, reservation

pytestmark = pytest.mark.django_db

User = get_user_model()
Status = Reservation.Status
TEXT_FIELDS = (models.CharField, models.TextField, models.JSONField)


@pytest.fixture(autouse=True)
def _english_pages():
    """Pages in English (the msgids), reached through /en/ addresses; each test that is about
    another language says so with translation.override."""
    with translation.override("en"):
        yield


def social_member(make_member, verifier):
    today = timezone.localdate()
    return make_member(
        "Fatima.ElAmrani@example.be",
        first_name="Fatima",
        last_name="El Amrani",
        phone="0468 99 88 77",
        postal_code="8500",
        preferred_language="fr",
        tariff=Tariff.SOCIAL,
        social_verified_by=verifier,
        social_verified_on=today - datetime.timedelta(days=30),
        social_valid_until=today + datetime.timedelta(days=300),
        social_evidence=Member.SocialEvidence.UITPAS,
    )


@pytest.fixture
def verifier(db):
    return User.objects.create_user("coordinator", "coordinatie@example.be", "x")


@pytest.fixture
def history(make_member, verifier, lending):
    """A member with a membership, reservations and their events."""
    initiative, item = lending
    member = social_member(make_member, verifier)
    today = timezone.localdate()
    membership = Membership.objects.create(
        member=member,
        initiative=initiative,
        plan=initiative.plans.first(),
        start=today - datetime.timedelta(days=10),
        end=today + datetime.timedelta(days=355),
        tariff=Tariff.SOCIAL,
    )
    returned = reservation(
        item,
        member,
        today - datetime.timedelta(days=20),
        status=Status.RETURNED,
        notes="Fatima komt met de fiets",
        condition_note="Teruggebracht door Fatima El Amrani, boor in orde",
    )
    ReservationEvent.objects.create(
        reservation=returned,
        from_status=Status.PICKED_UP,
        to_status=Status.RETURNED,
        by=verifier,
        note="Fatima belde op 0468 99 88 77",
    )
    upcoming = reservation(item, member, today + datetime.timedelta(days=5))
    return member, membership, returned, upcoming


def test_download_my_data_holds_the_profile_memberships_and_reservations(client, history):
    member, membership, returned, upcoming = history
    client.force_login(member.user)
    response = client.get(reverse("members:download_data"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)

    assert data["user"]["email"] == "Fatima.ElAmrani@example.be"
    assert (data["user"]["first_name"], data["user"]["last_name"]) == ("Fatima", "El Amrani")
    assert data["member"]["member_number"] == member.member_number
    assert data["member"]["phone"] == "0468 99 88 77"
    assert data["member"]["postal_code"] == "8500"
    assert data["member"]["preferred_language"] == "fr"
    assert data["member"]["tariff"] == "social"
    assert data["member"]["social_tariff_until"] == member.social_valid_until.isoformat()

    [exported] = data["memberships"]
    assert exported["initiative"] == "Instrumentheek"
    assert exported["plan"] == membership.plan.name
    assert (exported["start"], exported["end"]) == (
        membership.start.isoformat(),
        membership.end.isoformat(),
    )
    assert exported["tariff"] == "social"

    by_id = {entry["id"]: entry for entry in data["reservations"]}
    assert set(by_id) == {returned.pk, upcoming.pk}
    assert by_id[returned.pk]["item"] == "Klopboormachine"
    assert by_id[returned.pk]["status"] == "returned"
    assert by_id[returned.pk]["notes"] == "Fatima komt met de fiets"
    assert [event["to_status"] for event in by_id[returned.pk]["events"]] == [
        "returned",
        "returned",
    ]
    assert by_id[upcoming.pk]["pickup_date"] == upcoming.pickup_date.isoformat()

    text = response.content.decode()
    assert "password" not in text
    assert member.user.password not in text
    # Coordinators' details of the social tariff stay with them.
    assert "coordinator" not in text and "uitpas" not in text.lower()


def test_download_my_data_covers_only_my_own(client, history, make_member):
    other = make_member("bert@example.be", first_name="Bert", last_name="Bultinck")
    client.force_login(other.user)
    data = json.loads(client.get(reverse("members:download_data")).content)
    assert data["user"]["email"] == "bert@example.be"
    assert data["memberships"] == [] and data["reservations"] == []
    assert "Fatima" not in json.dumps(data)


def test_deleting_my_account_asks_for_the_password(client, history):
    member, *_ = history
    client.force_login(member.user)
    assert client.get(reverse("members:delete")).status_code == 200
    response = client.post(reverse("members:delete"), {"password": "not-mine"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'id="id_password_errors"' in html and "That is not your password" in html
    assert User.objects.filter(pk=member.user_id).exists()
    assert Member.objects.filter(pk=member.pk).exists()


def rows_containing(needles):
    """Every (table, field, needle) where a text field of any table holds a needle."""
    found = []
    for model in apps.get_models():
        meta = model._meta
        if meta.proxy or not meta.managed:
            continue
        fields = [
            field
            for field in meta.concrete_fields
            if isinstance(field, TEXT_FIELDS) and not field.is_relation
        ]
        for field in fields:
            for needle in needles:
                lookup = {f"{field.attname}__icontains": needle}
                if model._default_manager.filter(**lookup).exists():
                    found.append((meta.db_table, field.attname, needle))
    return found


def test_after_erasure_no_table_holds_the_members_personal_data(client, history, verifier):
    member, membership, returned, upcoming = history
    user = member.user
    needles = [user.email, user.first_name, user.last_name, member.phone]

    # Leave traces everywhere an account leaves them: a failed and a real log-in (axes), an
    # entry in Django's admin log about the user.
    client.post(reverse("members:login"), {"username": user.email, "password": "wrong"})
    assert AccessAttempt.objects.exists()
    response = client.post(reverse("members:login"), {"username": user.email, "password": PASSWORD})
    assert response.status_code == 302
    assert AccessLog.objects.filter(username__iexact=user.email).exists()
    LogEntry.objects.log_actions(
        verifier.pk, [user], CHANGE, change_message="Changed e-mail", single_object=True
    )
    assert rows_containing(needles), "the search must find the data before the erasure"
    reservations_before = Reservation.objects.count()

    response = client.post(reverse("members:delete"), {"password": PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == reverse("members:deleted")
    assert client.session.get("_auth_user_id") is None
    assert client.get(reverse("members:account")).status_code == 302

    assert rows_containing(needles) == []
    assert not User.objects.filter(pk=user.pk).exists()
    assert not Member.objects.filter(pk=member.pk).exists()
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert Reservation.objects.count() == reservations_before
    for kept in (returned, upcoming):
        kept.refresh_from_db()
        assert kept.member_id is None
    assert returned.status == Status.RETURNED
    assert returned.notes == ""
    assert "boor in orde" in returned.condition_note
    assert returned.events.count() == 2
    # The coordinator who verified the tariff is untouched.
    assert User.objects.filter(pk=verifier.pk).exists()
    assert ContentType.objects.get_for_model(User)


def test_the_search_of_every_table_covers_the_axes_and_admin_logs():
    tables = {model._meta.db_table for model in apps.get_models()}
    assert {"axes_accessattempt", "axes_accesslog", "django_admin_log"} <= tables
    assert {"wagtailcore_modellogentry", "auth_user", "members_member"} <= tables
