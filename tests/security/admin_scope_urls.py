"""The admin's URL patterns for the admin-scope walk (tests/security/test_admin_scope.py), and
their arguments filled with one side's objects.

The patterns come from the URL resolver itself (admin_patterns); fills_for() fills a pattern's
arguments by namespace and argument name, and returns None for arguments it does not know, so
that an address added later is looked at before it ships. Deliberate exceptions are in SKIPPED,
each with its reason; addresses that may answer 2xx with another initiative's object in OPEN.
"""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.models import Locale, Site, Task, Workflow
from wagtail_localize.models import OverridableSegment, StringSegment

from catalogue.models import Category
from initiatives.models import EventPage
from lending.desk import ACTIONS as DESK_ACTIONS
from search.models import Synonym
from tests.security.admin_scope_world import other

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


def page_types(side):
    return sorted(
        {(type(page)._meta.app_label, type(page)._meta.model_name) for page in side.pages}
    )


def bulk_objects(side, world):
    """The objects of each model that Wagtail's bulk actions are registered for."""
    return {
        ("wagtailcore", "page"): side.pages,
        ("catalogue", "item"): side.items,
        ("catalogue", "copy"): side.copies,
        ("catalogue", "category"): [world.category],
        ("search", "synonym"): [world.synonym],
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
    "wagtailsnippets_catalogue_copy": lambda s, w: s.copies,
    "wagtailsnippetchoosers_catalogue_copy": lambda s, w: s.copies,
    # Categories are shared by all initiatives and only coordinators change them.
    "wagtailsnippets_catalogue_category": lambda s, w: [w.category],
    "wagtailsnippetchoosers_catalogue_category": lambda s, w: [w.category],
    # Search words are the whole catalogue's and only coordinators change them.
    "wagtailsnippets_search_synonym": lambda s, w: [w.synonym],
    "wagtailsnippetchoosers_search_synonym": lambda s, w: [w.synonym],
    "reservations": lambda s, w: s.reservations,
    "member_admin": lambda s, w: [s.member],
    "membership_admin": lambda s, w: [s.membership],
    "applications": lambda s, w: s.applications,
    "wagtaillocales": lambda s, w: [Locale.objects.get(language_code="fr")],
    "wagtailsites": lambda s, w: [w.site],
    "wagtailusers_users": lambda s, w: [s.volunteer, s.member.user],
    "wagtailusers_groups": lambda s, w: [s.team.group],
    "wagtaildocs_chooser": lambda s, w: [s.document],
    "wagtailimages_chooser": lambda s, w: [s.image],
}
PK_BY_NAME = {
    "reservations:skip": lambda s, w: s.waiting,
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
SHARED = (Category, Synonym, Locale, Site, Workflow, Task)
SHARED_MODELS = {
    ("catalogue", "category"),
    ("search", "synonym"),
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


# Patterns with several arguments that depend on each other: one filler for each set of
# arguments, returning kwargs (or (kwargs, query)) for the pattern, or None when it does not know
# the pattern.


def page_revisions(pattern, s, w):
    return [{"page_id": p.pk, "revision_id": r.pk} for p in s.pages for r in s.revisions[p][:2]]


def item_revisions(pattern, s, w):
    if pattern.namespace != "wagtailsnippets_catalogue_item":
        return None
    return [{"pk": i.pk, "revision_id": r.pk} for i in s.items for r in s.item_revisions[i][:2]]


def revision_comparisons(pattern, s, w):
    objects, revisions = {
        "wagtailadmin_pages": (s.pages, s.revisions),
        "wagtailsnippets_catalogue_item": (s.items, s.item_revisions),
    }.get(pattern.namespace, (None, None))
    if objects is None:
        return None
    return [
        {"pk": obj.pk, "revision_id_a": x, "revision_id_b": y}
        for obj in objects
        for x, y in revision_pairs(revisions[obj])
    ]


def page_moves(pattern, s, w):
    # This side's pages into the other's tree, and the other's event into this side's.
    theirs = other(w, s)
    return [{"page_to_move_id": p.pk, "destination_id": theirs.initiative.pk} for p in s.pages] + [
        {"page_to_move_id": theirs.event.pk, "destination_id": s.initiative.pk}
    ]


def task_actions(pattern, s, w):
    return [
        {"page_id": s.draft.pk, "action_name": action, "task_state_id": s.task_state.pk}
        for action in ("approve", "reject")
    ]


def page_tasks(pattern, s, w):
    return [{"page_id": s.draft.pk, "task_id": s.task_state.task_id}]


def page_workflow_states(pattern, s, w):
    return [{"page_id": s.draft.pk, "workflow_state_id": s.workflow_state.pk}]


def page_workflows(pattern, s, w):
    return [{"page_pk": p.pk, "workflow_pk": w.workflow.pk} for p in s.pages]


def subpage_types(pattern, s, w):
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


def content_types(pattern, s, w):
    return [
        {"content_type_app_name": app, "content_type_model_name": model}
        for app, model in page_types(s)
    ]


def app_label_models(pattern, s, w):
    models = {
        "wagtailadmin_pages:choose_parent": page_types(s),
        "wagtail_localize:snippets_api_listing": [("catalogue", "item")],
        "wagtailadmin_workflows:add_task": [("wagtailcore", "groupapprovaltask")],
    }.get(pattern.key)
    if models is None:
        return None
    return [{"app_label": app, "model_name": model} for app, model in models]


def app_name_models(pattern, s, w):
    models = {
        "wagtailadmin_tag_model_autocomplete": [
            ("wagtailimages", "image"),
            ("wagtaildocs", "document"),
        ],
        "wagtailsettings:edit": [("home", "sitesettings")],
    }.get(pattern.key)
    if models is None:
        return None
    return [{"app_name": app, "model_name": model} for app, model in models]


def settings_of_site(pattern, s, w):
    if pattern.namespace != "wagtailsettings":
        return None
    return [{"app_name": "home", "model_name": "sitesettings", "pk": w.site.pk}]


def snippet_translations(pattern, s, w):
    if pattern.namespace != "wagtail_localize":
        return None
    return [{"app_label": "catalogue", "model_name": "item", "pk": i.pk} for i in s.items]


def bulk_actions(pattern, s, w):
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


def editing_sessions(pattern, s, w):
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


def string_segments(pattern, s, w):
    return [
        {"translation_id": t.pk, "string_segment_id": segment}
        for t in s.translations
        for segment in StringSegment.objects.filter(source=t.source)
        .order_by("order")
        .values_list("pk", flat=True)[:2]
    ]


def overridable_segments(pattern, s, w):
    return [
        {"translation_id": t.pk, "overridable_segment_id": segment}
        for t in s.translations
        for segment in OverridableSegment.objects.filter(source=t.source)
        .order_by("order")
        .values_list("pk", flat=True)[:1]
    ]


def translation_modes(pattern, s, w):
    return [{"translation_id": t.pk, "mode": "default"} for t in s.translations]


def desk_actions(pattern, s, w):
    if pattern.namespace != "reservations":
        return None
    return [{"pk": r.pk, "action": action} for r in s.reservations for action in DESK_ACTIONS]


def page_api_actions(pattern, s, w):
    if pattern.namespace != "wagtailadmin_api:pages":
        return None
    from wagtail.admin.api.views import PagesAdminAPIViewSet

    return [
        {"pk": p.pk, "action_name": action}
        for p in s.pages
        for action in PagesAdminAPIViewSet.actions
    ]


def renditions(pattern, s, w):
    return [{"image_id": s.image.pk, "filter_spec": "fill-80x60"}]


def password_resets(pattern, s, w):
    return [
        {"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": "ab-cdef"}
        for user in (s.volunteer, s.member.user)
    ]


COMBINATIONS = {
    frozenset(arguments.split()): filler
    for arguments, filler in (
        ("page_id revision_id", page_revisions),
        ("pk revision_id", item_revisions),
        ("pk revision_id_a revision_id_b", revision_comparisons),
        ("page_to_move_id destination_id", page_moves),
        ("page_id action_name task_state_id", task_actions),
        ("page_id task_id", page_tasks),
        ("page_id workflow_state_id", page_workflow_states),
        ("page_pk workflow_pk", page_workflows),
        ("content_type_app_name content_type_model_name parent_page_id", subpage_types),
        ("content_type_app_name content_type_model_name", content_types),
        ("app_label model_name", app_label_models),
        ("app_name model_name", app_name_models),
        ("app_name model_name pk", settings_of_site),
        ("app_label model_name pk", snippet_translations),
        ("app_label model_name action", bulk_actions),
        ("app_label model_name object_id session_id", editing_sessions),
        ("translation_id string_segment_id", string_segments),
        ("translation_id overridable_segment_id", overridable_segments),
        ("translation_id mode", translation_modes),
        ("action pk", desk_actions),
        ("pk action_name", page_api_actions),
        ("filter_spec image_id", renditions),
        ("uidb64 token", password_resets),
    )
}


def fill_combination(pattern, s, w):
    """kwargs for patterns with several arguments that depend on each other; None: unknown."""
    filler = COMBINATIONS.get(pattern.arguments)
    return None if filler is None else filler(pattern, s, w)


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
