"""The world the admin-scope walk runs in (tests/security/test_admin_scope.py): two
initiatives, A and B, each with an object of every kind the admin knows, and canaries in B's
non-public data (Side.canaries).

build_side() makes one side in named steps: the pages, the collection, the items, the member,
the reservations, and the site history.
"""

import datetime
from dataclasses import dataclass, field

from wagtail_factories import DocumentFactory, ImageFactory

from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.utils import timezone

from wagtail.admin.models import EditingSession
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Locale, Page, Site, Task, UploadedFile, Workflow
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from catalogue.models import Copy, Item, ItemImage
from core.models import SiteSettings
from initiatives.models import EventPage, InitiativePage, VolunteerTeam
from lending.models import Reservation, ReservationEvent, WaitingEntry
from members.models import Member, MembershipApplication, Tariff
from tests import factories
from tests.catalogue.factories import first_copy

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
# Open every day, so that a walk-in loan is possible whenever the test runs.
EVERY_DAY = tuple((str(weekday), "00:00", "23:59") for weekday in range(7))


def localize(obj, code):
    """`obj` submitted for translation into `code` with wagtail-localize, and published."""
    source, _created = TranslationSource.get_or_create_from_instance(obj)
    translation, _created = Translation.objects.get_or_create(
        source=source, target_locale=Locale.objects.get(language_code=code)
    )
    translation.save_target(publish=True)
    return translation


def unpublished_string(translation, field_path, text):
    """A translated string saved in the translation editor but not published."""
    segment = StringSegment.objects.filter(
        source=translation.source, context__path=field_path
    ).first()
    assert segment is not None, f"no segment {field_path} in {translation.source}"
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=translation.target_locale,
        context=segment.context,
        defaults={"data": text, "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL},
    )


@dataclass
class Side:
    """One initiative and an object of every kind the admin shows, with its canaries."""

    marker: str
    initiative: InitiativePage
    pages: list = field(default_factory=list)
    revisions: dict = field(default_factory=dict)  # page -> its revisions, newest first
    items: list = field(default_factory=list)
    item_revisions: dict = field(default_factory=dict)
    reservations: list = field(default_factory=list)
    sources: list = field(default_factory=list)
    translations: list = field(default_factory=list)
    sessions: list = field(default_factory=list)
    canaries: dict = field(default_factory=dict)  # text -> what it is
    member: Member = None
    membership: object = None
    applications: list = field(default_factory=list)
    plan: object = None
    image: object = None
    document: object = None
    uploads: dict = field(default_factory=dict)  # "image"/"document" -> UploadedFile
    volunteer: object = None
    team: VolunteerTeam = None
    draft: EventPage = None
    event: EventPage = None
    spare: Item = None  # an item with no reservations, for walk-in loans
    redirect: Redirect = None
    workflow_state: object = None
    task_state: object = None

    def canary(self, name, description):
        text = f"{self.marker}{name}"
        self.canaries[text] = description
        return text


def build_side(index, category, title, marker, code):
    now = timezone.now()
    initiative = factories.build_initiative(
        index,
        title,
        slots=EVERY_DAY,
        lends_items=True,
        reservations_enabled=True,
        auto_confirm=False,
        # Anyone may borrow: a walk-in loan refused is refused for the member lookup alone.
        requires_membership=False,
    )
    side = Side(marker=marker, initiative=initiative)
    side.team = VolunteerTeam.objects.get(translation_key=initiative.translation_key)
    side.plan = initiative.plans.first()
    side.volunteer = factories.volunteer_of(
        initiative, first_name="Brunhilde", last_name=side.canary("Vrijwilliger", "volunteer")
    )
    add_pages(side, title, now)
    add_collection(side)
    # (The steps after add_pages get the initiative as built, not side.initiative re-read.)
    add_items(side, initiative, category, title, code)
    add_member(side, initiative)
    add_applications(side, initiative)
    add_reservations(side)
    add_history(side, marker, now)
    return side


def add_pages(side, title, now):
    """The initiative in three languages (wagtail-localize), an event with an unpublished
    revision and locked, a scheduled revision, a draft in moderation."""
    initiative, volunteer = side.initiative, side.volunteer
    translations = {code: localize(initiative, code) for code in ("fr", "en")}
    pages = {"nl": initiative}
    pages.update({code: t.get_target_instance() for code, t in translations.items()})
    event = side.event = factories.build_event(initiative, f"{title} kijkdag")
    event_fr = localize(event, "fr")
    side.translations += [*translations.values(), event_fr]
    unpublished_string(
        translations["fr"], "intro", side.canary("VertalingPagina", "unpublished page translation")
    )
    # A scheduled revision of the live initiative, an unpublished one of the event.
    initiative.save_revision(user=volunteer, approved_go_live_at=now + 30 * DAY)
    event.title = side.canary("Revisie", "title in an unpublished revision")
    event.save_revision(user=volunteer)
    Page.objects.filter(pk=event.pk).update(locked=True, locked_by=volunteer, locked_at=now)
    draft = side.draft = factories.EventPageFactory(
        parent=initiative,
        title=side.canary("Concept", "title of a page never published"),
        live=False,
    )
    draft.save_revision(user=volunteer)
    log(instance=draft, action="wagtail.create", user=volunteer)
    side.workflow_state = draft.get_workflow().start(draft, volunteer)
    side.task_state = side.workflow_state.current_task_state
    side.pages = [
        Page.objects.get(pk=page.pk).specific
        for page in (initiative, pages["fr"], pages["en"], event, draft)
    ]
    side.initiative = side.pages[0]
    side.revisions = {
        page: list(page.revisions.order_by("-created_at", "-pk")) for page in side.pages
    }


def add_collection(side):
    """An image, a document and uploads waiting in the multiple uploader."""
    collection = side.team.collection
    side.image = ImageFactory(collection=collection, title=side.canary("Foto", "image"))
    side.document = DocumentFactory(
        collection=collection,
        title=side.canary("Document", "document"),
        file=ContentFile(b"reglement", name="reglement.txt"),
    )
    for kind, model in (("image", side.image), ("document", side.document)):
        side.uploads[kind] = UploadedFile.objects.create(
            for_content_type=ContentType.objects.get_for_model(type(model)),
            file=ContentFile(b"upload", name=f"upload-{kind}.txt"),
            uploaded_by_user=side.volunteer,
        )


def add_items(side, initiative, category, title, code):
    """One item live with its translations and an unpublished revision, one never published,
    and a spare one."""
    volunteer = side.volunteer
    item = factories.build_item(initiative, category, f"{title} bakfiets", f"{code}-1")
    ItemImage.objects.create(item=item, image=side.image)
    item.save_revision(user=volunteer).publish(user=volunteer)
    item_translations = [localize(item, language) for language in ("fr", "en")]
    side.translations += item_translations
    unpublished_string(
        item_translations[0], "name", side.canary("VertalingItem", "unpublished item translation")
    )
    item = Item.objects.get(pk=item.pk)
    item.name = side.canary("Ontwerp", "item name in an unpublished revision")
    item.save_revision(user=volunteer)
    side.spare = factories.build_item(initiative, category, f"{title} ladder", f"{code}-3")
    never_published = Item.objects.create(
        initiative=initiative,
        category=category,
        name=side.canary("Nieuw", "name of an item never published"),
        locale=initiative.locale,
        live=False,
    )
    never_published.save_revision(user=volunteer)
    side.copies = list(Copy.objects.filter(item__initiative=initiative))
    for number, copy in enumerate(side.copies):
        copy.notes = side.canary(f"Exemplaar{number}", f"notes of copy {copy.code}")
        copy.save()
    side.items = [
        Item.objects.get(pk=item.pk),
        *(t.get_target_instance() for t in item_translations),
        Item.objects.get(pk=never_published.pk),
    ]
    side.item_revisions = {
        obj: list(obj.revisions.order_by("-created_at", "-pk")) for obj in side.items
    }
    side.sources = list(
        TranslationSource.objects.filter(
            pk__in=[translation.source_id for translation in side.translations]
        ).order_by("pk")
    )


def add_member(side, initiative):
    """A member of this initiative only, with a verified social tariff, and a membership."""
    verifier = factories.coordinator(
        first_name="Hieronymus", last_name=side.canary("Verificateur", "social tariff verifier")
    )
    member = side.member = factories.MemberFactory(
        user__first_name="Quintijn",
        user__last_name=side.canary("Lid", "member's name"),
        user__email=side.canary("post@example.net", "member's e-mail address"),
        phone=side.canary("Telefoon", "member's phone"),
        postal_code="8599",
        tariff=Tariff.SOCIAL,
        social_evidence=Member.SocialEvidence.REFERRAL_LETTER,
        social_verified_by=verifier,
        social_verified_on=TODAY - 30 * DAY,
        social_valid_until=TODAY + 400 * DAY,
    )
    member.refresh_from_db()
    side.canaries[member.member_number] = "member number"
    side.membership = factories.MembershipFactory(
        member=member,
        initiative=initiative,
        plan=side.plan,
        start=TODAY - 30 * DAY,
        tariff=Tariff.SOCIAL,
    )


def add_applications(side, initiative):
    """Two applications waiting at this initiative: one at the standard tariff, one asking
    for the social tariff with a referral letter (which only a coordinator opens)."""
    for route, evidence in (("", None), ("letter_upload", b"%PDF-1.4 brief")):
        applicant = factories.MemberFactory(
            user__last_name=side.canary(f"Aanvrager{route or 'standaard'}", "applicant's name")
        )
        application = MembershipApplication(
            member=applicant,
            initiative=initiative,
            plan=side.plan,
            social_route=route,
            referred_by="ocmw" if route else "",
            house_rules_accepted_at=timezone.now(),
        )
        if evidence:
            application.evidence = ContentFile(evidence, name="brief.pdf")
        application.save()
        side.applications.append(application)


def add_reservations(side):
    """A request with notes, a loan that is out."""
    note = side.canary("Notitie", "reservation note")
    for pickup, days, status in (
        (TODAY + 7 * DAY, 3, Reservation.Status.REQUESTED),
        (TODAY - 3 * DAY, 5, Reservation.Status.PICKED_UP),
    ):
        reservation = Reservation.objects.create(
            item=side.items[0],
            copy=first_copy(side.items[0]),
            member=side.member,
            pickup_date=pickup,
            return_date=pickup + days * DAY,
            status=status,
            notes=note,
        )
        ReservationEvent.objects.create(reservation=reservation, to_status=status, note=note)
        side.reservations.append(reservation)
    # The member waits for the item that is out: the desk's waiting line names them.
    side.waiting = [WaitingEntry.objects.create(item=side.items[0], member=side.member)]


def add_history(side, marker, now):
    """Site history, editing sessions, a redirect to the initiative."""
    entry = side.canary("Logboek", "title of a log entry")
    for obj in (side.membership, side.member, side.items[0]):
        log(instance=obj, action="wagtail.edit", user=side.volunteer, title=entry)
    for obj in (side.initiative, side.items[0]):
        side.sessions.append(
            EditingSession.objects.create(
                user=side.volunteer,
                content_type=ContentType.objects.get_for_model(obj, for_concrete_model=False)
                if not isinstance(obj, Page)
                else ContentType.objects.get_for_model(Page),
                object_id=str(obj.pk),
                last_seen_at=now,
                is_editing=True,
            )
        )
    side.redirect = Redirect.objects.create(
        old_path=f"/{marker.lower()}-oud", redirect_page=side.initiative
    )


@dataclass
class World:
    a: Side
    b: Side
    category: object
    synonym: object  # a search word: the whole site's, coordinators only
    site: Site
    workflow: Workflow
    task: Task
    volunteer: object  # A's volunteer: the user who walks the admin
    coordinator: object


def build_world():
    home = factories.build_home()
    index = factories.build_index(home)
    for page in (home, index):
        for code in ("fr", "en"):
            localize(page, code)
    category = factories.build_category("Vervoer", "vervoer")
    site = Site.objects.get(is_default_site=True)
    SiteSettings.for_site(site)  # made on first use otherwise, in the middle of the walk
    a = build_side(index, category, "Instrumentheek", "Ahorn", "IN")
    b = build_side(index, category, "Babytheek", "Zwaluw", "BA")
    from search.models import Synonym

    synonym = Synonym.objects.create(
        words="bolderkar", means="bakfiets", locale=Locale.objects.get(language_code="nl")
    )
    return World(
        a=a,
        b=b,
        category=category,
        synonym=synonym,
        site=site,
        workflow=b.workflow_state.workflow,
        task=b.task_state.task.specific,
        volunteer=a.volunteer,
        coordinator=factories.coordinator(first_name="Cora", last_name="Coordinator"),
    )


def other(world, side):
    return world.a if side is world.b else world.b
