"""Every admin address, with another initiative's objects: refused, nothing shown, nothing
changed (docs/architecture.md, "Who sees what").

Two initiatives, A and B, each with objects of every kind the admin knows: pages in three
languages (wagtail-localize), an event with an unpublished revision, a locked page, a page
never published and in moderation, a scheduled revision, items and their translations (with a
string saved in the translation editor but not published), an item never published,
reservations, a member of that initiative only (with a verified social tariff), a membership,
an image and a document in the initiative's collection, uploads, log entries, editing sessions
and a redirect. B's non-public data carries canary strings (Side.canaries).

The URL patterns come from the URL resolver itself. Every pattern under /admin/ with arguments
is filled with B's objects (by namespace and argument name: fills_for) and requested as A's
volunteer with GET, an empty POST and, where useful, plausible data (EXTRA); every pattern
without arguments (listings, reports, choosers, forms) with GET, its filters and searches
(LISTING_QUERIES), an empty POST and plausible POSTs (LISTING_POSTS). No request may answer 5xx,
show one of B's canaries (in the page, its messages, or the page a redirect leads to), or
change a content table; an address that names B's object may not answer 2xx unless it is in
OPEN. A pattern whose arguments fills_for() cannot fill fails the first test, so an address
added later is looked at before it ships; deliberate exceptions are in SKIPPED, each with its
reason.

Each request runs in a savepoint that is rolled back afterwards, so every request starts from
the same data; "nothing changed" compares each table the request wrote to (its SQL says which)
with a fingerprint of that table taken before the walk. A coordinator's walk checks that the
addresses work and that every canary shows somewhere it belongs; A's own objects are reachable.
The world is built once for the module.
"""

import datetime
import hashlib
import json
import re
import sys
import traceback
from collections import defaultdict
from dataclasses import dataclass, field

import pytest
from wagtail_factories import DocumentFactory, ImageFactory

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.signals import got_request_exception
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.admin.models import EditingSession
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.contrib.redirects.models import Redirect
from wagtail.log_actions import log
from wagtail.models import Collection, Locale, Page, Site, Task, UploadedFile, Workflow
from wagtail_localize.models import (
    OverridableSegment,
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)

from catalogue.desk import ACTIONS as DESK_ACTIONS
from catalogue.models import Category, Item, ItemImage, Reservation, ReservationEvent
from home.models import SiteSettings
from initiatives.models import EventPage, InitiativePage, VolunteerTeam
from members.models import Member, Tariff
from tests import factories
from tests.admin_forms import PUBLISH, initiative_edit_form

# One worker builds the world once for the whole module (it takes a few seconds).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("admin_scope")]

TODAY = timezone.localdate()
DAY = datetime.timedelta(days=1)
# Open every day, so that a walk-in loan is possible whenever the test runs.
EVERY_DAY = tuple((str(weekday), "00:00", "23:59") for weekday in range(7))


# The world --------------------------------------------------------------------------------


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
    volunteer = side.volunteer = factories.volunteer_of(
        initiative, first_name="Brunhilde", last_name=side.canary("Vrijwilliger", "volunteer")
    )

    # Pages: the initiative in three languages (wagtail-localize), an event, a draft.
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

    # The collection: an image, a document and uploads waiting in the multiple uploader.
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
            uploaded_by_user=volunteer,
        )

    # Items: one live with its translations and an unpublished revision, one never published.
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
        code=f"{code}-2",
        locale=initiative.locale,
        live=False,
    )
    never_published.save_revision(user=volunteer)
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

    # A member of this initiative only, with a verified social tariff, and a membership.
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

    # Reservations: a request with notes, a loan that is out.
    note = side.canary("Notitie", "reservation note")
    for pickup, days, status in (
        (TODAY + 7 * DAY, 3, Reservation.Status.REQUESTED),
        (TODAY - 3 * DAY, 5, Reservation.Status.PICKED_UP),
    ):
        reservation = Reservation.objects.create(
            item=side.items[0],
            member=member,
            pickup_date=pickup,
            return_date=pickup + days * DAY,
            status=status,
            notes=note,
        )
        ReservationEvent.objects.create(reservation=reservation, to_status=status, note=note)
        side.reservations.append(reservation)

    # Site history, editing sessions, a redirect to the initiative.
    entry = side.canary("Logboek", "title of a log entry")
    for obj in (side.membership, member, side.items[0]):
        log(instance=obj, action="wagtail.edit", user=volunteer, title=entry)
    for obj in (side.initiative, side.items[0]):
        side.sessions.append(
            EditingSession.objects.create(
                user=volunteer,
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
    return side


@dataclass
class World:
    a: Side
    b: Side
    category: object
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
    return World(
        a=a,
        b=b,
        category=category,
        site=site,
        workflow=b.workflow_state.workflow,
        task=b.task_state.task.specific,
        volunteer=a.volunteer,
        coordinator=factories.coordinator(first_name="Cora", last_name="Coordinator"),
    )


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


# The URL patterns ---------------------------------------------------------------------------

# Patterns that are not requested at all, with the reason.
SKIPPED = {
    "wagtailadmin_logout": "logs the volunteer out; names nothing and shows nothing",
    "wagtailadmin_error_test": "Wagtail's deliberate server error, to test error reporting",
}
SKIPPED_PREFIXES = {
    "django-admin/": "Django's own admin: only for staff users, and no volunteer is staff",
}
# Patterns without a name: the address requested for each.
UNNAMED = {
    "admin/test404/": "/admin/test404/",
    "admin/^.*/$": "/admin/no-such-address/",
}
# Patterns that may answer 2xx when filled with B's objects, with the reason. They must still
# show none of B's canaries and change nothing.
OPEN = {
    "wagtail_localize:javascript_catalog": "the interface translations of the editor",
    "wagtailadmin_password_reset_confirm": "the log-in's password reset: needs the token",
    "wagtailadmin_tag_model_autocomplete": "tag names, shared by every initiative",
    "wagtailadmin_pages:choose_parent": "names a page type, not a page",
    "wagtailadmin_pages:type_use": "names a page type; lists what the user may see",
    "wagtailadmin_pages:type_use_results": "names a page type; lists what the user may see",
    "wagtailadmin_editing_sessions:release": "ends the user's own session only, whatever the id",
    "wagtailsnippetchoosers_catalogue_item:chosen": (
        "choosing another initiative's published item (to link to it) is allowed; "
        "its unpublished items are a 404"
    ),
}


@dataclass(frozen=True)
class Pattern:
    route: str
    namespace: str | None
    name: str | None
    arguments: frozenset

    @property
    def key(self):
        if self.name is None:
            return self.route
        return f"{self.namespace}:{self.name}" if self.namespace else self.name

    @property
    def label(self):
        arguments = ",".join(sorted(self.arguments))
        return f"{self.key}({arguments})" if arguments else self.key

    def reverse(self, kwargs):
        if self.name is None:
            return UNNAMED[self.route]
        return reverse(self.key, kwargs=kwargs or None)


def walk(patterns, prefix="", namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield Pattern(
                route=prefix + str(pattern.pattern),
                namespace=namespace,
                name=pattern.name,
                arguments=frozenset(pattern.pattern.regex.groupindex),
            )


def admin_patterns():
    """Every URL pattern under /admin/ of the root URL configuration, and those skipped."""
    patterns, skipped = [], {}
    for pattern in walk(get_resolver().url_patterns):
        prefix = next((p for p in SKIPPED_PREFIXES if pattern.route.startswith(p)), None)
        if prefix:
            skipped[pattern.label] = SKIPPED_PREFIXES[prefix]
        elif not pattern.route.startswith("admin/"):
            continue
        elif pattern.key in SKIPPED:
            skipped[pattern.label] = SKIPPED[pattern.key]
        else:
            patterns.append(pattern)
    return patterns, skipped


# Filling the arguments ----------------------------------------------------------------------


def other(world, side):
    return world.a if side is world.b else world.b


def page_types(side):
    return sorted(
        {(type(page)._meta.app_label, type(page)._meta.model_name) for page in side.pages}
    )


def bulk_objects(side, world):
    """The objects of each model that Wagtail's bulk actions are registered for."""
    return {
        ("wagtailcore", "page"): side.pages,
        ("catalogue", "item"): side.items,
        ("catalogue", "category"): [world.category],
        ("wagtailimages", "image"): [side.image],
        ("wagtaildocs", "document"): [side.document],
        ("auth", "user"): [side.volunteer, side.member.user],
    }


# Objects for a `pk` by namespace (wagtailsnippets_* of a model not listed here cannot be
# filled: a new snippet model is looked at before it ships).
PK_BY_NAMESPACE = {
    "wagtailadmin_api:pages": lambda s, w: s.pages,
    "wagtailadmin_api:images": lambda s, w: [s.image],
    "wagtailadmin_api:documents": lambda s, w: [s.document],
    "wagtailadmin_collections": lambda s, w: [s.team.collection],
    "wagtailadmin_workflows": lambda s, w: [w.workflow],
    "wagtailsnippets_catalogue_item": lambda s, w: s.items,
    "wagtailsnippetchoosers_catalogue_item": lambda s, w: s.items,
    # Categories are shared by all initiatives and only coordinators change them.
    "wagtailsnippets_catalogue_category": lambda s, w: [w.category],
    "wagtailsnippetchoosers_catalogue_category": lambda s, w: [w.category],
    "reservations": lambda s, w: s.reservations,
    "member_admin": lambda s, w: [s.member],
    "membership_admin": lambda s, w: [s.membership],
    "wagtaillocales": lambda s, w: [Locale.objects.get(language_code="fr")],
    "wagtailsites": lambda s, w: [w.site],
    "wagtailusers_users": lambda s, w: [s.volunteer, s.member.user],
    "wagtailusers_groups": lambda s, w: [s.team.group],
    "wagtaildocs_chooser": lambda s, w: [s.document],
    "wagtailimages_chooser": lambda s, w: [s.image],
}
PK_BY_NAME = {
    "wagtailadmin_workflows:edit_task": lambda s, w: [w.task],
    "wagtailadmin_workflows:enable_task": lambda s, w: [w.task],
    "wagtailadmin_workflows:disable_task": lambda s, w: [w.task],
}
# Arguments that name the same kind of object wherever they appear.
BY_ARGUMENT = {
    "page_id": lambda s, w: s.pages,
    "parent_page_id": lambda s, w: s.pages,
    "page_to_move_id": lambda s, w: s.pages,
    "page_pk": lambda s, w: s.pages,
    "image_id": lambda s, w: [s.image],
    "document_id": lambda s, w: [s.document],
    "doc_id": lambda s, w: [s.document],
    "collection_id": lambda s, w: [s.team.collection],
    "redirect_id": lambda s, w: [s.redirect],
    "session_id": lambda s, w: s.sessions,
    "task_id": lambda s, w: [w.task],
    "translation_source_id": lambda s, w: s.sources,
    "translation_id": lambda s, w: s.translations,
}
UPLOADS_BY_NAMESPACE = {"wagtailimages": "image", "wagtaildocs": "document"}
# Objects of the whole site rather than of an initiative: a volunteer may get a 2xx for them
# (no canary and no change, still).
SHARED = (Category, Locale, Site, Workflow, Task)
SHARED_MODELS = {
    ("catalogue", "category"),
    ("home", "sitesettings"),
    ("wagtailcore", "groupapprovaltask"),
}


def shared(kwargs):
    """Whether a fill names only objects of the whole site."""
    models = {
        (kwargs.get(app), kwargs.get(model))
        for app, model in (("app_label", "model_name"), ("app_name", "model_name"))
    }
    return bool(models & SHARED_MODELS)


def revision_pairs(revisions):
    pairs = [("earliest", "latest"), ("live", "latest")]
    if len(revisions) > 1:
        pairs.append((revisions[-1].pk, revisions[0].pk))
    return pairs


def fill_combination(pattern, s, w):
    """kwargs for patterns with several arguments that depend on each other; None: unknown."""
    args, ns, key = pattern.arguments, pattern.namespace, pattern.key
    a = frozenset
    if args == a({"page_id", "revision_id"}):
        return [{"page_id": p.pk, "revision_id": r.pk} for p in s.pages for r in s.revisions[p][:2]]
    if args == a({"pk", "revision_id"}) and ns == "wagtailsnippets_catalogue_item":
        return [{"pk": i.pk, "revision_id": r.pk} for i in s.items for r in s.item_revisions[i][:2]]
    if args == a({"pk", "revision_id_a", "revision_id_b"}):
        objects, revisions = {
            "wagtailadmin_pages": (s.pages, s.revisions),
            "wagtailsnippets_catalogue_item": (s.items, s.item_revisions),
        }.get(ns, (None, None))
        if objects is None:
            return None
        return [
            {"pk": obj.pk, "revision_id_a": x, "revision_id_b": y}
            for obj in objects
            for x, y in revision_pairs(revisions[obj])
        ]
    if args == a({"page_to_move_id", "destination_id"}):
        # This side's pages into the other's tree, and the other's event into this side's.
        theirs = other(w, s)
        return [
            {"page_to_move_id": p.pk, "destination_id": theirs.initiative.pk} for p in s.pages
        ] + [{"page_to_move_id": theirs.event.pk, "destination_id": s.initiative.pk}]
    if args == a({"page_id", "action_name", "task_state_id"}):
        return [
            {"page_id": s.draft.pk, "action_name": action, "task_state_id": s.task_state.pk}
            for action in ("approve", "reject")
        ]
    if args == a({"page_id", "task_id"}):
        return [{"page_id": s.draft.pk, "task_id": s.task_state.task_id}]
    if args == a({"page_id", "workflow_state_id"}):
        return [{"page_id": s.draft.pk, "workflow_state_id": s.workflow_state.pk}]
    if args == a({"page_pk", "workflow_pk"}):
        return [{"page_pk": p.pk, "workflow_pk": w.workflow.pk} for p in s.pages]
    if args == a({"content_type_app_name", "content_type_model_name", "parent_page_id"}):
        fills = []
        for page in s.pages:
            models = page.specific_class.allowed_subpage_models() or [EventPage]
            for model in models[:2]:
                fills.append(
                    {
                        "content_type_app_name": model._meta.app_label,
                        "content_type_model_name": model._meta.model_name,
                        "parent_page_id": page.pk,
                    }
                )
        return fills
    if args == a({"content_type_app_name", "content_type_model_name"}):
        return [
            {"content_type_app_name": app, "content_type_model_name": model}
            for app, model in page_types(s)
        ]
    if args == a({"app_label", "model_name"}):
        models = {
            "wagtailadmin_pages:choose_parent": page_types(s),
            "wagtail_localize:snippets_api_listing": [("catalogue", "item")],
            "wagtailadmin_workflows:add_task": [("wagtailcore", "groupapprovaltask")],
        }.get(key)
        if models is None:
            return None
        return [{"app_label": app, "model_name": model} for app, model in models]
    if args == a({"app_name", "model_name"}):
        models = {
            "wagtailadmin_tag_model_autocomplete": [
                ("wagtailimages", "image"),
                ("wagtaildocs", "document"),
            ],
            "wagtailsettings:edit": [("home", "sitesettings")],
        }.get(key)
        if models is None:
            return None
        return [{"app_name": app, "model_name": model} for app, model in models]
    if args == a({"app_name", "model_name", "pk"}) and ns == "wagtailsettings":
        return [{"app_name": "home", "model_name": "sitesettings", "pk": w.site.pk}]
    if args == a({"app_label", "model_name", "pk"}) and ns == "wagtail_localize":
        return [{"app_label": "catalogue", "model_name": "item", "pk": i.pk} for i in s.items]
    if args == a({"app_label", "model_name", "action"}):
        bulk_action_registry._scan_for_bulk_actions()
        objects = bulk_objects(s, w)
        fills = []
        for app_label, models in bulk_action_registry.actions.items():
            for model_name, actions in models.items():
                if (app_label, model_name) not in objects:
                    return None  # a bulk action for a model not looked at here
                ids = [obj.pk for obj in objects[app_label, model_name]]
                for action in actions:
                    fills.append(
                        (
                            {"app_label": app_label, "model_name": model_name, "action": action},
                            {"id": ids, "next": "/admin/"},
                        )
                    )
        return fills
    if args == a({"app_label", "model_name", "object_id", "session_id"}):
        fills = []
        for session in s.sessions:
            model = session.content_type.model_class()
            fills.append(
                {
                    "app_label": model._meta.app_label,
                    "model_name": model._meta.model_name,
                    "object_id": session.object_id,
                    "session_id": session.pk,
                }
            )
        return fills
    if args == a({"translation_id", "string_segment_id"}):
        return [
            {"translation_id": t.pk, "string_segment_id": segment}
            for t in s.translations
            for segment in StringSegment.objects.filter(source=t.source)
            .order_by("order")
            .values_list("pk", flat=True)[:2]
        ]
    if args == a({"translation_id", "overridable_segment_id"}):
        return [
            {"translation_id": t.pk, "overridable_segment_id": segment}
            for t in s.translations
            for segment in OverridableSegment.objects.filter(source=t.source)
            .order_by("order")
            .values_list("pk", flat=True)[:1]
        ]
    if args == a({"translation_id", "mode"}):
        return [{"translation_id": t.pk, "mode": "default"} for t in s.translations]
    if args == a({"action", "pk"}) and ns == "reservations":
        return [{"pk": r.pk, "action": action} for r in s.reservations for action in DESK_ACTIONS]
    if args == a({"pk", "action_name"}) and ns == "wagtailadmin_api:pages":
        from wagtail.admin.api.views import PagesAdminAPIViewSet

        return [
            {"pk": p.pk, "action_name": action}
            for p in s.pages
            for action in PagesAdminAPIViewSet.actions
        ]
    if args == a({"filter_spec", "image_id"}):
        return [{"image_id": s.image.pk, "filter_spec": "fill-80x60"}]
    if args == a({"uidb64", "token"}):
        return [
            {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": "ab-cdef"}
            for user in (s.volunteer, s.member.user)
        ]
    return None


def fill_single(pattern, s, w):
    (argument,) = pattern.arguments
    if argument == "pk":
        objects = PK_BY_NAME.get(pattern.key) or PK_BY_NAMESPACE.get(pattern.namespace)
    elif argument == "uploaded_file_id":
        kind = UPLOADS_BY_NAMESPACE.get(pattern.namespace)
        objects = (lambda s, w: [s.uploads[kind]]) if kind else None
    else:
        objects = BY_ARGUMENT.get(argument)
    if objects is None:
        return None
    return [({argument: obj.pk}, {}, isinstance(obj, SHARED)) for obj in objects(s, w)]


def fills_for(pattern, side, world):
    """[(kwargs, query, shared)] naming `side`'s objects; None when the arguments are unknown.

    `shared`: the fill names objects of the whole site (a category, the workflow), not `side`'s.
    """
    if not pattern.arguments:
        return [({}, {}, True)]
    if len(pattern.arguments) == 1:
        fills = fill_single(pattern, side, world)
    else:
        fills = fill_combination(pattern, side, world)
    if fills is None:
        return None
    return [
        fill if len(fill) == 3 else (*fill, shared(fill[0]))
        for fill in (f if isinstance(f, tuple) else (f, {}) for f in fills)
    ]


# Requests -----------------------------------------------------------------------------------

FORM = "application/x-www-form-urlencoded"
JSON = "application/json"


@dataclass
class Call:
    pattern: Pattern
    method: str
    url: str
    data: object = None
    content_type: str | None = None
    note: str = ""
    shared: bool = False  # names objects of the whole site, not of an initiative
    # Tables this request may change (the user's own objects), and a check of what it changed:
    # a callable run before the rollback that returns what is wrong, or None.
    may_change: tuple = ()
    verify: object = None

    def __str__(self):
        note = f" [{self.note}]" if self.note else ""
        return f"{self.method} {self.url}{note}"

    def sent(self):
        """What the request itself carries: a canary in it may come back without a leak."""
        return f"{self.url} {self.data!r}"


def with_query(url, query):
    from urllib.parse import urlencode

    if not query:
        return url
    return f"{url}{'&' if '?' in url else '?'}{urlencode(query, doseq=True)}"


def po_file(translation):
    """A .po file for the translation with every string "translated"."""
    po = translation.export_po()
    for entry in po:
        entry.msgstr = "Ingebroken"
    return SimpleUploadedFile("vertaling.po", str(po).encode(), content_type="text/x-gettext")


def item_form(item, world, initiative, **changes):
    data = {
        "initiative": initiative.pk,
        "code": item.code,
        "name": "Ingebroken",
        "category": world.category.pk,
        "description": "",
        "contents": "",
        "brand": "",
        "condition": "good",
        "status": "available",
        "age_min_months": "",
        "age_max_months": "",
        "deposit": "",
        "loan_days": "",
        "images-TOTAL_FORMS": "0",
        "images-INITIAL_FORMS": "0",
        "images-MIN_NUM_FORMS": "0",
        "images-MAX_NUM_FORMS": "1000",
        **PUBLISH,
    }
    data.update(changes)
    return data


def api_action(side, world, kwargs):
    page = Page.objects.get(pk=kwargs["pk"])
    theirs = other(world, side)
    payload = {
        "copy": {"destination_page_id": theirs.initiative.pk},
        "move": {"destination_page_id": theirs.initiative.pk},
        "create_alias": {"destination_page_id": theirs.initiative.pk},
        "copy_for_translation": {"locale": "fr", "copy_parents": True},
        "revert_to_page_revision": {"revision_id": page.revisions.order_by("pk")[0].pk},
    }.get(kwargs["action_name"], {})
    return [("POST", json.dumps(payload), JSON, "JSON")]


def page_edit(side, world, kwargs):
    page = Page.objects.get(pk=kwargs["page_id"]).specific
    if not isinstance(page, InitiativePage) or not page.locale.is_default:
        return []
    return [("POST", initiative_edit_form(page, intro="Ingebroken", **PUBLISH), None, "publish")]


def locales_post(side, world, kwargs):
    locales = list(Locale.objects.values_list("pk", flat=True))
    return [("POST", {"locales": locales, "include_subtree": "on"}, None, "every locale")]


# Plausible requests beside GET and an empty POST: (method, data, content type, note[, query]).
EXTRA = {
    "wagtail_localize:update_translations": lambda s, w, kw: [
        ("POST", {"publish_translations": "on"}, None, "publish")
    ],
    "wagtail_localize:edit_string_translation": lambda s, w, kw: [
        ("PUT", "value=Ingebroken", FORM, "save"),
        ("DELETE", "", FORM, "delete"),
    ],
    "wagtail_localize:edit_override": lambda s, w, kw: [
        ("PUT", "value=ingebroken", FORM, "save"),
        ("DELETE", "", FORM, "delete"),
    ],
    "wagtail_localize:upload_pofile": lambda s, w, kw: [
        ("POST", {"file": po_file(Translation.objects.get(pk=kw["translation_id"]))}, None, "po")
    ],
    "wagtail_localize:submit_page_translation": locales_post,
    "wagtail_localize:submit_snippet_translation": locales_post,
    "wagtailadmin_pages:edit": page_edit,
    "wagtailadmin_pages:copy": lambda s, w, kw: [
        (
            "POST",
            {
                "new_title": "Kopie",
                "new_slug": f"kopie-{kw['page_id']}",
                "new_parent_page": other(w, s).initiative.pk,
                "copy_subpages": "on",
                "publish_copies": "on",
            },
            None,
            "into the other initiative",
        )
    ],
    "wagtailadmin_pages:set_privacy": lambda s, w, kw: [
        ("POST", {"restriction_type": "password", "password": "geheim"}, None, "password")
    ],
    "wagtailadmin_pages:set_page_position": lambda s, w, kw: [
        ("POST", {}, None, "position 0", {"position": "0"})
    ],
    "wagtailadmin_api:pages:action": api_action,
    "reservations:action": lambda s, w, kw: [
        ("POST", {"condition_note": "Ingebroken", "accessories_checked": "on"}, None, "fields")
    ],
    "member_admin:edit": lambda s, w, kw: [
        (
            "POST",
            {"postal_code": "9999", "preferred_language": "fr", "first_name": "Ingebroken"},
            None,
            "fields",
        )
    ],
    "membership_admin:edit": lambda s, w, kw: [
        (
            "POST",
            {
                "initiative": s.initiative.pk,
                "plan": s.plan.pk,
                "start": (TODAY - 60 * DAY).isoformat(),
                "end": (TODAY + 60 * DAY).isoformat(),
            },
            None,
            "fields",
        )
    ],
    "wagtailsnippets_catalogue_item:edit": lambda s, w, kw: [
        ("POST", item_form(Item.objects.get(pk=kw["pk"]), w, s.initiative), None, "publish")
    ],
    "wagtailimages:edit": lambda s, w, kw: [
        ("POST", {"title": "Ingebroken", "collection": s.team.collection_id}, None, "fields")
    ],
    "wagtaildocs:edit": lambda s, w, kw: [
        ("POST", {"title": "Ingebroken", "collection": s.team.collection_id}, None, "fields")
    ],
    "wagtailadmin_collections:edit": lambda s, w, kw: [
        (
            "POST",
            {"name": "Ingebroken", "parent": Collection.get_first_root_node().pk},
            None,
            "fields",
        )
    ],
}


def calls_for(pattern, side, world, *, extras=True):
    """The requests for one pattern filled with `side`'s objects; None if it cannot be filled."""
    fills = fills_for(pattern, side, world)
    if fills is None:
        return None
    calls = []
    for kwargs, query, whole_site in fills:
        url = with_query(pattern.reverse(kwargs), query)
        calls.append(Call(pattern, "GET", url, shared=whole_site))
        calls.append(Call(pattern, "POST", url, {}, note="empty", shared=whole_site))
        if extras and pattern.key in EXTRA:
            for method, data, content_type, note, *more in EXTRA[pattern.key](side, world, kwargs):
                extra_url = with_query(url, more[0]) if more else url
                calls.append(Call(pattern, method, extra_url, data, content_type, note, whole_site))
    return calls


# Running a request: in a savepoint, with the tables it wrote to compared afterwards ---------

# Tables left out of "nothing changed", with the reason.
NOT_CONTENT = {
    "django_session": "the session changes with every request",
    "wagtailusers_userprofile": "the admin remembers the user's own preferences",
    "wagtailcore_pagelogentry": "a log entry: what it logs shows in the content tables",
    "wagtailcore_modellogentry": "a log entry: what it logs shows in the content tables",
    "django_admin_log": "a log entry: what it logs shows in the content tables",
    "wagtail_localize_translationlog": "a log entry: what it logs shows in the content tables",
    "wagtailcore_referenceindex": "derived from the content",
    "wagtailimages_rendition": "thumbnails, made when an image is shown",
    "wagtailsearch_indexentry": "the search index, derived from the content",
    "wagtailsearch_indexentry_fts": "the search index, derived from the content",
    "search_itemdocument": "the catalogue's search index, derived from the content",
    "django_tasks_database_dbtaskresult": "the background task queue",
    "axes_accessattempt": "log-in throttling records",
    "axes_accessattemptexpiration": "log-in throttling records",
    "axes_accessfailurelog": "log-in throttling records",
    "axes_accesslog": "log-in throttling records",
}
NOT_CONTENT_COLUMNS = {"auth_user": {"last_login"}}
WRITE = re.compile(
    r'^\s*(?:INSERT(?:\s+OR\s+\w+)?\s+INTO|UPDATE|DELETE\s+FROM)\s+[`"]?(\w+)', re.IGNORECASE
)


def content_tables():
    """{table: [columns]} of every model's table except NOT_CONTENT."""
    existing = set(connection.introspection.table_names())
    tables = {}
    for model in apps.get_models(include_auto_created=True):
        meta = model._meta
        if not meta.managed or meta.proxy or meta.db_table in NOT_CONTENT:
            continue
        if meta.db_table not in existing:
            continue
        skip = NOT_CONTENT_COLUMNS.get(meta.db_table, set())
        tables[meta.db_table] = [
            f.column for f in meta.local_concrete_fields if f.column not in skip
        ]
    return tables


def fingerprint(table, columns):
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {', '.join(map(quote, columns))} FROM {quote(table)}")  # noqa: S608
        rows = sorted(repr(row) for row in cursor.fetchall())
    return len(rows), hashlib.sha1("\n".join(rows).encode(), usedforsecurity=False).hexdigest()


@dataclass
class Outcome:
    call: Call
    status: int
    location: str = ""
    body: bytes = b""
    messages: list = field(default_factory=list)
    error: str = ""
    changed: list = field(default_factory=list)
    followed: "Outcome" = None

    def text(self):
        parts = [self.body, *(m.encode() for m in self.messages)]
        if self.followed is not None:
            parts.append(self.followed.text())
        return b"\n".join(parts)


def body_of(response):
    # (The test client closes a streaming response once it is read; closing it again here
    # would fire request_finished inside the transaction, which drops the connection.)
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


class Walker:
    """Requests as one user, each in a savepoint rolled back afterwards."""

    def __init__(self, user):
        self.user = user
        self.client = Client(raise_request_exception=False)
        self.client.force_login(user)
        self.tables = content_tables()
        self.baseline = {table: fingerprint(table, cols) for table, cols in self.tables.items()}
        self.errors = []
        self.requests = 0

    def _record_error(self, sender, request=None, **kwargs):
        kind, value, tb = sys.exc_info()
        frames = traceback.extract_tb(tb)
        where = next(
            (f"{f.filename.split('site-packages/')[-1]}:{f.lineno}" for f in reversed(frames)),
            "",
        )
        self.errors.append(f"{kind.__name__}: {str(value)[:200]} at {where}")

    def send(self, call):
        client = self.client
        method = call.method.lower()
        if call.method == "GET":
            return client.get(call.url)
        if call.content_type:
            return getattr(client, method)(call.url, call.data, content_type=call.content_type)
        return getattr(client, method)(call.url, call.data or {})

    def run(self, call, *, follow=True, compare=True):
        writes = set()

        def watch(execute, sql, params, many, context):
            match = WRITE.match(sql)
            if match:
                writes.add(match.group(1))
            return execute(sql, params, many, context)

        self.errors = []
        got_request_exception.connect(self._record_error)
        try:
            with transaction.atomic():
                with connection.execute_wrapper(watch):
                    response = self.send(call)
                outcome = self._outcome(call, response)
                if response.wsgi_request.user.pk != self.user.pk:
                    raise AssertionError(f"the walk lost its log-in before {call}")
                if compare:
                    outcome.changed = [
                        table for table in self._changed(writes) if table not in call.may_change
                    ]
                    if call.verify and outcome.changed[:1] != ["(the transaction broke)"]:
                        wrong = call.verify()
                        if wrong:
                            outcome.changed.append(wrong)
                if follow and 300 <= outcome.status < 400 and self._worth_following(outcome):
                    followed = self.send(Call(call.pattern, "GET", outcome.location))
                    outcome.followed = self._outcome(call, followed)
                transaction.set_rollback(True)
        finally:
            got_request_exception.disconnect(self._record_error)
            self.client.cookies.pop("messages", None)
        if writes:
            cache.clear()
        self.requests += 1
        return outcome

    def _outcome(self, call, response):
        storage = getattr(response.wsgi_request, "_messages", None)
        return Outcome(
            call=call,
            status=response.status_code,
            location=response.get("Location", ""),
            body=body_of(response),
            messages=[str(m) for m in getattr(storage, "_queued_messages", [])],
            error="; ".join(self.errors),
        )

    def _changed(self, writes):
        changed = []
        for table in sorted(writes & set(self.tables)):
            try:
                now = fingerprint(table, self.tables[table])
            except DatabaseError:
                return ["(the transaction broke)"]
            if now != self.baseline[table]:
                changed.append(table)
        return changed

    @staticmethod
    def _worth_following(outcome):
        location = outcome.location.removeprefix("http://testserver")
        return location.startswith("/admin/") and location.split("?")[0] not in (
            "/admin/",
            "/admin/login/",
        )

    def changed_since_start(self):
        """Tables that differ from the fingerprint taken before the walk (none, if every
        request was rolled back)."""
        return [
            table
            for table, cols in self.tables.items()
            if fingerprint(table, cols) != self.baseline[table]
        ]


# Listings, reports and forms without arguments ---------------------------------------------


def png():
    from io import BytesIO

    from PIL import Image

    buffer = BytesIO()
    Image.new("RGB", (4, 4), "red").save(buffer, "PNG")
    return SimpleUploadedFile("ingebroken.png", buffer.getvalue(), content_type="image/png")


def text_file(name="ingebroken.txt", content=b"ingebroken"):
    return SimpleUploadedFile(name, content, content_type="text/plain")


def membership_ct():
    return ContentType.objects.get_for_model(Member.memberships.rel.related_model).pk


SEARCH = [{"q": "Zwaluw"}]
COLLECTION = lambda b: [{"q": "Zwaluw"}, {"collection_id": b.team.collection_id}]  # noqa: E731
CSV = [{"export": "csv"}]

# Query strings for listings, beside the plain GET.
LISTING_QUERIES = {
    "wagtailadmin_pages:search": lambda b, w: SEARCH,
    "wagtailadmin_pages:search_results": lambda b, w: SEARCH,
    "wagtailadmin_choose_page": lambda b, w: [{"page_type": "initiatives.eventpage"}],
    "wagtailadmin_choose_page_search": lambda b, w: SEARCH,
    "wagtailadmin_choose_page_chosen_multiple": lambda b, w: [{"id": [p.pk for p in b.pages]}],
    "wagtailsnippetchoosers_catalogue_item:choose": lambda b, w: [*SEARCH, {"locale": "fr"}],
    "wagtailsnippetchoosers_catalogue_item:choose_results": lambda b, w: [
        *SEARCH,
        {"locale": "fr"},
    ],
    "wagtailsnippetchoosers_catalogue_item:chosen_multiple": lambda b, w: [
        {"id": [i.pk for i in b.items]}
    ],
    "wagtailimages_chooser:choose": lambda b, w: COLLECTION(b),
    "wagtailimages_chooser:choose_results": lambda b, w: COLLECTION(b),
    "wagtailimages_chooser:chosen_multiple": lambda b, w: [{"id": [b.image.pk]}],
    "wagtaildocs_chooser:choose": lambda b, w: COLLECTION(b),
    "wagtaildocs_chooser:choose_results": lambda b, w: COLLECTION(b),
    "wagtaildocs_chooser:chosen_multiple": lambda b, w: [{"id": [b.document.pk]}],
    "wagtailimages:index": lambda b, w: COLLECTION(b),
    "wagtailimages:index_results": lambda b, w: COLLECTION(b),
    "wagtaildocs:index": lambda b, w: COLLECTION(b),
    "wagtaildocs:index_results": lambda b, w: COLLECTION(b),
    "wagtailadmin_api:pages:listing": lambda b, w: [
        {"child_of": b.initiative.pk, "for_explorer": "1"},
        {"descendant_of": b.initiative.pk, "fields": "title,admin_display_title"},
        {"search": "Zwaluw"},
    ],
    "wagtailadmin_api:pages:find": lambda b, w: [{"id": b.draft.pk}],
    "wagtailadmin_api:images:listing": lambda b, w: [{"search": "Zwaluw"}],
    "wagtailadmin_api:images:find": lambda b, w: [{"id": b.image.pk}],
    "wagtailadmin_api:documents:listing": lambda b, w: [{"search": "Zwaluw"}],
    "wagtailadmin_api:documents:find": lambda b, w: [{"id": b.document.pk}],
    "wagtailsnippets_catalogue_item:list": lambda b, w: [
        *SEARCH,
        {"initiative": b.initiative.pk},
        {"locale": "fr"},
    ],
    "wagtailsnippets_catalogue_item:list_results": lambda b, w: [
        *SEARCH,
        {"initiative": b.initiative.pk},
    ],
    "reservations:index": lambda b, w: [
        {"initiative": b.initiative.pk},
        {"q": b.items[0].code},
        {"item": b.items[0].code},
    ],
    "reservations:index_results": lambda b, w: [{"initiative": b.initiative.pk}],
    "member_admin:index": lambda b, w: [
        *SEARCH,
        {"q": "Quintijn"},
        {"initiative": b.initiative.pk},
    ],
    "member_admin:index_results": lambda b, w: [*SEARCH, {"initiative": b.initiative.pk}],
    "membership_admin:index": lambda b, w: [{"q": "Quintijn"}, {"initiative": b.initiative.pk}],
    "membership_admin:index_results": lambda b, w: [{"initiative": b.initiative.pk}],
    "membership_admin:add": lambda b, w: [{"member": b.member.pk}],
    "wagtailadmin_reports:site_history": lambda b, w: [
        *CSV,
        {"object_type": membership_ct()},
        {"user": b.volunteer.pk},
    ],
    "wagtailadmin_reports:site_history_results": lambda b, w: [{"object_type": membership_ct()}],
    "wagtailadmin_reports:aging_pages": lambda b, w: CSV,
    "wagtailadmin_reports:locked_pages": lambda b, w: CSV,
    "wagtailadmin_reports:workflow": lambda b, w: CSV,
    "wagtailadmin_reports:workflow_tasks": lambda b, w: CSV,
    "wagtail_localize:translations_report": lambda b, w: [{"source_title": "Zwaluw"}],
    "wagtailadmin_tag_autocomplete": lambda b, w: [{"term": "a"}],
}


def registration(b, w, **fields):
    """A complete membership form at A's initiative, after A's member's current membership:
    only the member lookup decides whether the price is shown."""
    a = w.a
    start = a.membership.end + DAY
    return {
        "initiative": a.initiative.pk,
        "plan": a.plan.pk,
        "start": start.isoformat(),
        "end": (start + 364 * DAY).isoformat(),
        **fields,
    }


def walk_in(b, w, **member):
    """A walk-in loan of A's item, today, to the member with this number and/or address."""
    return {**member, "item": w.a.spare.pk, "return_date": (TODAY + 3 * DAY).isoformat()}


# Plausible POSTs to listings' and forms' addresses, beside an empty POST.
LISTING_POSTS = {
    # A member of another initiative, found by the member number or the e-mail address alone:
    # the form must not say who it is or what they pay. (With both, as shown in the member's
    # account, registering the member is allowed: docs/architecture.md.)
    "membership_admin:add": lambda b, w: [
        (registration(b, w, member_number=b.member.member_number), "member number"),
        (registration(b, w, member_email=b.member.user.email), "e-mail address"),
        (registration(b, w, member_lookup=b.member.member_number), "member_lookup"),
        (
            registration(
                b,
                w,
                member_number=b.member.member_number,
                member_email=b.member.user.email,
                initiative=b.initiative.pk,
                plan=b.plan.pk,
            ),
            "at the other initiative",
        ),
    ],
    "reservations:walk_in": lambda b, w: [
        (walk_in(b, w, member_number=b.member.member_number), "member number"),
        (walk_in(b, w, member_email=b.member.user.email), "e-mail address"),
    ],
    "wagtailsnippets_catalogue_item:add": lambda b, w: [
        (item_form(b.items[0], w, b.initiative, code=f"{b.items[0].code}-9"), "into B")
    ],
    "wagtailsnippets_catalogue_item:import": lambda b, w: [
        (
            {
                "initiative": b.initiative.pk,
                "file": text_file(
                    "items.csv",
                    f"code;naam;categorie\n{b.items[0].code};Ingebroken;vervoer\n".encode(),
                ),
            },
            "into B",
        )
    ],
    "wagtailimages:add": lambda b, w: [
        ({"title": "Ingebroken", "collection": b.team.collection_id, "file": png()}, "into B")
    ],
    "wagtailimages:add_multiple": lambda b, w: [
        ({"collection": b.team.collection_id, "files[]": png()}, "into B")
    ],
    "wagtailimages_chooser:create": lambda b, w: [
        ({"title": "Ingebroken", "collection": b.team.collection_id, "file": png()}, "into B")
    ],
    "wagtaildocs:add": lambda b, w: [
        (
            {"title": "Ingebroken", "collection": b.team.collection_id, "file": text_file()},
            "into B",
        )
    ],
    "wagtaildocs:add_multiple": lambda b, w: [
        ({"collection": b.team.collection_id, "files[]": text_file()}, "into B")
    ],
    "wagtaildocs_chooser:create": lambda b, w: [
        (
            {"title": "Ingebroken", "collection": b.team.collection_id, "file": text_file()},
            "into B",
        )
    ],
    "wagtailadmin_collections:add": lambda b, w: [
        ({"name": "Ingebroken", "parent": b.team.collection_id}, "under B's")
    ],
}


def nothing_new_in(collection, side):
    """A check that no image or document arrived in `side`'s collection."""

    def verify():
        from wagtail.documents import get_document_model
        from wagtail.images import get_image_model

        for model, own in ((get_image_model(), side.image), (get_document_model(), side.document)):
            if model.objects.filter(collection=collection).exclude(pk=own.pk).exists():
                return f"a new {model._meta.model_name} in {collection.name}'s collection"
        return None

    return verify


# Uploads land in the user's own collection whatever the form says: that may change these
# tables, as long as nothing arrives in B's collection.
UPLOADS = {
    "wagtailimages:add",
    "wagtailimages:add_multiple",
    "wagtailimages_chooser:create",
    "wagtaildocs:add",
    "wagtaildocs:add_multiple",
    "wagtaildocs_chooser:create",
}
UPLOAD_TABLES = ("wagtailimages_image", "wagtaildocs_document", "taggit_taggeditem")


def listing_calls(pattern, world):
    b = world.b
    url = pattern.reverse({})
    calls = [Call(pattern, "GET", url), Call(pattern, "POST", url, {}, note="empty")]
    for query in LISTING_QUERIES.get(pattern.key, lambda b, w: [])(b, world):
        calls.append(Call(pattern, "GET", with_query(url, query), note="query"))
    for data, note in LISTING_POSTS.get(pattern.key, lambda b, w: [])(b, world):
        call = Call(pattern, "POST", url, data, note=note)
        if pattern.key in UPLOADS:
            call.may_change = UPLOAD_TABLES
            call.verify = nothing_new_in(b.team.collection, b)
        calls.append(call)
    return calls


# Checks and the report ----------------------------------------------------------------------

SERVER_ERROR = "answers with a server error"
SHOWS = "shows another initiative's data"
CHANGES = "changes the database"
REACHES = "answers 2xx for another initiative's object"


def problems_of(outcome, canaries, *, named_object):
    """[(kind, detail)] of one request."""
    found = []
    for answer in (outcome, outcome.followed):
        if answer is not None and answer.status >= 500:
            where = "" if answer is outcome else f" after the redirect to {outcome.location}"
            found.append((SERVER_ERROR, f"{answer.status}{where} {answer.error}".strip()))
    text, sent = outcome.text(), outcome.call.sent()
    shown = [c for c in canaries if c.encode() in text and c not in sent]
    if shown:
        found.append(
            (SHOWS, f"{outcome.status}: " + ", ".join(f"{c} ({canaries[c]})" for c in shown))
        )
    if outcome.changed:
        found.append((CHANGES, ", ".join(outcome.changed)))
    reached = named_object and not outcome.call.shared and 200 <= outcome.status < 300
    if reached and outcome.call.pattern.key not in OPEN:
        found.append((REACHES, str(outcome.status)))
    return found


class Report:
    """Problems by kind and pattern, a few example requests each."""

    EXAMPLES = 3

    def __init__(self, title):
        self.title = title
        self.found = defaultdict(lambda: defaultdict(list))  # kind -> pattern -> [lines]

    def add(self, kind, pattern_label, line):
        self.found[kind][pattern_label].append(line)

    def check(self, outcome, canaries, *, named_object):
        for kind, detail in problems_of(outcome, canaries, named_object=named_object):
            self.add(kind, outcome.call.pattern.label, f"{outcome.call} -> {detail}")

    def __bool__(self):
        return bool(self.found)

    def __str__(self):
        lines = [self.title]
        for kind, patterns in self.found.items():
            lines.append(f"\n{kind} ({len(patterns)} patterns):")
            for label, examples in sorted(patterns.items()):
                lines.append(f"  {label}")
                for example in examples[: self.EXAMPLES]:
                    lines.append(f"      {example}")
                if len(examples) > self.EXAMPLES:
                    lines.append(f"      ... and {len(examples) - self.EXAMPLES} more")
        return "\n".join(lines)


def with_arguments(patterns):
    return [pattern for pattern in patterns if pattern.arguments]


def without_arguments(patterns):
    return [pattern for pattern in patterns if not pattern.arguments]


# The tests ----------------------------------------------------------------------------------


def test_every_admin_pattern_is_filled_or_deliberately_skipped(world):
    patterns, skipped = admin_patterns()
    assert len(patterns) > 200, "the walk found too few admin URL patterns"
    unknown = [
        pattern.label
        for pattern in patterns
        if (pattern.name is None and pattern.route not in UNNAMED)
        or fills_for(pattern, world.b, world) is None
    ]
    empty = [
        pattern.label
        for pattern in with_arguments(patterns)
        if pattern.label not in unknown and not fills_for(pattern, world.b, world)
    ]
    assert not unknown, (
        "These admin URL patterns have arguments this test cannot fill with another "
        "initiative's objects; teach fills_for() about them (and check that they are scoped), "
        "or list them in SKIPPED with the reason:\n  " + "\n  ".join(unknown)
    )
    assert not empty, "No objects to fill these patterns with:\n  " + "\n  ".join(empty)
    keys = {pattern.key for pattern in patterns} | {p.split("(")[0] for p in skipped}
    routes = {pattern.route for pattern in patterns}
    assert set(OPEN) <= keys, f"OPEN names patterns that do not exist: {set(OPEN) - keys}"
    assert set(SKIPPED) <= keys, f"SKIPPED names patterns that do not exist: {set(SKIPPED) - keys}"
    assert set(UNNAMED) <= routes, (
        f"UNNAMED names routes that do not exist: {set(UNNAMED) - routes}"
    )


def test_a_volunteer_reaches_nothing_of_another_initiative(world):
    walker = Walker(world.volunteer)
    report = Report("A's volunteer, with initiative B's objects in the address:")
    for pattern in with_arguments(admin_patterns()[0]):
        for call in calls_for(pattern, world.b, world) or []:
            report.check(walker.run(call), world.b.canaries, named_object=True)
    assert not walker.changed_since_start(), "a request's changes outlived its savepoint"
    assert not report, f"{report}\n({walker.requests} requests)"


def test_listings_reports_and_forms_show_nothing_of_another_initiative(world):
    walker = Walker(world.volunteer)
    report = Report("A's volunteer, on addresses without arguments:")
    for pattern in without_arguments(admin_patterns()[0]):
        for call in listing_calls(pattern, world):
            report.check(walker.run(call), world.b.canaries, named_object=False)
    assert not walker.changed_since_start(), "a request's changes outlived its savepoint"
    assert not report, f"{report}\n({walker.requests} requests)"


def test_a_coordinator_reaches_these_addresses_and_sees_every_canary(world):
    """The walk is worth something only if its addresses work and the canaries show where
    they belong: a coordinator gets most addresses, and sees each canary somewhere."""
    walker = Walker(world.coordinator)
    answered, refused, seen = [], [], set()
    patterns = admin_patterns()[0]
    for pattern in with_arguments(patterns):
        calls = calls_for(pattern, world.b, world, extras=False) or []
        for call in calls:
            if call.method != "GET":
                continue
            outcome = walker.run(call, follow=False, compare=False)
            if outcome.status == 405:  # an action: POST it (rolled back like every request)
                call = next(c for c in calls if c.method == "POST" and c.url == call.url)
                outcome = walker.run(call, follow=False, compare=False)
            (answered if outcome.status < 400 else refused).append(
                f"{pattern.label}: {call} -> {outcome.status} {outcome.error}".strip()
            )
            seen.update(c for c in world.b.canaries if c.encode() in outcome.text())
    for pattern in without_arguments(patterns):
        outcome = walker.run(listing_calls(pattern, world)[0], follow=False, compare=False)
        seen.update(c for c in world.b.canaries if c.encode() in outcome.text())
    share = len(answered) / (len(answered) + len(refused))
    assert share >= 0.8, (
        f"Only {share:.0%} of the addresses filled with B's objects answer a coordinator's GET "
        "below 400; the walk may be building broken addresses:\n  " + "\n  ".join(refused)
    )
    unseen = {c: d for c, d in world.b.canaries.items() if c not in seen}
    assert not unseen, f"The coordinator never sees these canaries, so they prove nothing: {unseen}"


# Key addresses of the volunteer's own initiative: they answer (status, and text shown).
def own_key_calls(world):
    a = world.a
    p = {pattern.key: pattern for pattern in admin_patterns()[0]}

    def call(key, method="GET", data=None, content_type=None, note="", **kwargs):
        pattern = p[key]
        url = pattern.reverse(kwargs)
        return Call(pattern, method, url, data, content_type, note)

    translation = a.translations[-1]  # the English item
    segment = StringSegment.objects.filter(source=translation.source).first()
    registration_data = registration(a, world, member_number=a.member.member_number)
    name = a.member.user.last_name
    return [
        *((call("wagtailadmin_pages:edit", page_id=page.pk), 200, None) for page in a.pages),
        (call("wagtailsnippets_catalogue_item:edit", pk=a.items[0].pk), 200, None),
        (call("reservations:inspect", pk=a.reservations[0].pk), 200, name),
        (call("member_admin:inspect", pk=a.member.pk), 200, name),
        (call("membership_admin:edit", pk=a.membership.pk), 200, name),
        (
            call("wagtail_localize:update_translations", translation_source_id=a.sources[0].pk),
            200,
            None,
        ),
        (
            call(
                "wagtail_localize:update_translations",
                "POST",
                {"publish_translations": "on"},
                translation_source_id=a.sources[0].pk,
            ),
            302,
            None,
        ),
        (
            call(
                "wagtail_localize:edit_string_translation",
                "PUT",
                "value=Ingevuld",
                FORM,
                translation_id=translation.pk,
                string_segment_id=segment.pk,
            ),
            201,
            None,
        ),
        (call("wagtail_localize:download_pofile", translation_id=translation.pk), 200, None),
        (call("membership_admin:add", "POST", registration_data), 200, name),
        (
            call(
                "reservations:walk_in",
                "POST",
                walk_in(a, world, member_number=a.member.member_number),
            ),
            302,
            None,
        ),
        (call("wagtailadmin_reports:site_history"), 200, f"{a.marker}Logboek"),
    ]


def test_a_volunteer_reaches_their_own_initiative(world):
    walker = Walker(world.volunteer)
    report = Report("A's volunteer, with initiative A's own objects in the address:")
    for call, status, shown in own_key_calls(world):
        outcome = walker.run(call, follow=False, compare=False)
        if outcome.status != status or (shown and shown.encode() not in outcome.body):
            what = f" showing {shown}" if shown else ""
            report.add(
                f"does not answer {status}{what}",
                call.pattern.label,
                f"{call} -> {outcome.status} {outcome.error}".strip(),
            )
    # Every address with the volunteer's own objects, GET and an empty POST: no server error.
    for pattern in with_arguments(admin_patterns()[0]):
        for call in calls_for(pattern, world.a, world, extras=False) or []:
            outcome = walker.run(call, follow=False, compare=False)
            if outcome.status >= 500:
                report.add(
                    SERVER_ERROR, pattern.label, f"{call} -> {outcome.status} {outcome.error}"
                )
    assert not report, f"{report}\n({walker.requests} requests)"
