"""Load a landing folder into `raw.articles`, logging every input in `raw.ingest_log`.

Every input (a file, or a record of a JSON Lines or JSON list file) ends in exactly one status: `loaded`
(a new article), `duplicate` (the same text as an article already loaded, named in `duplicate_of`) or
`quarantined` (with a reason a person can act on, and a copy of its bytes in the quarantine folder).

Work is committed a batch of inputs at a time, each batch with its log rows, and a file is marked done
in `raw.ingested_files` with its last batch: a run that is killed loses at most the batch it was
writing, and the next run skips what is done and resumes a file where it stopped.
"""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from claimhouse.warehouse import insert_rows, transaction
from ingest.clean import clean_text
from ingest.fingerprint import minhash_signature
from ingest.formats import SUPPORTED_SUFFIXES, RawRecord, RejectedRecord, read_large_file, read_records
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
    ingested_at timestamp not null,
    minhash integer[]
);
create table if not exists raw.ingest_log (
    source_file varchar not null,
    record_index integer,
    file_hash varchar not null,
    status varchar not null,
    reason varchar,
    article_id varchar,
    duplicate_of varchar,
    logged_at timestamp not null,
    quarantine_file varchar
);
create table if not exists raw.ingested_files (
    source_file varchar not null,
    file_hash varchar not null,
    records integer not null,
    ingested_at timestamp not null,
    primary key (source_file, file_hash)
);
-- columns added since the first version of these tables, and the old name of `quarantined`
alter table raw.articles add column if not exists minhash integer[];
alter table raw.ingest_log add column if not exists quarantine_file varchar;
update raw.ingest_log set status = 'quarantined' where status = 'rejected';
"""
ARTICLE_COLUMNS = ("article_id", "content_hash", "source_file", "record_index", "source_format", "encoding", "title",
                   "outlet", "author", "published_date", "url", "original_text", "text", "first_line",
                   "lines_follow_file", "repaired_lines", "boilerplate_lines", "ingested_at", "minhash")
LOG_COLUMNS = ("source_file", "record_index", "file_hash", "status", "reason", "article_id", "duplicate_of",
               "logged_at", "quarantine_file")
FILE_COLUMNS = ("source_file", "file_hash", "records", "ingested_at")
# How many files ended in each status: a file's status is `loaded` when any of its inputs was loaded,
# else `duplicate` when any was a duplicate, else `quarantined`; so the counts add up to the files.
FILE_OUTCOMES = """
    select status, count(*) from (
        select case when bool_or(status = 'loaded') then 'loaded'
                    when bool_or(status = 'duplicate') then 'duplicate' else 'quarantined' end as status
        from raw.ingest_log group by source_file, file_hash)
    group by status"""
# A batch is committed when it holds this many inputs or this much text, whichever comes first.
BATCH_INPUTS = 500
BATCH_TEXT_CHARS = 50_000_000
_WHITESPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class IngestSummary:
    files_seen: int
    files_skipped: int
    loaded: int
    duplicate: int
    quarantined: int

    def __str__(self) -> str:
        return (f"{self.files_seen} files ({self.files_skipped} already ingested): {self.loaded} loaded, "
                f"{self.duplicate} duplicate, {self.quarantined} quarantined")


def ensure_raw_schema(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(RAW_SCHEMA)


def content_hash(text: str) -> str:
    """Hash of the article text with white space folded, so a re-wrapped copy is the same article."""
    return hashlib.sha256(_WHITESPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def landing_files(input_dir: Path) -> list[Path]:
    if not input_dir.is_dir():
        raise FileNotFoundError(f"input folder {input_dir} does not exist: set CLAIMHOUSE_INPUT to a folder "
                                "of articles")
    return sorted(p for p in input_dir.rglob("*")
                  if p.is_file() and not any(part.startswith(".") for part in p.relative_to(input_dir).parts))


@dataclass
class _Batch:
    """Rows not yet committed: articles, their log rows, and the files they complete."""

    articles: list[tuple] = field(default_factory=list)
    log_rows: list[tuple] = field(default_factory=list)
    files: list[tuple] = field(default_factory=list)
    text_chars: int = 0

    def full(self) -> bool:
        return len(self.log_rows) >= BATCH_INPUTS or self.text_chars >= BATCH_TEXT_CHARS

    def commit(self, con: duckdb.DuckDBPyConnection, files_read: int, files: int) -> None:
        if not self.log_rows and not self.files:
            return
        with transaction(con):
            insert_rows(con, "raw.articles", ARTICLE_COLUMNS, self.articles)
            insert_rows(con, "raw.ingest_log", LOG_COLUMNS, self.log_rows)
            insert_rows(con, "raw.ingested_files", FILE_COLUMNS, self.files)
        log.info("ingest: %d inputs committed (%d of %d files read)", len(self.log_rows), files_read, files)
        self.articles, self.log_rows, self.files, self.text_chars = [], [], [], 0


def ingest_folder(con: duckdb.DuckDBPyConnection, input_dir: Path, quarantine_dir: Path,
                  max_article_bytes: int = 10_000_000) -> IngestSummary:
    """Load every new input of `input_dir`, a batch at a time; quarantined inputs are copied to
    `quarantine_dir` under names made of their hash (never of anything the input says)."""
    ensure_raw_schema(con)
    files = landing_files(input_dir)
    done_files = set(con.execute("select source_file, file_hash from raw.ingested_files").fetchall())
    half_done = {(name, digest): set(indexes) for name, digest, indexes in con.execute(  # left by a killed run
        """select source_file, file_hash, list(coalesce(record_index, -1)) from raw.ingest_log
           anti join raw.ingested_files using (source_file, file_hash) group by all""").fetchall()}
    known = dict(con.execute("select content_hash, article_id from raw.articles").fetchall())
    counts: Counter[str] = Counter()
    skipped = 0
    batch = _Batch()
    for number, path in enumerate(files, start=1):
        name = path.relative_to(input_dir).as_posix()
        now = datetime.now(UTC).replace(tzinfo=None)
        try:  # a file an article may fill is read once, for its hash and its records; a larger one streamed
            data = path.read_bytes() if path.stat().st_size <= max_article_bytes else None
            digest = hashlib.sha256(data).hexdigest() if data is not None else file_hash(path)
        except OSError as exc:
            digest = ""  # once readable, the file has a hash and is read again
            if (name, digest) not in done_files:
                counts["quarantined"] += 1
                batch.log_rows.append((name, None, digest, "quarantined", f"cannot read the file: "
                                       f"{exc.strerror or exc}; fix its permissions", None, None, now, None))
                batch.files.append((name, digest, 1, now))
            continue
        if (name, digest) in done_files:
            skipped += 1
            continue
        logged = half_done.get((name, digest), set())
        records = 0
        records_of_file = (read_records(name, data) if data is not None
                           else read_large_file(path, name, max_article_bytes))
        for record in records_of_file:
            records += 1
            if (record.record_index if record.record_index is not None else -1) in logged:
                continue
            status, reason, article_id, duplicate_of = _place(record, known, batch, now)
            quarantine_file = None
            if status == "quarantined":
                quarantine_file = _quarantine(record, path, digest, quarantine_dir)
                log.warning("quarantined %s%s: %s", name,
                            f" record {record.record_index}" if record.record_index is not None else "", reason)
            counts[status] += 1
            batch.log_rows.append((name, record.record_index, digest, status, reason, article_id, duplicate_of,
                                   now, quarantine_file))
            if batch.full():
                batch.commit(con, number - 1, len(files))
        batch.files.append((name, digest, records, now))
        if batch.full():
            batch.commit(con, number, len(files))
    batch.commit(con, len(files), len(files))
    summary = IngestSummary(len(files), skipped, counts["loaded"], counts["duplicate"], counts["quarantined"])
    log.info("ingest: %s", summary)
    return summary


def _quarantine(record: RejectedRecord, path: Path, digest: str, quarantine_dir: Path) -> str:
    """Keep a quarantined input's bytes as `<file hash>[-<record>]<suffix>` in `quarantine_dir`."""
    suffix = path.suffix.lower() if path.suffix.lower() in SUPPORTED_SUFFIXES else ".bin"
    name = f"{digest[:16]}{'' if record.record_index is None else f'-{record.record_index}'}{suffix}"
    target = quarantine_dir / name
    if not target.exists():
        quarantine_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{name}.partial")
        if record.data is None:
            shutil.copyfile(path, partial)
        else:
            partial.write_bytes(record.data)
        partial.replace(target)
    return name


def _place(record: RawRecord | RejectedRecord, known: dict[str, str], batch: _Batch, now: datetime):
    """Decide a record's status; a new article is added to the batch and to `known`."""
    if isinstance(record, RejectedRecord):
        return "quarantined", record.reason, None, None
    meta = extract_metadata(record.text, record.fields)
    cleaned = clean_text(record.text, drop_lines=meta.header_lines)
    if not cleaned.text.strip():
        return "quarantined", "no article text left after removing boilerplate and header lines", None, None
    digest = content_hash(cleaned.text)
    if digest in known:
        return "duplicate", f"same text as article {known[digest]}", None, known[digest]
    article_id = digest[:16]
    known[digest] = article_id
    batch.articles.append((
        article_id, digest, record.source_file, record.record_index, record.source_format, record.encoding,
        meta.title, meta.outlet, meta.author, meta.published_date, meta.url, record.text, cleaned.text,
        record.first_line, record.lines_follow_file, cleaned.repaired_lines, cleaned.boilerplate_lines, now,
        minhash_signature(cleaned.text),
    ))
    batch.text_chars += len(record.text)
    return "loaded", None, article_id, None
