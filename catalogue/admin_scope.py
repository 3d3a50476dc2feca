"""Scoping the catalogue admin to the initiatives a volunteer works for.

Scoping a listing is not enough (DESIGN.md section 8): every address that names an object
must answer 404 outside the user's initiatives. ``scope`` filters a queryset and
``scope_patterns`` wraps every URL pattern that takes a ``pk`` so that it does.
"""

from functools import wraps

from django.contrib.admin.utils import unquote
from django.http import Http404
from django.urls import URLPattern, URLResolver
from django.utils.translation import gettext_lazy as _

from wagtail.permission_policies import ModelPermissionPolicy

from initiatives.models import InitiativePage
from initiatives.teams import initiative_keys_of

from .models import default_language


def scope(queryset, user, *, via="initiative"):
    """The rows of the initiatives this user works for; `via` is the path to the initiative."""
    keys = initiative_keys_of(user)
    if keys is None:
        return queryset
    return queryset.filter(**{f"{via}__translation_key__in": keys})


class ScopedPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, on the rows that ``scoper`` leaves for the user only."""

    scoper = staticmethod(scope)

    def user_has_permission_for_instance(self, user, action, instance):
        return super().user_has_permission_for_instance(user, action, instance) and (
            self.scoper(self.model.objects.filter(pk=instance.pk), user).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        return self.scoper(super().instances_user_has_permission_for(user, action), user)

    def instances_user_has_any_permission_for(self, user, actions):
        return self.scoper(super().instances_user_has_any_permission_for(user, actions), user)


def initiative_choices(request):
    """The lending initiatives a user works for, once each (in the default language)."""
    initiatives = InitiativePage.objects.filter(
        lends_items=True, locale__language_code=default_language()
    )
    keys = initiative_keys_of(request.user) if request is not None else set()
    return initiatives if keys is None else initiatives.filter(translation_key__in=keys)


NOT_FOUND = _("This item does not exist or belongs to another initiative.")


def scoped_pk(view, model, *, scoper=scope, message=NOT_FOUND):
    """A view that answers 404 for an object outside the user's initiatives."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        pk = kwargs.get("pk")
        if (
            pk is not None
            and not scoper(model.objects.filter(pk=unquote(str(pk))), request.user).exists()
        ):
            raise Http404(message)
        return view(request, *args, **kwargs)

    return wrapper


def scope_patterns(patterns, model, *, scoper=scope, message=NOT_FOUND):
    """The URL patterns with every view wrapped by `scoped_pk` (nested includes too)."""
    wrapped = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            pattern.url_patterns[:] = scope_patterns(
                pattern.url_patterns, model, scoper=scoper, message=message
            )
        elif isinstance(pattern, URLPattern):
            pattern.callback = scoped_pk(pattern.callback, model, scoper=scoper, message=message)
        wrapped.append(pattern)
    return wrapped
