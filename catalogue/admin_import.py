"""The admin's "Import from CSV" for catalogue items: a form, a report page, an example file.

The import itself is ``catalogue.csv_import``; this module only asks for the file and shows
the outcome. A volunteer is offered only their own initiatives; naming another one in the
address is a 404 and posting it is a form error (docs/architecture.md, "Who sees
what").
"""

from django import forms
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import HeaderButton
from wagtail.snippets.views.snippets import IndexView

from core.params import positive_int

from .admin_languages import listing_language, one_row_per_item, with_language_badges
from .csv_import import (
    COLUMNS,
    MAX_BYTES,
    ImportRefused,
    example_csv,
    import_items,
    importable_initiatives,
    read_table,
    too_large_message,
    user_can_import,
)
from .models import Copy

# A report lists at most this many created/updated/unchanged rows (rejected rows: all).
LISTED_ROWS = 500
# The import runs within the request: bench/csv_import.py measures a file of this many rows
# (880 items, each with two translations, and 1,180 copies) on SQLite at about a second
# checked, 5 to 6 seconds imported and 7 to 9 seconds again with every name changed, within
# the 30 seconds gunicorn gives a request. Larger files go to manage.py import_items.
ADMIN_MAX_ROWS = 1000


class ItemImportForm(forms.Form):
    initiative = forms.ModelChoiceField(
        label=_("Initiative"),
        queryset=None,
        empty_label=_("Choose an initiative"),
    )
    file = forms.FileField(label=_("CSV file"))
    dry_run = forms.BooleanField(
        label=_("Check only"),
        required=False,
        help_text=_("Check the file and show what would change, without saving anything."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].help_text = gettext(
            "A spreadsheet saved as CSV (separated by semicolons or commas), at most "
            "%(size)d MB and %(rows)d rows."
        ) % {"size": MAX_BYTES // (1024 * 1024), "rows": ADMIN_MAX_ROWS}
        initiatives = importable_initiatives(user)
        self.fields["initiative"].queryset = initiatives
        if "initiative" not in self.initial:
            only = list(initiatives[:2])
            if len(only) == 1:
                self.initial["initiative"] = only[0].pk
        self.table = None

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_BYTES:
            raise forms.ValidationError(too_large_message())
        try:
            self.table = read_table(upload.read(MAX_BYTES + 1), max_rows=ADMIN_MAX_ROWS)
        except ImportRefused as refused:
            raise forms.ValidationError(refused.message) from None
        return upload


class ItemImportView(WagtailAdminTemplateMixin, FormView):
    template_name = "catalogue/admin/item_import.html"
    form_class = ItemImportForm
    page_title = _("Import items from CSV")
    header_icon = "upload"
    index_url_name = None
    import_url_name = None
    example_url_name = None
    edit_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not user_can_import(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def initiatives(self):
        return importable_initiatives(self.request.user)

    def get_initial(self):
        initial = super().get_initial()
        requested = self.request.GET.get("initiative")
        if requested:
            # An address naming an initiative outside the user's teams does not exist for them.
            number = positive_int(requested)
            if number is None or not self.initiatives.filter(pk=number).exists():
                raise Http404(gettext("This initiative does not exist or is not yours."))
            initial["initiative"] = number
        return initial

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": gettext("Items")},
            {"url": "", "label": gettext("Import from CSV")},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            columns=COLUMNS,
            example_url=reverse(self.example_url_name),
            index_url=reverse(self.index_url_name),
            import_url=reverse(self.import_url_name),
            listed_rows=LISTED_ROWS,
        )
        return context

    def form_valid(self, form):
        initiative = form.cleaned_data["initiative"]
        dry_run = form.cleaned_data["dry_run"]
        try:
            report = import_items(initiative, form.table, user=self.request.user, dry_run=dry_run)
        except ImportRefused as refused:
            form.add_error("file", refused.message)
            return self.form_invalid(form)
        except PermissionDenied:
            form.add_error("initiative", gettext("You cannot import items for this initiative."))
            return self.form_invalid(form)
        headings = {
            "created": gettext("Would be created") if dry_run else gettext("Created"),
            "updated": gettext("Would be updated") if dry_run else gettext("Updated"),
            "unchanged": gettext("Unchanged"),
        }
        sections = []
        for key, heading in headings.items():
            results = getattr(report, key)
            if not results:
                continue
            listed = results[:LISTED_ROWS]
            if not dry_run:
                # Rows of a check-only run were rolled back: there is nothing to link to.
                for result in listed:
                    result.edit_url = reverse(self.edit_url_name, args=[quote(result.item.pk)])
            sections.append(
                {
                    "key": key,
                    "heading": f"{heading} ({len(results)})",
                    "rows": listed,
                    "more": len(results) - len(listed),
                }
            )
        return self.render_to_response(
            self.get_context_data(
                form=form,
                report=report,
                sections=sections,
                file_name=form.cleaned_data["file"].name,
                rejected_heading=ngettext(
                    "%(count)d row rejected", "%(count)d rows rejected", len(report.rejected)
                )
                % {"count": len(report.rejected)},
            )
        )


def example_csv_view(request):
    """The example file, in Dutch with semicolons and a BOM, as Belgian Excel opens it."""
    if not user_can_import(request.user):
        raise PermissionDenied
    response = HttpResponse(
        ("\ufeff" + example_csv()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="voorbeeld-items.csv"'
    return response


class ItemIndexView(IndexView):
    """The items listing: one row per item in the user's language unless another (or all) is
    chosen, each with its languages (catalogue/admin_languages.py), and an "Import from CSV"
    button next to "Add item"."""

    import_url_name = None

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if "locale" in self.request.GET:  # a language, or "All", chosen in the filters
            return queryset
        return one_row_per_item(queryset, listing_language(self.request))

    def search_queryset(self, queryset):
        """Name or brand containing the words, or a copy's label code (IN-0001): in the
        database, on the rows the user may see."""
        if not self.is_searching:
            return queryset
        query = self.search_query.replace("\x00", "").strip()
        coded = Copy.objects.filter(code__icontains=query).values("item__translation_key")
        return queryset.filter(
            Q(name__icontains=query) | Q(brand__icontains=query) | Q(translation_key__in=coded)
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        with_language_badges(context.get("object_list") or [], self.edit_url_name)
        return context

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.import_url_name and user_can_import(self.request.user):
            buttons = [
                *buttons,
                HeaderButton(
                    gettext("Import from CSV"),
                    url=reverse(self.import_url_name),
                    icon_name="upload",
                ),
            ]
        return buttons
