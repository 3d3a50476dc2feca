"""Copies in the admin: the list of an initiative's copies and their form; the item form lists
an item's copies (``catalogue.panels.CopiesPanel``; docs/architecture.md, "Items and copies").

Copies are scoped like items, through their item's initiative: a volunteer sees, adds and
changes the copies of their own initiative's items only, and any address naming another
copy answers 404.
"""

from __future__ import annotations

import re

import django_filters

from django.contrib import messages
from django.contrib.admin.utils import quote
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import CreateView, DeleteView, SnippetViewSet

from core.languages import in_default_language
from core.params import positive_int
from initiatives.scope import ScopedPermissionPolicy, initiative_choices, scope, scope_patterns

from .models import Copy, Item

CODE_NUMBER = re.compile(r"^(.*?)(\d+)$")


def scope_copies(queryset, user):
    return scope(queryset, user, via="item__initiative")


class CopyPermissionPolicy(ScopedPermissionPolicy):
    """Scoped like items; a copy that was ever reserved keeps its history: it is retired
    (status "retired"), never deleted, so no delete button or address is offered for it."""

    scoper = staticmethod(scope_copies)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete" and instance.reservations.exists():
            return False
        return super().user_has_permission_for_instance(user, action, instance)


def next_code(item) -> str:
    """A code for a new copy of ``item``: the number after the highest code of its initiative
    with the most used prefix ("IN-0100" after "IN-0099"), or "" when there is no pattern."""
    codes = Copy.objects.filter(item__initiative_id=item.initiative_id).values_list(
        "code", flat=True
    )
    by_prefix: dict[str, list[str]] = {}
    for code in codes:
        match = CODE_NUMBER.match(code)
        if match:
            by_prefix.setdefault(match.group(1), []).append(match.group(2))
    if not by_prefix:
        return ""
    prefix, numbers = max(by_prefix.items(), key=lambda pair: len(pair[1]))
    width = max(len(number) for number in numbers)
    return f"{prefix}{max(int(number) for number in numbers) + 1:0{width}}"


class CopyForm(WagtailAdminModelForm):
    """Only the items (in their original language) of the user's own initiatives."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        field = self.fields.get("item")
        if field is None:
            return
        items = scope(
            in_default_language(Item.objects.all()).select_related("initiative"),
            for_user,
        ).order_by("name")
        field.queryset = items
        field.label_from_instance = lambda item: f"{item.name} · {item.initiative.title}"


class CopyFilterSet(WagtailFilterSet):
    initiative = django_filters.ModelChoiceFilter(
        label=_("Initiative"), field_name="item__initiative", queryset=initiative_choices
    )

    class Meta:
        model = Copy
        fields = ["status", "condition", "initiative"]


class ScopedCopiesMixin:
    def get_object_list(self):
        return scope_copies(Copy.objects.select_related("item"), self.request.user)

    def get_object(self, pk):
        return self.get_object_list().get(pk=pk)

    def get_objects(self, pks):
        return self.get_object_list().filter(pk__in=pks)


def _scoped(name, view):
    return type(name, (ScopedCopiesMixin, view), {})


class CopyChooserViewSet(SnippetChooserViewSet):
    """The copy chooser Wagtail makes for every snippet, with the user's own copies only and
    nothing created from it."""

    choose_view_class = _scoped("ChooseView", ChooseView)
    choose_results_view_class = _scoped("ChooseResultsView", ChooseResultsView)
    chosen_view_class = _scoped("ChosenView", SnippetChosenView)
    chosen_multiple_view_class = _scoped("ChosenMultipleView", SnippetChosenMultipleView)
    creation_form_class = None

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


class CopyCreateView(CreateView):
    """A new copy opened from an item's form (``?item=<id>``) is of that item, with the next
    free code and in new condition; an item outside the user's initiatives is ignored."""

    def get_initial_form_instance(self):
        instance = super().get_initial_form_instance() or Copy()
        number = (
            positive_int(self.request.GET.get("item", "")) if self.request.method == "GET" else None
        )
        item = (
            scope(in_default_language(Item.objects.filter(pk=number)), self.request.user).first()
            if number
            else None
        )
        if item is not None:
            instance.item = item
            instance.code = next_code(item)
            instance.condition = Copy.Condition.NEW
        return instance


class CopyDeleteView(DeleteView):
    """A copy with reservations is not deleted but sent back to its form with the reason."""

    def dispatch(self, request, *args, **kwargs):
        if self.object.reservations.exists():
            messages.error(
                request,
                _(
                    "Copy %(code)s has been reserved, so it stays in the history. "
                    "Set its status to retired instead."
                )
                % {"code": self.object.code},
            )
            return redirect(self.edit_url_name, quote(self.object.pk))
        return super().dispatch(request, *args, **kwargs)


class CopyViewSet(SnippetViewSet):
    model = Copy
    icon = "tag"
    menu_label = _("Copies")
    menu_order = 150
    list_display = [
        "code",
        Column("item", label=_("Item"), accessor="item"),
        "status",
        "condition",
        Column("initiative", label=_("Initiative"), accessor="item.initiative"),
    ]
    filterset_class = CopyFilterSet
    # Searched in the database over the user's own rows, as the item list is.
    search_fields = ["code", "item__name"]
    search_backend_name = None
    ordering = ["code"]
    list_per_page = 50
    inspect_view_enabled = False
    chooser_viewset_class = CopyChooserViewSet
    add_view_class = CopyCreateView
    delete_view_class = CopyDeleteView

    def get_queryset(self, request):
        return scope_copies(Copy.objects.select_related("item", "item__initiative"), request.user)

    def get_urlpatterns(self):
        return scope_patterns(super().get_urlpatterns(), Copy)


Copy.base_form_class = CopyForm
