"""The lending world the reservation e-mail tests work in, and their helpers.

"Today" is Monday 14 December 2026. The initiative opens on Mondays 09–12 and Wednesdays
14–18.
"""

import datetime
import io
from decimal import Decimal

import pytest

from django.contrib.auth import get_user_model
from django.core.management import call_command

from lending import rules as service
from lending.models import OutgoingMail, Reservation
from members.models import Member, Tariff
from tests import factories
from tests.catalogue.factories import first_copy

D = datetime.date
TODAY = D(2026, 12, 14)  # a Monday
TOMORROW = D(2026, 12, 15)
WEDNESDAY = D(2026, 12, 16)
MONDAY_2 = D(2026, 12, 21)

Kind = OutgoingMail.Kind
MailStatus = OutgoingMail.Status
Status = Reservation.Status
ADDRESS = "Fatima.ElAmrani@example.be"
LOCMEM_SEND = "django.core.mail.backends.locmem.EmailBackend.send_messages"


@pytest.fixture
def mail_today(freeze_time):
    """Monday 14 December 2026, 10:00 (the mail tests' ``pytestmark`` asks for it)."""
    return freeze_time(2026, 12, 14, 10)


@pytest.fixture
def world(db):
    """An initiative that lends (with a French translation), a translated item with a deposit
    and accessories, an English-speaking member and a volunteer."""
    trees = factories.build_site_tree(languages=("nl", "fr"))
    initiative = trees["nl"].initiative
    initiative.lends_items = True
    initiative.reservations_enabled = True
    initiative.requires_membership = False
    initiative.auto_confirm = False
    initiative.max_active_reservations = 10
    initiative.default_deposit = Decimal("25")
    initiative.location_in_building = "Unit 3, aan de binnenkoer"
    initiative.save()
    category = factories.build_category("Boren", "boren", translations={"fr": "Perceuses"})
    item = factories.build_item(
        initiative,
        category,
        "Klopboormachine",
        "IN-0001",
        contents="Boorkoffer\nSet boren",
        translations={
            "fr": {"name": "Perceuse à percussion", "contents": "Mallette\nJeu de mèches"}
        },
    )
    # English, the language of the msgids; the French member's test covers another language.
    member = factories.MemberFactory(
        user__first_name="An", user__email="an@example.be", preferred_language="en"
    )
    volunteer = factories.UserFactory(username="vrijwilliger")
    return {
        "initiative": initiative,
        "initiative_fr": trees["fr"].initiative,
        "category": category,
        "item": item,
        "member": member,
        "volunteer": volunteer,
    }


def another_item(world, code):
    return factories.build_item(world["initiative"], world["category"], f"Ding {code}", code)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs what the block left for after the commit (the tasks)."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


def reserve(world, member=None, pickup=WEDNESDAY, return_date=MONDAY_2, item=None, **kwargs):
    return service.reserve(
        item or world["item"], member or world["member"], pickup, return_date, today=TODAY, **kwargs
    )


def html_of(message):
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    return html


def booked(item, member, pickup, return_date, status):
    """A reservation written straight to the table, as if it had got there earlier."""
    return Reservation.objects.create(
        item=item,
        copy=first_copy(item),
        member=member,
        pickup_date=pickup,
        return_date=return_date,
        status=status,
    )


def run_reminders(*args):
    out = io.StringIO()
    call_command("send_reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def verifier(db):
    return get_user_model().objects.create_user(
        "coordinatie", "coordinatie@example.be", "x", first_name="Griet", last_name="Verbeke"
    )


@pytest.fixture
def french_social_member(make_member, verifier):
    return make_member(
        ADDRESS,
        first_name="Fatima",
        last_name="El Amrani",
        preferred_language="fr",
        tariff=Tariff.SOCIAL,
        social_verified_by=verifier,
        social_verified_on=TODAY - datetime.timedelta(days=30),
        social_valid_until=TODAY + datetime.timedelta(days=300),
        social_evidence=Member.SocialEvidence.UITPAS,
    )
