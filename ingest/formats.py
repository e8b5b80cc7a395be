"""Read one input file into article records, by format: plain text, Markdown, HTML, JSON and JSON Lines."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from bs4 import BeautifulSoup

from ingest.decode import UnreadableInput, decode_bytes

TEXT_FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown"}
HTML_FORMATS = {".html": "html", ".htm": "html"}
JSON_FORMATS = {".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}
SUPPORTED_SUFFIXES = {**TEXT_FORMATS, **HTML_FORMATS, **JSON_FORMATS}

# Keys a JSON article may use for each field, most common first.
JSON_KEYS = {
    "text": ("text", "body", "content", "article_text", "article", "full_text"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "source", "publisher", "site_name", "site"),
    "published": ("published", "published_date", "publication_date", "published_at", "pub_date", "date"),
    "url": ("url", "link", "canonical_url", "source_url"),
}
# HTML elements that never hold article text.
HTML_CHROME = ("script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg")


@dataclass(frozen=True)
class RawRecord:
    """One article as read from its file, before cleaning."""

    source_file: str
    source_format: str
    text: str
    encoding: str
    record_index: int | None = None
    # 1-based line of the source file where `text` starts (None: unknown, as for HTML and JSON).
    first_line: int | None = 1
    fields: dict[str, str] = field(default_factory=dict)
    # True when the text's lines are the file's lines, so an offset in the text names a file line.
    lines_follow_file: bool = False


@dataclass(frozen=True)
class RejectedRecord:
    """An input (a file, or one record of a JSON Lines file) that is not an article, and why."""

    source_file: str
    reason: str
    record_index: int | None = None
    # the bytes of a record that is part of a file (a JSON Lines line); None: the whole file is rejected
    data: bytes | None = None


def read_large_file(path: Path, name: str, max_article_bytes: int) -> Iterator[RawRecord | RejectedRecord]:
    """The records of the file at `path` (called `name`), larger than `max_article_bytes`: a JSON Lines
    file is read a line at a time, so it may be of any size; any other file holds one article, or a JSON
    list of them, and is rejected unread."""
    with path.open("rb") as file:
        wide = file.read(4).startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))  # its lines are not b"\n"
    if JSON_FORMATS.get(PurePosixPath(name).suffix.lower()) == "jsonl" and not wide:
        yield from _jsonl_file_records(path, name, max_article_bytes)
    else:
        size = path.stat().st_size
        yield RejectedRecord(name, f"too large: {_megabytes(size)} is more than the {_megabytes(max_article_bytes)} "
                                   "an article may have (CLAIMHOUSE_MAX_ARTICLE_MB); split it into articles (one "
                                   "per file, or one per line of a .jsonl file), or raise the limit")


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def _jsonl_file_records(path: Path, name: str, max_article_bytes: int) -> Iterator[RawRecord | RejectedRecord]:
    with path.open("rb") as file:
        for line_number, line in enumerate(file, start=1):
            if not line.strip():
                continue
            if len(line) > max_article_bytes:
                yield RejectedRecord(name, f"line {line_number} is too large: {_megabytes(len(line))} is more "
                                           f"than the {_megabytes(max_article_bytes)} an article may have "
                                           "(CLAIMHOUSE_MAX_ARTICLE_MB)", line_number, line)
                continue
            try:
                text, encoding = decode_bytes(line)
            except UnreadableInput as exc:
                yield RejectedRecord(name, f"line {line_number}: {exc}", line_number, line)
                continue
            yield _jsonl_record(name, line_number, text, encoding)


def read_records(name: str, data: bytes) -> Iterator[RawRecord | RejectedRecord]:
    """Yield the articles in the file `name` whose bytes are `data`, and a RejectedRecord for anything
    in it that cannot be read as an article."""
    suffix = PurePosixPath(name).suffix
    source_format = SUPPORTED_SUFFIXES.get(suffix.lower())
    if source_format is None:
        yield RejectedRecord(name, f"unsupported file type {suffix or '(none)'!r}: "
                                   f"rename it to one of {', '.join(sorted(SUPPORTED_SUFFIXES))}")
        return
    try:
        text, encoding = decode_bytes(data)
    except UnreadableInput as exc:
        yield RejectedRecord(name, str(exc))
        return
    if source_format in ("text", "markdown"):
        yield RawRecord(name, source_format, text, encoding, lines_follow_file=True)
    elif source_format == "html":
        yield _html_record(name, text, encoding)
    elif source_format == "json":
        yield from _json_records(name, text, encoding)
    else:
        yield from _jsonl_records(name, text, encoding)


def _html_record(name: str, html: str, encoding: str) -> RawRecord:
    soup = BeautifulSoup(html, "html.parser")
    fields = {}
    title = _meta(soup, "og:title") or (soup.title.get_text(strip=True) if soup.title else None)
    for key, value in (
        ("title", title),
        ("outlet", _meta(soup, "og:site_name")),
        ("published", _meta(soup, "article:published_time") or _meta(soup, "date") or _time_tag(soup)),
        ("url", _canonical(soup) or _meta(soup, "og:url")),
    ):
        if value:
            fields[key] = value
    for tag in soup(HTML_CHROME):
        tag.decompose()
    root = soup.find("article") or soup.body or soup
    lines = (line.strip() for line in root.get_text("\n").splitlines())
    text = "\n\n".join(line for line in lines if line)
    return RawRecord(name, "html", text, encoding, first_line=None, fields=fields)


def _meta(soup: BeautifulSoup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"property": key}) or soup.find("meta", attrs={"name": key})
    content = tag.get("content") if tag else None
    return content.strip() if content and content.strip() else None


def _time_tag(soup: BeautifulSoup) -> str | None:
    tag = soup.find("time", attrs={"datetime": True})
    return tag["datetime"] if tag else None


def _canonical(soup: BeautifulSoup) -> str | None:
    tag = soup.find("link", attrs={"rel": "canonical", "href": True})
    return tag["href"] if tag else None


def _json_records(name: str, text: str, encoding: str) -> Iterator[RawRecord | RejectedRecord]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        yield RejectedRecord(name, f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")
        return
    items = data if isinstance(data, list) else [data]
    for index, item in enumerate(items):
        yield _json_article(name, item, encoding, "json", index if isinstance(data, list) else None, None)


def _jsonl_records(name: str, text: str, encoding: str) -> Iterator[RawRecord | RejectedRecord]:
    for line_number, line in enumerate(text.splitlines(keepends=True), start=1):
        if line.strip():
            yield _jsonl_record(name, line_number, line, encoding)


def _jsonl_record(name: str, line_number: int, line: str, encoding: str) -> RawRecord | RejectedRecord:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as exc:
        return RejectedRecord(name, f"malformed JSON on line {line_number}: {exc.msg} at column {exc.colno}",
                              line_number, line.encode("utf-8"))
    return _json_article(name, item, encoding, "jsonl", line_number, line_number)


def _json_article(name: str, item: object, encoding: str, source_format: str,
                  record_index: int | None, line: int | None) -> RawRecord | RejectedRecord:
    where = f" (record {record_index})" if record_index is not None else ""
    data = json.dumps(item, ensure_ascii=False).encode("utf-8") if record_index is not None else None
    if not isinstance(item, dict):
        return RejectedRecord(name, f"JSON record{where} is a {type(item).__name__}, not an object",
                              record_index, data)
    values = {key: _first_string(item, keys) for key, keys in JSON_KEYS.items()}
    text = values.pop("text")
    if not text or not text.strip():
        return RejectedRecord(name, f"JSON record{where} has no text: expected one of the keys "
                                    f"{', '.join(JSON_KEYS['text'])}", record_index, data)
    fields = {key: value for key, value in values.items() if value}
    return RawRecord(name, source_format, text, encoding, record_index, line, fields)


def _first_string(item: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = item.get(key)
        if isinstance(value, str) and value.strip():
            return value
        if isinstance(value, dict):  # e.g. {"source": {"name": "Reuters"}}
            nested = value.get("name") or value.get("title")
            if isinstance(nested, str) and nested.strip():
                return nested
    return None
