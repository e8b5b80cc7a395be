"""Who a sentence or a figure is attributed to: 'X said', 'according to X', 'reported by X', a source
written beside a headline, a quotation's speaker, and the actor a reference like 'the ministry' stands for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cache

from spacy.tokens import Span, Token

from claimhouse.reference import OPPOSITE_SIDE, Actor, actor_aliases, outlet_side
from extraction.dating import ArticleContext
from extraction.lexicon import actor_matcher, held_by, lexicon, named_outlet, resolve_actor, word_set
from extraction.syntax import forms_of, of_object, span_of, text_of, tokens_with

# "local officials said": the authorities of the place the sentence names
LOCAL = re.compile(r"^(?:the\s+)?local\s+(?:officials|authorities|administration|governor|mayor|emergency)", re.I)
# "the country's defence ministry": the country whose forces the sentence is about
THE_COUNTRYS = re.compile(r"\bthe\s+(?:country|nation|republic)['’]s\b", re.I)
# A source written beside the text: 'Defence Army: enemy loses 11 tanks', '• 217 fighters killed (SOHR)'
WRITTEN_SOURCES = (("colon", re.compile(r"^\s*(?:\d{1,2}[:.]\d{2}\s+)?(?P<source>[^:\n]{2,60}):\s+\S")),
                   ("parenthesis", re.compile(r"\((?P<source>[^()\d]{2,60})\)\s*$")),
                   ("dash", re.compile(r"\s[-–—]\s+(?P<source>[A-Z][\w .'’-]{1,40}?)\s*$")))  # '... destroyed - MoD'
PERSONAL_PRONOUNS = {"he", "him", "she", "her"}
# 'MoD', 'MFA': a body named by its initials, which a later mention may spell out
ABBREVIATION = re.compile(r"[A-Z][A-Za-z]{1,4}")


@dataclass(frozen=True)
class Claimant:
    text: str | None
    start: int | None
    end: int | None
    actor: Actor | None
    kind: str  # speaker | source | list_heading | carried | outlet | denied_report
    cue: str | None
    # the side of a claimant not named in the text (the other side, whose report is denied)
    assumed_side: str | None = None

    @property
    def side(self) -> str | None:
        if self.actor is not None:
            return self.actor.side
        if self.assumed_side is not None:
            return self.assumed_side
        if self.kind == "outlet" and self.text:
            return outlet_side(self.text) or "third_party"
        return None


def _speaker_span(token: Token, verb: Token) -> Span:
    """A speaker's words: the token with its modifiers up to its verb, without a list the parse hung on it
    as an apposition ('Azerbaijan reported ... 250 tanks; 150 other vehicles': 'Azerbaijan, 150 ...')."""
    listed = [c for c in token.rights if c.dep_ == "appos" and any(g.dep_ == "nummod" for g in c.children)]
    end = min([c.left_edge.i for c in listed] + [token.right_edge.i + 1] + ([verb.i] if verb.i > token.i else []))
    span = token.doc[token.left_edge.i:end]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span


def claimant_from_span(span: Span, kind: str, cue: str) -> Claimant:
    text = text_of(span)
    return Claimant(text, span.start_char, span.end_char, resolve_actor(text), kind, cue)


@cache
def _prepositions_by_first_word() -> dict[str, list[tuple[str, list[str]]]]:
    """Each reporting preposition (with its words), in the lexicon's order, under its first word."""
    by_first: dict[str, list[tuple[str, list[str]]]] = {}
    for phrase in lexicon()["reporting_prepositions"]:
        words = phrase.split()
        by_first.setdefault(words[0], []).append((phrase, words))
    return by_first


def _source_of_preposition(token: Token) -> tuple[str, Span] | None:
    """The source named by a reporting preposition starting at `token` ('according to X', 'per X')."""
    # most tokens start none of them: no slice of the doc to build
    for phrase, words in _prepositions_by_first_word().get(token.lower_, ()):
        end = token.i + len(words)
        if [t.lower_ for t in token.doc[token.i:end]] != words:
            continue
        if len(words) == 1 and token.dep_ not in ("prep", "pcomp", "advcl", "ROOT"):
            continue
        last = token.doc[end - 1]
        objects = [c for c in last.children if c.dep_ == "pobj" or (len(words) == 1 and c.dep_ == "dobj")]
        if objects:
            return phrase, _without_misparsed_count(span_of(objects[0]))
    return None


def _without_misparsed_count(source: Span) -> Span:
    """'According to the authorities in X, some 90,000 people, ..., have been displaced', parsed with the
    people as one more item of the source's phrase: the source ends at the comma before them."""
    for token in source:
        before = token.left_edge.i - 1
        if token.dep_ == "conj" and before > source.start and token.doc[before].text == "," and any(
                c.dep_ == "nummod" for c in token.children):
            return source.doc[source.start:before]
    return source


@cache
def _speaker_verbs() -> frozenset[str]:
    return word_set("level_verbs") | word_set("reporting_verbs")


def find_claimant(sentence: Span, previous: Claimant | None) -> Claimant | None:
    """Who a sentence attributes its content to: 'according to X', 'per X', 'X said', 'reported by X'."""
    lex = lexicon()
    doc, (lowers, lemmas) = sentence.doc, forms_of(sentence.doc)
    first_words = _prepositions_by_first_word()
    for token in tokens_with(sentence, lowers, first_words):
        found = _source_of_preposition(token)
        if found is None:
            continue
        phrase, source = found
        if previous is not None and source[0].lower_ in lex["possessive_pronouns"]:
            # "according to its version": the one who spoke before
            return Claimant(previous.text, previous.start, previous.end, previous.actor, "carried", phrase)
        return claimant_from_span(source, "source", phrase)
    speaker_verbs, reporting_verbs = _speaker_verbs(), word_set("reporting_verbs")
    for i in range(sentence.start, sentence.end):
        # only a level or reporting verb names a speaker, or a reporting verb in -s read as a noun
        if lemmas[i] not in speaker_verbs and lowers[i].removesuffix("s") not in reporting_verbs:
            continue
        found = _claimant_of_verb(doc[i], previous)
        if found is not None:
            return found
    for cue, pattern in WRITTEN_SOURCES:
        found = pattern.search(text_of(sentence))
        actor = resolve_actor(found["source"]) if found else None
        if actor is not None or (found and cue == "dash" and ABBREVIATION.fullmatch(found["source"])
                                 and not found["source"].islower()):
            start = sentence.start_char + found.start("source")
            return Claimant(found["source"], start, start + len(found["source"]), actor, "source", cue)
    return None


def _claimant_of_verb(token: Token, previous: Claimant | None) -> Claimant | None:
    """Who a reporting verb names as speaker: its subject or passive agent ('he said': the one before); the
    actor a level verb has as subject ('The Armenian side raised its death toll to 1,177')."""
    lemma = token.lemma_.lower()
    if lemma in word_set("level_verbs") and token.pos_ == "VERB":
        counted = set(lexicon()["toll_nouns"]) | set(lexicon()["predicate_words"]["killed"]) | {"number", "total"}
        subject = next((c for c in token.children if c.dep_ == "nsubj" and c.lemma_.lower() not in counted), None)
        speaker = claimant_from_span(_speaker_span(subject, token), "speaker", lemma) if subject is not None else None
        if speaker is not None and speaker.actor is not None:
            return speaker
    if lemma not in word_set("reporting_verbs") or token.pos_ not in ("VERB", "AUX"):
        return _claimant_of_mistagged_verb(token)
    for child in token.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return claimant_from_span(_speaker_span(objects[0], token), "speaker", token.lemma_)
        if child.dep_ == "prep" and child.lower_ == "in" and any(
                c.dep_ == "nsubjpass" and c.lower_ in ("it", "this") for c in token.children):
            # 'It is reported in the statement of the ombudsman': the statement's author
            objects = [c for c in child.children if c.dep_ == "pobj"]
            source = claimant_from_span(_of_chain(objects[0]), "source", token.lemma_) if objects else None
            if source is not None and source.actor is not None:
                return source
        if child.dep_ == "nsubj":
            child = _past_dateline(child, token)
            if child is None:
                continue
            if child.pos_ == "PRON":
                if previous is not None and child.lower_ not in ("it", "we", "i", "you"):
                    return Claimant(previous.text, previous.start, previous.end, previous.actor, "carried",
                                    token.lemma_)
                if child.lower_ in ("he", "she"):  # the person named last in the article, see claims
                    return claimant_from_span(child.doc[child.i:child.i + 1], "speaker", token.lemma_)
                continue
            return claimant_from_span(_speaker_span(child, token), "speaker", token.lemma_)
    if token.dep_ == "xcomp":  # 'the ministry was forced to admit', 'Baku declined to confirm'
        for child in token.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
                return claimant_from_span(_speaker_span(child, token.head), "speaker", token.lemma_)
    if token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.pos_ in ("NOUN", "PROPN"):
        # 'The office of the President informed on Tuesday, that ...': a speaker the parse read as a noun
        # phrase with its verb as a modifier
        return claimant_from_span(_speaker_span(token.head, token), "speaker", token.lemma_)
    return _speaker_before(token)


def _of_chain(noun: Token) -> Span:
    """A noun with its modifiers and its chain of 'of' phrases, nothing after: 'the study of the defender of
    the republic' (of '..., within the framework of the mission, which ...')."""
    last = noun
    while (following := of_object(last)) is not None:
        last = following
    return noun.doc[noun.left_edge.i:last.i + 1]


def _past_dateline(subject: Token, verb: Token) -> Token | None:
    """The subject a wire dateline hides: the parse takes the place in capitals that opens the sentence
    ('LONDON — The Observatory has documented ...', 'KHARTOUM, June 14 (Reuters) - Sudan's ministry said ...')
    for the subject; the real one is its apposition after the dateline, or the verb's other subject. Any other
    subject as it is."""
    if subject.i != subject.sent.start or not subject.is_upper or len(subject.text) < 3:
        return subject
    named = [c for c in subject.children if c.dep_ == "appos" and c.pos_ in ("NOUN", "PROPN")]
    named += [c for c in verb.children if c.dep_ == "nsubj" and c != subject]
    return max(named, key=lambda t: t.i) if named else None  # the last: not the agency in brackets


def _speaker_before(verb: Token) -> Claimant | None:
    """'..., 4 trucks of the enemy, the Ministry of Defence told AZERTAC': a reporting verb the parse left
    without a subject, after the words since the last comma or quote, when they name an actor."""
    if verb.dep_ not in ("ROOT", "ccomp", "parataxis"):
        return None
    start = verb.i
    while start > max(verb.sent.start, verb.i - 12) and verb.doc[start - 1].text not in (",", '"', "”", ";"):
        start -= 1
    if start == verb.i or start == verb.sent.start:
        return None
    words = verb.doc[start:verb.i]
    text = text_of(words)
    actor = resolve_actor(text)
    return Claimant(text, words.start_char, words.end_char, actor, "speaker", verb.lemma_) if actor else None


def _claimant_of_mistagged_verb(token: Token) -> Claimant | None:
    """'Azerbaijan states they hold 4 cities': a reporting verb in -s read as a plural noun, with the actor
    before it read as its compound and the reported clause hanging from it."""
    if token.tag_ != "NNS":
        return None
    verb = token.lower_.removesuffix("s")
    if verb not in word_set("reporting_verbs") or \
            not any(c.dep_ in ("ccomp", "relcl") and c.i > token.i for c in token.children):
        return None
    for child in token.children:
        if child.dep_ == "compound" and child.i < token.i:
            claimant = claimant_from_span(span_of(child), "speaker", verb)
            return claimant if claimant.actor is not None else None
    return None


def figure_claimant(figure: Token, sentence_claimant: Claimant, previous: Claimant | None) -> Claimant:
    """Who says a figure: the reporting verb it hangs from, when that is not the sentence's first one
    ('A reported 1,166 deaths, while B said over 2,300 were killed': 2,300 is B's)."""
    lex = lexicon()
    denial_verbs = set(lex["denial_verbs"]) | set(lex["denial_verbs_with_claim_object"])
    for ancestor in figure.ancestors:
        if ancestor.lemma_.lower() in denial_verbs:  # a denier does not make the figure it denies
            return sentence_claimant
        found = _claimant_of_verb(ancestor, previous)
        if found is not None:
            return sentence_claimant if found.start == sentence_claimant.start else found
    return sentence_claimant


def outlet_claimant(context: ArticleContext) -> Claimant:
    """The outlet's own voice: its side is the registry's; an article that names no outlet speaks for the
    side it is written from (its dateline: 'Baku, 14 October.'), if any."""
    return Claimant(context.outlet, None, None, None, "outlet", None,
                    assumed_side=None if context.outlet else context.home_side)


def _country_of_subject(sentence: Span, claimant_text: str) -> Actor | None:
    """'The Azerbaijani army destroyed ..., according to the country's Defense Ministry': the country of the
    sentence's subject, and its body the claimant names if the alias seed knows it ('Azerbaijan's defence
    ministry')."""
    subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    actor = resolve_actor(span_of(subject).text) if subject is not None else None
    if actor is None or actor.side not in OPPOSITE_SIDE:
        return None
    return _body_of(actor.side, THE_COUNTRYS.sub("", claimant_text))


def _authorities_of_place(name: str) -> Actor | None:
    """'Nagorno-Karabakh says ...', 'officials in Stepanakert said': the authorities of a place one side
    held, as the alias seed names them ('Nagorno-Karabakh authorities'), else that side's country."""
    side = held_by(name)
    if side is None:
        return None
    return resolve_actor(f"{name} authorities") or actor_aliases().get(side)


def _body_of(side: str, name: str) -> Actor | None:
    """The actor a body named without its country is, for a side's country ('the Ministry of Defense' of
    Azerbaijan): the body the alias seed knows under the country's name, else the country."""
    country = actor_aliases().get(side)
    if country is None:
        return None
    own_name = re.sub(r"^(?:the|its|his|her|their)\s+", "", " ".join(name.split()), flags=re.I)
    return resolve_actor(f"{country.actor_name}'s {own_name}") or country


@dataclass(frozen=True)
class Quotation:
    first_sentence: int
    speaker: Claimant


def quote_speakers(sentences: list[Span], text: str) -> dict[int, Quotation]:
    """The quotation each sentence of a quotation that runs over several sentences is part of, with its
    speaker: the one named after it closes ('"Their propaganda spreads fakes. Such reports are lies," X
    said.' → both are X's)."""
    speakers: dict[int, Quotation] = {}
    opened: int | None = None
    for index, sentence in enumerate(sentences):
        if opened is not None and text.find("\n\n", sentences[opened].start_char, sentence.start_char) != -1:
            opened = None  # a quotation that never closes in its paragraph
        marks = text_of(sentence).count('"') + text_of(sentence).count("“") + text_of(sentence).count("”")
        if marks % 2 == 0:
            continue
        if opened is None:
            opened = index
            continue
        speaker = find_claimant(sentence, None)
        if speaker is not None and speaker.start is not None and \
                speaker.start > sentence.start_char + max(text_of(sentence).rfind('"'), text_of(sentence).rfind("”")):
            speakers.update(dict.fromkeys(range(opened, index + 1), Quotation(opened, speaker)))
        opened = None
    return speakers


def _spelled_out_later(reference: str, sentences: list[Span]) -> Actor | None:
    """A headline's '..., says ministry' or '... - MoD', before the article names anyone: the actor of the
    first claimant named after it that it can stand for ('the country's Defense Ministry')."""
    for sentence in sentences:
        found = find_claimant(sentence, None)
        if found is not None and found.text and found.actor is None and THE_COUNTRYS.search(found.text):
            found = replace(found, actor=_country_of_subject(sentence, found.text))
        if found is not None and found.actor is not None and _same_body(reference, found):
            return found.actor
    return None


def _same_body(reference: str, named: Claimant) -> bool:
    """Whether 'ministry' or 'MoD' can refer to a named claimant: a word of its name ('the Defense Ministry'),
    or its initials ('the country's Ministry of Defence', 'Ministry of Defence of Azerbaijan')."""
    words = named.text.lower().split()
    if reference.lower().split()[-1] in words:
        return True
    if not ABBREVIATION.fullmatch(reference):
        return False
    own_name = [w for w in words if w != "the" and not w.endswith(("'s", "’s"))]
    names = [own_name] + ([named.actor.actor_name.lower().split()] if named.actor is not None else [])
    initials = {"".join(w[0] for w in kept)[:len(reference)]
                for name in names for kept in (name, [w for w in name if w != "of"])}
    return reference.lower() in initials


def _refers_back(claimant_text: str | None, bare: bool = False) -> bool:
    """A claimant that names no one new: 'the ministry', 'its press service', 'he', 'spokesman Sos Hakobyan'
    (a title without an organisation), as opposed to 'a Russian news agency' or 'local officials'. With
    `bare`, also a headline's noun without an article ('says ministry')."""
    if not claimant_text:
        return True
    words = claimant_text.lower().split()
    if {"local", "some", "other"} & set(words):
        return False
    return words[0] in {"the", "its", "his", "her", "their", "he", "she", "they", "him", "them", "spokesman",
                        "spokeswoman", "spokesperson"} or (bare and len(words) == 1 and claimant_text.islower())


class ClaimantResolver:
    """Who a claimant the alias seed does not know is, from what the article said before: 'the ministry'
    (the last actor named as a claimant), 'he' (the last official named), 'the country's ministry', a
    headline's 'says ministry' spelled out later, 'the Ministry of Defense' of the side the article is
    written from, a surname named in full before, 'local officials' and a place that speaks."""

    def __init__(self, context: ArticleContext, sentences: list[Span]):
        self.context = context
        self.sentences = sentences
        self.named: list[Claimant] = []  # every claimant the alias seed knew, in order
        self.last_named: Actor | None = None
        self.noted: list[Span] = []  # the sentences read so far

    def resolve(self, claimant: Claimant | None, sentence: Span, index: int) -> Claimant | None:
        if claimant is None or claimant.actor is not None or claimant.kind == "outlet":
            return claimant
        text = claimant.text or ""
        outlet = named_outlet(text)
        if outlet is not None:  # 'Anadolu Agency (AA) reported', 'ARMENPRESS reports': the outlet's side
            return replace(claimant, assumed_side=outlet_side(outlet) or "third_party")
        found = None
        if THE_COUNTRYS.search(text):
            found = _country_of_subject(sentence, text)
        if found is None and not self.named and claimant.kind in ("speaker", "source") and (
                _refers_back(text, bare=True) or ABBREVIATION.fullmatch(text)):
            found = _spelled_out_later(text, self.sentences[index + 1:index + 6])
        if found is None and text and not LOCAL.search(text):  # 'the ombudsman of Nagorno-Karabakh', 'Baku says'
            found = _authorities_of_place(text)
        if found is None and _refers_back(claimant.text):  # 'the ministry', 'he': the last actor named
            found = self.last_named
        if found is None and text.lower() in PERSONAL_PRONOUNS:  # 'According to him' after 'Pashinyan ...'
            found = self._last_official()
        if found is None and self.last_named is None and self.context.home_side and text and _refers_back(text):
            found = _body_of(self.context.home_side, text)  # 'the Ministry of Defense' in an article from Baku
        if found is None and text.istitle() and " " not in text:  # 'Hajiyev added', after 'Hikmet Hajiyev, ...'
            found = next((c.actor for c in reversed(self.named) if text in re.findall(r"[\w'’-]+", c.text)), None)
        if found is None and LOCAL.search(text):  # local officials of the place the sentence names
            return replace(claimant, assumed_side=held_by(text_of(sentence)))
        if found is None and self.context.home_side and self._names_a_body_of_no_country(claimant, sentence):
            found = _body_of(self.context.home_side, text)  # 'the Information Center's director' on an Armenian site
        return replace(claimant, actor=found)

    @staticmethod
    def _names_a_body_of_no_country(claimant: Claimant, sentence: Span) -> bool:
        """Whether a claimant names an official body or post ('Director of the Information Center') and no
        country, nationality or place (as spaCy reads its words)."""
        words = set(claimant.text.lower().replace(",", " ").split())
        if not words & word_set("official_body_words") or claimant.start is None:
            return False
        span = sentence.doc.char_span(claimant.start, claimant.end, alignment_mode="expand")
        return span is not None and not any(t.ent_type_ in ("GPE", "NORP", "LOC") for t in span)

    def note(self, claimant: Claimant | None, sentence: Span) -> None:
        """Remember a sentence read and the actor it named as claimant, for the claimants after it."""
        if claimant is not None and claimant.actor is not None:
            self.last_named = claimant.actor
            self.named.append(claimant)
        self.noted.append(sentence)

    def _last_official(self) -> Actor | None:
        """The official the alias seed knows named last in the sentences read ('he', 'him')."""
        aliases = actor_aliases()
        for sentence in reversed(self.noted):
            officials = [aliases[hit.key] for hit in actor_matcher().find(text_of(sentence))
                         if aliases[hit.key].actor_kind == "official"]
            if officials:
                return officials[-1]
        return None
