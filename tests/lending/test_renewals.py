"""Extending a running loan: the rules (``lending.rules.renew``), the reminders that follow the
new return date, the mail, my account and the desk, and the initiative page's sentence.

"Today" is Monday 2 November 2026 (the dates of test_reservations.py). The initiative allows
one extension of 7 days; the member's membership runs through 2026.
"""

import io

import pytest

from django.core import mail as django_mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from catalogue.models import Copy
from initiatives.templatetags.initiative_tags import renewal_terms
from lending import mail
from lending.models import OutgoingMail, Reservation
from lending.rules import ReservationRefused, renew, renewal_errors
from tests import factories
from tests.lending.reservation_helpers import Status, another_item, existing
from tests.lending.world import MONDAY_2, TODAY, WEDNESDAY, D, build_lending_world

pytestmark = pytest.mark.django_db

Kind = OutgoingMail.Kind
LAST_MONDAY = D(2026, 10, 26)
EXTENDED = D(2026, 11, 11)  # WEDNESDAY + 7 days


@pytest.fixture
def world(db):
    return build_lending_world(initiative_fields={"renewals_allowed": 1, "renewal_days": 7})


@pytest.fixture
def loan(world):
    """The member's drill, picked up last Monday, due back on Wednesday."""
    return existing(world["item"], LAST_MONDAY, WEDNESDAY, Status.PICKED_UP, world["member"])


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    return lambda: django_capture_on_commit_callbacks(execute=True)


def codes(reservation, today=TODAY):
    return [error.code for error in renewal_errors(reservation, today=today)]


def set_rules(world, **fields):
    initiative = world["initiative"]
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.save()


def run_reminders():
    out = io.StringIO()
    call_command("send_reminders", stdout=out)
    return out.getvalue()


# The rules ----------------------------------------------------------------------------------


def test_a_loan_is_extended_once_then_refused(world, loan):
    volunteer = factories.UserFactory()
    assert codes(loan) == []
    renew(loan, by=volunteer, today=TODAY)
    assert (loan.return_date, loan.renewals) == (EXTENDED, 1)
    loan.refresh_from_db()
    assert (loan.return_date, loan.renewals, loan.status) == (EXTENDED, 1, Status.PICKED_UP)
    event = loan.events.get()
    assert (event.from_status, event.to_status, event.by) == (
        Status.PICKED_UP,
        Status.PICKED_UP,
        volunteer,
    )
    assert "11 november 2026" in event.note  # kept in the site's language

    with pytest.raises(ReservationRefused) as refused:
        renew(loan, today=TODAY)
    assert refused.value.codes == ["renewals_used"]
    assert (
        str(refused.value)
        == "Deze lening is al 1 keer verlengd, zo vaak als Gereedschapsbib toelaat."
    )
    loan.refresh_from_db()
    assert (loan.return_date, loan.renewals) == (EXTENDED, 1)


def test_without_a_length_an_extension_lasts_the_items_loan_period(world, loan):
    set_rules(world, renewal_days=None)
    renew(loan, today=TODAY)
    assert loan.return_date == D(2026, 11, 18)  # the initiative's 14 days


def test_an_initiative_that_does_not_extend_says_so(world, loan):
    set_rules(world, renewals_allowed=0)
    [error] = renewal_errors(loan, today=TODAY)
    assert error.code == "renewals_used"
    assert error.message == "Gereedschapsbib verlengt geen leningen."


def test_an_overdue_loan_is_not_extended(world):
    late = existing(
        world["item"], D(2026, 10, 19), D(2026, 10, 30), Status.PICKED_UP, world["member"]
    )
    with pytest.raises(ReservationRefused) as refused:
        renew(late, today=TODAY)
    assert refused.value.codes == ["overdue"]
    # On its last day a loan can still be extended.
    assert codes(late, today=D(2026, 10, 30)) == []


def test_only_a_loan_that_is_picked_up_is_extended(world):
    booked = existing(world["item"], WEDNESDAY, MONDAY_2, Status.CONFIRMED, world["member"])
    assert codes(booked) == ["status"]


def test_a_loan_is_not_extended_into_someone_elses_reservation(world, loan):
    other = factories.MemberFactory()
    waiting = existing(world["item"], MONDAY_2, D(2026, 11, 13), Status.CONFIRMED, other)
    with pytest.raises(ReservationRefused) as refused:
        renew(loan, today=TODAY)
    assert refused.value.codes == ["needed"]
    # Cancelled, it no longer stands in the way; one starting after the extension never did.
    waiting.status = Status.CANCELLED
    waiting.save()
    existing(world["item"], D(2026, 11, 12), D(2026, 11, 16), Status.CONFIRMED, other)
    # Another item's reservation is no concern of this loan.
    existing(another_item(world), MONDAY_2, D(2026, 11, 13), Status.CONFIRMED, other)
    assert codes(loan) == []


def test_a_loan_is_not_extended_beyond_the_membership(world):
    member = factories.MemberFactory()
    factories.MembershipFactory(
        member=member, initiative=world["initiative"], start=D(2026, 1, 1), end=D(2026, 11, 8)
    )
    short = existing(world["item"], LAST_MONDAY, WEDNESDAY, Status.PICKED_UP, member)
    with pytest.raises(ReservationRefused) as refused:
        renew(short, today=TODAY)
    assert refused.value.codes == ["membership_ends"]
    # A renewed membership that follows without a gap covers the extension.
    factories.MembershipFactory(
        member=member, initiative=world["initiative"], start=D(2026, 11, 9), end=D(2027, 11, 8)
    )
    assert codes(short) == []


# The mails ----------------------------------------------------------------------------------


def test_the_return_reminder_comes_again_before_the_new_date(world, loan, freeze_time, committed):
    freeze_time(2026, 11, 3, 10)  # Tuesday: the loan's last day is tomorrow
    with committed():
        assert "1 return reminder" in run_reminders()
    assert len(django_mail.outbox) == 1

    with committed():
        renew(loan, by=world["member"].user)
    assert loan.return_date == EXTENDED
    kinds = set(OutgoingMail.objects.filter(reservation=loan).values_list("kind", flat=True))
    assert kinds == {Kind.RENEWED}  # the old reminder made way for the new date
    assert len(django_mail.outbox) == 2

    freeze_time(2026, 11, 4, 10)  # the old last day: nothing, nor an overdue notice later
    with committed():
        assert "0 return reminders" in run_reminders()
    freeze_time(2026, 11, 10, 10)  # the day before the new return date
    with committed():
        output = run_reminders()
    assert "1 return reminder" in output and "0 overdue notices" in output
    assert len(django_mail.outbox) == 3
    reminder = django_mail.outbox[-1]
    assert "11 november 2026" in reminder.body  # the member reads Dutch


def test_the_extension_mail_is_in_the_members_language(world, loan):
    member = world["member"]
    member.preferred_language = "fr"
    member.save()
    renew(loan, today=TODAY)
    row = OutgoingMail.objects.get(reservation=loan, kind=Kind.RENEWED)
    assert row.user == member.user and row.status == OutgoingMail.Status.PENDING
    message = mail.render(row, today=TODAY)
    assert message.subject == (
        "Votre prêt de Perceuse à percussion est prolongé jusqu'au mercredi 11 novembre 2026"
    )
    assert "vous pouvez le garder jusqu'au mercredi 11 novembre 2026" in message.body


def test_a_second_extension_mails_again(world, loan):
    set_rules(world, renewals_allowed=2)
    renew(loan, today=TODAY)
    first = OutgoingMail.objects.get(reservation=loan, kind=Kind.RENEWED)
    renew(loan, today=TODAY)
    second = OutgoingMail.objects.get(reservation=loan, kind=Kind.RENEWED)
    assert second.pk != first.pk
    assert loan.return_date == D(2026, 11, 18)


# My account ---------------------------------------------------------------------------------


def renew_url(reservation):
    with translation.override("nl"):
        return reverse("lending:renew_reservation", args=[reservation.pk])


def account_url():
    with translation.override("nl"):
        return reverse("members:account")


def test_a_member_extends_a_loan_from_my_account(client, world, loan, freeze_time):
    freeze_time(2026, 11, 2, 10)
    client.force_login(world["member"].user)
    html = client.get(account_url()).content.decode()
    assert f'action="{renew_url(loan)}"' in html
    assert "Verlengen tot 11 november 2026" in html
    assert client.get(renew_url(loan)).status_code == 405

    response = client.post(renew_url(loan), follow=True)
    assert response.redirect_chain[-1][0] == account_url()
    html = response.content.decode()
    assert "Je lening is verlengd: breng het voorwerp uiterlijk op 11 november 2026 terug." in html
    loan.refresh_from_db()
    assert (loan.return_date, loan.renewals) == (EXTENDED, 1)
    assert loan.events.get().by == world["member"].user
    # Extended as often as allowed: no button, and no nagging about it either.
    assert renew_url(loan) not in html

    response = client.post(renew_url(loan), follow=True)
    assert "zo vaak als" in response.content.decode()  # refused, in Dutch


def test_my_account_says_why_a_loan_cannot_be_extended_only_when_i_can_act(
    client, world, freeze_time
):
    freeze_time(2026, 11, 2, 10)
    member = factories.MemberFactory()
    factories.MembershipFactory(
        member=member, initiative=world["initiative"], start=D(2026, 1, 1), end=D(2026, 11, 8)
    )
    short = existing(world["item"], LAST_MONDAY, WEDNESDAY, Status.PICKED_UP, member)
    client.force_login(member.user)
    html = client.get(account_url()).content.decode()
    assert renew_url(short) not in html
    assert "Hernieuw je lidmaatschap om deze lening te verlengen." in html

    set_rules(world, renewals_allowed=0)
    html = client.get(account_url()).content.decode()
    assert renew_url(short) not in html
    assert "Hernieuw je lidmaatschap" not in html


def test_another_members_loan_is_a_404_and_a_visitor_logs_in_first(client, world, loan):
    other = factories.MemberFactory()
    client.force_login(other.user)
    assert client.post(renew_url(loan)).status_code == 404
    assert client.post(renew_url(loan).replace(str(loan.pk), "999999")).status_code == 404
    client.logout()
    response = client.post(renew_url(loan))
    assert response.status_code == 302 and "/log-in/?next=" in response["Location"]
    loan.refresh_from_db()
    assert (loan.return_date, loan.renewals) == (WEDNESDAY, 0)


# The desk -----------------------------------------------------------------------------------


def desk_url(name, *args):
    return reverse(f"reservations:{name}", args=args)


def test_the_initiatives_volunteer_extends_a_loan_at_the_desk(client, world, loan, freeze_time):
    freeze_time(2026, 11, 2, 10)
    volunteer = factories.volunteer_of(world["initiative"], client)
    html = client.get(desk_url("inspect", loan.pk)).content.decode()
    assert desk_url("action", loan.pk, "renew") in html
    response = client.post(desk_url("action", loan.pk, "renew"), follow=True)
    assert [str(m) for m in response.context["messages"]] == ["The loan is extended."]
    loan.refresh_from_db()
    assert (loan.return_date, loan.renewals) == (EXTENDED, 1)
    assert loan.events.get().by == volunteer

    response = client.post(desk_url("action", loan.pk, "renew"), follow=True)
    [refusal] = [str(m) for m in response.context["messages"]]
    assert "as often as" in refusal
    loan.refresh_from_db()
    assert loan.renewals == 1


def test_another_initiatives_volunteer_gets_a_404(client, world, loan, freeze_time):
    freeze_time(2026, 11, 2, 10)
    baby = factories.build_initiative(world["trees"]["nl"].index, "Babytheek")
    factories.volunteer_of(baby, client)
    assert client.post(desk_url("action", loan.pk, "renew")).status_code == 404
    loan.refresh_from_db()
    assert (loan.return_date, loan.renewals) == (WEDNESDAY, 0)


# The initiative page ------------------------------------------------------------------------


def test_the_initiative_page_says_how_loans_are_extended(client, world):
    initiative = world["initiative"]
    html = client.get(initiative.url).content.decode()
    assert "Je kunt een lening één keer verlengen met 7 dagen." in html

    set_rules(world, renewals_allowed=0)
    html = client.get(initiative.url).content.decode()
    assert "Verlengen kan niet." in html

    set_rules(world, renewals_allowed=2, renewal_days=None)
    with translation.override("fr"):
        assert renewal_terms(initiative) == (
            "Vous pouvez prolonger un prêt jusqu'à 2 fois d'une nouvelle durée de prêt."
        )


def test_a_translation_reads_the_rules_of_the_default_language_page(world):
    french = world["trees"]["fr"].initiative
    with translation.override("fr"):
        assert renewal_terms(french) == "Vous pouvez prolonger un prêt une fois de 7 jours."


def test_an_extension_of_no_days_is_refused_by_the_admin_form(world):
    from django.core.exceptions import ValidationError

    initiative = world["initiative"]
    initiative.renewal_days = 0
    with pytest.raises(ValidationError) as invalid:
        initiative.full_clean()
    assert "renewal_days" in invalid.value.message_dict


def test_another_copy_reserved_does_not_stop_an_extension(world, loan):
    """The extension needs the copy at home only: a reservation of the item's other copy in
    those days is no reason to refuse it."""
    other = factories.MemberFactory()
    factories.MembershipFactory(member=other, initiative=world["initiative"])
    second = Copy.objects.create(item=world["item"], code="IN-0001-B")
    Reservation.objects.create(
        item=world["item"],
        copy=second,
        member=other,
        pickup_date=MONDAY_2,
        return_date=D(2026, 11, 13),
        status=Status.CONFIRMED,
    )
    assert codes(loan) == []
    existing(world["item"], MONDAY_2, D(2026, 11, 13), Status.CONFIRMED, other)  # this copy
    assert codes(loan) == ["needed"]
