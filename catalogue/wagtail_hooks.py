"""The catalogue in the admin: volunteers manage their own initiative's items, and only those.

Scoping the list is not enough (docs/architecture.md, "Who sees what"): every address that
names an item answers 404 outside the user's initiatives, the form offers only their
initiatives, and the permission policy says the same to every part of Wagtail that asks.
"""

import django_filters

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import path
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.chooser import (
    ChooseResultsView,
    ChooseView,
    SnippetChooserViewSet,
    SnippetChosenMultipleView,
    SnippetChosenView,
)
from wagtail.snippets.views.snippets import SnippetViewSet

from core.languages import in_default_language
from initiatives.models import InitiativePage
from initiatives.scope import (
    ScopedPermissionPolicy,
    initiative_choices,
    lending_initiatives_of,
    scope,
    scope_patterns,
)
from initiatives.teams import initiative_keys_of

from .admin_copies import CopyPermissionPolicy, CopyViewSet
from .admin_import import ItemImportView, ItemIndexView, example_csv_view
from .admin_languages import LanguagesColumn
from .models import Category, Copy, Item


class ItemPermissionPolicy(ScopedPermissionPolicy):
    scoper = staticmethod(scope)


class ItemForm(WagtailAdminModelForm):
    """Only the initiatives that lend items, and of those only the user's own."""

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        if "initiative" in self.fields:
            initiatives = lending_initiatives_of(for_user)
            self.fields["initiative"].queryset = initiatives
            if initiatives.count() == 1 and not self.instance.pk:
                self.fields["initiative"].initial = initiatives.first()


def _category_choices(request):
    """Main categories each followed by their subcategories."""
    return (
        in_default_language(Category.objects.all())
        .select_related("parent")
        .order_by(Coalesce("parent__name", "name"), F("parent").asc(nulls_first=True), "name")
    )


class ItemFilterSet(WagtailFilterSet):
    # Items point at the default-language initiative and category: offer each one once.
    initiative = django_filters.ModelChoiceFilter(
        label=_("Initiative"), queryset=initiative_choices
    )
    category = django_filters.ModelChoiceFilter(label=_("Category"), queryset=_category_choices)

    class Meta:
        model = Item
        # The language is Wagtail's own locale filter (with "All"), set to the user's by
        # default (ItemIndexView).
        fields = ["initiative", "category"]


class ThumbnailColumn(Column):
    cell_template_name = "catalogue/admin/thumbnail_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        photo = next(iter(instance.images.all()), None)
        context["rendition"] = photo.image.get_rendition("fill-60x45") if photo else None
        return context


def choosable_items(user):
    """Items a chooser offers: published ones, and any of the user's own initiatives."""
    keys = initiative_keys_of(user)
    if keys is None:
        return Item.objects.all()
    # Filters the search index knows (the chooser searches): live and initiative.
    own = list(InitiativePage.objects.filter(translation_key__in=keys).values_list("pk", flat=True))
    return Item.objects.filter(Q(live=True) | Q(initiative__in=own))


class ChoosableItemsMixin:
    def get_object_list(self):
        return choosable_items(self.request.user)

    def get_object(self, pk):
        return choosable_items(self.request.user).get(pk=pk)

    def get_objects(self, pks):
        return choosable_items(self.request.user).filter(pk__in=pks)


class ItemChooserViewSet(SnippetChooserViewSet):
    """The item chooser, without another initiative's unpublished items; items are created
    in the item admin, not from a chooser."""

    choose_view_class = type("ChooseView", (ChoosableItemsMixin, ChooseView), {})
    choose_results_view_class = type(
        "ChooseResultsView", (ChoosableItemsMixin, ChooseResultsView), {}
    )
    chosen_view_class = type("ChosenView", (ChoosableItemsMixin, SnippetChosenView), {})
    chosen_multiple_view_class = type(
        "ChosenMultipleView", (ChoosableItemsMixin, SnippetChosenMultipleView), {}
    )
    creation_form_class = None

    def get_urlpatterns(self):
        return [pattern for pattern in super().get_urlpatterns() if pattern.name != "create"]


class ItemViewSet(SnippetViewSet):
    model = Item
    index_view_class = ItemIndexView
    icon = "folder-open-inverse"
    menu_label = _("Items")
    menu_order = 100
    # The name first: Wagtail makes the first column the link to the item.
    list_display = [
        "name",
        ThumbnailColumn("thumbnail", label=_("Photo")),
        "initiative",
        "category",
        Column("copies", label=_("Copies"), accessor="copies_label"),
        LanguagesColumn("languages", label=_("Languages")),
    ]
    filterset_class = ItemFilterSet
    search_fields = ["name", "brand"]
    # The listing searches its own scoped rows in the database (name and brand contain the
    # words): the search index cannot filter on the initiative a volunteer is scoped to.
    search_backend_name = None
    chooser_viewset_class = ItemChooserViewSet
    ordering = ["name"]
    list_per_page = 50
    inspect_view_enabled = True

    def get_queryset(self, request):
        return scope(
            Item.objects.with_copy_counts()
            .select_related("initiative", "category", "locale")
            .prefetch_related("images__image__renditions"),
            request.user,
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(import_url_name=self.get_url_name("import"), **kwargs)

    def get_urlpatterns(self):
        import_view = ItemImportView.as_view(
            index_url_name=self.get_url_name("list"),
            import_url_name=self.get_url_name("import"),
            example_url_name=self.get_url_name("import_example"),
            edit_url_name=self.get_url_name("edit"),
            breadcrumbs_items=self.breadcrumbs_items,
        )
        return scope_patterns(super().get_urlpatterns(), Item) + [
            path("import/", import_view, name="import"),
            path("import/voorbeeld.csv", example_csv_view, name="import_example"),
        ]


class CategoryViewSet(SnippetViewSet):
    model = Category
    icon = "tag"
    menu_label = _("Categories")
    menu_order = 200
    list_display = ["name", "parent", "icon", "locale"]
    search_fields = ["name"]
    ordering = ["sort_order", "name"]


class CatalogueGroup(ViewSetGroup):
    menu_label = _("Catalogue")
    menu_icon = "folder-open-inverse"
    menu_order = 250
    items = (ItemViewSet, CopyViewSet, CategoryViewSet)


Item.base_form_class = ItemForm
register_permission_policy(Item, ItemPermissionPolicy(Item))
register_permission_policy(Copy, CopyPermissionPolicy(Copy))
register_snippet(CatalogueGroup)
