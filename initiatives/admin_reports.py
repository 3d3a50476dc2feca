"""Wagtail's reports, kept to what the user may act on.

Wagtail shows a log entry of any object to everyone holding some permission on that kind of
object (of a page: to everyone who may explore it, which includes the pages above their own);
volunteers hold membership and reservation permissions, so they would read another
initiative's membership changes, member numbers and who made them. Here an entry of an object
is shown only when ``initiatives.scope`` lets the user act on that object (the same rule as
every admin address; for a page, editing it), and the filters offer only the people, kinds and
actions of those entries. ``scope_site_history`` puts the view in place of Wagtail's (URL
configuration).

The page types usage report names the most recently edited page of each type, drafts of
every initiative included: it is for coordinators (``coordinators_only_reports``), and its menu
item is hidden from everyone else (``hide_coordinator_reports``).
"""

from functools import wraps

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import CharField, Q
from django.db.models.functions import Cast
from django.http import Http404
from django.urls import URLPattern, URLResolver, reverse

from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet
from wagtail.log_actions import registry as log_action_registry
from wagtail.models import Page, PageLogEntry

from core.spreadsheets import SafeSpreadsheetExportMixin

from .scope import admin_view, instances_user_may_act_on
from .teams import is_coordinator

NAMESPACE = "wagtailadmin_reports"
# Reports over the pages of every initiative: for coordinators only.
COORDINATORS_ONLY = {"page_types_usage", "page_types_usage_results"}


def scope_log_entries(queryset, user):
    """Entries of objects the user may act on (pages: the pages they may edit)."""
    if is_coordinator(user):
        return queryset
    if queryset.model is PageLogEntry:
        return queryset.filter(page_id__in=instances_user_may_act_on(user, Page).values("pk"))
    visible = Q(pk__in=[])
    for content_type_id in queryset.order_by().values_list("content_type_id", flat=True).distinct():
        model = ContentType.objects.get_for_id(content_type_id).model_class()
        if model is None:
            continue
        object_ids = (
            instances_user_may_act_on(user, model)
            .annotate(object_key=Cast("pk", CharField()))
            .values("object_key")
        )
        visible |= Q(content_type_id=content_type_id, object_id__in=object_ids)
    return queryset.filter(visible)


def viewable_entries(user):
    for log_model in log_action_registry.get_log_entry_models():
        yield scope_log_entries(log_model.objects.viewable_by_user(user), user)


class ScopedSiteHistoryFilterSet(SiteHistoryReportFilterSet):
    def get_action_choices(self):
        actions = set().union(
            *(entries.get_actions() for entries in viewable_entries(self.request.user))
        )
        return [choice for choice in log_action_registry.get_choices() if choice[0] in actions]

    def get_users_queryset(self):
        # (Wagtail's own takes the users of every page log entry of the site.)
        user_ids = set().union(
            *(entries.get_user_ids() for entries in viewable_entries(self.request.user))
        )
        User = get_user_model()
        return User.objects.filter(pk__in=user_ids).order_by(User.USERNAME_FIELD)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        type_ids = set().union(
            *(entries.get_content_type_ids() for entries in viewable_entries(self.request.user))
        )
        self.filters["object_type"].queryset = ContentType.objects.filter(pk__in=type_ids).order_by(
            "model"
        )


class ScopedLogEntriesView(SafeSpreadsheetExportMixin, LogEntriesView):
    """Site history of what the user may act on; its CSV and XLSX cells neutralised."""

    filterset_class = ScopedSiteHistoryFilterSet

    def filter_queryset(self, queryset):
        return super().filter_queryset(scope_log_entries(queryset, self.request.user))


def scope_site_history(patterns):
    """Put the scoped site history in place of Wagtail's, at the same addresses and names."""
    replaced = 0
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            replaced += scope_site_history(pattern.url_patterns)
        elif isinstance(pattern, URLPattern) and pattern.name in (
            "site_history",
            "site_history_results",
        ):
            results_only = pattern.name == "site_history_results"
            pattern.callback = admin_view(ScopedLogEntriesView.as_view(results_only=results_only))
            replaced += 1
    return replaced


def coordinators_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if user.has_perm("wagtailadmin.access_admin") and not is_coordinator(user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def coordinators_only_reports(patterns, namespace=None):
    """Wrap the reports in COORDINATORS_ONLY (a 404 for anyone else with admin access; Wagtail
    sends those without to the log-in); how many were found."""
    found = 0
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += coordinators_only_reports(pattern.url_patterns, pattern.namespace or namespace)
        elif (
            isinstance(pattern, URLPattern)
            and namespace == NAMESPACE
            and pattern.name in COORDINATORS_ONLY
        ):
            pattern.callback = coordinators_only(pattern.callback)
            found += 1
    return found


def hide_coordinator_reports(request, menu_items):
    """construct_reports_menu: the reports in COORDINATORS_ONLY only in coordinators' menus."""
    if not is_coordinator(request.user):
        urls = {reverse(f"{NAMESPACE}:{name}") for name in COORDINATORS_ONLY}
        menu_items[:] = [item for item in menu_items if item.url not in urls]
