"""The demo's search words: what people in Kortrijk type for what the catalogue calls
otherwise, per language (search.models.Synonym; docs/architecture.md, "Search that forgives").
Coordinators keep the real list in the admin, under Settings › Search words."""

from __future__ import annotations

from search.models import Synonym

# language: [(what people type, what the catalogue calls it)], both comma-separated.
SEARCH_WORDS = {
    "nl": [
        ("rolschaatsen, rolschaats, skeelers", "inlineskates"),
        ("reisbedje, reisbed", "campingbedje"),
        ("grasmachine", "grasmaaier"),
        ("beamer", "projector"),
        ("wandelwagen, kinderkoets", "kinderwagen, buggy"),
        ("hogedrukspuit", "hogedrukreiniger"),
        ("autozitje, maxi-cosi", "autostoel"),
        ("fietsaanhanger", "fietskar"),
        ("trapje", "trapladder"),
        ("feesttent", "partytent"),
        ("luchtbed", "luchtmatras"),
        ("kookvuurtje, gasvuurtje", "kampeervuurtje"),
        ("draagdoek", "draagzak"),
        ("flessenwarmer", "flessenverwarmer"),
    ],
    "fr": [
        ("vidéoprojecteur", "projecteur"),
        ("landau", "poussette"),
        ("lit de voyage", "lit parapluie"),
        ("patins à roulettes, rollerblades", "rollers en ligne"),
        ("escabelle", "escabeau"),
        ("biporteur, triporteur", "vélo cargo"),
        ("chapiteau, barnum", "tente de réception"),
        ("matelas pneumatique", "matelas gonflable"),
        ("karcher", "nettoyeur haute pression"),
        ("débroussailleuse", "coupe-bordure"),
    ],
    "en": [
        ("stroller, pushchair", "pram, buggy"),
        ("lawnmower", "lawn mower"),
        ("beamer", "projector"),
        ("rollerblades, roller skates", "inline skates"),
        ("power washer, jet washer", "pressure washer"),
        ("travel bed, portable crib", "travel cot"),
        ("step ladder", "stepladder"),
        ("marquee", "gazebo"),
        ("weed eater, weed whacker", "strimmer"),
        ("airbed, blow up mattress", "air mattress"),
    ],
}


def build_search_words(locales, say=print) -> int:
    """The demo's search words, once (a second load adds none)."""
    made = 0
    for code, pairs in SEARCH_WORDS.items():
        for typed, means in pairs:
            _word, created = Synonym.objects.get_or_create(
                words=typed, locale=locales[code], defaults={"means": means}
            )
            made += created
    say(f"search words: {made} created" if made else "search words: already loaded")
    return made
