"""Article rows → extract rows: spaCy's parse of each article and the rules run over it.

This is what the extraction's worker processes import (`extraction.run` imports it only when there is
something to parse, so a run with nothing new never loads spaCy).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator
from datetime import UTC, datetime
from functools import cache
from itertools import groupby

import spacy
from spacy.language import Language

from claimhouse.reference import actor_aliases, place_aliases
from extraction.claims import extract_claims
from extraction.components import LINE_BOUNDARIES, ParseTextTokenizer
from extraction.dating import ArticleContext
from extraction.events import extract_events
from extraction.gazetteer import ID_PREFIX as REGISTRY_ID_PREFIX
from extraction.gazetteer import Place, find_place
from extraction.lexicon import actor_matcher, place_matcher
from extraction.run import COUNTED, TABLES, not_installed
from extraction.syntax import entities_of, sentences_of, text_of

# spaCy's parser takes memory in proportion to the text it parses at once (about 3 KB a character, for
# en_core_web_sm): an article is parsed in pieces of at most PIECE_CHARS, and `nlp.pipe` is given at most
# BATCH_CHARS of text at a time, so extraction's memory is bounded however long an article is (50,000
# characters parse as fast as 200,000 and take 420 MB less).
PIECE_CHARS = 20_000
BATCH_CHARS = 50_000
_NEWLINE = re.compile("\n")
# Entity labels that name places the registry may know.
PLACE_LABELS = ("GPE", "LOC")

@cache
def load_nlp(model: str) -> Language:
    """Load a spaCy pipeline package once per process, with the extraction's own components added."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise not_installed(model) from exc
    nlp.tokenizer = ParseTextTokenizer(nlp.tokenizer)
    nlp.add_pipe(LINE_BOUNDARIES, before="parser")
    return nlp



def _line_starts(text: str) -> list[int]:
    """The offsets where the text's second, third, ... lines start."""
    return [m.end() for m in _NEWLINE.finditer(text)]


def article_pieces(text: str, piece_chars: int) -> list[tuple[int, str]]:
    """(offset, text) pieces of at most `piece_chars`, cut at a paragraph break (else a line break, else a
    space) in the second half of each piece. spaCy's memory grows with the length of one Doc, so a long
    article is parsed a piece at a time; an article of usual length is one piece."""
    pieces, start = [], 0
    while len(text) - start > piece_chars:
        end = start + piece_chars
        for separator in ("\n\n", "\n", " "):
            cut = text.rfind(separator, start + piece_chars // 2, end)
            if cut != -1:
                end = cut + len(separator)
                break
        pieces.append((start, text[start:end]))
        start = end
    pieces.append((start, text[start:]))
    return pieces


def extract_batch(nlp: Language, rows: list[tuple], version: str) -> dict[str, list[tuple]]:
    tables: dict[str, list[tuple]] = {name: [] for name in TABLES}
    now = datetime.now(UTC).replace(tzinfo=None)
    pieces = ((piece, (number, offset)) for number, row in enumerate(rows)
              for offset, piece in article_pieces(row[1], PIECE_CHARS))
    docs = (doc for batch in _batches_of_chars(pieces, BATCH_CHARS)
            for doc in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
    for number, article_docs in groupby(docs, key=lambda doc_and_place: doc_and_place[1][0]):
        start_count = {name: len(rows_) for name, rows_ in tables.items()}
        writer = _ArticleRows(rows[number], version, tables)
        for doc, (_, offset) in article_docs:
            writer.add(doc, offset)
        counts = [len(tables[table]) - start_count[table] for table in COUNTED.values()]
        tables["processed_articles"].append((writer.article_id, version, now, *counts))
    return tables


def _batches_of_chars(pieces, max_chars: int) -> Iterator[list[tuple[str, object]]]:
    """Consecutive (text, context) pieces, grouped into lists of at most `max_chars` of text (a longer
    piece is a list of its own)."""
    batch, chars = [], 0
    for piece in pieces:
        if batch and chars + len(piece[0]) > max_chars:
            yield batch
            batch, chars = [], 0
        batch.append(piece)
        chars += len(piece[0])
    if batch:
        yield batch


class _ArticleRows:
    """The rows of one article, from the Docs of its pieces in order (`offset`: where a piece starts)."""

    def __init__(self, row: tuple, version: str, tables: dict[str, list[tuple]]) -> None:
        self.article_id, self.text, published, outlet, self.first_line, self.follows, head = row
        self.version, self.tables = version, tables
        self.context = ArticleContext.of(self.text, published, outlet, head)
        self.line_starts = _line_starts(self.text) if self.follows and self.first_line is not None else None
        self.registry_places: dict[str, Place] = {}
        self.sentences = self.entities = self.claims = self.events = 0  # the numbers used so far

    def line(self, offset: int) -> int | None:
        """The line of the input file where `offset` of the article's text is."""
        if self.first_line is None:
            return None
        if self.line_starts is None:  # the text's lines are not the file's (HTML, JSON): its first line
            return self.first_line
        return self.first_line + bisect_right(self.line_starts, offset)

    def own_text(self, start: int, end: int) -> str:
        """The article's own characters between two offsets (the Doc holds the text as parsed, see
        components.text_to_parse)."""
        return self.text[start:end]

    def add(self, doc, offset: int) -> None:
        article_id, version, tables, base = self.article_id, self.version, self.tables, self.sentences
        sentence_of = {}
        for index, sent in enumerate(sentences_of(doc), start=base):
            for token_index in range(sent.start, sent.end):
                sentence_of[token_index] = index
            tables["sentences"].append((article_id, index, offset + sent.start_char, offset + sent.end_char,
                                        self.line(offset + sent.start_char),
                                        self.own_text(offset + sent.start_char, offset + sent.end_char), version))
            self.sentences += 1
        entities = entities_of(doc)
        for index, ent in enumerate(entities, start=self.entities):
            ent_text = text_of(ent)
            place_id = _alias_id(place_matcher(), place_aliases(), ent_text, None)
            if place_id is None and ent.label_ in PLACE_LABELS and (found := find_place(ent_text)) is not None:
                place_id = found.place_id
                self._add_place(found)
            tables["entity_mentions"].append((
                article_id, index, sentence_of[ent.start], ent.label_,
                self.own_text(offset + ent.start_char, offset + ent.end_char), offset + ent.start_char,
                offset + ent.end_char, self.line(offset + ent.start_char),
                _alias_id(actor_matcher(), actor_aliases(), ent_text, "actor_id"), place_id, version))
        self.entities += len(entities)
        claims = extract_claims(doc, self.context)
        for index, c in enumerate(claims, start=self.claims):
            claimant = c.claimant
            claimant_text = claimant.text if claimant.start is None else \
                self.own_text(offset + claimant.start, offset + claimant.end)
            tables["claim_mentions"].append((
                article_id, index, base + c.sentence_index, claimant_text, _shift(claimant.start, offset),
                _shift(claimant.end, offset), claimant.actor.actor_id if claimant.actor else None, claimant.side,
                claimant.kind, claimant.cue, c.predicate, c.quantity, c.quantity_text, c.qualifier, c.subject_text,
                c.subject_side, c.as_of, c.as_of_text, c.as_of_precision, c.is_background, offset + c.span_start,
                offset + c.span_end, self.line(offset + c.span_start), version, c.denied_text, c.subject_kind))
        self.claims += len(claims)
        events = extract_events(doc, self.context)
        for index, e in enumerate(events, start=self.events):
            if e.place_id and e.place_id.startswith(REGISTRY_ID_PREFIX) and e.place_id not in self.registry_places:
                self._add_place(find_place(e.place_text))
            tables["event_mentions"].append((
                article_id, index, base + e.sentence_index, e.trigger, e.event_type, e.event_date, e.date_text,
                e.date_precision, e.place_text, e.place_id, e.actor_side, e.target_side, e.is_background,
                offset + e.span_start, offset + e.span_end, self.line(offset + e.span_start), version))
        self.events += len(events)

    def _add_place(self, place: Place) -> None:
        if place.place_id not in self.registry_places:
            self.registry_places[place.place_id] = place
            self.tables["gazetteer_places"].append((
                self.article_id, place.place_id, place.place_name, place.place_kind, place.country_code,
                place.latitude, place.longitude, place.precision, self.version))


def _shift(position: int | None, offset: int) -> int | None:
    return None if position is None else position + offset


def _alias_id(matcher, aliases: dict, text: str, attribute: str | None) -> str | None:
    """The id an entity's text resolves to when the whole text is one alias."""
    key = matcher.whole(text)
    if key is None:
        return None
    value = aliases[key]
    return getattr(value, attribute) if attribute else value


