"""A lending initiative on a fixed calendar, shared by the reservation tests.

"Today" is Monday 2 November 2026. The initiative opens on Mondays 09–12 and Wednesdays
14–18 (the factories' default slots); Tuesdays are closed, Wednesday 11 November is a public
holiday (Armistice) and Wednesday 18 November is closed for the inventory.
"""

import datetime

from tests import factories

D = datetime.date
TODAY = D(2026, 11, 2)  # a Monday
TUESDAY = D(2026, 11, 3)
WEDNESDAY = D(2026, 11, 4)
MONDAY_2 = D(2026, 11, 9)
ARMISTICE = D(2026, 11, 11)  # a Wednesday
MONDAY_3 = D(2026, 11, 16)
INVENTORY = D(2026, 11, 18)  # a Wednesday, closed by an exception
MONDAY_4 = D(2026, 11, 23)


def build_lending_world(languages=("nl", "fr"), initiative_fields=None, item_fields=None):
    """An initiative that lends (manual confirmation, a membership required, at most 14 days,
    2 active reservations), a translated item, and a member with a membership for 2026."""
    trees = factories.build_site_tree(languages=languages)
    initiative = trees["nl"].initiative
    fields = {
        "lends_items": True,
        "reservations_enabled": True,
        "requires_membership": True,
        "auto_confirm": False,
        "max_loan_days": 14,
        "max_active_reservations": 2,
        **(initiative_fields or {}),
    }
    for name, value in fields.items():
        setattr(initiative, name, value)
    initiative.save()
    factories.OpeningExceptionFactory(page=initiative, start_date=INVENTORY, reason="Inventaris")
    category = factories.build_category("Boren", "boren", translations={"fr": "Perceuses"})
    item = factories.build_item(
        initiative,
        category,
        "Klopboormachine",
        "IN-0001",
        translations={"fr": {"name": "Perceuse à percussion"}},
        **(item_fields or {}),
    )
    member = factories.MemberFactory()
    factories.MembershipFactory(
        member=member, initiative=initiative, start=D(2026, 1, 1), end=D(2026, 12, 31)
    )
    return {
        "trees": trees,
        "initiative": initiative,
        "category": category,
        "item": item,
        "item_fr": item.get_translation(factories.locales()["fr"]),
        "member": member,
    }
