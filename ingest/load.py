"""Load a landing folder into `raw.articles`, logging every input in `raw.ingest_log`.

Every input ends in exactly one status: `loaded` (a new article), `duplicate` (the same text as an
article already loaded, named in `duplicate_of`) or `rejected` (with a reason a person can act on).
A file whose bytes were already logged is skipped, so loading the same folder twice adds nothing.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from claimhouse.warehouse import transaction
from ingest.clean import clean_text
from ingest.formats import RawRecord, RejectedRecord, read_records
from ingest.metadata import extract_metadata

log = logging.getLogger(__name__)

RAW_SCHEMA = """
create schema if not exists raw;
create table if not exists raw.articles (
    article_id varchar primary key,
    content_hash varchar not null unique,
    source_file varchar not null,
    record_index integer,
    source_format varchar not null,
    encoding varchar not null,
    title varchar,
    outlet varchar,
    author varchar,
    published_date date,
    url varchar,
    original_text varchar not null,
    text varchar not null,
    first_line integer,
    lines_follow_file boolean not null,
    repaired_lines integer not null,
    boilerplate_lines integer not null,
    ingested_at timestamp not null
);
create table if not exists raw.ingest_log (
    source_file varchar not null,
    record_index integer,
    file_hash varchar not null,
    status varchar not null,
    reason varchar,
    article_id varchar,
    duplicate_of varchar,
    logged_at timestamp not null
);
"""
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class IngestSummary:
    files_seen: int
    files_skipped: int
    loaded: int
    duplicate: int
    rejected: int

    def __str__(self) -> str:
        return (f"{self.files_seen} files ({self.files_skipped} already ingested): {self.loaded} loaded, "
                f"{self.duplicate} duplicate, {self.rejected} rejected")


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_SCHEMA)


def content_hash(text: str) -> str:
    """Hash of the article text with white space folded, so a re-wrapped copy is the same article."""
    return hashlib.sha256(_WHITESPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def landing_files(input_dir: Path) -> list[Path]:
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder {input_dir} does not exist: set CLAIMHOUSE_INPUT to a folder "
                                "of articles")
    return sorted(p for p in input_dir.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(input_dir).parts))


def ingest_folder(con: duckdb.DuckDBPyConnection, input_dir: Path) -> IngestSummary:
    """Load every new file of `input_dir` in one transaction: all of this run's rows, or none."""
    ensure_raw_schema(con)
    files = landing_files(input_dir)
    logged = {(name, digest) for name, digest in
              con.execute("select distinct source_file, file_hash from raw.ingest_log").fetchall()}
    known = dict(con.execute("select content_hash, article_id from raw.articles").fetchall())
    now = datetime.now(UTC).replace(tzinfo=None)
    articles, log_rows = [], []
    counts: Counter[str] = Counter()
    skipped = 0
    for path in files:
        name = path.relative_to(input_dir).as_posix()
        try:
            data = path.read_bytes()
        except OSError as exc:
            log_rows.append((name, None, "", "rejected", f"cannot read file: {exc.strerror or exc}",
                             None, None, now))
            counts["rejected"] += 1
            continue
        file_hash = hashlib.sha256(data).hexdigest()
        if (name, file_hash) in logged:
            skipped += 1
            continue
        for record in read_records(name, data):
            status, reason, article_id, duplicate_of = _place(record, known, articles, now)
            counts[status] += 1
            log_rows.append((name, record.record_index, file_hash, status, reason, article_id,
                             duplicate_of, now))
            if status == "rejected":
                log.warning("rejected %s: %s", name, reason)
    with transaction(con):
        if articles:
            con.executemany(f"insert into raw.articles values ({', '.join('?' * 18)})", articles)
        if log_rows:
            con.executemany("insert into raw.ingest_log values (?, ?, ?, ?, ?, ?, ?, ?)", log_rows)
    summary = IngestSummary(len(files), skipped, counts["loaded"], counts["duplicate"], counts["rejected"])
    log.info("ingest: %s", summary)
    return summary


def _place(record: RawRecord | RejectedRecord, known: dict[str, str], articles: list, now: datetime):
    """Decide a record's status; a new article is appended to `articles` and to `known`."""
    if isinstance(record, RejectedRecord):
        return "rejected", record.reason, None, None
    meta = extract_metadata(record.text, record.fields)
    cleaned = clean_text(record.text, drop_lines=meta.header_lines)
    if not cleaned.text.strip():
        return "rejected", "no article text left after removing boilerplate", None, None
    digest = content_hash(cleaned.text)
    if digest in known:
        return "duplicate", f"same text as article {known[digest]}", None, known[digest]
    article_id = digest[:16]
    known[digest] = article_id
    articles.append((
        article_id, digest, record.source_file, record.record_index, record.source_format, record.encoding,
        meta.title, meta.outlet, meta.author, meta.published_date, meta.url, record.text, cleaned.text,
        record.first_line, record.lines_follow_file, cleaned.repaired_lines, cleaned.boilerplate_lines, now,
    ))
    return "loaded", None, article_id, None
