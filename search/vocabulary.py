"""The words the catalogue holds in each language, for knowing and correcting a query's terms
(docs/architecture.md, "Search that forgives").

The vocabulary of a language is every word of its search documents: item names (which a
correction prefers), descriptions, contents, brands, categories and initiatives. It is read
from the index in one query and kept in this process until the index changes: every write
to the index bumps a version in the shared cache (``changed``), which each process compares
before it answers, so a rename is known everywhere at the next search.

Corrections work on every database alike with rapidfuzz (edit distances computed in C over a
few thousand words, a millisecond or two), so SQLite and PostgreSQL correct the same way.
"""

from __future__ import annotations

import bisect
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from django.core.cache import cache

from .words import singular, words

VERSION_KEY = "search:vocabulary-version"
# Terms shorter than this are never corrected: too many words are one letter away.
SHORTEST_CORRECTED = 5
# Parts of a compound a term may be split into ("lawnmower" -> "lawn mower").
SHORTEST_PART = 3
# How alike a term must be to a part of a longer name word ("boormachien" and
# "klopboormachine"), in rapidfuzz's partial ratio (0-100).
PARTIAL_SCORE = 88

# How long a vocabulary serves without a version in the shared cache (emptied, or unreachable).
UNVERSIONED_SECONDS = 60

_built: dict[str, tuple[str, Vocabulary, float]] = {}
_lock = threading.Lock()


def allowed_edits(term: str) -> int:
    """One typo in a word of five to seven letters, two from eight."""
    if len(term) < SHORTEST_CORRECTED:
        return 0
    return 1 if len(term) < 8 else 2


@dataclass
class Vocabulary:
    words: list[str]  # every word, sorted
    in_names: Counter  # how many item names hold each word
    counts: Counter  # how many documents hold each word
    joined_names: str  # the name words, one per line, for finding a part of a compound
    # The coordinators' search words: what is typed -> what it also finds (search.models.Synonym)
    synonyms: dict = field(default_factory=dict)

    def knows(self, term: str) -> bool:
        """Whether the index would match the term: as the start of a word, or inside a name's
        word (a part of a compound), in its singular as the backends match it."""
        stem = singular(term)
        at = bisect.bisect_left(self.words, stem)
        if at < len(self.words) and self.words[at].startswith(stem):
            return True
        return len(stem) >= SHORTEST_PART and stem in self.joined_names

    def correct(self, term: str) -> str | None:
        """The words the visitor most likely meant, or None: two known words run together
        ("lawnmower"), else the nearest word within the allowed typos (name words first, then
        the most frequent), else the nearest part of a longer name word ("boormachien")."""
        return self._split(term) or self._nearest(term) or self._part_of_compound(term)

    def _split(self, term: str) -> str | None:
        for cut in range(SHORTEST_PART, len(term) - SHORTEST_PART + 1):
            left, right = term[:cut], term[cut:]
            if self.in_names[left] and self.in_names[singular(right)] + self.in_names[right]:
                return f"{left} {right}"
        return None

    def _nearest(self, term: str) -> str | None:
        edits = allowed_edits(term)
        if not edits:
            return None
        found = process.extract(
            term, self.words, scorer=OSA.distance, score_cutoff=edits, limit=None
        )
        if not found:
            return None
        best = min(
            found,
            key=lambda hit: (hit[1], -self.in_names[hit[0]], -self.counts[hit[0]], hit[0]),
        )
        return best[0]

    def _part_of_compound(self, term: str) -> str | None:
        if len(term) < 6:
            return None
        longer = [word for word in self.in_names if len(word) > len(term)]
        hit = process.extractOne(
            term, longer, scorer=fuzz.partial_ratio, score_cutoff=PARTIAL_SCORE
        )
        if hit is None:
            return None
        aligned = fuzz.partial_ratio_alignment(term, hit[0])
        return hit[0][aligned.dest_start : aligned.dest_end] or None


def build(language: str) -> Vocabulary:
    from .models import ItemDocument

    in_names, counts = Counter(), Counter()
    rows = ItemDocument.objects.filter(language=language).values_list("name", "body")
    for name, body in rows.iterator(chunk_size=2000):
        name_words = set(words(name))
        in_names.update(name_words)
        counts.update(name_words | set(words(body)))
    return Vocabulary(
        words=sorted(counts),
        in_names=in_names,
        counts=counts,
        joined_names="\n".join(sorted(in_names)),
        synonyms=synonyms_in(language),
    )


def synonyms_in(language: str) -> dict:
    """The language's search words, what is typed -> the alternatives it also finds."""
    from .models import Synonym

    found: dict = {}
    for synonym in Synonym.objects.filter(locale__language_code=language):
        for typed, means in synonym.pairs:
            found[typed] = tuple(dict.fromkeys((*found.get(typed, ()), *means)))
    return found


def vocabulary(language: str) -> Vocabulary:
    """The language's vocabulary as the index holds it now (one cache read when unchanged)."""
    version = cache.get(VERSION_KEY)
    held = _built.get(language)
    if held is not None and held[0] == version is not None:
        return held[1]
    if version is None:
        if held is not None and time.monotonic() - held[2] < UNVERSIONED_SECONDS:
            return held[1]  # the shared cache was emptied or does not answer
        version = changed()
    with _lock:
        built = build(language)
        _built[language] = (version, built, time.monotonic())
        return built


def changed() -> str:
    """The index changed: every process builds its vocabularies again at the next search."""
    version = uuid.uuid4().hex
    cache.set(VERSION_KEY, version, None)
    return version


def forget() -> None:
    """Drop this process's vocabularies (the tests start each from an empty cache)."""
    _built.clear()
