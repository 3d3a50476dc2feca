"""Fixtures shared by the catalogue's test modules."""

import pytest

from tests import factories


@pytest.fixture
def lenders(index):
    """Two lending initiatives, one that lends nothing, and two categories (for the CSV
    import tests; a module may define its own ``lenders``)."""
    factories.locales()
    tools = factories.build_initiative(
        index, "Instrumentheek", slug="instrumentheek", lends_items=True
    )
    baby = factories.build_initiative(index, "Babytheek", slug="babytheek", lends_items=True)
    cafe = factories.build_initiative(index, "Repair Café", slug="repair-cafe")
    return {
        "tools": tools,
        "baby": baby,
        "cafe": cafe,
        "drills": factories.build_category(
            "Boren", "boren", translations={"fr": "Perceuses", "en": "Drills"}
        ),
        "bikes": factories.build_category(
            "Fietsen", "fietsen", translations={"fr": "Vélos", "en": "Bikes"}
        ),
    }
