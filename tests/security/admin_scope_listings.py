"""The requests of the admin-scope walk (tests/security/test_admin_scope.py) for addresses
without arguments (listings, reports, choosers, forms): a GET, its filters and searches
(LISTING_QUERIES), an empty POST and plausible POSTs (LISTING_POSTS) naming B's objects.
"""

from io import BytesIO

from PIL import Image

from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from members.models import Member
from tests.security.admin_scope_calls import Call, item_form, with_query
from tests.security.admin_scope_world import DAY, TODAY


def png():
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
        {"q": b.items[0].copies.first().code},
        {"item": b.items[0].copies.first().code},
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
    """A walk-in loan of a copy of A's item, today, to the member with this number or address."""
    copy = w.a.spare.copies.first()
    return {**member, "copy": copy.pk, "return_date": (TODAY + 3 * DAY).isoformat()}


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
        (item_form(b.items[0], w, b.initiative), "into B")
    ],
    "wagtailsnippets_catalogue_item:import": lambda b, w: [
        (
            {
                "initiative": b.initiative.pk,
                "file": text_file(
                    "items.csv",
                    f"code;naam;categorie\n{b.items[0].copies.first().code};Ingebroken;vervoer\n".encode(),
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
