"""Who may act on what in the admin: one rule, asked by every admin entry point.

``may_act_on(user, obj, action)`` is the rule. For a page it is Wagtail's page permissions,
which volunteer teams hold on their own initiative's page tree in each language
(``initiatives.teams``). For every other object it is the permission policy registered for its
model: items, reservations, members and memberships register a ``ScopedPermissionPolicy``
that adds "and the row belongs to one of the user's initiatives" to the model permission.

Scoping a listing is not enough: every address that names an object answers 404 outside the
user's scope (``scope_patterns`` wraps a viewset's URL patterns; ``initiatives.admin_localize``
wraps wagtail-localize's, ``initiatives.admin_pages`` Wagtail's page addresses, page chooser,
bulk actions and image and document API), and the policies say the same to every part of
Wagtail that asks.
A test walks every admin URL with another initiative's objects (tests/security).
See docs/architecture.md, "Who sees what".
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache

from wagtail.models import Page
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import policy_registry

from core.languages import in_default_language
from core.params import positive_int

from .teams import initiative_keys_of, is_coordinator

# Every action a policy knows; "any of these" is what an address that names an object needs.
ACTIONS = ("view", "add", "change", "delete", "publish")
NOT_FOUND = _("This item does not exist or belongs to another initiative.")


def scope(queryset, user, *, via="initiative"):
    """The rows of the initiatives this user works for; `via` is the path to the initiative."""
    keys = initiative_keys_of(user)
    if keys is None:
        return queryset
    return queryset.filter(**{f"{via}__translation_key__in": keys})


def initiatives_of(user, *, lending=False):
    """The initiatives a user works for, once each (default-language pages, by title): every
    one for a coordinator, none for nobody; with ``lending``, those that lend items. What the
    item, desk, membership and import forms offer."""
    initiatives = lending_initiatives() if lending else all_initiatives()
    keys = initiative_keys_of(user) if user is not None else set()
    return initiatives if keys is None else initiatives.filter(translation_key__in=keys)


def lending_initiatives_of(user):
    return initiatives_of(user, lending=True)


def all_initiatives():
    """Every initiative once (its default-language page), by title."""
    from .models import InitiativePage

    return in_default_language(InitiativePage.objects.all()).order_by("title")


def lending_initiatives():
    return all_initiatives().filter(lends_items=True)


def initiative_choices(request):
    """``lending_initiatives_of`` the request's user, as a filter's choices."""
    return lending_initiatives_of(request.user if request is not None else None)


def may_act_on(user, obj, action=None):
    """May `user` perform `action` (any action when None) on `obj`?

    For a page: "publish" it, "add" pages below it (the permission; which page types is
    Wagtail's to say), "explore" it (Wagtail's explorable pages: those the user holds
    permissions on and the pages above them); anything else is editing it.
    """
    if isinstance(obj, Page):
        if action == "add":
            return policy_registry.get_by_type(Page).user_has_permission_for_instance(
                user, "add", obj
            )
        permissions = obj.permissions_for_user(user)
        if action == "publish":
            return permissions.can_publish()
        if action == "explore":
            return explorable_pages(user).filter(pk=obj.pk).exists()
        return permissions.can_edit()
    policy = policy_registry.get_by_type(type(obj))
    if action is None:
        return policy.user_has_any_permission_for_instance(user, ACTIONS, obj)
    return policy.user_has_permission_for_instance(user, action, obj)


def instances_user_may_act_on(user, model):
    """The rows of `model` that `may_act_on` allows the user some action on (pages: editing)."""
    if issubclass(model, Page):
        return policy_registry.get_by_type(Page).instances_user_has_permission_for(user, "change")
    return policy_registry.get_by_type(model).instances_user_has_any_permission_for(user, ACTIONS)


def explorable_pages(user):
    """The pages the user may explore in the admin: those they hold page permissions on and
    the pages above them (Wagtail's explorable pages)."""
    return policy_registry.get_by_type(Page).explorable_instances(user)


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, on the rows that ``scoper`` leaves for the user only."""

    scoper = staticmethod(scope)

    def in_scope(self, user, instance):
        return self.scoper(self.model.objects.filter(pk=instance.pk), user).exists()

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and self.in_scope(
            user, instance
        )

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return self.user_has_any_permission(user, actions) and self.in_scope(user, instance)

    def instances_user_has_permission_for(self, user, action):
        return self.scoper(super().instances_user_has_permission_for(user, action), user)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scoper(super().instances_user_has_any_permission_for(user, actions), user)


def scoped_pk(view, model, *, message=NOT_FOUND):
    """A view that answers 404 unless the user may act on the object its ``pk`` names."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if pk is not None:
            number = positive_int(unquote(str(pk)))
            obj = model.objects.filter(pk=number).first() if number else None
            if obj is None or not may_act_on(request.user, obj):
                raise Http404(message)
        return view(request, *args, **kwargs)

    return wrapper


def scope_patterns(patterns, model, *, message=NOT_FOUND):
    """The URL patterns with every view wrapped by `scoped_pk` (nested includes too)."""
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            pattern.url_patterns[:] = scope_patterns(pattern.url_patterns, model, message=message)
        elif isinstance(pattern, URLPattern):
            pattern.callback = scoped_pk(pattern.callback, model, message=message)
        wrapped.append(pattern)
    return wrapped


def admin_view(view):
    """`view` with what Wagtail puts around each of its admin views (log-in and admin access,
    the admin's 404 page, no caching), for a view put in place of one of Wagtail's."""
    from wagtail.admin.auth import require_admin_access
    from wagtail.admin.urls import display_custom_404

    return never_cache(display_custom_404(require_admin_access(view)))


def manages_social_tariff(user):
    """The social tariff, its evidence and its verifier are for coordinators only."""
    return is_coordinator(user)


def can_see_contact_details(user):
    """Members' e-mail, phone and tariff are for coordinators, not for the desk."""
    return initiative_keys_of(user) is None
