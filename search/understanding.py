"""What a visitor's words mean to the catalogue, before any backend runs
(docs/architecture.md, "Search that forgives").

A query's words are read against the vocabulary of the page's language (search/vocabulary.py):

1. **Search words** that coordinators keep (``search.models.Synonym``): "rolschaatsen" also
   finds "inlineskates", "stroller" finds "pram" or "buggy".
2. A word the catalogue knows is searched as it is.
3. A word the page's language does not know, but another language does ("boormachine" on the
   French site, "drill" on the Dutch one): the whole query is matched against the item texts of
   that language, and the items are shown in the page's language.
4. Otherwise the word is corrected ("hogedrukreinger" -> "hogedrukreiniger", "lawnmower" ->
   "lawn mower"), unless the visitor asked for the exact words; the page says what it searched.
5. When even that finds nothing, the corrected words of another language are tried.

The result is one ``TextMatch`` to run and, where it may find nothing, a way to the second one
to try then (called only when the first finds nothing: it reads the other languages' words).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

from django.conf import settings

from .vocabulary import Vocabulary, vocabulary
from .words import singular, words

Phrase = tuple[str, ...]
LONGEST_SYNONYM = 4


@dataclass(frozen=True)
class TextMatch:
    """The text part of a search: every group must match an item, a group through any one of
    its alternatives, an alternative when all its words do."""

    language: str  # whose item texts are matched
    groups: tuple[tuple[Phrase, ...], ...] = ()
    corrected: str = ""  # the words searched for instead of the visitor's, when corrected
    other_language: str = ""  # set when the texts of another language than the page's match

    @property
    def words(self) -> list[str]:
        return list(dict.fromkeys(w for group in self.groups for alt in group for w in alt))

    @property
    def thing_forms(self) -> list[str]:
        """The words searched for and their singulars: an item whose thing is one of them
        ranks first (search/words.py)."""
        return list(dict.fromkeys(f for word in self.words for f in (word, singular(word))))


@dataclass
class Group:
    typed: Phrase
    alternatives: tuple[Phrase, ...]
    known: bool
    corrected: str = ""


def plain(text: str, language: str) -> TextMatch:
    """The words as typed, without synonyms or corrections."""
    return TextMatch(language, tuple(((word,),) for word in words(text)))


def read(terms: list[str], vocab: Vocabulary) -> list[Group]:
    """The query's words in groups: a search word (the longest that fits) with what it also
    finds, or one word, known or not to the catalogue."""
    groups, at = [], 0
    while at < len(terms):
        for size in range(min(LONGEST_SYNONYM, len(terms) - at), 0, -1):
            typed = tuple(terms[at : at + size])
            means = vocab.synonyms.get(typed) or vocab.synonyms.get(tuple(map(singular, typed)))
            if means:
                groups.append(Group(typed, (typed, *means), known=True))
                at += size
                break
        else:
            term = terms[at]
            groups.append(Group((term,), ((term,),), known=vocab.knows(term)))
            at += 1
    return groups


def _match(language: str, groups: list[Group], page_language: str) -> TextMatch:
    corrected = ""
    if any(group.corrected for group in groups):
        corrected = " ".join(group.corrected or " ".join(group.typed) for group in groups)
    return TextMatch(
        language=language,
        groups=tuple(group.alternatives for group in groups),
        corrected=corrected,
        other_language=language if language != page_language else "",
    )


def _corrected(groups: list[Group], vocab: Vocabulary) -> list[Group] | None:
    """The groups with every unknown word corrected, or None when one cannot be."""
    result = []
    for group in groups:
        if group.known:
            result.append(group)
            continue
        correction = vocab.correct(group.typed[0])
        if correction is None:
            return None
        fixed = read(correction.split(), vocab)
        alternatives = tuple(alt for part in fixed for alt in part.alternatives)
        if len(fixed) > 1:  # two words run together: both must match
            alternatives = (tuple(w for part in fixed for w in part.typed),)
        result.append(Group(group.typed, alternatives, known=True, corrected=correction))
    return result


def other_languages(language: str) -> list[str]:
    """The catalogue's other languages, the default one first."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES if code != language]
    return sorted(codes, key=lambda code: code != settings.LANGUAGE_CODE)


def _elsewhere(terms: list[str], language: str, correct: bool) -> TextMatch | None:
    """The query read in another language where it knows every word (or, with ``correct``,
    where its unknown words can be corrected)."""
    for code in other_languages(language):
        vocab = vocabulary(code)
        groups = read(terms, vocab)
        if all(group.known for group in groups):
            return _match(code, groups, language)
        if correct and (fixed := _corrected(groups, vocab)) is not None:
            return _match(code, fixed, language)
    return None


def understand(text: str, language: str, exact: bool = False):
    """(the match to run, None or a callable giving the match to try when it finds nothing)."""
    terms = words(text)
    if not terms:
        return TextMatch(language), None
    vocab = vocabulary(language)
    groups = read(terms, vocab)
    if all(group.known for group in groups):
        # Known words that together find nothing may still name an item in another language.
        return _match(language, groups, language), partial(_elsewhere, terms, language, False)
    elsewhere = _elsewhere(terms, language, correct=False)
    if elsewhere is not None:
        return elsewhere, None
    if exact:
        return _match(language, groups, language), None
    fixed = _corrected(groups, vocab)
    if fixed is not None:
        return _match(language, fixed, language), None
    return _match(language, groups, language), partial(_elsewhere, terms, language, True)
