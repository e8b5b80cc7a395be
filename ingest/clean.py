"""Separate article text from publishing chrome and repair mojibake, keeping line numbers intact.

The cleaned text has exactly the lines of the text it came from: a boilerplate line becomes an empty
line, so a character offset in the cleaned text still names a line of the source file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ftfy

BOILERPLATE_FILE = Path(__file__).with_name("boilerplate.txt")
# A heading after which a page holds only references and links, never article text.
TRAILING_SECTIONS = re.compile(r"^(references|external links|further reading|bibliography)$", re.I)
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Reference markers such as [42] or [a]: blanked to spaces of the same length, so offsets do not move.
CITATION_MARKER = re.compile(r"\[(?:\d{1,4}|[a-z]|note \d+|citation needed)\]")
_FIX_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False,
                                   fix_latin_ligatures=False, fix_line_breaks=False,
                                   normalization="NFC")


@dataclass(frozen=True)
class CleanText:
    text: str
    repaired_lines: int
    boilerplate_lines: int


@cache
def boilerplate_patterns() -> tuple[re.Pattern, re.Pattern]:
    """The patterns of boilerplate.txt as two alternations, one search a line each: those anchored at the
    line's start (matched there only) and the others."""
    lines = [line for line in BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines()
             if line.strip() and not line.startswith("#")]
    anchored = "|".join(f"(?:{line[1:]})" for line in lines if line.startswith("^"))
    anywhere = "|".join(f"(?:{line})" for line in lines if not line.startswith("^"))
    return re.compile(anchored, re.I), re.compile(anywhere, re.I)


def is_boilerplate(line: str) -> bool:
    stripped = MARKDOWN_LINK.sub(r"\1", line).strip()
    if not stripped:
        return False
    at_start, anywhere = boilerplate_patterns()
    return at_start.match(stripped) is not None or anywhere.search(stripped) is not None


def split_lines(text: str) -> list[str]:
    """Split on any line ending (\\r\\n, \\r or \\n), as line numbers in an editor count them."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def clean_text(text: str, drop_lines: frozenset[int] = frozenset()) -> CleanText:
    """Repair and de-chrome `text`; `drop_lines` (0-based) are blanked too, e.g. datelines already read."""
    repaired = boilerplate = 0
    out: list[str] = []
    in_trailer = False
    for index, line in enumerate(split_lines(text)):
        if in_trailer or index in drop_lines or is_boilerplate(line):
            boilerplate += bool(line.strip())
            out.append("")
            continue
        if TRAILING_SECTIONS.match(line.strip()):
            in_trailer = True
            boilerplate += 1
            out.append("")
            continue
        fixed = ftfy.fix_text(line, config=_FIX_CONFIG)
        repaired += fixed != line
        fixed = CITATION_MARKER.sub(lambda m: " " * len(m.group(0)), fixed)
        out.append(MARKDOWN_LINK.sub(r"\1", fixed))
    return CleanText("\n".join(out), repaired, boilerplate)
