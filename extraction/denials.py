"""Denials as claims: 'X denied reports that ...', '... do not correspond to reality', and the claim a
denial answers when the sentence gives it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from claimhouse.reference import OPPOSITE_SIDE, Actor, actor_aliases
from extraction.claimants import Claimant, claimant_from_span
from extraction.lexicon import actor_matcher, any_of, lexicon, resolve_actor, word_set
from extraction.syntax import conjuncts, forms_of, own_span, span_of, text_of, tokens_with


@dataclass(frozen=True)
class Denial:
    """Someone denying something: who, what (the text and where it stands), and whose report it was."""

    claimant: Claimant
    denied_text: str
    start: int
    end: int
    report_owner: Actor | None
    # False when the denial names no object and stands for its whole sentence
    names_its_object: bool = True

    def covers(self, token: Token) -> bool:
        """Whether a token stands inside what is denied (only when the denial names what it denies)."""
        return self.names_its_object and self.start <= token.idx < self.end


def _deniers(verb: Token, sentence_claimant: Claimant | None) -> list[Claimant]:
    """Who denies: the verb's subjects, or its passive agents ('denied by A, B and C'), one claimant each."""
    for child in verb.children:
        heads = []
        if child.dep_ == "agent":
            heads = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "nsubj" and child.pos_ != "PRON":
            heads = [child]
        if heads:
            return [claimant_from_span(own_span(t), "speaker", verb.lemma_.lower()) for t in conjuncts(heads[0])]
    return [sentence_claimant] if sentence_claimant is not None else []


def _main_subject(sentence: Span) -> Claimant | None:
    """The subject of the sentence's main verb, when it names an actor and the verb calls something
    ('The ministry called it a lie', 'Baku dismissed the report as fake news').

    Not of a copula (in 'the claims are unfounded' the subject is what is denied), nor of a verb that does
    not call (in 'their propaganda spreads fake news' the subject is the one accused).
    """
    lex = lexicon()
    if sentence.root.lemma_.lower() not in set(lex["calling_verbs"]) | set(lex["reporting_verbs"]):
        return None
    for child in sentence.root.children:
        if child.dep_ == "nsubj":
            claimant = claimant_from_span(own_span(child), "speaker", sentence.root.lemma_.lower())
            return claimant if claimant.actor is not None else None
    return None


def _caller_of(sentence: Span, phrase_start: int) -> Claimant | None:
    """The actor that calls something false with the phrase at `phrase_start`, when a calling verb of a
    clause of its own has it as subject ('a figure Baku calls a fabrication')."""
    span = sentence.doc.char_span(phrase_start, phrase_start + 1, alignment_mode="expand")
    token = span.root if span is not None and len(span) else None
    while token is not None and token.head != token and token.pos_ not in ("VERB", "AUX"):
        token = token.head
    if token is None or token.lemma_.lower() not in lexicon()["calling_verbs"] or token == sentence.root:
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj" and c.pos_ != "PRON"), None)
    caller = claimant_from_span(own_span(subject), "speaker", token.lemma_.lower()) if subject is not None else None
    return caller if caller is not None and caller.actor is not None else None


def _denied_object(verb: Token) -> Span | None:
    """What a verb denies: its object or clause after it (or its passive subject)."""
    for child in verb.children:
        if (child.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") and child.i > verb.i) or child.dep_ == "nsubjpass":
            return span_of(child)
    return None


def _report_owner(denied: Span | None) -> Actor | None:
    """Whose report is denied: 'the Armenian MoD's reports', 'an Armenian ministry report of ...'."""
    if denied is None:
        return None
    claim_nouns = set(lexicon()["claim_nouns"])
    head = next((t for t in [denied.root, *denied] if t.pos_ == "NOUN" and
                 {t.lower_, t.lemma_.lower()} & claim_nouns), None)
    if head is None:
        return None
    owner = resolve_actor(head.doc[head.left_edge.i:head.i].text)
    for by in (t for t in denied if owner is None and t.lower_ == "by" and t.i > head.i):  # 'the reports spread by X'
        owner = next((resolve_actor(span_of(o).text) for o in by.children if o.dep_ == "pobj"), None)
    return owner


def _claim_before(sentence: Span, end: int) -> Span | None:
    """The report a sentence calls false, written before the words that do (which start at `end`): 'The
    information spread by X about Y [is a lie]', whatever the parse made of it."""
    report = next((t for t in sentence if t.idx < end and t.pos_ == "NOUN"
                   and t.lemma_.lower() in lexicon()["claim_nouns"]), None)
    if report is None:
        return None
    return sentence.doc.char_span(report.left_edge.idx, end, alignment_mode="contract")


def _has_claim_object(verb: Token) -> bool:
    """Whether a verb rejects a report: its object or clause, or the report noun it describes ('a charge
    Armenian officials rejected')."""
    claim_nouns = set(lexicon()["claim_nouns"])
    if verb.dep_ == "relcl" and verb.head.lemma_.lower() in claim_nouns:
        return True
    return any(c.dep_ in ("ccomp",) or (c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in claim_nouns)
               for c in verb.children)


@cache
def _denial_verbs() -> frozenset[str]:
    """Every verb that may deny: alone, or with a claim as its object."""
    return word_set("denial_verbs") | word_set("denial_verbs_with_claim_object")


def _neither_nor(verb: Token) -> bool:
    """'neither confirms nor refutes': a denial verb in a 'neither ... nor' pair, which denies nothing."""
    pair = [verb, *verb.children, *([verb.head] if verb.dep_ == "conj" else []), *verb.head.children]
    return any(t.lower_ in ("neither", "nor") for t in pair)


def _intends(verb: Token) -> bool:
    """'would not take part', 'will not take sides': a negated intention for what comes, which answers no
    report (as 'does not take part' does)."""
    return any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "wo", "'ll") for c in verb.children)


def find_denials(sentence: Span, sentence_claimant: Claimant | None) -> list[Denial]:
    """The denials a sentence makes, by three patterns, tried in order:

    a denial verb (deny, refute; reject or dismiss a report or a clause), with one denial per denier;
    a phrase that calls something false ('unfounded', 'does not correspond to reality');
    a reported clause that negates involvement or control ('insists its troops do not take part').
    """
    lex = lexicon()
    denials: list[Denial] = []
    lemmas = forms_of(sentence.doc)[1]
    for token in tokens_with(sentence, lemmas, _denial_verbs()):
        lemma = lemmas[token.i]
        if not token.tag_.startswith("VB") or _neither_nor(token):
            continue
        if lemma in word_set("denial_verbs") or (
                lemma in word_set("denial_verbs_with_claim_object") and _has_claim_object(token)):
            denied = _denied_object(token)
            target = denied if denied is not None else sentence
            for denier in _deniers(token, sentence_claimant):
                denials.append(Denial(denier, target.text, target.start_char, target.end_char, _report_owner(denied),
                                      names_its_object=denied is not None))
    if denials or sentence_claimant is None:
        return denials
    text = text_of(sentence).lower()
    first_phrase = any_of(tuple(lex["denial_phrases"])).search(text)
    if first_phrase is not None:
        denier, denied = sentence_claimant, None
        caller = _caller_of(sentence, sentence.start_char + first_phrase.start())
        # a sentence without a speaker of its own may name its denier as the subject of a verb that calls
        subject = caller or (_main_subject(sentence) if denier.kind in ("outlet", "carried") else None)
        if caller is not None:  # '..., but Armenia says 6,000 were killed - a figure Baku calls a fabrication'
            denier = caller
        elif subject is not None:  # "The ministry called reports that ... a fabrication"
            denier, denied = subject, _denied_object(sentence.root)
        else:  # "The information spread by X about ... is a lie": what stands before the phrase
            denied = _claim_before(sentence, sentence.start_char + first_phrase.start())
        target = denied if denied is not None else sentence
        return [Denial(denier, target.text, target.start_char, target.end_char, _report_owner(denied),
                       names_its_object=denied is not None)]
    if sentence_claimant.kind != "outlet":
        for token in tokens_with(sentence, lemmas, word_set("negated_involvement_verbs")):
            if any(c.dep_ == "neg" for c in token.children) and not _intends(token):
                clause = span_of(token)
                return [Denial(sentence_claimant, clause.text, clause.start_char, clause.end_char, None)]
    return denials


def denial_subject_side(denial: Denial) -> str | None:
    """The side the denied claim is about: a belligerent denier's own; else the side the sentence names."""
    side = denial.claimant.side
    if side in OPPOSITE_SIDE:
        return side
    aliases = actor_aliases()
    named = [aliases[h.key].side for h in actor_matcher().find(denial.denied_text)]
    return next((s for s in named if s in OPPOSITE_SIDE), None)


def claimant_of_denied_report(denial: Denial) -> Claimant:
    """Who made the claim a denial answers: the report's named owner, else the denier's adversary."""
    if denial.report_owner is not None:
        return Claimant(denial.report_owner.actor_name, None, None, denial.report_owner, "denied_report",
                        denial.claimant.cue)
    return Claimant(None, None, None, None, "denied_report", denial.claimant.cue,
                    assumed_side=OPPOSITE_SIDE.get(denial.claimant.side))
