"""spaCy pipeline components of the extraction, registered by name."""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

LINE_BOUNDARIES = "line_breaks_as_sentence_boundaries"


@Language.component(LINE_BOUNDARIES)
def line_breaks_as_sentence_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break: lists, infoboxes and headings never run into the next line.

    Runs before the parser, which keeps boundaries that are already set.
    """
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].whitespace_ or "\n" in doc[token.i - 1].text:
            token.is_sent_start = True
    return doc
