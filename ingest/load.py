"""Load a landing folder into `raw.articles`, logging every input in `raw.ingest_log`.

The lines cleaning blanked in an article (boilerplate, header lines, trailing sections) are listed in
`raw.boilerplate_lines`, each with the rule that blanked it, in the transaction that writes the article.

Every input (a file, or a record of a JSON Lines or JSON list file) ends in exactly one status: `loaded`
(a new article), `duplicate` (the same text as an article already loaded, named in `duplicate_of`) or
`quarantined` (with a reason a person can act on, and a copy of its bytes in the quarantine folder).

Work is committed a batch of inputs at a time, each batch with its log rows, and a file is marked done
in `raw.ingested_files` with its last batch: a run that is killed loses at most the batch it was
writing, and the next run skips what is done and resumes a file where it stopped.

With several processes, worker processes read and clean the files (`ingest.prepare`) a chunk of files
at a time, while this process hashes the files, decides in file order what each record is, and writes.
"""

from __future__ import annotations

import hashlib
import logging
import shutil
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from claimhouse.warehouse import insert_rows, transaction
from claimhouse.workers import in_order
from ingest.formats import SUPPORTED_SUFFIXES, RejectedRecord, read_large_file
from ingest.prepare import PreparedRecord, prepare_files, prepare_record

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
create table if not exists raw.boilerplate_lines (
    article_id varchar not null,
    line_number integer not null,
    line_text varchar not null,
    rule varchar not null,
    primary key (article_id, line_number)
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
BOILERPLATE_COLUMNS = ("article_id", "line_number", "line_text", "rule")
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
# Files go to a worker process in chunks of at most this many files or bytes; with fewer new files than
# WORKERS_FROM_FILES, all are read here (starting a worker costs about half a second).
CHUNK_FILES = 64
CHUNK_BYTES = 8_000_000
WORKERS_FROM_FILES = 200


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
    """Rows not yet committed: articles with their blanked lines, their log rows, and the files they complete."""

    articles: list[tuple] = field(default_factory=list)
    blanked_lines: list[tuple] = field(default_factory=list)
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
            insert_rows(con, "raw.boilerplate_lines", BOILERPLATE_COLUMNS, self.blanked_lines)
            insert_rows(con, "raw.ingest_log", LOG_COLUMNS, self.log_rows)
            insert_rows(con, "raw.ingested_files", FILE_COLUMNS, self.files)
        log.info("ingest: %d inputs committed (%d of %d files read)", len(self.log_rows), files_read, files)
        self.articles, self.blanked_lines, self.log_rows, self.files, self.text_chars = [], [], [], [], 0


@dataclass(frozen=True)
class _NewFile:
    """A landing file not ingested yet: its bytes when it may hold one article (else it is streamed), or
    why it cannot be read."""

    number: int
    path: Path
    name: str
    digest: str
    data: bytes | None = None
    unreadable: str | None = None


def ingest_folder(con: duckdb.DuckDBPyConnection, input_dir: Path, quarantine_dir: Path,
                  max_article_bytes: int = 10_000_000, processes: int = 1) -> IngestSummary:
    """Load every new input of `input_dir`, a batch at a time; quarantined inputs are copied to
    `quarantine_dir` under names made of their hash (never of anything the input says). With
    `processes` > 1 and many new files, worker processes read and clean them."""
    ensure_raw_schema(con)
    files = landing_files(input_dir)
    done_files = set(con.execute("select source_file, file_hash from raw.ingested_files").fetchall())
    half_done = {(name, digest): set(indexes) for name, digest, indexes in con.execute(  # left by a killed run
        """select source_file, file_hash, list(coalesce(record_index, -1)) from raw.ingest_log
           anti join raw.ingested_files using (source_file, file_hash) group by all""").fetchall()}
    known = dict(con.execute("select content_hash, article_id from raw.articles").fetchall())
    done_names = {name for name, _ in done_files}
    new_names = sum(p.relative_to(input_dir).as_posix() not in done_names for p in files)
    processes = processes if new_names >= WORKERS_FROM_FILES else 1
    counts: Counter[str] = Counter()
    read = 0
    batch = _Batch()
    new_files = _new_files(files, input_dir, done_files, max_article_bytes)
    try:
        for file, records in _prepared(new_files, processes, max_article_bytes):
            read += 1
            now = datetime.now(UTC).replace(tzinfo=None)
            if file.unreadable is not None:
                counts["quarantined"] += 1
                batch.log_rows.append((file.name, None, file.digest, "quarantined", file.unreadable, None, None,
                                       now, None))
                batch.files.append((file.name, file.digest, 1, now))
                continue
            logged = half_done.get((file.name, file.digest), set())
            inputs = 0
            for prepared in records:
                inputs += 1
                record = prepared.record
                if (record.record_index if record.record_index is not None else -1) in logged:
                    continue
                status, reason, article_id, duplicate_of = _place(prepared, known, batch, now)
                quarantine_file = None
                if status == "quarantined":
                    quarantine_file = _quarantine(prepared, file, quarantine_dir)
                    log.warning("quarantined %s%s: %s", file.name,
                                f" record {record.record_index}" if record.record_index is not None else "", reason)
                counts[status] += 1
                batch.log_rows.append((file.name, record.record_index, file.digest, status, reason, article_id,
                                       duplicate_of, now, quarantine_file))
                if batch.full():
                    batch.commit(con, file.number - 1, len(files))
            batch.files.append((file.name, file.digest, inputs, now))
            if batch.full():
                batch.commit(con, file.number, len(files))
    except BrokenProcessPool as exc:
        raise RuntimeError("an ingest worker process ended abruptly (when memory runs out, the OS kills the "
                           "largest process); the batches written before it are kept and the next run goes on "
                           "from there; set CLAIMHOUSE_INGEST_PROCESSES=1 to read every file here") from exc
    batch.commit(con, len(files), len(files))
    summary = IngestSummary(len(files), len(files) - read, counts["loaded"], counts["duplicate"],
                            counts["quarantined"])
    log.info("ingest: %s", summary)
    return summary


def _new_files(files: list[Path], input_dir: Path, done_files: set[tuple[str, str]],
               max_article_bytes: int) -> Iterator[_NewFile]:
    """The files whose (name, hash) is not ingested yet, in order. A file an article may fill is read once,
    for its hash and its records; a larger one is hashed as a stream, and streamed again for its records."""
    for number, path in enumerate(files, start=1):
        name = path.relative_to(input_dir).as_posix()
        try:
            data = path.read_bytes() if path.stat().st_size <= max_article_bytes else None
            digest = hashlib.sha256(data).hexdigest() if data is not None else file_hash(path)
        except OSError as exc:  # once readable, the file has a hash and is read again
            if (name, "") not in done_files:
                yield _NewFile(number, path, name, "", unreadable=f"cannot read the file: {exc.strerror or exc}; "
                                                                  "fix its permissions")
            continue
        if (name, digest) not in done_files:
            yield _NewFile(number, path, name, digest, data)


def _prepared(files: Iterable[_NewFile], processes: int,
              max_article_bytes: int) -> Iterator[tuple[_NewFile, Iterable[PreparedRecord]]]:
    """Each file with its prepared records, in order. Files of one article are prepared in chunks, in
    worker processes when there are several; a large file's records are streamed here, in its turn."""
    chunks: deque[list[_NewFile]] = deque()  # what each result of in_order is for, in order

    def contents() -> Iterator[list[tuple[str, bytes]]]:
        for chunk in _chunks(files):
            chunks.append(chunk)
            yield [(file.name, file.data) for file in chunk if file.data is not None]

    for prepared in in_order(prepare_files, contents(), processes):
        results = iter(prepared)
        for file in chunks.popleft():
            if file.unreadable is not None:
                yield file, ()
            elif file.data is None:
                yield file, (prepare_record(r) for r in read_large_file(file.path, file.name, max_article_bytes))
            else:
                yield file, next(results)


def _chunks(files: Iterable[_NewFile]) -> Iterator[list[_NewFile]]:
    """Consecutive files, at most CHUNK_FILES or CHUNK_BYTES of them a chunk."""
    chunk, size = [], 0
    for file in files:
        chunk.append(file)
        size += len(file.data or b"")
        if len(chunk) >= CHUNK_FILES or size >= CHUNK_BYTES:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _quarantine(prepared: PreparedRecord, file: _NewFile, quarantine_dir: Path) -> str:
    """Keep a quarantined input's bytes as `<file hash>[-<record>]<suffix>` in `quarantine_dir`: the whole
    file's, a rejected record's, or the text of a record of a file of several that had none left."""
    record = prepared.record
    if isinstance(record, RejectedRecord):
        data = record.data
    else:
        data = record.text.encode("utf-8") if record.record_index is not None else None
    suffix = file.path.suffix.lower() if file.path.suffix.lower() in SUPPORTED_SUFFIXES else ".bin"
    name = f"{file.digest[:16]}{'' if record.record_index is None else f'-{record.record_index}'}{suffix}"
    target = quarantine_dir / name
    if not target.exists():
        quarantine_dir.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{name}.partial")
        if data is None:
            shutil.copyfile(file.path, partial)
        else:
            partial.write_bytes(data)
        partial.replace(target)
    return name


def _place(prepared: PreparedRecord, known: dict[str, str], batch: _Batch, now: datetime):
    """Decide a record's status; a new article is added to the batch and to `known`."""
    if prepared.rejection is not None:
        return "quarantined", prepared.rejection, None, None
    record, meta, cleaned, digest = prepared.record, prepared.meta, prepared.cleaned, prepared.content_hash
    if digest in known:
        return "duplicate", f"same text as article {known[digest]}", None, known[digest]
    article_id = digest[:16]
    known[digest] = article_id
    batch.articles.append((
        article_id, digest, record.source_file, record.record_index, record.source_format, record.encoding,
        meta.title, meta.outlet, meta.author, meta.published_date, meta.url, record.text, cleaned.text,
        record.first_line, record.lines_follow_file, cleaned.repaired_lines, cleaned.boilerplate_lines, now,
        prepared.minhash,
    ))
    batch.blanked_lines.extend((article_id, line.line_number, line.text, line.rule) for line in cleaned.blanked)
    batch.text_chars += len(record.text)
    return "loaded", None, article_id, None
