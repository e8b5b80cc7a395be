"""The extraction's word lists and alias matchers, loaded once from data files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from claimhouse.reference import Actor, actor_aliases, lexicon, outlet_names, place_aliases, place_sides, read_seed
from extraction.gazetteer import find_place


@cache
def word_set(name: str) -> frozenset[str]:
    """A word list of the lexicon as a set, for the rules that test a word against it at every token."""
    return frozenset(lexicon()[name])


@cache
def any_of(phrases: tuple[str, ...], before: str = r"\b", after: str = r"\b") -> re.Pattern[str]:
    """One compiled pattern for any of `phrases` as written, between the given boundaries (compiled once)."""
    return re.compile(before + "(?:" + "|".join(re.escape(p) for p in phrases) + ")" + after)


FOUND_KEPT = 20_000  # texts whose aliases an AliasMatcher keeps (a few MB)


@dataclass(frozen=True)
class AliasHit:
    start: int
    end: int
    key: str


class AliasMatcher:
    """Finds the aliases of a table in text, whole words only, longest first.

    Short all-capital aliases (US, UN, NKR) match only in capitals, so "us" and "un-" do not.
    """

    def __init__(self, aliases: list[str]):
        ordered = sorted(aliases, key=len, reverse=True)
        exact = [a for a in ordered if a.isupper() and len(a) <= 5]
        folded = [a for a in ordered if a not in exact]
        self._patterns = [re.compile(self._alternation(folded), re.I) if folded else None,
                          re.compile(self._alternation(exact)) if exact else None]
        self._exact, self._folded = frozenset(exact), frozenset(a.lower() for a in folded)
        self._found: dict[str, tuple[AliasHit, ...]] = {}

    @staticmethod
    def _alternation(aliases: list[str]) -> str:
        return r"(?<![\w-])(?:" + "|".join(re.escape(a) for a in aliases) + r")(?![\w-])"

    def find(self, text: str) -> tuple[AliasHit, ...]:
        """The aliases in `text`, left to right, without overlaps. A text searched before is answered from
        memory, emptied when it holds FOUND_KEPT texts (speakers and places come back sentence after sentence:
        three searches in four were repeats on the benchmark's corpus)."""
        kept = self._found.get(text)
        if kept is None:
            if len(self._found) >= FOUND_KEPT:
                self._found.clear()
            kept = self._found[text] = self._search(text)
        return kept

    def _search(self, text: str) -> tuple[AliasHit, ...]:
        hits = [AliasHit(m.start(), m.end(), m.group(0).lower())
                for pattern in self._patterns if pattern for m in pattern.finditer(text)]
        hits.sort(key=lambda h: (h.start, -(h.end - h.start)))
        kept: list[AliasHit] = []
        for hit in hits:
            if not kept or hit.start >= kept[-1].end:
                kept.append(hit)
        return tuple(kept)

    def whole(self, text: str) -> str | None:
        """The alias `text` is as a whole (spaces around it aside), by its key, if it is one: what `find`
        finds when its one hit spans the text, looked up rather than searched for."""
        words = text.strip()
        key = words.lower()
        return key if words in self._exact or key in self._folded else None


@cache
def actor_matcher() -> AliasMatcher:
    return AliasMatcher([row["alias"] for row in read_seed("actor_aliases.csv")])


@cache
def outlet_matcher() -> AliasMatcher:
    """The outlets of the registry, by name ('Anadolu Agency (AA) reported', 'TASS said')."""
    return AliasMatcher(list(outlet_names().values()))


def named_outlet(text: str) -> str | None:
    """The registry's outlet `text` names by its longest name, if any."""
    hits = outlet_matcher().find(text)
    return max(hits, key=lambda h: h.end - h.start).key if hits else None


@cache
def place_matcher() -> AliasMatcher:
    return AliasMatcher([row["alias"] for row in read_seed("place_aliases.csv")])


def resolve_actor(text: str) -> Actor | None:
    """The actor named in `text` by its longest alias, if any."""
    hits = actor_matcher().find(text)
    if not hits:
        return None
    best = max(hits, key=lambda h: h.end - h.start)
    return actor_aliases()[best.key]


def resolve_place(text: str) -> str | None:
    """The place id of the first place alias in `text`; else of the country or city the whole text names in
    the registry (extraction.gazetteer)."""
    hits = place_matcher().find(text)
    if hits:
        return place_aliases()[hits[0].key]
    found = find_place(text)
    return found.place_id if found is not None else None


def held_by(text: str) -> str | None:
    """The side that held the places `text` names, when they were all held by the same one."""
    sides = {place_sides().get(hit.key) for hit in place_matcher().find(text)}
    return sides.pop() if len(sides) == 1 else None
