"""Walks over spaCy's dependency tree that the claim, denial and date rules share.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

# Where a Doc keeps its entities once read (Doc.ents builds every entity Span anew at each call).
_ENTITIES = "claimhouse.entities"


def span_of(token: Token) -> Span:
    return token.doc[token.left_edge.i:token.right_edge.i + 1]


def first_conjunct(token: Token, deps: tuple[str, ...] = ("conj", "appos")) -> Token:
    """The first item of the list a token is an item of ('5 tanks and a radar' → tanks for radar)."""
    while token.dep_ in deps and token.head != token:
        token = token.head
    return token


def conjuncts(token: Token, deps: tuple[str, ...] = ("conj",)) -> list[Token]:
    """A token and the tokens coordinated with it: 'Turkey and Azerbaijan' → [Turkey, Azerbaijan]."""
    found = [token]
    for child in token.children:
        if child.dep_ in deps:
            found.extend(conjuncts(child, deps))
    return found


def own_span(token: Token) -> Span:
    """A token with its own modifiers, without what is coordinated with it."""
    right = max((c.right_edge.i for c in token.children if c.dep_ not in ("conj", "cc", "punct") and c.i > token.i),
                default=token.i)
    return token.doc[token.left_edge.i:right + 1]


def words_of(span: Iterable[Token]) -> set[str]:
    return {t.lower_ for t in span} | {t.lemma_.lower() for t in span}


def has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def verb_above(token: Token | None) -> Token | None:
    """The first verb above a token."""
    while token is not None and token.head != token:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _entities(doc: Doc) -> tuple[list[Span], list[int]]:
    if _ENTITIES not in doc.user_data:
        ents = list(doc.ents)
        doc.user_data[_ENTITIES] = (ents, [e.start for e in ents])
    return doc.user_data[_ENTITIES]


def entities_in(sentence: Span) -> list[Span]:
    """The entities that fall completely within a span, as `Span.ents` gives them, from the doc's
    entities read once: `Span.ents` reads all of the doc's at every call, quadratic over an article."""
    ents, starts = _entities(sentence.doc)
    found = []
    for ent in ents[bisect_left(starts, sentence.start):]:
        if ent.end > sentence.end:
            break
        found.append(ent)
    return found
