"""A database from before the lending app migrates forward with every row where it was.

Reservations, their events and the outbox moved from the catalogue and members apps into the
lending app (the catalogue page into home, the site settings into core) by migrations that change
only Django's state and rename content types (docs/architecture.md, "Moving a model"). Here the
database is taken back to the state before the move, rows are written the way the old code
wrote them, and the migrations run forward again.
"""

import datetime

import pytest

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from wagtail.models import Site

from core.models import SiteSettings
from home.models import CatalogueIndexPage
from initiatives.teams import grant_team_permissions
from lending.models import OutgoingMail, Reservation, ReservationEvent
from tests.catalogue.factories import first_copy
from tests.lending.world import MONDAY_2, MONDAY_3, MONDAY_4, build_lending_world

# serialized_rollback: the flush after each test removes what the migrations made (the root
# page, the locales); it is put back for the tests that follow.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

BEFORE_THE_MOVE = [
    ("catalogue", "0003_reservation_no_overlap_postgresql"),
    ("members", "0002_outgoingmail"),
    ("home", "0002_site_settings_tariffs_page"),
    ("lending", None),
    ("core", None),
]
MOVED = {
    ("lending", "reservation"): "catalogue",
    ("lending", "reservationevent"): "catalogue",
    ("lending", "outgoingmail"): "members",
    ("home", "catalogueindexpage"): "catalogue",
    ("core", "sitesettings"): "home",
}


def migrate_to(targets):
    """Migrate to the targets; the models of that state (only existing nodes name a state)."""
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state([t for t in targets if t[1] is not None]).apps


def content_type_ids():
    return {
        key: ContentType.objects.get(app_label=key[0], model=key[1]).pk
        for key in MOVED
        if ContentType.objects.filter(app_label=key[0], model=key[1]).exists()
    }


@pytest.fixture
def moved_back():
    """Rows made by today's code, then the database as it was before the move; afterwards the
    database is migrated forward again whatever happens in the test."""
    world = build_lending_world()
    home = world["trees"]["nl"].home
    home.add_child(instance=CatalogueIndexPage(title="Catalogus", slug="catalogus"))
    SiteSettings.objects.create(site=Site.objects.get(root_page=home), city="Kortrijk")
    ContentType.objects.clear_cache()
    yield world
    # Forward again even when the test stopped half-way; without the migrate command's
    # post_migrate signal, which would write rows after the test's flush.
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    # Content types are looked up from a cache that outlives the test; refill it with every
    # model, or a later test's signals would write content type rows that are not meant to be.
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


def test_reservations_events_and_mails_keep_their_rows_content_types_and_permissions(moved_back):
    world = moved_back
    item, member = world["item"], world["member"]
    mine = Reservation.objects.create(
        item=item, copy=first_copy(item), member=member, pickup_date=MONDAY_2, return_date=MONDAY_3
    )
    ReservationEvent.objects.create(reservation=mine, to_status="requested", note="Met koffer")
    OutgoingMail.objects.create(user=world["member"].user, kind="received", reservation=mine)
    team = grant_team_permissions(world["initiative"])
    ids_before = content_type_ids()
    assert set(ids_before) == set(MOVED)

    old = migrate_to(BEFORE_THE_MOVE)
    ContentType.objects.clear_cache()
    # The content types went back to their old apps, with the same rows (same ids).
    for (app, model), old_app in MOVED.items():
        assert ContentType.objects.get(app_label=old_app, model=model).pk == ids_before[app, model]
    # The old code's models write to the same tables.
    OldReservation = old.get_model("catalogue", "Reservation")
    OldEvent = old.get_model("catalogue", "ReservationEvent")
    OldMail = old.get_model("members", "OutgoingMail")
    assert OldReservation.objects.get().pk == mine.pk
    theirs = OldReservation.objects.create(
        item_id=world["item"].pk,
        member_id=world["member"].pk,
        pickup_date=MONDAY_4,
        return_date=MONDAY_4 + datetime.timedelta(days=2),
        status="confirmed",
    )
    OldEvent.objects.create(
        reservation_id=theirs.pk, from_status="requested", to_status="confirmed"
    )
    OldMail.objects.create(
        user_id=world["member"].user_id, kind="confirmed", reservation_id=theirs.pk, status="sent"
    )

    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    # Content types are looked up from a cache that outlives the test; refill it with every
    # model, or a later test's signals would write content type rows that are not meant to be.
    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)

    assert content_type_ids() == ids_before
    rows = Reservation.objects.order_by("pk")
    assert [(r.pk, r.pickup_date, r.status) for r in rows] == [
        (mine.pk, MONDAY_2, "requested"),
        (theirs.pk, MONDAY_4, "confirmed"),
    ]
    assert [e.note for e in ReservationEvent.objects.filter(reservation=mine)] == ["Met koffer"]
    assert ReservationEvent.objects.get(reservation_id=theirs.pk).to_status == "confirmed"
    assert sorted(OutgoingMail.objects.values_list("reservation_id", "kind", "status")) == [
        (mine.pk, "received", "pending"),
        (theirs.pk, "confirmed", "sent"),
    ]
    # The team's desk permissions are the same rows, now under the lending app.
    desk = Permission.objects.get(content_type__app_label="lending", codename="change_reservation")
    assert team.group.permissions.filter(pk=desk.pk).exists()
    # The pages and settings that moved are found through their new apps.
    assert CatalogueIndexPage.objects.get().specific_class is CatalogueIndexPage
    assert SiteSettings.objects.get().city == "Kortrijk"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the constraint exists on PostgreSQL")
def test_the_exclusion_constraint_survives_the_move(moved_back):
    migrate_to(BEFORE_THE_MOVE)
    migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname FROM pg_constraint WHERE conrelid = %s::regclass AND contype = 'x'",
            [Reservation._meta.db_table],
        )
        assert [row[0] for row in cursor.fetchall()] == ["reservation_no_overlap"]
