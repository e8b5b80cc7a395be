"""Claims of one article: each figure with its claimant, predicate, subject, sides and as_of date, and
denials; the article-level state (the speaker a paragraph goes on with, list headings, the date a
statement was made) lives here.

Word lists come from `patterns/lexicon.json`, sides from the alias seeds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from claimhouse.dates import DateMatch
from extraction.claimants import (
    Claimant,
    ClaimantResolver,
    figure_claimant,
    find_claimant,
    outlet_claimant,
    quote_speakers,
)
from extraction.components import BULLETS
from extraction.dating import (
    SAME_DAY,
    ArticleContext,
    as_of_fields,
    background_sentences,
    dates_a_statement,
    pick_as_of,
    sentence_dates,
)
from extraction.denials import claimant_of_denied_report, denial_subject_side, find_denials
from extraction.figures import (
    Count,
    counts_in,
    names_aircraft,
    noun_phrase,
    predicate_for,
    predicate_from,
    subject_kind,
    subject_side,
)
from extraction.lexicon import lexicon, resolve_actor, word_set
from extraction.syntax import doc_text, first_conjunct, sentences_of, text_of, words_of

BULLET = re.compile(r"^\s*[" + re.escape("".join(BULLETS)) + r"]\s*")
# A sentence that attributes the one before it ('This was announced by X.', 'It is reported by X.', 'On Sunday,
# reports RIA News with reference to X.'): the style of news agencies translated from Russian.
BACK_REFERENCE = re.compile(r"^\W*(?:(?:this|that|it|such)\s+(?:is|was|has\s+been|had\s+been|were|are)\s+"
                            r"(?:\w+ly\s+)?|on\s[^,]{3,40},\s*(?:[^,]{3,20},\s*)?)(?P<verb>\w+)", re.I)
LIST_HEADING = re.compile(r"^\s*(?:per|according to)\s+(?P<source>[^:]{2,60}):\s*$", re.I)
# A paragraph that goes on with the statement of the one before: 'In total, 14 servicemen ...'
CONTINUATION = re.compile(r"^\s*(?:in total|in all|overall|altogether|also|besides|in addition|additionally|"
                          r"moreover|furthermore|apart from (?:that|this))\b", re.I)


@dataclass(frozen=True)
class ClaimMention:
    sentence_index: int
    claimant: Claimant
    predicate: str
    subject_text: str
    subject_side: str | None
    as_of: date | None
    as_of_text: str | None
    as_of_precision: str
    is_background: bool
    span_start: int
    span_end: int
    quantity: float | None = None
    quantity_text: str | None = None
    qualifier: str | None = None
    denied_text: str | None = None
    subject_kind: str | None = None


def extract_claims(doc: Doc, context: ArticleContext) -> list[ClaimMention]:
    claims: list[ClaimMention] = []
    previous: Claimant | None = None
    list_source: Claimant | None = None
    list_words: set[str] = set()  # what the sentence that introduced a list says of its items ('destroyed')
    last_date: DateMatch | None = None  # the date the paragraph's last claims were given
    last_date_of_statement = False  # whether that date was when a statement was made
    paragraph_end = -1
    text = doc_text(doc)
    sentences = sentences_of(doc)
    resolver = ClaimantResolver(context, sentences)
    quoted = quote_speakers(sentences, text)
    history = background_sentences(doc)
    for index, sentence in enumerate(sentences):
        heading = LIST_HEADING.match(text_of(sentence))
        if heading:
            source = sentence[1:] if sentence[0].lower_ == "per" else sentence[2:]
            list_source = Claimant(heading["source"], source.start_char, source.start_char + len(heading["source"]),
                                   resolve_actor(heading["source"]), "list_heading", "per")
            continue
        list_item = _is_list_item(sentence, text)
        if list_source is not None and not list_item:
            list_source, list_words = None, set()
        goes_on = False  # a paragraph that opens 'In total', 'Besides': the report before, and its date
        if sentence.start_char > paragraph_end:
            goes_on = CONTINUATION.match(text_of(sentence)) is not None
            if not goes_on:  # a new paragraph speaks for itself
                previous = None
                last_date, last_date_of_statement = None, False
            paragraph_end = _paragraph_end(text, sentence.start_char)
        if list_item:  # a list item speaks for itself or for its list's heading
            previous = None
        quotation = quoted.get(index)
        claimant = find_claimant(sentence, previous) or (quotation.speaker if quotation else None) or list_source
        if claimant is None and previous is not None:
            claimant = Claimant(previous.text, previous.start, previous.end, previous.actor, "carried", previous.cue)
        claimant = resolver.resolve(claimant, sentence, index)
        resolver.note(claimant, sentence)
        if not list_item and text_of(sentence).rstrip().endswith(":"):
            # 'According to the ministry, the following equipment of the enemy was destroyed:' and a list
            list_source = claimant or outlet_claimant(context)
            list_words = words_of(t for t in sentence if t.pos_ in ("VERB", "ADJ", "NOUN"))
        dates = [DateMatch(d.start + sentence.start_char, d.end + sentence.start_char, d.text, d.value,
                           d.precision) for d in sentence_dates(sentence, context.reference_date)]
        figures = counts_in(sentence, dates)
        if claimant is None and figures:  # 'A rocket hit Ganja, killing 5. This was announced by the MES.'
            claimant = resolver.resolve(_attributed_after(sentences, index), sentence, index)
        denials = [replace(d, claimant=resolver.resolve(d.claimant, sentence, index))  # 'The head of state denied'
                   for d in find_denials(sentence, claimant or outlet_claimant(context))]
        if not figures and not denials:
            previous = claimant if claimant is not None and claimant.kind != "outlet" else previous
            if dates:
                last_date, last_date_of_statement = _last_date(sentence, dates, index in history, last_date,
                                                               last_date_of_statement)
            continue
        background = index in history
        claimant = claimant or outlet_claimant(context)
        continued = goes_on or (last_date_of_statement and _continues_statement(claimant, previous))
        same_day = SAME_DAY.search(text_of(sentence)) is not None
        if not any(d.value for d in dates) and last_date is not None and (same_day or continued):
            # 'On the same day ...', or a statement continued: the date of the sentence before
            dates = [DateMatch(last_date.start, last_date.end, last_date.text, last_date.value, "previous_sentence")]
        shared = {"sentence_index": index, "is_background": background,
                  "span_start": sentence.start_char, "span_end": sentence.end_char}
        for denial in denials:
            if quotation is not None and any(  # a quotation that denies in several sentences denies once
                    c.predicate == "denial" and c.claimant.text == denial.claimant.text
                    and quoted.get(c.sentence_index) == quotation for c in claims):
                continue
            claims.append(ClaimMention(claimant=denial.claimant, predicate="denial", subject_text=denial.denied_text,
                                       subject_side=denial_subject_side(denial), denied_text=denial.denied_text,
                                       **shared, **as_of_fields(pick_as_of(sentence, dates), context)))
        for count in figures:
            number, noun = count.token, count.noun
            phrase = noun_phrase(noun)
            antecedent = _antecedent(count, figures)
            kind_noun, kind_phrase = (noun, phrase) if antecedent is None else (antecedent, noun_phrase(antecedent))
            including = _included_in(noun)
            predicate = _total_brought(number, claims, index) or predicate_for(number, noun, kind_phrase) or \
                _listed_with(claims, index, phrase) or (
                    predicate_for(number, including, noun_phrase(including)) if including is not None else None) or (
                    predicate_from(number, noun, phrase, list_words) if list_item and list_words else None)
            side_phrase = count.own_words or phrase
            if predicate is None:
                continue
            denied = next((d for d in denials if d.covers(number)), None)
            if denied is not None:  # a figure known only through its denial belongs to the denied report
                who = claimant_of_denied_report(denied)
                side = denied.claimant.side or subject_side(side_phrase, predicate, who.side, sentence)
            else:
                who = resolver.resolve(figure_claimant(number, claimant, previous), sentence, index)
                side = subject_side(side_phrase, predicate, who.side, sentence)
                if claims and (antecedent is not None or _continues_previous_figure(number, phrase)):
                    side = claims[-1].subject_side  # 'another 1,900 were injured', 'and seven others wounded'
            subject_text = phrase.text if count.own_words is None else f"{count.own_words.text} {noun.text}"
            claims.append(ClaimMention(claimant=who, predicate=predicate, subject_text=subject_text, subject_side=side,
                                       subject_kind=subject_kind(kind_noun, kind_phrase), quantity=count.quantity,
                                       quantity_text=count.text, qualifier=count.qualifier, **shared,
                                       **as_of_fields(pick_as_of(sentence, dates, number), context)))
        last_date, last_date_of_statement = _last_date(sentence, dates, background, last_date,
                                                       last_date_of_statement)
        if claimant.kind != "outlet":
            previous = claimant
    return claims


def _attributed_after(sentences: list[Span], index: int) -> Claimant | None:
    """The source the sentence after a sentence names when it only attributes what came before it."""
    if index + 1 == len(sentences):
        return None
    following = sentences[index + 1]
    found = BACK_REFERENCE.match(text_of(following))
    if found is None:
        return None
    verb = following.char_span(found.start("verb"), found.end("verb"))
    if verb is None or verb.root.lemma_.lower() not in word_set("reporting_verbs") or counts_in(following):
        return None
    return find_claimant(following, None)


def _is_list_item(sentence: Span, text: str) -> bool:
    """Whether a sentence is (the bullet of) a list item: its line of the article `text` starts with a bullet."""
    line_start = text.rfind("\n", 0, sentence.start_char) + 1
    return BULLET.match(text[line_start:sentence.end_char]) is not None


def _continues_statement(claimant: Claimant, previous: Claimant | None) -> bool:
    """Whether a sentence goes on with the statement before it: no speaker of its own, or the same one
    ('Aliyev announced on Wednesday that ... Aliyev also said that ...')."""
    return claimant.kind == "carried" or (previous is not None and claimant.actor is not None
                                           and claimant.actor == previous.actor)


def _last_date(sentence: Span, dates: list[DateMatch], background: bool, last: DateMatch | None,
               last_of_statement: bool) -> tuple[DateMatch | None, bool]:
    """The date a following sentence may take over, and whether it dated a statement (history does not count)."""
    found = None if background else pick_as_of(sentence, dates)
    if found is None or found.precision == "previous_sentence":
        return last, last_of_statement
    return found, dates_a_statement(sentence, found)


def _listed_with(claims: list[ClaimMention], sentence_index: int, phrase: Span) -> str | None:
    """Equipment in a list whose parse hides its verb ('130 tanks, 200 sets of artillery, 25 air defence
    systems were destroyed') shares the predicate of the equipment listed before it in the sentence."""
    lex = lexicon()
    earlier = [c.predicate for c in claims if c.sentence_index == sentence_index]
    if not earlier or earlier[-1] not in ("destroyed_equipment", "downed_aircraft"):
        return None
    if names_aircraft(phrase):
        return "downed_aircraft"
    return "destroyed_equipment" if words_of(phrase) & set(lex["equipment_nouns"]) else None


def _included_in(noun: Token) -> Token | None:
    """The noun a subset is listed in: systems, for '60 air defence systems, including 4 S-300s'."""
    first = first_conjunct(noun, ("conj",))
    prep = first.head
    if first.dep_ == "pobj" and prep.lower_ in ("including", "among") and prep.head.pos_ in ("NOUN", "PROPN"):
        return prep.head
    return None


def _total_brought(number: Token, claims: list[ClaimMention], sentence_index: int) -> str | None:
    """'21 more were killed, bringing the total of casualties to 244': a total brought up by the figure before
    it in the sentence counts what that figure counted."""
    brings = number.dep_ == "pobj" and number.head.lower_ == "to" and number.head.head.lemma_.lower() == "bring"
    earlier = [c.predicate for c in claims if c.sentence_index == sentence_index and c.quantity is not None]
    return earlier[-1] if brings and earlier and earlier[-1] in ("killed", "wounded", "captured") else None


def _antecedent(count: Count, figures: list[Count]) -> Token | None:
    """What 'others' counts: the noun of the figure before it ('two civilians were killed and seven
    others wounded': seven civilians)."""
    if count.noun.lower_ not in ("others", "more") or count.noun == count.token:
        return None
    before = [f.noun for f in figures if f.token.i < count.token.i and f.noun.lower_ not in ("others", "more")]
    return before[-1] if before else None


def _continues_previous_figure(number: Token, phrase: Span) -> bool:
    """'Another 1,900 people', 'a further 12': more of what the previous figure counted, when the phrase
    names no side of its own."""
    before = number.doc[max(0, number.i - 2):number.i]
    return any(t.lower_ in ("another", "further", "additional") for t in before) and resolve_actor(phrase.text) is None


def _paragraph_end(text: str, offset: int) -> int:
    end = text.find("\n\n", offset)
    return len(text) if end == -1 else end
