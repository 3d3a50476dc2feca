"""Publishing many catalogue items at once, leaving what Wagtail's actions leave one by one.

The CSV import creates or changes up to thousands of items and translations per file.
Wagtail's ``CreateAction`` and ``EditAction`` with ``publish=True`` cost some thirty queries per
object, and the three saves of each re-index it three times; a 1,000-row file took minutes.
``publish`` writes the same records a batch at a time, without save signals:

- the rows (inserted, or updated with all their fields), live, with ``first_published_at``,
  ``last_published_at`` and ``updated_at`` as publishing sets them;
- one revision per object, holding its content, which becomes its latest and live revision
  (and scheduled approvals of older revisions are cleared, as publishing does);
- the log entries the admin's history shows: ``wagtail.create`` or ``wagtail.edit``, a
  ``wagtail.rename`` when a changed item's title changed, and ``wagtail.publish``;
- the ``published`` signal of each object.

Objects in a state this does not mirror (a changed item that is not live or has a publication
date ahead, or a translation saved as a draft) go through Wagtail's ``EditAction``.

Nothing is indexed on the way: ``reindex`` then updates, once for all the objects, the
catalogue's search index in the same transaction (and Elasticsearch after the commit) through
the ``catalogue.signals.items_published`` signal, which the search app receives, and
enqueues one task for Wagtail's search index (the admin's item search) and reference index
(the admin's "usage", the copies written in bulk with the items included), as Wagtail's save
signals enqueue one per save: run at once in development, by ``manage.py db_worker`` in
production.
``tests/catalogue/test_bulk_publish.py`` compares the outcome with Wagtail's own actions.
"""

from __future__ import annotations

import logging

from django_tasks import task

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import CharField, OuterRef, Subquery, Value
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from modelcluster.models import get_all_child_relations
from wagtail.actions.edit import EditAction
from wagtail.log_actions import get_active_log_context
from wagtail.log_actions import registry as log_registry
from wagtail.models import ReferenceIndex, Revision
from wagtail.search.backends import get_search_backends_with_name
from wagtail.signals import published

from core import page_cache

from .signals import items_published

logger = logging.getLogger(__name__)


def publish(creations=(), edits=(), drafts=(), *, user=None) -> None:
    """Save objects of one model (a ``DraftStateMixin`` and ``RevisionMixin`` model such as
    ``Item``) as new revisions, published:

    - ``creations``: unsaved objects, created and published (``CreateAction``);
    - ``edits``: ``(object, title)`` pairs, saved objects with their new values set and the
      title (``str``) they had before, published (``EditAction(publish=True)``);
    - ``drafts``: saved objects whose new values are saved as a draft
      (``EditAction(publish=False)``).

    Afterwards each object is as it is in the database. Call ``reindex`` with them once all
    the writes are done.
    """
    creations = list(creations)
    now = timezone.now()
    plain, unusual = _sort_edits(edits, now)
    _edit_through_wagtail(unusual, drafts, user)
    objects = creations + [obj for obj, _title in plain]
    if not objects:
        return
    model = type(objects[0])
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=False)
    base_content_type = model.get_base_content_type()

    for obj in creations:
        obj.live = False  # until its revision is published, as CreateAction saves it
    _insert(model, creations)
    revisions = _insert_revisions(objects, content_type, base_content_type, user, now)
    if plain:
        _clear_scheduled_approvals(base_content_type, plain)
    # Wagtail logs a rename when the object had a revision before and its title changed.
    had_revision = {obj.pk for obj, _title in plain if obj.latest_revision_id is not None}
    _set_published(objects, revisions, now)
    if creations:
        _publish_created_rows(model, base_content_type, creations, now)
    _write_changed_rows(model, plain)

    _log(model, content_type, creations, plain, revisions, user, now, had_revision)
    for obj, revision in zip(objects, revisions, strict=True):
        published.send(sender=model, instance=obj, revision=revision)
    # Rows written in bulk send no save signals: the cached pages are renewed here.
    page_cache.bump()
    transaction.on_commit(page_cache.bump, robust=True)


def _sort_edits(edits, now) -> tuple[list, list]:
    """The ``(object, title)`` edits this module publishes itself, and the others: an object
    that is not live or has a publication date ahead goes through Wagtail's ``EditAction``."""
    plain, unusual = [], []
    for obj, title in edits:
        scheduled = obj.go_live_at is not None and obj.go_live_at > now
        (unusual if scheduled or not obj.live else plain).append((obj, title))
    return plain, unusual


def _edit_through_wagtail(unusual, drafts, user) -> None:
    """Publish the unusual edits and save the drafts with Wagtail's ``EditAction``."""
    for obj, publish_it in [(obj, True) for obj, _title in unusual] + [(o, False) for o in drafts]:
        EditAction(obj, user=user, publish=publish_it, clean=False).execute(
            skip_permission_checks=True
        )
        # Publishing saved a copy made from the revision: read back what is in the database.
        obj.refresh_from_db()


def _insert_revisions(objects, content_type, base_content_type, user, now) -> list[Revision]:
    """One new revision per object, holding its content."""
    revisions = [
        Revision(
            content_type=content_type,
            base_content_type=base_content_type,
            object_id=str(obj.pk),
            user=user,
            content=obj.serializable_data(),
            object_str=str(obj),
            created_at=now,
        )
        for obj in objects
    ]
    _insert(Revision, revisions)
    return revisions


def _clear_scheduled_approvals(base_content_type, plain) -> None:
    """Publishing clears the scheduled approvals of the older revisions of what it publishes."""
    Revision.objects.filter(
        base_content_type=base_content_type,
        object_id__in=[str(obj.pk) for obj, _title in plain],
        approved_go_live_at__isnull=False,
    ).update(approved_go_live_at=None)


def _set_published(objects, revisions, now) -> None:
    """The objects in memory as publishing their revisions leaves them."""
    for obj, revision in zip(objects, revisions, strict=True):
        obj.live = True
        obj.has_unpublished_changes = False
        obj.expired = False
        obj.first_published_at = obj.first_published_at or now
        obj.last_published_at = now
        obj.latest_revision = revision
        obj.live_revision = revision
        obj.updated_at = now


def _publish_created_rows(model, base_content_type, creations, now) -> None:
    """The new rows published, in one statement for the batch: each new row's revision is the
    only one it has."""
    revision = Subquery(
        Revision.objects.filter(
            base_content_type=base_content_type,
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        .order_by("-pk")
        .values("pk")[:1]
    )
    model.objects.filter(pk__in=[obj.pk for obj in creations]).update(
        live=True,
        has_unpublished_changes=False,
        expired=False,
        first_published_at=Coalesce("first_published_at", Value(now)),
        last_published_at=now,
        updated_at=now,
        latest_revision=revision,
        live_revision=revision,
    )


def _write_changed_rows(model, plain) -> None:
    """A changed object is written whole, as publishing saves it (one statement each: Django's
    bulk_update builds a CASE per field and row, slower than this beyond a few rows)."""
    fields = [field for field in model._meta.concrete_fields if not field.primary_key]
    for obj, _title in plain:
        model._base_manager.filter(pk=obj.pk).update(
            **{field.attname: getattr(obj, field.attname) for field in fields}
        )


def _insert(model, objects) -> None:
    """Insert new rows, their ids set on the objects, and then their child objects."""
    if not objects:
        return
    relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
    for obj in objects:
        # Hold the (possibly copied) child objects in memory: once the row has an id, reading
        # them needs no query.
        for name in relations:
            getattr(obj, name).get_object_list()
    if connection.features.can_return_rows_from_bulk_insert:
        model.objects.bulk_create(objects)
    else:  # SQLite before 3.35 cannot return the ids of a bulk insert
        for obj in objects:
            obj.save()
    for obj in objects:
        for name in relations:
            manager = getattr(obj, name)
            if manager.get_object_list():
                manager.commit()


def _log(model, content_type, creations, edits, revisions, user, now, had_revision) -> None:
    log_model = log_registry.get_log_model_for_model(model)
    if log_model is None:
        return
    context = get_active_log_context()

    def entry(obj, action, revision, data=None, content_changed=True):
        return log_model(
            content_type=content_type,
            label=log_model.objects.get_instance_title(obj),
            action=action,
            timestamp=now,
            data=data or {},
            user=user or context.user,
            uuid=context.uuid,
            revision=revision,
            content_changed=content_changed,
            object_id=str(obj.pk),
        )

    entries = []
    for obj, revision in zip(creations, revisions, strict=False):
        entries += [entry(obj, "wagtail.create", revision), entry(obj, "wagtail.publish", revision)]
    for (obj, title), revision in zip(edits, revisions[len(creations) :], strict=True):
        entries.append(entry(obj, "wagtail.edit", revision))
        data = None
        if obj.pk in had_revision and str(obj) != title:
            data = {"title": {"old": title, "new": str(obj)}}
            entries.append(entry(obj, "wagtail.rename", revision, data, content_changed=False))
        entries.append(entry(obj, "wagtail.publish", revision, data))
    log_model.objects.bulk_create(entries)


def reindex(created=(), changed=(), *, related=()) -> None:
    """Update the indexes for these saved objects of one model, what their save signals would
    have done: the catalogue's search index now (and Elasticsearch after the commit), and
    Wagtail's search and reference indexes through one background task, as Wagtail does for
    each save. ``created``: objects ``publish`` created; ``changed``: the others;
    ``related``: new objects of another model written in bulk with them (the copies of
    items), whose references the same task records.

    The catalogue's search index is the search app's: it follows ``items_published``
    (``catalogue.signals``), since the catalogue does not import the apps above it."""
    created = [obj for obj in created if obj.pk is not None]
    changed = [obj for obj in changed if obj.pk is not None]
    related = [obj for obj in related if obj.pk is not None]
    objects = created + changed
    if not objects:
        return
    items_published.send(
        sender=type(objects[0]),
        ids=[obj.pk for obj in objects],
        translation_keys=[obj.translation_key for obj in objects],
    )
    meta = objects[0]._meta
    update_wagtail_indexes.enqueue(
        meta.app_label,
        meta.model_name,
        created=[obj.pk for obj in created],
        changed=[obj.pk for obj in changed],
        related=[[obj._meta.label_lower, obj.pk] for obj in related],
    )


@task()
def update_wagtail_indexes(
    app_label: str, model_name: str, created: list, changed: list, related: list = ()
) -> int:
    """Wagtail's search index (the admin's search) and reference index (the admin's "usage")
    for these objects, in one step: the bulk form of the tasks Wagtail's save signals enqueue
    for each object. ``created``: ids of objects ``publish`` created; ``related``: ``[model
    label, id]`` of new objects of other models (copies), whose references are recorded too.
    Returns how many objects were indexed."""
    model = apps.get_model(app_label, model_name)
    indexed = list(model.get_indexed_objects().filter(pk__in=[*created, *changed]))
    for name, backend in get_search_backends_with_name(with_auto_update=True):
        try:
            backend.add_bulk(model, indexed)
        except Exception:
            # As Wagtail does for each object: an external service that is down costs a log
            # line; a database backend's error ends the transaction.
            logger.exception(
                "Could not add %d objects to the %r search backend", len(indexed), name
            )
            if not backend.catch_indexing_errors:
                raise

    if ReferenceIndex.is_indexed(model):
        relations = [relation.get_accessor_name() for relation in get_all_child_relations(model)]
        objects = model._base_manager.filter(pk__in=[*created, *changed]).prefetch_related(
            *relations
        )
        new = set(created)
        _add_references([obj for obj in objects if obj.pk in new])
        for obj in objects:
            if obj.pk not in new:
                ReferenceIndex.create_or_update_for_object(obj)
    related_ids = {}
    for label, pk in related:
        related_ids.setdefault(label, []).append(pk)
    for label, ids in related_ids.items():
        related_model = apps.get_model(label)
        if ReferenceIndex.is_indexed(related_model):
            _add_references(list(related_model._base_manager.filter(pk__in=ids)))
    return len(indexed)


def _add_references(objects) -> None:
    """Record the references of new objects in Wagtail's reference index, in one statement:
    ``ReferenceIndex.create_or_update_for_object`` without looking for earlier records, since
    a new object has none."""
    rows = []
    for obj in objects:
        content_types = [
            ContentType.objects.get_for_model(model_or_object, for_concrete_model=False)
            for model_or_object in [obj, *obj._meta.get_parent_list()]
        ]
        for to_content_type_id, to_object_id, model_path, content_path in set(
            ReferenceIndex._extract_references_from_object(obj)
        ):
            rows.append(
                ReferenceIndex(
                    content_type=content_types[0],
                    base_content_type=content_types[-1],
                    object_id=obj.pk,
                    to_content_type_id=to_content_type_id,
                    to_object_id=to_object_id,
                    model_path=model_path,
                    content_path=content_path,
                    content_path_hash=ReferenceIndex._get_content_path_hash(content_path),
                )
            )
    ReferenceIndex.objects.bulk_create(
        rows, ignore_conflicts=connection.features.supports_ignore_conflicts
    )
