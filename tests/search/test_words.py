"""The word of an item's name that says what the thing is (search/words.py), per language."""

import pytest

from search.understanding import plain
from search.words import head, head_forms


@pytest.mark.parametrize(
    "name, language, brand, thing",
    [
        ("Kinderfiets 16 inch", "nl", "", "kinderfiets"),
        ("Fietshelm kind", "nl", "", "fietshelm"),
        ("Tent voor 4 personen", "nl", "", "tent"),
        ("Elektrische bakfiets", "nl", "", "bakfiets"),
        ("Vélo enfant 16 pouces", "fr", "", "velo"),
        ("Casque vélo enfant", "fr", "", "casque"),
        ("Sardines de tente", "fr", "", "sardines"),
        ("Kids' bike 12 inch Btwin", "en", "Btwin", "bike"),
        ("Kids' bike helmet", "en", "", "helmet"),
        ("Pram Bugaboo Fox", "en", "Bugaboo", "pram"),
        ("Cordless drill Bosch GSR 12V", "en", "Bosch", "drill"),
        ("Drill bit set Bosch", "en", "Bosch", "set"),
    ],
)
def test_the_head_is_the_thing_not_what_qualifies_it(name, language, brand, thing):
    assert head(name, language, brand) == thing


def names_the_thing(text, name):
    """Whether a query's words (or their singulars) are among a Dutch name's head forms, as
    the backends rank it."""
    return bool(set(plain(text, "nl").thing_forms) & set(head_forms(name, "nl")))


def test_a_dutch_compound_names_its_thing_by_its_last_part():
    assert names_the_thing("fiets", "Kinderfiets 16 inch")
    assert not names_the_thing("fiets", "Fietshelm kind")
    assert names_the_thing("fietsen", "Bakfiets")
