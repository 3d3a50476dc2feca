"""The example file the admin's import page offers, as Belgian Excel saves it (semicolons),
that imports as it is: two items in Dutch, the second with two copies (``aantal``), and a
third row that is one more copy of the first item (the same name and brand, its item cells
left empty).
"""

from __future__ import annotations

import csv
import io

from django.conf import settings

from core.spreadsheets import neutralise_row

from ..models import Category
from .columns import COLUMNS


def example_csv(category_slug=None) -> str:
    """A small example file in Dutch, with the separator Belgian Excel uses.

    Its category is a real one (the one with the most items), so the example imports as is.
    """
    first = {column.key: column.example[0] for column in COLUMNS}
    # One more copy of the first item: its own code and condition, the item cells empty.
    another_copy = {
        "code": "BO-0010",
        "name": first["name"],
        "brand": first["brand"],
        "condition": "fair",
    }
    from django.db.models import Count

    if category_slug is None:
        category_slug = (
            Category.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .annotate(used=Count("items"))
            .order_by("-used", "sort_order", "name")
            .values_list("slug", flat=True)
            .first()
        ) or "gereedschap"
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(neutralise_row(column.dutch for column in COLUMNS))
    for index in range(2):
        writer.writerow(
            neutralise_row(
                category_slug if column.key == "category" else column.example[index]
                for column in COLUMNS
            )
        )
    writer.writerow(neutralise_row(another_copy.get(column.key, "") for column in COLUMNS))
    return buffer.getvalue()
