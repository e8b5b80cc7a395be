"""Walks over spaCy's dependency tree that the claim, denial and date rules share.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Container, Hashable, Iterable, Iterator
from typing import Any, TypeVar

from spacy.attrs import DEP, LEMMA, LIKE_NUM, LOWER
from spacy.tokens import Doc, Span, Token

# What a Doc keeps once read, in its user_data: spaCy builds each anew from its tokens at every access.
_ENTITIES, _SENTENCES, _TEXT = "claimhouse.entities", "claimhouse.sentences", "claimhouse.text"
_FORMS, _DEPS, _NUMBERS = "claimhouse.forms", "claimhouse.deps", "claimhouse.numbers"
T = TypeVar("T")


def span_of(token: Token) -> Span:
    return token.doc[token.left_edge.i:token.right_edge.i + 1]


def of_object(token: Token) -> Token | None:
    """What a token is 'of': the object of its 'of' phrase."""
    for prep in token.children:
        if prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def first_conjunct(token: Token, deps: tuple[str, ...] = ("conj", "appos")) -> Token:
    """The first item of the list a token is an item of ('5 tanks and a radar' → tanks for radar). A noun the
    parse coordinates with a verb is that verb's object, not its conjunct ('lost 400 troops, 13 tanks and
    three planes' → planes, tanks)."""
    while token.dep_ in deps and token.head != token and not (
            token.head.pos_ in ("VERB", "AUX") and token.pos_ in ("NOUN", "PROPN")):
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


def words_of(tokens: Iterable[Token]) -> set[str]:
    """The tokens' lower-case forms and lemmas (`tokens` may be an iterator: it is read once)."""
    words = set()
    for t in tokens:
        words.add(t.lower_)
        words.add(t.lemma_.lower())
    return words


def has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def verb_above(token: Token | None) -> Token | None:
    """The first verb above a token."""
    while token is not None and token.head != token:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _kept(doc: Doc, key: str, read: Callable[[Doc], Any]) -> Any:
    kept = doc.user_data
    try:
        return kept[key]
    except KeyError:
        kept[key] = value = read(doc)
        return value


def _joined_text(doc: Doc) -> str:
    return doc.text


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once (Doc.text joins the doc's tokens at every call)."""
    return _kept(doc, _TEXT, _joined_text)


def text_of(span: Span) -> str:
    """`span.text`, sliced from the doc's text joined once (Span.text joins the span's tokens at every call)."""
    return doc_text(span.doc)[span.start_char:span.end_char]


# spaCy makes a new Token object at every read of one (iterating a doc or a span, `doc[i]`, `.head`), which
# costs more than the rules' test of most tokens: a rule that scans a sentence reads the arrays below by token
# index, and makes the Token of a hit only.
def _strings(doc: Doc, attributes: list[int]) -> list[list[str]]:
    """The strings of some of every token's attributes, one list an attribute, read from the doc's array."""
    strings = doc.vocab.strings
    return [[strings[key] for key in keys] for keys in doc.to_array(attributes).reshape(-1, len(attributes)).T.tolist()]


def _forms(doc: Doc) -> tuple[list[str], list[str]]:
    lowers, lemmas = _strings(doc, [LOWER, LEMMA])
    return lowers, [lemma.lower() for lemma in lemmas]


def forms_of(doc: Doc) -> tuple[list[str], list[str]]:
    """Every token's lower-case form (`Token.lower_`) and lower-case lemma (`Token.lemma_.lower()`), by
    token index, read once."""
    return _kept(doc, _FORMS, _forms)


def deps_of(doc: Doc) -> list[str]:
    """Every token's dependency label (`Token.dep_`), by token index, read once."""
    return _kept(doc, _DEPS, lambda doc: _strings(doc, [DEP])[0])


def number_like_of(doc: Doc) -> list[bool]:
    """Whether each token looks like a number (`Token.like_num`), by token index, read once."""
    return _kept(doc, _NUMBERS, lambda doc: [bool(flag) for flag in doc.to_array(LIKE_NUM).tolist()])


def tokens_with(sentence: Span, forms: list[str], wanted: Container[str]) -> Iterator[Token]:
    """The tokens of a sentence whose form is one of `wanted`, in order (`forms`: one a token of the doc, as
    `forms_of` or `deps_of` give them); only those become Token objects."""
    doc = sentence.doc
    return (doc[i] for i in range(sentence.start, sentence.end) if forms[i] in wanted)


def memo_of(doc: Doc, name: str) -> dict:
    """A rule's answers about a doc, kept with it (the date rules ask the same of every figure of a sentence)."""
    return _kept(doc, "claimhouse.memo." + name, _new_memo)


def _new_memo(doc: Doc) -> dict:
    return {}


def answered_once(doc: Doc, name: str, key: Hashable, answer: Callable[[], T]) -> T:
    """`answer()` the first time a rule asks it of a doc (under `name` and `key`); its kept answer after."""
    answers = memo_of(doc, name)
    if key not in answers:
        answers[key] = answer()
    return answers[key]


def root_at(doc: Doc, start: int, end: int) -> Token | None:
    """The root of the tokens that characters `start` to `end` of the doc fall in (`Doc.char_span`, its
    alignment "expand"), found once for each range."""
    return answered_once(doc, "roots", (start, end),
                         lambda: _root_of(doc.char_span(start, end, alignment_mode="expand")))


def _root_of(span: Span | None) -> Token | None:
    return span.root if span is not None and len(span) else None


def sentences_of(doc: Doc) -> list[Span]:
    """`list(doc.sents)`, made once (Doc.sents walks every token at each call)."""
    return _kept(doc, _SENTENCES, lambda doc: list(doc.sents))


def _entities(doc: Doc) -> tuple[list[Span], list[int]]:
    ents = list(doc.ents)
    return ents, [e.start for e in ents]


def entities_of(doc: Doc) -> list[Span]:
    """`list(doc.ents)`, made once (Doc.ents makes a new Span of every entity at each call)."""
    return _kept(doc, _ENTITIES, _entities)[0]


def entities_in(sentence: Span) -> list[Span]:
    """The entities that fall completely within a span, as `Span.ents` gives them, from the doc's
    entities read once: `Span.ents` reads all of the doc's at every call, quadratic over an article."""
    ents, starts = _kept(sentence.doc, _ENTITIES, _entities)
    found = []
    for ent in ents[bisect_left(starts, sentence.start):]:
        if ent.end > sentence.end:
            break
        found.append(ent)
    return found
