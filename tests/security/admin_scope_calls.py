"""The requests of the admin-scope walk (tests/security/test_admin_scope.py) for addresses with
arguments: for each pattern filled with one side's objects, a GET, an empty POST and, where
useful, plausible data (EXTRA).
"""

import json
from dataclasses import dataclass
from urllib.parse import urlencode

from django.core.files.uploadedfile import SimpleUploadedFile

from wagtail.models import Collection, Locale, Page
from wagtail_localize.models import Translation

from catalogue.models import Item
from initiatives.models import InitiativePage
from tests.admin_forms import PUBLISH, initiative_edit_form
from tests.security.admin_scope_urls import Pattern, fills_for
from tests.security.admin_scope_world import DAY, TODAY, other

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
        "name": "Ingebroken",
        "category": world.category.pk,
        "description": "",
        "contents": "",
        "brand": "",
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
