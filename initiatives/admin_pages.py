"""Wagtail's page addresses, page explorer and page chooser, bulk actions and the image and
document API, kept within what the user may act on.

Wagtail shows a volunteer more than their own pages: the explorer opens any page's header
and status panel (its draft title, who edited it last), the page chooser lists drafts and
titles of unpublished revisions, the move confirmation and a bulk action's confirmation page
list the pages and objects they name, and the admin API hands out every image and document.
Here every such address goes through ``initiatives.scope.may_act_on``, the rule of every other
admin entry point (``guard_page_urls``, called from the URL configuration):

- every path argument that names a page must pass the rule: editing it (``page_id``,
  ``page_to_move_id``, ...), adding below it (``parent_page_id`` of the add views,
  ``destination_id`` of a move), or, for the explorer, exploring it (the pages the user holds
  permissions on and the pages above them: from the dashboard down to their own initiative);
  the chooser also lists below the site's own live pages, not below another initiative's
  (``may_browse``). An address of Wagtail's page views with an argument not known here
  is closed, so that an address added by a later version of Wagtail is looked at first;
- a bulk action names its objects in the query (``id=...``, or ``id=all`` with the listing
  they were chosen from): every one of them must pass the rule;
- the admin API's images and documents: the detail of one the user may act on (the
  translation editor of wagtail-localize shows a chosen image or document with it); the
  listing and the look-up, which no admin screen uses, for coordinators only.

Anything else is a 404, as for another initiative's item. The chooser keeps offering the live
pages of the whole site, for links (``chooser_pages``: live pages and pages the user may edit),
but shows a page the user may not edit as it is published (``ChooserFace``): never the title,
status or date of a newer draft. See docs/architecture.md, "Who sees what".
"""

import copy
from functools import wraps

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Q
from django.http import Http404
from django.urls import URLPattern, URLResolver, reverse

from wagtail import hooks
from wagtail.admin.views import chooser
from wagtail.admin.views.bulk_action.registry import bulk_action_registry
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from core.params import positive_int

from .admin_localize import NOT_FOUND
from .models import InitiativePage
from .scope import admin_view, explorable_pages, instances_user_may_act_on, may_act_on
from .teams import is_coordinator

PAGES_NAMESPACE = "wagtailadmin_pages"
# Path arguments that name a page, and what the user must be allowed on it (may_act_on's
# action; None: editing it). In Wagtail's page views `pk` is a page too.
PAGE_ARGUMENTS = {
    "page_id": None,
    "page_to_move_id": None,
    "page_pk": None,
    "destination_id": "add",
    "parent_page_id": "add",
}
# Addresses that list the pages below the page they name, and what the user must be allowed on
# that page: the explorer lists below the pages they may explore, the chooser also below the
# site's own live pages (may_browse).
BELOW = {
    "wagtailadmin_explore": "explore",
    "wagtailadmin_explore_results": "explore",
    "wagtailadmin_choose_page_child": "browse",
}
# Other path arguments of Wagtail's page views: a page type, or something that Wagtail looks up
# through the page named beside it (a revision, a task, a workflow state).
OTHER_ARGUMENTS = {
    "content_type_app_name",
    "content_type_model_name",
    "app_label",
    "model_name",
    "revision_id",
    "revision_id_a",
    "revision_id_b",
    "action_name",
    "task_state_id",
    "task_id",
    "workflow_state_id",
    "workflow_pk",
}
BULK_ACTION = "wagtail_bulk_action"
API_NAMESPACES = {
    "wagtailadmin_api:images": get_image_model,
    "wagtailadmin_api:documents": get_document_model,
}
# The addresses that must be found to guard them (with the page chooser's, CHOOSER_VIEWS).
REQUIRED = {*BELOW, BULK_ACTION, f"{PAGES_NAMESPACE}:move_confirm"}


# The rule for each kind of address --------------------------------------------------------


def _page(value):
    number = positive_int(str(value))
    page = Page.objects.filter(pk=number).first() if number else None
    if page is None:
        raise Http404(NOT_FOUND)
    return page


def page_checks(namespace, name, kwargs):
    """[(page, action)] that an address of a page view needs; None if it has an argument not
    known here."""
    checks = []
    for argument, value in kwargs.items():
        if argument == "parent_page_id" and name in BELOW:
            checks.append((_page(value), BELOW[name]))
        elif argument in PAGE_ARGUMENTS:
            checks.append((_page(value), PAGE_ARGUMENTS[argument]))
        elif argument == "pk" and namespace == PAGES_NAMESPACE:
            checks.append((_page(value), None))
        elif argument not in OTHER_ARGUMENTS:
            return None
    return checks


def in_an_initiative(page):
    """Is the page an initiative's page or below one?"""
    return Page.objects.ancestor_of(page, inclusive=True).type(InitiativePage).exists()


def may_browse(user, page):
    """May the page chooser list the pages below this one? Below a page the user may explore
    (their own pages and the pages above them), and below a live page of the site itself, of
    no initiative (the news, the content pages); not below another initiative's pages, whose
    live pages are chosen from its parent's listing or found by searching."""
    if may_act_on(user, page, "explore"):
        return True
    return page.live and not in_an_initiative(page)


def may_open_page_address(request, namespace, name, kwargs):
    checks = page_checks(namespace, name, kwargs)
    if checks is None:
        return False  # an address this guard does not know is closed
    user = request.user
    return all(
        may_browse(user, page) if action == "browse" else may_act_on(user, page, action)
        for page, action in checks
    )


def bulk_action_objects(request, app_label, model_name, action):
    """The objects a bulk action names: ``id=...``, or ``id=all`` and the listing they were
    chosen from (``childOf``, ``q``), as Wagtail's bulk action reads them."""
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        raise Http404(NOT_FOUND) from None
    action_class = bulk_action_registry.get_bulk_action_class(app_label, model_name, action)
    if action_class is None:
        raise Http404(NOT_FOUND)
    values = request.GET.getlist("id")
    if "all" in values:
        try:
            values = action_class(request, model).get_all_objects_in_listing_query(
                request.GET.get("childOf")
            )
        except (ObjectDoesNotExist, ValueError):
            raise Http404(NOT_FOUND) from None
    ids = {positive_int(str(value)) for value in values}
    if None in ids:
        raise Http404(NOT_FOUND)
    return model, model._default_manager.filter(pk__in=ids)


def may_run_bulk_action(request, kwargs):
    """Every object the bulk action names passes the rule (one query for all of them)."""
    model, objects = bulk_action_objects(request, **kwargs)
    allowed = instances_user_may_act_on(request.user, model).values("pk")
    return not objects.exclude(pk__in=allowed).exists()


def may_use_api(request, namespace, kwargs):
    """The detail of an image or document the user may act on; the listing and the look-up
    (used by no admin screen) for coordinators."""
    if set(kwargs) == {"pk"}:
        number = positive_int(str(kwargs["pk"]))
        obj = API_NAMESPACES[namespace]().objects.filter(pk=number).first() if number else None
        return obj is not None and may_act_on(request.user, obj)
    return not kwargs and is_coordinator(request.user)


# Listings ---------------------------------------------------------------------------------


def explorer_pages(parent_page, pages, request):
    """construct_explorer_page_queryset: the pages the user may explore, also when searching."""
    return pages.filter(pk__in=explorable_pages(request.user).values("pk"))


def chooser_pages(pages, request):
    """construct_page_chooser_queryset: live pages (links to any page of the site), and the
    pages the user may edit (their own drafts)."""
    editable = instances_user_may_act_on(request.user, Page).values("pk")
    return pages.filter(Q(live=True) | Q(pk__in=editable))


# The page chooser -------------------------------------------------------------------------


class ChooserFace:
    """A page as the chooser shows it to a user: as it is when they may edit it; otherwise as
    it is published (its live title, status and date, nothing of a newer draft or a scheduled
    revision). It offers to browse below a page only when the user may explore it."""

    def __init__(self, user):
        self.user = user
        self.shown = {}
        self.browsable = {}  # page pk -> may the user browse below it

    def know_children(self, parent):
        """Which of `parent`'s children the user may browse below (may_browse), at once."""
        children = parent.get_children()
        browsable = set(explorable_pages(self.user).child_of(parent).values_list("pk", flat=True))
        if parent.live and not in_an_initiative(parent):
            browsable |= set(children.live().not_type(InitiativePage).values_list("pk", flat=True))
        for pk in children.values_list("pk", flat=True):
            self.browsable[pk] = pk in browsable

    def may_browse(self, page):
        if page.pk not in self.browsable:
            self.browsable[page.pk] = may_browse(self.user, page)
        return self.browsable[page.pk]

    def __call__(self, page):
        if not isinstance(page, Page):
            return page
        if page.pk not in self.shown:
            self.shown[page.pk] = self._face(page)
        return self.shown[page.pk]

    def _face(self, page):
        editable = may_act_on(self.user, page)
        browsable = not getattr(page, "can_descend", False) or self.may_browse(page)
        if editable and browsable:
            return page
        shown = copy.copy(page)
        if not editable:
            shown.draft_title = page.title
            shown.has_unpublished_changes = False
            shown.latest_revision_created_at = page.last_published_at
            shown._approved_schedule = False
        if not browsable:
            shown.can_descend = False
        return shown


class ShownColumn:
    """A chooser column whose cells show each page through a ``ChooserFace``."""

    def __init__(self, column, face):
        self.column = column
        self.face = face

    def __getattr__(self, name):
        return getattr(self.column, name)

    def get_cell(self, instance):
        return self.column.get_cell(self.face(instance))


class ShownParentColumn(chooser.ParentPageColumn):
    """The parent page in search results, through the same face; a link to browse below it
    only when the user may."""

    cell_template_name = "initiatives/admin/chooser_parent_cell.html"

    def __init__(self, *args, face, **kwargs):
        super().__init__(*args, **kwargs)
        self.face = face

    def get_value(self, instance):
        return self.face(super().get_value(instance))

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        parent = context["value"]
        context["may_browse"] = parent is not None and self.face.may_browse(parent)
        return context


def shown_columns(columns, face):
    shown = []
    for column in columns:
        if isinstance(column, chooser.ParentPageColumn):
            column = ShownParentColumn(column.name, label=column.label, face=face)
        shown.append(ShownColumn(column, face))
    return shown


class ScopedBrowseView(chooser.BrowseView):
    """Wagtail's chooser listing, below a page the user may browse (the guard checks the
    address; here the starting page chosen for a page type)."""

    @property
    def columns(self):
        face = ChooserFace(self.request.user)
        face.know_children(self.parent_page)
        return shown_columns(super().columns, face)

    def get(self, request, parent_page_id=None):
        if parent_page_id is None and request.GET.get("page_type"):
            # Wagtail starts at the first common ancestor of the pages of the wanted types;
            # when that is not a page the user may browse below, start at the root instead.
            try:
                models = chooser.page_models_from_string(request.GET["page_type"])
                start = Page.objects.type(*models).first_common_ancestor()
            except (ValueError, LookupError, ObjectDoesNotExist):
                start = None
            if start is not None and not may_browse(request.user, start):
                parent_page_id = Page.get_first_root_node().pk
        return super().get(request, parent_page_id)


class ScopedSearchView(chooser.SearchView):
    @property
    def columns(self):
        return shown_columns(super().columns, ChooserFace(self.request.user))


class ScopedChosenMultipleView(chooser.ChosenMultipleView):
    """The pages chosen at once: each must be one the chooser offers (else 404)."""

    def get(self, request):
        ids = {positive_int(value) for value in request.GET.getlist("id")}
        if None in ids:
            raise Http404(NOT_FOUND)
        pages = Page.objects.filter(pk__in=ids)
        for hook in hooks.get_hooks("construct_page_chooser_queryset"):
            pages = hook(pages, request)
        pages = list(pages.specific())
        if len(pages) != len(ids):
            raise Http404(NOT_FOUND)
        face = ChooserFace(request.user)
        result = [
            {
                "id": page.pk,
                "parentId": page.get_parent().pk,
                "adminTitle": face(page).get_admin_display_title(),
                "editUrl": reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                "url": page.url,
            }
            for page in pages
        ]
        return self.render_chosen_response(result)


# Wagtail's page chooser views, replaced by these at the same addresses and names.
CHOOSER_VIEWS = {
    "wagtailadmin_choose_page": ScopedBrowseView,
    "wagtailadmin_choose_page_child": ScopedBrowseView,
    "wagtailadmin_choose_page_search": ScopedSearchView,
    "wagtailadmin_choose_page_chosen_multiple": ScopedChosenMultipleView,
}


# Wrapping the URL patterns ------------------------------------------------------------------


def guarded(view, check):
    """`view`, answering 404 unless ``check(request, kwargs)``. Users without admin access go
    on to Wagtail's view, which sends them to the log-in."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.has_perm("wagtailadmin.access_admin") and not check(request, kwargs):
            raise Http404(NOT_FOUND)
        return view(request, *args, **kwargs)

    return wrapper


def _check_for(namespace, name, arguments):
    """The check for a URL pattern, or None when the pattern names no page and is not one of
    those handled here."""
    if name == BULK_ACTION and not namespace:
        return lambda request, kwargs: may_run_bulk_action(request, kwargs)
    if namespace in API_NAMESPACES:
        return lambda request, kwargs: may_use_api(request, namespace, kwargs)
    names_page = bool(arguments & set(PAGE_ARGUMENTS)) or (
        namespace == PAGES_NAMESPACE and "pk" in arguments
    )
    if namespace == PAGES_NAMESPACE or names_page or name in BELOW:
        return lambda request, kwargs: may_open_page_address(request, namespace, name, kwargs)
    return None


def _guard(patterns, namespace, found):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            _guard(pattern.url_patterns, inner, found)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            key = f"{namespace}:{name}" if namespace else name
            if not namespace and name in CHOOSER_VIEWS:
                pattern.callback = admin_view(CHOOSER_VIEWS[name].as_view())
                found.add(key)
            check = _check_for(namespace, name, set(pattern.pattern.regex.groupindex))
            if check is not None:
                pattern.callback = guarded(pattern.callback, check)
                found.add(key)


def guard_page_urls(patterns):
    """Guard every admin address that names a page, the page explorer and chooser, bulk actions
    and the image and document API in `patterns` (Wagtail's admin URL patterns); the addresses
    that were expected and not found."""
    found = set()
    _guard(patterns, None, found)
    expected = REQUIRED | set(CHOOSER_VIEWS)
    apis = {key.rsplit(":", 1)[0] for key in found}
    return sorted((expected - found) | (set(API_NAMESPACES) - apis))
