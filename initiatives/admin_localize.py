"""wagtail-localize's admin addresses, kept within what the user may act on.

wagtail-localize checks "may edit pages of this tree" or "may edit this kind of snippet", not
"may edit this item of this initiative", and its update view publishes every translation of a
source without asking about each one. Every one of its URL patterns is therefore wrapped
(``guard_localize_urls``, called from the URL configuration): the objects that an address
names (a page, a snippet, a translation source, a translation and its target) must each pass
``initiatives.scope.may_act_on``; publishing asks for the publish permission on every
translation that would be published. An address whose arguments the guard does not know is
refused, so a pattern added by a later version of wagtail-localize is closed until it is
looked at here. See docs/architecture.md, "Who sees what".
"""

from contextlib import suppress
from functools import wraps

from django.apps import apps
from django.core.exceptions import ObjectDoesNotExist
from django.http import Http404
from django.urls import URLPattern, URLResolver, reverse
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import Translation, TranslationSource

from .scope import ACTIONS, ScopedPermissionPolicy, may_act_on
from .teams import is_coordinator

NAMESPACE = "wagtail_localize"
NOT_FOUND = _("This page or item does not exist or belongs to another initiative.")
# Addresses that name no object and show nothing of any initiative.
OPEN = {"javascript_catalog"}
# Reports over every translation of the site: for coordinators only.
COORDINATORS_ONLY = {"translations_report", "translations_report_results"}
# The path arguments each kind of address names its objects by.
KNOWN_ARGUMENTS = {
    frozenset({"page_id"}),
    frozenset({"app_label", "model_name"}),
    frozenset({"app_label", "model_name", "pk"}),
    frozenset({"translation_source_id"}),
    frozenset({"translation_id"}),
    frozenset({"translation_id", "mode"}),
    frozenset({"translation_id", "string_segment_id"}),
    frozenset({"translation_id", "overridable_segment_id"}),
}


def _snippet_model(app_label, model_name):
    try:
        model = apps.get_model(app_label, model_name)
    except (LookupError, ValueError):
        raise Http404(NOT_FOUND) from None
    if model not in get_snippet_models():
        raise Http404(NOT_FOUND)
    return model


def _get(model, **lookup):
    try:
        return model.objects.get(**lookup)
    except (ObjectDoesNotExist, ValueError, OverflowError):
        raise Http404(NOT_FOUND) from None


def _source_instance(source):
    try:
        return source.get_source_instance()
    except ObjectDoesNotExist:
        raise Http404(NOT_FOUND) from None


def _targets(instance):
    """The translations of a source object that exist in other languages."""
    return list(instance.get_translations()) if hasattr(instance, "get_translations") else []


def objects_to_check(request, kwargs):
    """(object, action) pairs that the request needs; action None means any."""
    if "page_id" in kwargs:
        return [(_get(Page, pk=kwargs["page_id"]), None)]
    if "translation_source_id" in kwargs:
        source = _get(TranslationSource, pk=kwargs["translation_source_id"])
        publishing = request.method == "POST" and request.POST.get("publish_translations")
        action = "publish" if publishing else "change"
        instance = _source_instance(source)
        return [(instance, "change")] + [(target, action) for target in _targets(instance)]
    if "translation_id" in kwargs:
        translation = _get(Translation, pk=kwargs["translation_id"])
        checks = [(_source_instance(translation.source), "change")]
        with suppress(ObjectDoesNotExist):  # not created yet: the source decides
            checks.append((translation.get_target_instance(), "change"))
        return checks
    if "pk" in kwargs:
        model = _snippet_model(kwargs["app_label"], kwargs["model_name"])
        return [(_get(model, pk=kwargs["pk"]), None)]
    return []


def may_list(user, app_label, model_name):
    """Listing every row of a model: for a model scoped per initiative, coordinators only."""
    model = _snippet_model(app_label, model_name)
    policy = policy_registry.get_by_type(model)
    if isinstance(policy, ScopedPermissionPolicy) and not is_coordinator(user):
        return False
    return policy.user_has_any_permission(user, ACTIONS)


def allowed(request, name, kwargs):
    user = request.user
    if name in COORDINATORS_ONLY:
        return is_coordinator(user)
    if not kwargs or frozenset(kwargs) not in KNOWN_ARGUMENTS:
        return False  # an address this guard does not know is closed
    if set(kwargs) == {"app_label", "model_name"}:
        return may_list(user, kwargs["app_label"], kwargs["model_name"])
    return all(may_act_on(user, obj, action) for obj, action in objects_to_check(request, kwargs))


def guarded(view, name):
    if name in OPEN:
        return view

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not allowed(request, name, kwargs):
            raise Http404(NOT_FOUND)
        return view(request, *args, **kwargs)

    return wrapper


def _guard(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _guard(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = guarded(pattern.callback, pattern.name)


def guard_localize_urls(patterns):
    """Wrap every pattern under wagtail-localize's namespace in `patterns` (nested)."""
    found = False
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == NAMESPACE:
                _guard(pattern.url_patterns)
                found = True
            else:
                found = guard_localize_urls(pattern.url_patterns) or found
    return found


def hide_translations_report(request, menu_items):
    """The translations report lists every initiative's pages and items: coordinators only."""
    if not is_coordinator(request.user):
        url = reverse(f"{NAMESPACE}:translations_report")
        menu_items[:] = [item for item in menu_items if item.url != url]
