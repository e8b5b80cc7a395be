"""Turn the bytes of an input file into text, or say why that cannot be done."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes


class UnreadableInput(ValueError):
    """An input that cannot be read as an article; the message is the reason recorded in the ingest log."""


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Legacy encodings news feeds use, in the order that breaks a tie between equally plausible readings
# (the Latin code pages share most letters; Windows-1252 is by far the most common of them).
CANDIDATE_ENCODINGS = ["cp1252", "cp1251", "koi8_r", "cp1250", "cp1254", "iso8859_9", "gb18030", "big5",
                       "shift_jis", "euc_kr"]
# Control characters other than tab, newline, carriage return and form feed: a text file has few.
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)}


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding). UTF-8 first, a byte-order mark next, then a detected encoding."""
    if not data.strip():
        raise UnreadableInput("empty file: it holds no text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if _looks_binary(data):
        raise UnreadableInput("binary file: it is not text in any known encoding")
    matches = list(from_bytes(data, cp_isolation=CANDIDATE_ENCODINGS))
    if not matches:
        raise UnreadableInput("undecodable: no text encoding fits these bytes; convert the file to UTF-8")
    best = min(matches, key=lambda m: (round(m.chaos, 2), CANDIDATE_ENCODINGS.index(m.encoding)))
    return str(best), best.encoding


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for byte in sample if byte in _CONTROL)
    return controls / len(sample) > 0.05
