"""Words of the catalogue as search sees them: folded, singular, and the thing an item is.

Shared by the database index, the Elasticsearch documents and the query understanding
(docs/architecture.md, "Search that forgives").

**The thing first.** A search for "kids bike" must show bikes before bike helmets, "tente"
tents before tent pegs. Each item name has a *head*: the word that says what the thing is, with
the rest only qualifying it. Catalogue names follow each language's habits:

- Dutch puts the noun first and builds compounds whose last part is the thing: "Kinderfiets
  16 inch", "Fietshelm kind", "Tent voor 4 personen", "Elektrische bakfiets". The head is the
  first word (after a leading adjective ending in -e), and a term names the thing when it is
  that word or its last part ("fiets" in "kinderfiets", not in "fietshelm").
- French puts the noun first too: "Vélo enfant 16 pouces", "Casque vélo enfant", "Sardines de
  tente". The head is the first word after an article.
- English puts it last, before numbers, sizes, the brand and a prepositional phrase: "Kids'
  bike 16 inch", "Kids' bike helmet", "Hammer drill Bosch", "Tent pegs". A term names the thing
  when it is the head or its last part ("mower" in "lawnmower").

``head_forms`` gives every form of the head a query term may take to name the thing; the
backends rank an item whose head form is a query term above the others.
"""

from __future__ import annotations

import re
import unicodedata

# Plural endings of Dutch, French and English, with the shortest stem each may leave. A term
# is matched as a prefix of its singular, so "kinderwagens" and "boormachines" find
# "Kinderwagen" and "Klopboormachine", "fietsen" finds "fiets" and "velos" finds "vélo".
PLURAL_ENDINGS = (("en", 5), ("es", 4), ("s", 4), ("x", 3))

ARTICLES = {"fr": {"le", "la", "les", "l", "un", "une", "des", "du"}, "en": {"a", "an", "the"}}
# Words after which a name only qualifies its thing ("Tent voor 4 personen", "Sac de couchage"
# keeps "sac", "Pram with carrycot").
PREPOSITIONS = {
    "nl": {"voor", "met", "van", "tot", "en", "zonder", "in", "op"},
    "fr": {"pour", "avec", "de", "du", "des", "a", "en", "et", "sans", "d"},
    "en": {"for", "with", "of", "and", "without", "in", "on"},
}
# Sizes and units that follow the thing in a name ("16 inch", "20 l").
UNITS = {"inch", "pouces", "pouce", "cm", "mm", "m", "l", "kg", "g", "v", "w", "xl", "xs"}
WORD = re.compile(r"\w+")
SHORTEST_PART = 3


def fold(text: str) -> str:
    """Lower case without accents, so that "velo" finds "vélo" on every database."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a text."""
    return WORD.findall(fold(text))


def singular(term: str) -> str:
    for ending, shortest in PLURAL_ENDINGS:
        if term.endswith(ending) and len(term) - len(ending) >= shortest:
            stem = term[: -len(ending)]
            # Dutch doubles the consonant of a short vowel: "slaapzakken", "tassen".
            if ending == "en" and len(stem) > shortest and stem[-1] == stem[-2] not in "aeiou":
                stem = stem[:-1]
            return stem
    return term


def head(name: str, language: str, brand: str = "") -> str:
    """The folded word of a name that says what the thing is ("" for a name of no words)."""
    found = words(name)
    if language == "en":
        # A brand or model follows the thing, capitalised or with digits: "Pram Bugaboo Fox",
        # "Cordless drill Bosch GSR 12V".
        typed = WORD.findall(name or "")
        while len(typed) > 1 and (typed[-1][:1].isupper() or any(c.isdigit() for c in typed[-1])):
            typed.pop()
        found = found[: len(typed)]
    cut = PREPOSITIONS.get(language, set())
    for position, word in enumerate(found):
        if position and word in cut:
            found = found[:position]
            break
    noise = set(words(brand)) | UNITS
    found = [w for w in found if w not in noise and not any(ch.isdigit() for ch in w)]
    if not found:
        return ""
    if language == "en":
        return found[-1]
    found = [w for w in found if w not in ARTICLES.get(language, set())] or found
    if language == "nl" and len(found) > 1 and found[0].endswith("e"):
        return found[1]  # "Elektrische bakfiets", "Grote soepketel"
    return found[0]


def head_forms(name: str, language: str, brand: str = "") -> list[str]:
    """The terms that name an item's thing: its head and its singular, and in Dutch and
    English the compound's last parts ("kinderfiets" -> "fiets"), at least three letters."""
    word = head(name, language, brand)
    if not word:
        return []
    forms = {word, singular(word)}
    if language in ("nl", "en"):
        for whole in list(forms):
            forms.update(whole[start:] for start in range(1, len(whole) - SHORTEST_PART + 1))
    return sorted(forms)
