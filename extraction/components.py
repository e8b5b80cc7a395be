"""spaCy pipeline components of the extraction, registered by name."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token

LINE_BOUNDARIES = "line_breaks_as_sentence_boundaries"
# A line this short, with no sentence-final mark inside it, is a list item, heading or table row.
SHORT_LINE_TOKENS = 15
SENTENCE_END = {".", "!", "?"}


def _starts_line(token: Token) -> bool:
    previous = token.doc[token.i - 1]
    return "\n" in previous.whitespace_ or "\n" in previous.text


@Language.component(LINE_BOUNDARIES)
def line_breaks_as_sentence_boundaries(doc: Doc) -> Doc:
    """Start a sentence at every line, and keep a short line (list item, infobox row) in one sentence.

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
    if not words or len(words) > SHORT_LINE_TOKENS or any(t.text in SENTENCE_END for t in words[:-1]):
        return
    for token in words[1:]:
        token.is_sent_start = False
