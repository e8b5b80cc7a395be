"""Separate article text from publishing chrome and repair mojibake, keeping line numbers intact.

The cleaned text has exactly the lines of the text it came from: a blanked line (boilerplate, a header line
already read, a trailing section of references) becomes an empty line, so a character offset in the cleaned
text still names a line of the source file. Every blanked line is listed with the rule that blanked it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import ftfy

from claimhouse.reference import lexicon

BOILERPLATE_FILE = Path(__file__).with_name("boilerplate.txt")
# Chrome is a line or a short paragraph: the longest in the seeds are a publisher's legal notices (a
# disclaimer, a fair-use notice), about 600 characters. A longer line is article text whatever its first
# words, so the open end of a pattern (`.*`) cannot swallow it.
MAX_BOILERPLATE_CHARS = 700
# A heading after which a page holds only references and links, never article text.
TRAILING_SECTIONS = re.compile(r"^(references|external links|further reading|bibliography)$", re.I)
# The rules that blank a line, besides the patterns of boilerplate.txt
HEADER_LINE = "header line"  # a dateline or byline, already read for the article's metadata
TRAILING_SECTION = "trailing section"
MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
# Reference markers such as [42] or [a]: blanked to spaces of the same length, so offsets do not move.
CITATION_MARKER = re.compile(r"\[(?:\d{1,4}|[a-z]|note \d+|citation needed)\]")
# A page's publication date as some stores of web pages put it before the page's first words (' date
# 2020-10-17 The ministry said ...'): metadata reads it; the text keeps spaces of the same length.
DATE_MARKER = re.compile(r"^\s*date\s+(?P<date>\d{4}-\d{2}-\d{2})\b", re.I)
_FIX_CONFIG = ftfy.TextFixerConfig(uncurl_quotes=False, fix_character_width=False,
                                   fix_latin_ligatures=False, fix_line_breaks=False,
                                   normalization="NFC")


@dataclass(frozen=True)
class BlankedLine:
    """A line of text that cleaning blanked: its number (1-based), its text, and the rule that blanked it (a
    pattern of boilerplate.txt as written, HEADER_LINE or TRAILING_SECTION)."""

    line_number: int
    text: str
    rule: str


@dataclass(frozen=True)
class CleanText:
    text: str
    repaired_lines: int
    blanked: tuple[BlankedLine, ...]

    @property
    def boilerplate_lines(self) -> int:
        return len(self.blanked)


@cache
def boilerplate_patterns() -> tuple[str, ...]:
    """The patterns of boilerplate.txt, as written."""
    return tuple(line for line in BOILERPLATE_FILE.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#"))


@cache
def _compiled_patterns() -> tuple[re.Pattern, tuple[re.Pattern, ...]]:
    """The patterns in one alternation, which tells in one match whether any is the whole line, and each."""
    patterns = boilerplate_patterns()
    return (re.compile("|".join(f"(?:{p})" for p in patterns), re.I),
            tuple(re.compile(p, re.I) for p in patterns))


def _whole_words(words: Iterable[str]) -> str:
    return r"(?<![\w-])(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")(?![\w-])"


def _verb_forms(lemma: str) -> set[str]:
    """The forms -s, -ed and -ing make of a verb (state: states, stated, stating; deny: denies, denied; admit:
    admitted). A form English does not have ('sayed') is never met, so it does no harm."""
    if lemma.endswith("e"):
        return {lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        return {lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    doubled = lemma + lemma[-1]
    return {lemma, lemma + "s", lemma + "es", lemma + "ed", lemma + "ing", doubled + "ed", doubled + "ing"}


@cache
def _figure_and_reporting_word() -> tuple[re.Pattern, re.Pattern]:
    """A figure (digits, or a number word of the lexicon) and a reporting word (a form of a reporting verb of
    the lexicon, or a reporting preposition such as 'according to')."""
    words = lexicon()
    irregular = words["irregular_verb_forms"]
    verbs = {form for verb in words["reporting_verbs"] for form in (*_verb_forms(verb), *irregular.get(verb, ()))}
    return (re.compile(r"\d|" + _whole_words([*words["number_words"], *words["multipliers"]]), re.I),
            re.compile(_whole_words([*verbs, *words["reporting_prepositions"]]), re.I))


def reports_a_figure(line: str) -> bool:
    """Whether `line` holds a figure and a reporting word: it may carry a claim, so it is never boilerplate."""
    figure, reporting = _figure_and_reporting_word()
    return figure.search(line) is not None and reporting.search(line) is not None


def boilerplate_rule(line: str) -> str | None:
    """The pattern of boilerplate.txt that the whole of `line` matches, or None when `line` is article text:
    it matches none, is longer than MAX_BOILERPLATE_CHARS, or reports a figure."""
    stripped = MARKDOWN_LINK.sub(r"\1", line).strip()
    if not stripped or len(stripped) > MAX_BOILERPLATE_CHARS:
        return None
    any_pattern, patterns = _compiled_patterns()
    if any_pattern.fullmatch(stripped) is None or reports_a_figure(stripped):
        return None
    return next(written for written, pattern in zip(boilerplate_patterns(), patterns, strict=True)
                if pattern.fullmatch(stripped))


def split_lines(text: str) -> list[str]:
    """Split on any line ending (\\r\\n, \\r or \\n), as line numbers in an editor count them."""
    return text.replace("\r\n", "\n").replace("\r", "\n").split("\n")


def clean_text(text: str, drop_lines: frozenset[int] = frozenset()) -> CleanText:
    """Repair and de-chrome `text`; `drop_lines` (0-based) are blanked too, as header lines already read."""
    repaired = 0
    out: list[str] = []
    blanked: list[BlankedLine] = []
    in_trailer = False
    for index, line in enumerate(split_lines(text)):
        if not in_trailer and TRAILING_SECTIONS.match(line.strip()):
            in_trailer = True
        rule = (TRAILING_SECTION if in_trailer else HEADER_LINE if index in drop_lines
                else boilerplate_rule(line))
        if rule is not None:
            if line.strip():
                blanked.append(BlankedLine(index + 1, line, rule))
            out.append("")
            continue
        fixed = ftfy.fix_text(line, config=_FIX_CONFIG)
        repaired += fixed != line
        fixed = CITATION_MARKER.sub(lambda m: " " * len(m.group(0)), fixed)
        if index == 0:
            fixed = DATE_MARKER.sub(lambda m: " " * len(m.group(0)), fixed)
        out.append(MARKDOWN_LINK.sub(r"\1", fixed))
    return CleanText("\n".join(out), repaired, tuple(blanked))
