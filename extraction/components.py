"""spaCy pipeline components of the extraction, registered by name."""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc, Token

LINE_BOUNDARIES = "line_breaks_as_sentence_boundaries"
# A line this short, with no sentence-final mark inside it, is a list item, heading or table row.
SHORT_LINE_TOKENS = 15
SENTENCE_END = {".", "!", "?"}
BULLETS = {"•", "-", "*", "–", "·", "▪"}
# Footnote marks of encyclopedia text: '[22]', '[a]', '[citation needed]'
FOOTNOTE_MARK = re.compile(r"\[(?:\d{1,4}|[a-z]{1,2}|note \d+|citation needed|clarification needed)\]", re.I)


# Typographic apostrophes, written as the ASCII one the model was trained on: with 'General’s Office' the
# parse of a whole sentence changes ('..., the Attorney General’s Office reported' loses its subject).
TYPOGRAPHIC_APOSTROPHES = str.maketrans({"’": "'", "‘": "'"})


def text_to_parse(text: str) -> str:
    """The text as the parser reads it: footnote marks written as spaces of the same length ('killed[42]'
    parses as 'killed'), typographic apostrophes as ASCII ones; every character keeps its offset, so every
    span still points into the article."""
    return FOOTNOTE_MARK.sub(lambda m: " " * len(m.group()), text).translate(TYPOGRAPHIC_APOSTROPHES)


class ParseTextTokenizer:
    """A tokenizer that reads the text to parse (see text_to_parse) in place of the article's own."""

    def __init__(self, tokenizer: Callable[[str], Doc]) -> None:
        self.tokenizer = tokenizer

    def __call__(self, text: str) -> Doc:
        return self.tokenizer(text_to_parse(text))


def _starts_line(token: Token) -> bool:
    previous = token.doc[token.i - 1]
    return "\n" in previous.whitespace_ or "\n" in previous.text


@Language.component(LINE_BOUNDARIES)
def line_breaks_as_sentence_boundaries(doc: Doc) -> Doc:
    """Start a sentence at every line, and keep a short line (list item, infobox row) in one sentence; a
    list item's bullet is a sentence of its own, so the parser reads the item as it would any sentence.

    Runs before the parser, which keeps boundaries that are already set.
    """
    line: list[Token] = []
    for token in doc:
        if token.i > 0 and _starts_line(token):
            _close_line(line)
            line = []
            token.is_sent_start = True
        line.append(token)
    _close_line(line)
    return doc


def _close_line(line: list[Token]) -> None:
    words = [t for t in line if not t.is_space]
    if len(words) > 1 and words[0].text in BULLETS:
        words[1].is_sent_start = True
        words = words[1:]
    if not words or len(words) > SHORT_LINE_TOKENS or any(t.text in SENTENCE_END for t in words[:-1]):
        return
    for token in words[1:]:
        token.is_sent_start = False
