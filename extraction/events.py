"""Events a sentence reports: a trigger word (attack, shelling, capture, ceasefire, ...), its date, place
and sides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from spacy.tokens import Doc, Span

from claimhouse.dates import DateMatch
from claimhouse.reference import actor_aliases
from extraction.dating import ArticleContext, background_sentences, sentence_dates
from extraction.lexicon import actor_matcher, any_of, lexicon, place_matcher, resolve_place
from extraction.syntax import entities_in, forms_of, sentences_of, text_of

# What stands before the second date of a range ('29 Sept - 1 Oct', 'from 27 through 30 September'):
# an event of several days is dated by its first
RANGE_END = re.compile(r"(?:[-–]|\bthrough|\bto|\buntil|\btill)\s*$", re.I)
# What stands between a ceasefire and the date that dates it, whatever the parse ('the ceasefire agreed in
# Moscow on 10 October', 'a truce that took effect on Saturday')
DATES_THE_CEASEFIRE = re.compile(
    r"^\s*,?\s*(?:(?:that|which)\s+)?(?:(?:was|had been|has been)\s+)?(?:agreed|reached|announced|declared|"
    r"brokered|signed|set|took effect|came into (?:force|effect)|entered into force|went into effect)"
    r"(?:\s+(?:in|by)\s+[\w-]+)?\s+(?:on|from|at)\s+(?:the\s+)?$", re.I)


@dataclass(frozen=True)
class EventMention:
    sentence_index: int
    trigger: str
    event_type: str
    event_date: date | None
    date_text: str | None
    date_precision: str
    place_text: str | None
    place_id: str | None
    actor_side: str | None
    target_side: str | None
    is_background: bool
    span_start: int
    span_end: int


def extract_events(doc: Doc, context: ArticleContext) -> list[EventMention]:
    """Events a sentence reports: one for its strongest trigger and its first date; a sentence with
    several dates gives one event per date, of the trigger written nearest it ('announced the capture of
    Jabrayil on 9 October and Fuzuli on 19 October': two captures)."""
    events: list[EventMention] = []
    sentences = sentences_of(doc)
    history = background_sentences(doc)
    for index, sentence in enumerate(sentences):
        triggers = _event_triggers(sentence)
        if not triggers:
            continue
        dates = [d for d in sentence_dates(sentence, context.reference_date) if d.value is not None]
        dates = [d for i, d in enumerate(dates) if i == 0 or not RANGE_END.search(text_of(sentence)[:d.start])]
        place_hits = place_matcher().find(text_of(sentence))
        place_text = text_of(sentence)[place_hits[0].start:place_hits[0].end] if place_hits else next(
            (e.text for e in entities_in(sentence) if e.label_ in ("GPE", "LOC", "FAC")), None)
        if not dates and place_text is None:
            continue
        dated = _triggers_of_dates(sentence, triggers, dates) if dates else [(triggers[0], None)]
        seen = set()
        for (event_type, trigger_start, trigger), when in dated:
            key = when.value if when else None  # two dates of the same day ('Oct 22', 'on Thursday'): one event
            if key in seen:
                continue
            seen.add(key)
            actor_side, target_side = _event_sides(text_of(sentence), trigger_start)
            events.append(EventMention(
                sentence_index=index, trigger=trigger, event_type=event_type,
                event_date=when.value if when else None, date_text=when.text if when else None,
                date_precision=when.precision if when else "unknown",
                place_text=place_text, place_id=resolve_place(place_text) if place_text else None,
                actor_side=actor_side, target_side=target_side, is_background=index in history,
                span_start=sentence.start_char, span_end=sentence.end_char,
            ))
    return events


def _triggers_of_dates(sentence: Span, triggers: list[tuple[str, int, str]], dates: list[DateMatch]
                       ) -> list[tuple[tuple[str, int, str], DateMatch]]:
    """Each date with its trigger: the one the parse attaches it to; else, of several dates, the nearest
    trigger no other date is attached to; else the sentence's strongest trigger."""
    at: dict[int, tuple[str, int, str]] = {}  # token index → its trigger (the strongest, when several)
    for trigger in triggers:
        words = sentence.char_span(trigger[1], trigger[1] + len(trigger[2]), alignment_mode="expand")
        if words is not None and len(words):
            at.setdefault(words.root.i, trigger)
    attached = {d: _ceasefire_dated(sentence, triggers, d) or _trigger_of_date(sentence, at, d) for d in dates}
    free = [t for t in triggers if t not in attached.values()] or triggers
    return [(attached[d] or (min(free, key=lambda t, d=d: abs(t[1] - d.start)) if len(dates) > 1 else triggers[0]), d)
            for d in dates]


def _trigger_of_date(sentence: Span, at: dict[int, tuple[str, int, str]], when: DateMatch
                     ) -> tuple[str, int, str] | None:
    """The trigger a date is attached to in the parse: the first head above the date that is a trigger,
    or whose subject or object is ('the truce came into effect on 10 October': the truce), or what it is
    the start of ('since the start of the counter-offensive on 27 September': the counter-offensive)."""
    span = sentence.char_span(when.start, when.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    while True:
        of_what = (g for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children
                   if g.dep_ == "pobj")
        for candidate in [token, *(c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj")), *of_what]:
            if candidate.i in at:
                return at[candidate.i]
        if token.head == token:
            return None
        token = token.head


def _ceasefire_dated(sentence: Span, triggers: list[tuple[str, int, str]], when: DateMatch
                     ) -> tuple[str, int, str] | None:
    """The ceasefire a date is written as the date of ('despite the ceasefire agreed on 17 October', which
    the parse may hang on the sentence's other verb)."""
    text = text_of(sentence)
    return next((t for t in triggers if t[0] == "ceasefire" and t[1] + len(t[2]) <= when.start
                 and DATES_THE_CEASEFIRE.match(text[t[1] + len(t[2]):when.start])), None)


@cache
def _trigger_words() -> tuple[frozenset[str], re.Pattern[str]]:
    """Every event type's one-word triggers, and one pattern for all their phrases."""
    words = [word for words in lexicon()["event_triggers"].values() for word in words]
    return frozenset(w for w in words if w.isalpha()), any_of(tuple(w for w in words if not w.isalpha()))


def _event_triggers(sentence: Span) -> list[tuple[str, int, str]]:
    """Every event trigger of a sentence (type, where it starts, its words), the strongest type first.

    A one-word trigger matches any form of the word (its lemma); a phrase or hyphenated word matches as
    written. A word of violation counts only in a sentence about a ceasefire.
    """
    text = text_of(sentence).lower()
    triggers = lexicon()["event_triggers"]
    single_words, phrases = _trigger_words()
    lowers, lemmas = forms_of(sentence.doc)
    first, last, offset = sentence.start, sentence.end, sentence.start_char
    if single_words.isdisjoint(lowers[first:last]) and single_words.isdisjoint(lemmas[first:last]) \
            and phrases.search(text) is None:
        return []  # most sentences: no trigger of any type
    forms: dict[str, list[tuple[int, int]]] = {}  # each trigger word's form or lemma in the sentence → where
    for i in range(first, last):
        lower, lemma = lowers[i], lemmas[i]
        if lower in single_words or lemma in single_words:
            t = sentence.doc[i]
            where = (t.idx - offset, t.idx - offset + len(t.text))
            forms.setdefault(lower, []).append(where)
            if lemma != lower:
                forms.setdefault(lemma, []).append(where)

    def find(word: str) -> list[tuple[int, int]]:
        if not word.isalpha():  # a phrase or a hyphenated word: as written
            return [(m.start(), m.end()) for m in any_of((word,)).finditer(text)] if word in text else []
        return forms.get(word, [])

    order = ["martial_law", "mobilization", "ceasefire", "capture", "missile_strike", "drone_strike", "shelling",
             "attack", "diplomatic"]
    if any(find(word) for word in triggers["ceasefire"]):
        order.insert(0, "ceasefire_violation")
    found = []
    for event_type in order:
        for word in triggers[event_type]:
            found += [(event_type, start, text_of(sentence)[start:end]) for start, end in find(word)]
    return found


def _event_sides(text: str, trigger_start: int) -> tuple[str | None, str | None]:
    """Actor: the last side named before the trigger; target: the first other side named after it."""
    hits = actor_matcher().find(text)
    aliases = actor_aliases()
    before = [aliases[h.key].side for h in hits if h.end <= trigger_start]
    actor_side = before[-1] if before else None
    after = [aliases[h.key].side for h in hits if h.start > trigger_start and aliases[h.key].side != actor_side]
    return actor_side, after[0] if after else None
