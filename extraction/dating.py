"""The dates claims refer to (as_of) and the article context they are read against, and which sentences
are about history before the covered war.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from claimhouse.dates import DateMatch, find_dates
from claimhouse.reference import OPPOSITE_SIDE, outlet_side
from extraction import DATELINE_CHARS
from extraction.lexicon import held_by, lexicon, word_set
from extraction.syntax import answered_once, doc_text, entities_in, root_at, sentences_of, text_of, verb_above

# words that introduce the date a figure is given as of: 'as of 28 October', 'by 7 Oct.'
AS_OF_CUES = ("as of", "by", "through", "until", "till", "to")
# A sentence that is about the day of the sentence before: 'on the same day', 'As a result, ...'
SAME_DAY = re.compile(r"\b(?:the same day|that day|that same day|the same date)\b|^\s*(?:as a result|consequently|"
                      r"in (?:the|that) (?:attack|shelling|strike|assault|fighting))\b", re.I)
YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")


# "BAKU, 14 October. ...", "YEREVAN (Reuters) - ...": a place opening one of an article's first lines
DATELINE_PLACE = re.compile(r"^\s*(?P<place>[A-Z][A-Za-z'’-]+(?:[ /][A-Z][A-Za-z'’-]+)*)\s*[,.(]", re.M)
DATELINE_LINES = 5


@dataclass(frozen=True)
class ArticleContext:
    published_date: date | None
    outlet: str | None
    # the latest date the article writes in full, for an article without a publication date
    latest_written_date: date | None = None
    # the side an article is written from: its outlet's, or its dateline's (Baku, Yerevan, Stepanakert)
    home_side: str | None = None

    @classmethod
    def of(cls, text: str, published_date: date | None, outlet: str | None,
           head: str | None = None) -> ArticleContext:
        """The context of an article's `text`; `head` is its beginning as received, with the dateline
        ingest takes out of the text (the text's own beginning when not given)."""
        return cls(published_date, outlet, None if published_date else latest_full_date(text),
                   home_side(head if head is not None else text, outlet))

    @property
    def reference_date(self) -> date | None:
        """The date yearless and relative dates are read against."""
        return self.published_date or self.latest_written_date


def home_side(text: str, outlet: str | None) -> str | None:
    """The side an article is written from, which 'the Ministry of Defense' with no country belongs to: a
    belligerent outlet's side; else that of the place its dateline names, when the place was held by one
    side ('BAKU, 14 October', 'YEREVAN (Reuters)'; not 'BAKU/YEREVAN')."""
    side = outlet_side(outlet)
    if side in OPPOSITE_SIDE:
        return side
    head = "\n".join(text[:DATELINE_CHARS].lstrip().splitlines()[:DATELINE_LINES])
    for m in DATELINE_PLACE.finditer(head):
        side = held_by(m["place"])
        if side is not None:
            return side
    return None


def sentence_dates(sentence: Span, reference: date | None) -> list[DateMatch]:
    """The dates a sentence writes (offsets within the sentence); a weekday governed by a verb in the future
    tense is the coming one, not the last ('will host the ministers on Friday'). Read once a sentence: the
    claims and the events both ask."""
    return answered_once(sentence.doc, "sentence_dates", (sentence.start, sentence.end, reference), lambda: [
        _coming(sentence, d) if d.precision == "weekday" and d.value is not None else d
        for d in find_dates(text_of(sentence), reference)])


def _coming(sentence: Span, found: DateMatch) -> DateMatch:
    span = sentence.char_span(found.start, found.end, alignment_mode="expand")
    verb = verb_above(span.root) if span is not None and len(span) else None
    if verb is None or not any(c.dep_ == "aux" and c.lower_ in ("will", "shall", "'ll") for c in verb.children):
        return found
    return replace(found, value=found.value + timedelta(days=7))


def latest_full_date(text: str) -> date | None:
    """The latest date an article writes with its year, or without one inside the covered conflict periods
    (see claimhouse.dates), leaving out history before the covered period."""
    cutoff = lexicon()["background_years_before"]
    days = [d.value for d in find_dates(text) if d.precision in ("day", "day_no_year") and d.value is not None
            and d.value.year >= cutoff]
    return max(days, default=None)


def pick_as_of(sentence: Span, dates: list[DateMatch], figure: Token | None = None) -> DateMatch | None:
    """The date a figure refers to: one introduced by 'as of', 'by', 'until', ... (of several, the one
    nearest the figure: 'A reported 1,166 as of 28 October, while B reported 2,300 as of 30 September');
    else the last one."""
    usable = [d for d in dates if d.value is not None and not _starts_a_range(sentence, d)]
    if not usable:
        return None
    text = text_of(sentence).lower()
    cued = [d for d in usable if text[:d.start - sentence.start_char].rstrip().endswith(AS_OF_CUES)]
    if not cued:
        return _date_above(sentence, usable, figure) or usable[-1]
    if figure is None:
        return cued[0]
    return min(cued, key=lambda d: abs(d.start - figure.idx))


def _date_above(sentence: Span, dates: list[DateMatch], figure: Token | None) -> DateMatch | None:
    """Of uncued dates, the one the parse attaches to the verb nearest above the figure ('X said on Thursday
    its forces took 13 villages, despite a truce that began on Sunday': Thursday, not Sunday)."""
    if figure is None:
        return None
    above = [figure, *figure.ancestors]
    ranked = []
    for found in dates:
        verb = verb_above(_date_token(sentence, found))
        if verb is not None and verb in above:
            ranked.append((above.index(verb), found))
    return min(ranked, key=lambda r: r[0])[1] if ranked else None


def _date_token(sentence: Span, found: DateMatch) -> Token | None:
    return root_at(sentence.doc, found.start, found.end)


def _starts_a_range(sentence: Span, found: DateMatch) -> bool:
    """Whether a date only says when a period began: 'since Sept. 27', 'since the truce took effect on
    the 10th', 'from 27 September (to ...)'. Figures are counted up to a later date, not as of this one.
    Decided once for each date of a doc (it is asked again for every figure of its sentence)."""
    return answered_once(sentence.doc, "starts_a_range", (found.start, found.end),
                         lambda: _opens_a_period(_date_token(sentence, found)))


def _opens_a_period(token: Token | None) -> bool:
    while token is not None:
        if token.lower_ in AS_OF_CUES and token.dep_ == "prep":  # '(from ...) to the morning of 30': the end
            return False
        if token.lower_ in ("since", "from") and token.dep_ in ("prep", "mark"):
            return True
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in token.children):
            return True
        if token.head == token or token.lemma_.lower() in word_set("reporting_verbs"):
            return False
        token = token.head
    return False


def dates_a_statement(sentence: Span, found: DateMatch) -> bool:
    """Whether a date says when a statement was made ('said at a briefing on the evening of 29 that ...'),
    not when what it reports happened ('said a woman was killed yesterday'): the first verb above the
    date is a reporting verb."""
    verb = verb_above(_date_token(sentence, found))
    return verb is not None and verb.lemma_.lower() in word_set("reporting_verbs")


def as_of_fields(as_of: DateMatch | None, context: ArticleContext) -> dict:
    """The as_of fields of a claim: its date, the words that gave it and how it was read; without a date,
    the publication date, said to be a fallback."""
    if as_of is not None:
        return {"as_of": as_of.value, "as_of_text": as_of.text, "as_of_precision": as_of.precision}
    if context.published_date is not None:  # a stated fallback: the figure as reported that day
        return {"as_of": context.published_date, "as_of_text": None, "as_of_precision": "publication_date"}
    return {"as_of": None, "as_of_text": None, "as_of_precision": "unknown"}


def is_background(sentence: Span) -> bool:
    """A sentence about earlier history: a date in it names a year before the one this corpus covers."""
    cutoff = lexicon()["background_years_before"]
    return any(int(year) < cutoff for ent in entities_in(sentence) if ent.label_ == "DATE"
               for year in YEAR.findall(ent.text))


def background_sentences(doc: Doc) -> set[int]:
    """The indexes of the doc's sentences about earlier history: those `is_background` finds, and a sentence
    that goes on from one of them in its paragraph without a date of its own ('The conflict began in 1988. As
    a result of the ensuing war, Armenian forces occupied 20 percent of ...'). Found once a doc: the claims
    and the events both ask."""
    return answered_once(doc, "background_sentences", None, lambda: _history(sentences_of(doc), doc_text(doc)))


def _history(sentences: list[Span], text: str) -> set[int]:
    found: set[int] = set()
    for index, sentence in enumerate(sentences):
        goes_on_from_history = index - 1 in found and SAME_DAY.search(text_of(sentence)) is not None and \
            not any(ent.label_ == "DATE" for ent in entities_in(sentence)) and \
            "\n\n" not in text[sentences[index - 1].end_char:sentence.start_char]
        if goes_on_from_history or is_background(sentence):
            found.add(index)
    return found
