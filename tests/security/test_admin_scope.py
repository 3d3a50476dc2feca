"""Every admin address, with another initiative's objects: refused, nothing shown, nothing
changed (docs/architecture.md, "Who sees what").

Two initiatives, A and B, each with objects of every kind the admin knows: pages in three
languages (wagtail-localize), an event with an unpublished revision, a locked page, a page
never published and in moderation, a scheduled revision, items and their translations (with a
string saved in the translation editor but not published), an item never published,
reservations, a member of that initiative only (with a verified social tariff), a membership,
an image and a document in the initiative's collection, uploads, log entries, editing sessions
and a redirect. B's non-public data carries canary strings (Side.canaries). The world is built
in admin_scope_world.py.

The URL patterns come from the URL resolver itself. Every pattern under /admin/ with arguments
is filled with B's objects (by namespace and argument name: fills_for, in admin_scope_urls.py)
and requested as A's volunteer with GET, an empty POST and, where useful, plausible data
(EXTRA, in admin_scope_calls.py); every pattern without arguments (listings, reports, choosers,
forms) with GET, its filters and searches (LISTING_QUERIES), an empty POST and plausible POSTs
(LISTING_POSTS, both in admin_scope_listings.py). No request may answer 5xx, show one of B's
canaries (in the page, its messages, or the page a redirect leads to), or change a content
table; an address that names B's object may not answer 2xx unless it is in OPEN. A pattern
whose arguments fills_for() cannot fill fails the first test, so an address added later is
looked at before it ships; deliberate exceptions are in SKIPPED, each with its reason.

Each request runs in a savepoint that is rolled back afterwards, so every request starts from
the same data; "nothing changed" compares each table the request wrote to (its SQL says which)
with a fingerprint of that table taken before the walk (admin_scope_walker.py). A
coordinator's walk checks that the addresses work and that every canary shows somewhere it
belongs; A's own objects are reachable. The world is built once for the module: the tests stay
in this one module so that it is built once.
"""

import pytest

from django.db import transaction

from wagtail_localize.models import StringSegment

from tests.security.admin_scope_calls import FORM, Call, calls_for
from tests.security.admin_scope_listings import listing_calls, registration, walk_in
from tests.security.admin_scope_urls import (
    OPEN,
    SKIPPED,
    UNNAMED,
    admin_patterns,
    fills_for,
)
from tests.security.admin_scope_walker import (
    SERVER_ERROR,
    Report,
    Walker,
    with_arguments,
    without_arguments,
)
from tests.security.admin_scope_world import build_world

# One worker builds the world once for the whole module (it takes a few seconds).
pytestmark = [pytest.mark.django_db, pytest.mark.xdist_group("admin_scope")]


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Built once for the module, inside a transaction rolled back at its end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


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
