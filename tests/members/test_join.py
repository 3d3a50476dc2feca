"""Joining an initiative online (members/join.py, members/applications.py): the member applies
with or without the social tariff, a volunteer or coordinator decides in the admin, and the
referral letter lives in private storage until then (docs/architecture.md, "Joining online").

"Today" is Monday 2 November 2026 at 10:00 (the club of tests/members/club.py: Dave has an
account and nothing else; Bob writes in French).
"""

import io
from pathlib import Path

import pytest
from PIL import Image

from django.conf import settings
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from home.models import CatalogueIndexPage
from members import applications
from members.models import Membership, MembershipApplication, Payment, Tariff
from tests import factories
from tests.members.club import SOCIAL_TARIFF_WORDS, coordinator, volunteer_of

pytestmark = pytest.mark.django_db

Status = MembershipApplication.Status
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def join_url(language="nl", slug="instrumentheek"):
    with translation.override(language):
        return reverse("members:join", args=[slug])


def letter(name="brief-van-het-ocmw.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def photo():
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "JPEG")
    return SimpleUploadedFile("brief.jpg", buffer.getvalue(), content_type="image/jpeg")


def form(club, **fields):
    return {
        "plan": str(club["tools_plan"].pk),
        "social_route": "",
        "house_rules": "on",
        "payment_method": "at_desk",
        **fields,
    }


def social_application(club, client, member="dave"):
    client.force_login(club[member].user)
    data = form(club, social_route="letter_upload", referred_by="ocmw", evidence=letter())
    response = client.post(join_url(), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return MembershipApplication.objects.get(member=club[member])


def admin_url(name, *args):
    return reverse(f"applications:{name}", args=args)


# The member's side ---------------------------------------------------------------------------


def test_the_item_page_tells_a_member_without_membership_how_to_join(club, client, home):
    catalogue = CatalogueIndexPage(title="Catalogus", slug="catalogus")
    home.add_child(instance=catalogue)
    factories.publish(catalogue)
    club["tools"].requires_membership = True
    club["tools"].save()
    client.force_login(club["dave"].user)
    page = client.get("/nl/catalogus/instrumentheek/klopboormachine/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="reserve-needs-membership"' in html
    assert join_url() in html
    assert 'name="pickup_date"' not in html


def test_a_member_applies_with_a_referral_letter_kept_out_of_public_media(club, client):
    application = social_application(club, client)
    assert application.status == Status.SUBMITTED
    assert application.plan == club["tools_plan"]
    stored = Path(application.evidence.path)
    assert stored.exists()
    assert Path(settings.PRIVATE_MEDIA_ROOT) in stored.parents
    assert Path(settings.MEDIA_ROOT) not in stored.parents
    # The file's own name (which may name the person) is not kept.
    assert "ocmw" not in application.evidence.name
    with pytest.raises(ValueError):
        application.evidence.url  # noqa: B018 - private storage has no URL at all

    client.force_login(club["dave"].user)
    account = client.get(reverse("members:account")).content.decode()
    assert "Instrumentheek" in account and "Mijn aanvraag intrekken" not in account
    assert "Wacht op een vrijwilliger" in account and ">Intrekken<" in account


def test_the_form_keeps_what_was_typed_and_says_what_is_missing(club, client):
    client.force_login(club["dave"].user)
    data = form(club, social_route="uitpas", uitpas_number="1234", house_rules="")
    response = client.post(join_url(), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "13" in html  # the UiTPAS number's 13 digits
    assert 'value="1234"' in html
    assert MembershipApplication.objects.count() == 0


@pytest.mark.parametrize(
    "upload",
    [
        SimpleUploadedFile("brief.pdf", b"not a pdf at all", content_type="application/pdf"),
        SimpleUploadedFile("brief.jpg", b"\xff\xd8 broken", content_type="image/jpeg"),
    ],
    ids=["text-named-pdf", "broken-jpeg"],
)
def test_a_file_that_is_not_a_photo_or_pdf_is_refused(club, client, upload):
    client.force_login(club["dave"].user)
    data = form(club, social_route="letter_upload", referred_by="caw", evidence=upload)
    response = client.post(join_url(), data)
    assert response.status_code == 400
    assert MembershipApplication.objects.count() == 0


def test_a_photo_of_the_letter_is_taken(club, client):
    client.force_login(club["dave"].user)
    data = form(club, social_route="letter_upload", referred_by="caw", evidence=photo())
    assert client.post(join_url(), data).status_code == 302
    assert MembershipApplication.objects.get().evidence.name.endswith(".jpg")


def test_a_waiting_application_shows_its_status_instead_of_the_form(club, client):
    social_application(club, client)
    client.force_login(club["dave"].user)
    html = client.get(join_url()).content.decode()
    assert 'name="plan"' not in html
    assert "wacht op een vrijwilliger" in html
    # Sending the form again does not make a second application.
    client.post(join_url(), form(club))
    assert MembershipApplication.objects.filter(member=club["dave"]).count() == 1


def test_a_member_withdraws_and_the_letter_goes(club, client, django_capture_on_commit_callbacks):
    application = social_application(club, client)
    stored = Path(application.evidence.path)
    client.force_login(club["dave"].user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(admin_free_withdraw_url(application))
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    assert not stored.exists()


def admin_free_withdraw_url(application):
    with translation.override("nl"):
        return reverse("members:withdraw_application", args=[application.pk])


def test_someone_else_cannot_withdraw_an_application(club, client):
    application = social_application(club, client)
    client.force_login(club["carol"].user)
    assert client.post(admin_free_withdraw_url(application)).status_code == 404
    assert MembershipApplication.objects.get(pk=application.pk).status == Status.SUBMITTED


def test_an_unknown_initiative_is_a_404_and_a_visitor_is_asked_to_log_in(club, client):
    assert client.get(join_url()).status_code == 302  # to the log-in page
    client.force_login(club["dave"].user)
    assert client.get(join_url(slug="bestaat-niet")).status_code == 404


# The letter ----------------------------------------------------------------------------------


def test_only_coordinators_open_the_letter_and_nobody_once_decided(
    club, client, django_capture_on_commit_callbacks
):
    application = social_application(club, client)
    url = admin_url("evidence", application.pk)
    assert client.get(url).status_code in (302, 404)  # anonymous: to the log-in page
    client.force_login(club["dave"].user)
    assert client.get(url).status_code in (302, 404)
    volunteer_of(club["tools"], client)
    assert client.get(url).status_code == 404
    user = coordinator(client)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert {"private", "no-store"} <= set(response["Cache-Control"].replace(" ", "").split(","))

    stored = Path(application.evidence.path)
    with django_capture_on_commit_callbacks(execute=True):
        applications.approve(application, user, social=True)
    assert client.get(url).status_code == 404
    assert not stored.exists()


# Deciding -----------------------------------------------------------------------------------


def test_a_coordinator_approves_the_social_tariff_once(
    club, client, django_capture_on_commit_callbacks
):
    application = social_application(club, client)
    coordinator(client)
    url = admin_url("detail", application.pk)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, {"decision": "approve", "social": "1"})
        second = client.post(url, {"decision": "approve", "social": "1"})
    assert first.status_code == second.status_code == 302
    membership = Membership.objects.get(member=club["dave"])
    assert membership.tariff == Tariff.SOCIAL
    assert (membership.start.isoformat(), membership.end.isoformat()) == (
        "2026-11-02",
        "2027-11-01",
    )
    [payment] = Payment.objects.filter(membership=membership)
    assert (payment.amount, payment.status) == (club["tools_plan"].social_price, "due")
    dave = club["dave"]
    dave.refresh_from_db()
    assert dave.has_social_tariff() and dave.social_verified_by is not None
    application.refresh_from_db()
    assert application.evidence_deleted_at is not None and not application.evidence
    [message] = mail.outbox
    assert "Instrumentheek" in message.subject
    assert not SOCIAL_TARIFF_WORDS.search(message.body.replace("Hello", ""))


def test_approving_twice_in_the_service_makes_one_membership(club, client):
    client.force_login(club["dave"].user)
    client.post(join_url(), form(club))
    application = MembershipApplication.objects.get()
    user = coordinator(client)
    assert applications.approve(application, user).changed
    assert not applications.approve(application, user).changed
    assert Membership.objects.filter(member=club["dave"]).count() == 1
    assert Membership.objects.get(member=club["dave"]).tariff == Tariff.STANDARD


def test_a_rejection_needs_a_reason_and_mails_it_in_the_members_language(
    club, client, django_capture_on_commit_callbacks
):
    client.force_login(club["bob"].user)  # Bob writes in French
    client.post(join_url("fr"), form(club))
    application = MembershipApplication.objects.get(member=club["bob"])
    coordinator(client)
    url = admin_url("detail", application.pk)
    response = client.post(url, {"decision": "reject", "reason": "  "})
    assert response.status_code == 400
    assert MembershipApplication.objects.get(pk=application.pk).status == Status.SUBMITTED
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"decision": "reject", "reason": "Kom eerst langs met je identiteitskaart."}
        )
    application.refresh_from_db()
    assert application.status == Status.REJECTED
    [message] = mail.outbox
    assert "identiteitskaart" in message.body
    assert "Bonjour" in message.body
    assert not Membership.objects.filter(member=club["bob"], initiative=club["tools"]).exists()


def test_a_volunteer_sees_and_decides_only_standard_applications_of_their_initiative(club, client):
    social_application(club, client)  # Dave asks for the social tariff at the tool library
    client.force_login(club["carol"].user)
    client.post(join_url(), form(club))  # Carol: standard tariff at the tool library
    erik = factories.MemberFactory(user__first_name="Erik")
    client.force_login(erik.user)
    client.post(join_url(slug="babytheek"), form(club, plan=str(club["baby_plan"].pk)))
    carol = MembershipApplication.objects.get(member=club["carol"])
    bob = MembershipApplication.objects.get(member=erik)
    dave = MembershipApplication.objects.get(member=club["dave"])

    volunteer_of(club["tools"], client)
    queue = client.get(admin_url("index"))
    assert queue.status_code == 200
    waiting = [row.pk for row in queue.context["waiting"]]
    assert waiting == [carol.pk]
    assert not SOCIAL_TARIFF_WORDS.search(queue.content.decode().split("<main", 1)[-1])
    assert client.get(admin_url("detail", bob.pk)).status_code == 404
    assert client.get(admin_url("detail", dave.pk)).status_code == 404
    assert client.post(admin_url("detail", bob.pk), {"decision": "approve"}).status_code == 404
    assert client.post(admin_url("detail", carol.pk), {"decision": "approve"}).status_code == 302
    assert Membership.objects.filter(member=club["carol"], initiative=club["tools"]).exists()
    assert MembershipApplication.objects.get(pk=bob.pk).status == Status.SUBMITTED


def test_the_dashboard_counts_the_applications_waiting(club, client):
    client.force_login(club["carol"].user)
    client.post(join_url(), form(club))
    volunteer_of(club["tools"], client)
    assert (
        "1 application waits for you" in client.get(reverse("wagtailadmin_home")).content.decode()
    )
    volunteer_of(club["baby"], client)
    assert "No application is waiting" in client.get(reverse("wagtailadmin_home")).content.decode()


def test_erasing_the_account_takes_the_letter_out_of_storage(
    club, client, django_capture_on_commit_callbacks
):
    from members import privacy

    application = social_application(club, client)
    stored = Path(application.evidence.path)
    assert stored.exists()
    with django_capture_on_commit_callbacks(execute=True):
        privacy.erase(club["dave"].user)
    assert not MembershipApplication.objects.filter(pk=application.pk).exists()
    assert not stored.exists()
