"""What an input becomes on its own: its records, and each record's metadata, cleaned text, content hash
and MinHash signature.

Nothing here looks at another input or at the database, so `ingest.load` can have files prepared in
worker processes while it decides, in file order, what is new, a duplicate or quarantined, and writes it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ingest.clean import CleanText, clean_text
from ingest.fingerprint import minhash_signature
from ingest.formats import RawRecord, RejectedRecord, read_records
from ingest.metadata import Metadata, extract_metadata

NO_TEXT_LEFT = "no article text left after removing boilerplate and header lines"
_WHITESPACE = re.compile(r"\s+")


def content_hash(text: str) -> str:
    """Hash of the article text with white space folded, so a re-wrapped copy is the same article."""
    return hashlib.sha256(_WHITESPACE.sub(" ", text).strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class PreparedRecord:
    """A record and what it becomes; `rejection` says why it is not an article (then the rest is None)."""

    record: RawRecord | RejectedRecord
    rejection: str | None = None
    meta: Metadata | None = None
    cleaned: CleanText | None = None
    content_hash: str | None = None
    minhash: list[int] | None = None


def prepare_record(record: RawRecord | RejectedRecord) -> PreparedRecord:
    if isinstance(record, RejectedRecord):
        return PreparedRecord(record, record.reason)
    meta = extract_metadata(record.text, record.fields)
    cleaned = clean_text(record.text, drop_lines=meta.header_lines)
    if not cleaned.text.strip():
        return PreparedRecord(record, NO_TEXT_LEFT)
    return PreparedRecord(record, None, meta, cleaned, content_hash(cleaned.text), minhash_signature(cleaned.text))


def prepare_files(files: list[tuple[str, bytes]]) -> list[list[PreparedRecord]]:
    """The prepared records of each (name, bytes) file, in order."""
    return [[prepare_record(record) for record in read_records(name, data)] for name, data in files]
