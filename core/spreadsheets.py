"""Spreadsheet files the site writes (CSV, XLSX), made safe to open in a spreadsheet program.

A cell that starts with ``=``, ``+``, ``-`` or ``@`` is run as a formula by Excel, LibreOffice
and Google Sheets when the file is opened, and so is a cell starting with a tab or a carriage
return in some of them; a name typed by a member or a volunteer could then fetch a web
address or start a program on the computer of whoever opens the export ("CSV injection").
Every export this project writes puts its cells through ``neutralise_cell``, which prefixes
such a cell with a single quote, so that it is shown as the text it is:

- ``example_csv`` of the catalogue import writes its cells through it;
- ``SafeSpreadsheetExportMixin`` does it for views built on Wagtail's
  ``SpreadsheetExportMixin`` (listings with "Download CSV/XLSX", such as the site history):
  put it before the Wagtail view among the bases, ``class View(SafeSpreadsheetExportMixin,
  LogEntriesView)``.

The CSV import refuses such cells in the first place (``catalogue.csv_import``).
"""

from __future__ import annotations

# The first characters that make a spreadsheet program read a cell as a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(value):
    """``value`` as it may be written to a spreadsheet cell: text that a spreadsheet program
    would run as a formula gets a leading ``'``; anything else (numbers, dates, other text)
    is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(values):
    """A row of cells for ``csv.writer``, each through ``neutralise_cell``."""
    return [neutralise_cell(value) for value in values]


class SafeSpreadsheetExportMixin:
    """Neutralises every cell, headings included, of an export made by Wagtail's
    ``wagtail.admin.views.mixins.SpreadsheetExportMixin`` (CSV and XLSX alike).

    It overrides the two methods through which Wagtail passes each cell:
    ``preprocess_field_value`` (every value, in both formats) and ``get_heading`` (the first
    row). List it before the Wagtail view it protects, so that its methods come first.
    """

    def preprocess_field_value(self, field, value, export_format):
        return neutralise_cell(super().preprocess_field_value(field, value, export_format))

    def get_heading(self, queryset, field):
        return neutralise_cell(super().get_heading(queryset, field))
