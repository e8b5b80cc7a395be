"""Rules that read claims (who says what figure) and events from a spaCy parse of one article.

A claim mention is one figure: a number, the thing it counts, the predicate (killed, destroyed, ...),
who says it (the claimant) and the date it refers to. Events are concrete happenings with a trigger
word, a date and a place. Word lists come from `patterns/lexicon.json`, sides from the alias seeds.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from claimhouse.dates import DateMatch, find_dates
from claimhouse.reference import Actor, actor_aliases, outlet_sides
from extraction.components import BULLETS
from extraction.lexicon import actor_matcher, held_by, lexicon, place_matcher, resolve_actor, resolve_place

OPPOSITE_SIDE = {"armenia": "azerbaijan", "azerbaijan": "armenia"}
SKIPPED_NUMBER_ENTITIES = {"DATE", "TIME", "PERCENT", "ORDINAL", "QUANTITY"}
PARTITIVE_NOUNS = {"set", "sets", "unit", "units", "piece", "pieces", "number", "total", "batch"}
AS_OF_CUES = ("as of", "by", "through", "until", "till", "to")
BULLET = re.compile(r"^\s*[" + re.escape("".join(BULLETS)) + r"]\s*")
LIST_HEADING = re.compile(r"^\s*(?:per|according to)\s+(?P<source>[^:]{2,60}):\s*$", re.I)
# weapons against aircraft are not aircraft: 'anti-aircraft gun', 'counter-drone system'
AGAINST_AIRCRAFT = re.compile(r"\b(?:anti|counter)[-\s]?(?:aircraft|drone|uav|air)\b")
# A paragraph that goes on with the statement of the one before: 'In total, 14 servicemen ...'
CONTINUATION = re.compile(r"^\s*(?:in total|in all|overall|altogether|also|besides|in addition|additionally|"
                          r"moreover|furthermore|apart from (?:that|this))\b", re.I)
# A sentence that is about the day of the sentence before: 'on the same day', 'As a result, ...'
# what stands before the second date of a range ('29 Sept - 1 Oct', 'from 27 through 30 September'):
# an event of several days is dated by its first
RANGE_END = re.compile(r"(?:[-–]|\bthrough|\bto|\buntil|\btill)\s*$", re.I)
# "local officials said": the authorities of the place the sentence names
LOCAL = re.compile(r"^(?:the\s+)?local\s+(?:officials|authorities|administration|governor|mayor|emergency)", re.I)
# "the country's defence ministry": the country whose forces the sentence is about
THE_COUNTRYS = re.compile(r"\bthe\s+(?:country|nation|republic)['’]s\b", re.I)
SAME_DAY = re.compile(r"\b(?:the same day|that day|that same day|the same date)\b|^\s*(?:as a result|consequently|"
                      r"in (?:the|that) (?:attack|shelling|strike|assault|fighting))\b", re.I)
YEAR = re.compile(r"\b(1[89]\d{2}|20\d{2})\b")
# A source written beside the text: 'Defence Army: enemy loses 11 tanks', '• 217 fighters killed (SOHR)'
WRITTEN_SOURCES = (("colon", re.compile(r"^\s*(?P<source>[^:\n]{2,60}):\s+\S")),
                   ("parenthesis", re.compile(r"\((?P<source>[^()\d]{2,60})\)\s*$")),
                   ("dash", re.compile(r"\s[-–—]\s+(?P<source>[A-Z][\w .'’-]{1,40}?)\s*$")))  # '... destroyed - MoD'
# 'MoD', 'MFA': a body named by its initials, which a later mention may spell out
ABBREVIATION = re.compile(r"[A-Z][A-Za-z]{1,4}")


@dataclass(frozen=True)
class ArticleContext:
    published_date: date | None
    outlet: str | None
    # the latest date the article writes in full, for an article without a publication date
    latest_written_date: date | None = None

    @classmethod
    def of(cls, text: str, published_date: date | None, outlet: str | None) -> ArticleContext:
        return cls(published_date, outlet, None if published_date else latest_full_date(text))

    @property
    def reference_date(self) -> date | None:
        """The date yearless and relative dates are read against."""
        return self.published_date or self.latest_written_date


def latest_full_date(text: str) -> date | None:
    """The latest date an article writes with its year, or without one inside the covered conflict periods
    (see claimhouse.dates), leaving out history before the covered period."""
    cutoff = lexicon()["background_years_before"]
    days = [d.value for d in find_dates(text) if d.precision in ("day", "day_no_year") and d.value is not None
            and d.value.year >= cutoff]
    return max(days, default=None)


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
            return outlet_sides().get(self.text.lower(), "third_party")
        return None


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


@dataclass(frozen=True)
class EventMention:
    sentence_index: int
    trigger: str
    event_type: str
    event_date: date | None
    date_text: str | None
    date_precision: str
    place_text: str | None
    place_id: str | None
    actor_side: str | None
    target_side: str | None
    is_background: bool
    span_start: int
    span_end: int


# ---------------------------------------------------------------- numbers


def parse_quantity(token: Token) -> tuple[float | None, Token]:
    """The number a token writes ('2,300', 'four', '1.5' + 'million'), and the last token of it."""
    words, multipliers = lexicon()["number_words"], lexicon()["multipliers"]
    text = token.text.lower().replace(",", "")
    value: float | None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        value = float(text)
    elif text in words:
        value = float(words[text])
    elif text in multipliers and token.i > 0 and token.nbor(-1).lower_ in ("a", "one"):
        value = float(multipliers[text])
    else:
        return None, token
    last = token
    while (following := _next_word(last)) is not None and following.lower_ in multipliers:
        last = following
        value *= multipliers[last.lower_]
    return value, last


def _next_word(token: Token) -> Token | None:
    """The next token that is not white space (a non-breaking space is a token of its own)."""
    for candidate in token.doc[token.i + 1:token.i + 3]:
        if not candidate.is_space:
            return candidate
    return None


def qualifier_before(token: Token) -> str | None:
    """The qualifier written just before a number ('more than 300', 'about 40', 'up to 12')."""
    start = token.i
    if token.lower_ in ("dozen",) and start > 0 and token.nbor(-1).lower_ == "a":
        start -= 1
    before = " ".join(t.lower_ for t in token.doc[max(0, start - 3):start])
    for qualifier, phrases in lexicon()["qualifiers"].items():
        if any(before == p or before.endswith(" " + p) for p in phrases):
            return qualifier
    if token.lower_ == "dozen":
        return "about"
    return None


def is_figure(token: Token) -> bool:
    if token.ent_type_ in SKIPPED_NUMBER_ENTITIES or not (token.like_num or token.lower_ == "dozen"):
        return False
    if token.i + 1 < len(token.doc) and token.nbor(1).text in ("%", "percent", "per"):
        return False
    if token.lower_ in lexicon()["multipliers"] and token.i > 0 and token.nbor(-1).like_num:
        return False  # the "million" of "1.5 million" belongs to the number before it
    return parse_quantity(token)[0] is not None


@dataclass(frozen=True)
class Count:
    """A figure in a sentence: the token that writes it, its value, and the noun it counts."""

    token: Token
    quantity: float
    noun: Token
    text: str
    qualifier: str | None = None
    # the words that give this figure its side when it shares its noun with the next one: '92 Azerbaijani'
    # of '92 Azerbaijani and 40 Armenian civilians'
    own_words: Span | None = None


def counts_in(sentence: Span, dates: list[DateMatch] = ()) -> list[Count]:
    """Every figure of a sentence, in order: written numbers ('130 tanks', 'a dozen'), and counts a noun
    implies: one for 'a shepherd was killed' or 'one of our helicopters was hit', none for 'no servicemen
    were hurt' or 'nobody was injured'. A number inside one of the sentence's `dates` (document offsets)
    is a day, not a figure ('On 9 May Azerbaijani units ...')."""
    found = []
    for t in sentence:
        if is_figure(t) and not any(d.start <= t.idx < d.end for d in dates):
            noun = counted_noun(t)
            shared = _shared_noun(noun)
            found.append(Count(t, parse_quantity(t)[0], shared or noun, t.text, qualifier_before(t),
                               t.doc[t.i:noun.i + 1] if shared is not None else None))
    found += [count for t in sentence if (count := implied_count(t)) is not None]
    return sorted(found, key=lambda c: c.token.i)


def implied_count(noun: Token) -> Count | None:
    """The count a noun implies as the subject or object of a predicate verb: 'a'/'an' → 1, 'no' → 0,
    'nobody'/'no one' → 0; a named person killed or wounded → 1."""
    lex = lexicon()
    first = _first_conjunct(noun, ("conj",))
    head = first.head
    if first.dep_ == "pobj" and head.lower_ in ("of", "including", "among") and head.head.pos_ == "NOUN":
        head = head.head  # 'the death of a commander', '39 vehicles, including a T-90 tank'
    elif first.dep_ not in ("nsubj", "nsubjpass", "dobj") or head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "neg" for c in head.children) or any(c.dep_ == "nummod" for c in noun.children):
        return None
    verb = {head.lower_, head.lemma_.lower()} | _words(c for c in head.children if c.dep_ in ("oprd", "attr", "dobj"))
    casualty_verb = bool(verb & {word for predicate in ("killed", "wounded", "captured")
                                 for word in lex["predicate_words"][predicate]})
    if first.dep_ == "nsubj" and not (verb & {"die", "perish"}):
        return None  # the active subject of 'killed' is the one who killed
    determiner = next((c for c in noun.children if c.dep_ == "det"), None)
    if noun.lower_ in ("nobody", "noone") or (noun.lower_ == "one" and determiner is not None
                                                and determiner.lower_ == "no"):
        return Count(noun, 0, noun, noun.text) if casualty_verb else None
    if noun.ent_type_ == "PERSON" and noun.pos_ == "PROPN":
        return Count(noun, 1, noun, noun.text) if casualty_verb else None
    if determiner is None or determiner.lower_ not in ("a", "an", "no") or noun.pos_ not in ("NOUN", "PROPN") or \
            (determiner.lower_ != "no" and noun.tag_ not in ("NN", "NNP")):
        return None
    if noun.lower_ in PARTITIVE_NOUNS:  # 'a set of S-300 systems'
        noun = _of_object(noun) or noun
        if any(c.dep_ == "nummod" for c in noun.children):
            return None  # 'a total of 63 civilians': the number counts them
    things = set(lex["equipment_nouns"]) | set(lex["aircraft_nouns"]) | set(lex["property_nouns"])
    if not (casualty_verb and noun.pos_ == "NOUN") and not (
            {noun.lower_, noun.lemma_.lower()} & things or {t.lower_ for t in noun.lefts} & things):
        return None
    # the noun stands for the figure: predicates read it as a count of its own
    if determiner.lower_ == "no":
        return Count(noun, 0, noun, determiner.text)
    people = [t for t in _conjuncts(noun) if t.tag_ == "NN"]  # 'a mother and her son' → 2
    return Count(noun, len(people) if casualty_verb else 1, noun, determiner.text)


# ---------------------------------------------------------------- what a number counts


def counted_noun(number: Token) -> Token:
    """The noun a number counts: its head for '130 tanks', the noun after 'of' for '200 sets of guns'."""
    _, last = parse_quantity(number)
    noun = number.head if number.dep_ in ("nummod", "quantmod", "amod", "compound") else number
    while noun != number and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i and (
            noun.dep_ in ("nmod", "amod") or (noun.dep_ in ("nummod", "compound") and _is_model_number(noun))):
        noun = noun.head  # '39 Azerbaijani military vehicles', '3 BM-21 Grad MLRS': the number is the noun's
    if not any(ch.isalpha() for ch in noun.text):  # '• 3,000 killed': a bullet is not what is counted
        noun = number
    if last != number and last.dep_ == "nummod":
        noun = last.head
    if noun == number and number.head.dep_ == "relcl" and any(
            c.lower_ == "of" and any(o.lower_ in ("whom", "which") for o in c.children) for c in number.head.children):
        return number.head.head  # '790 soldiers, of whom 180 were killed': 180 of those soldiers
    if noun == number and number.dep_ == "pobj" and number.head.lower_ in ("to", "from", "at"):
        counted = _level_of(number.head.head)
        if counted is not None:
            return counted
    if noun == number or noun.lower_ in PARTITIVE_NOUNS:  # 'one of our helicopters', '200 sets of guns'
        return _of_object(noun) or noun
    return noun


def _is_model_number(token: Token) -> bool:
    """A weapon's model written with letters and digits: 'BM-21', 'S-300', 'T-72', '9K33'."""
    return any(ch.isdigit() for ch in token.text) and any(ch.isalpha() for ch in token.text)


def _shared_noun(noun: Token) -> Token | None:
    """The noun a nationality shares with the items after it: journalists, for each of '2 Armenian, 1
    Azerbaijani and 3 Russian journalists' (read from the words, whatever the parse made of the list)."""
    if noun.pos_ not in ("PROPN", "ADJ") or resolve_actor(noun.text) is None:
        return None
    more_items = False
    for token in noun.doc[noun.i + 1:noun.sent.end]:
        if token.like_num:
            more_items = True
        elif not (token.is_space or token.is_punct or token.lower_ in ("and", "or") or token.pos_ == "ADJ"
                  or resolve_actor(token.text) is not None):
            return token if more_items and token.pos_ == "NOUN" else None
    return None


def _level_of(verb: Token) -> Token | None:
    """What a level verb puts a figure on: 'the toll rose to 12 (from 9)' → toll, 'the number of civilians
    killed had risen to 63' → civilians, 'officials put civilian deaths at 40' → deaths."""
    if verb.lemma_.lower() not in lexicon()["level_verbs"]:
        return None
    for dep in ("nsubj", "dobj", "nsubjpass"):
        for child in verb.children:
            if child.dep_ == dep and child.pos_ in ("NOUN", "PROPN") and \
                    (dep != "nsubj" or verb.lemma_.lower() != "put"):
                return (_of_object(child) or child) if child.lower_ in PARTITIVE_NOUNS else child
    return None


def _of_object(token: Token) -> Token | None:
    """What a token is 'of': the object of its 'of' phrase."""
    for prep in token.children:
        if prep.lower_ == "of":
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if objects:
                return objects[0]
    return None


def noun_phrase(noun: Token) -> Span:
    """The noun with its modifiers to the left and its 'of ...' phrase, not its clauses."""
    left = min((t.left_edge.i for t in noun.lefts), default=noun.i)
    right = noun.i
    for child in noun.rights:
        if child.dep_ == "appos" and any(c.dep_ == "nummod" for c in child.children):
            break  # '12 tanks, 4 radars': the next item of a list, not a name for this one
        if child.dep_ in ("compound", "amod", "appos") or (child.dep_ == "prep" and child.lower_ in ("of", "from")):
            right = max(right, _own_span(child).end - 1)
    return noun.doc[left:right + 1]


def _words(span: Iterable[Token]) -> set[str]:
    return {t.lower_ for t in span} | {t.lemma_.lower() for t in span}


def _has_subject(token: Token) -> bool:
    return any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children)


def governing_words(noun: Token, within_clause: bool = True) -> set[str]:
    """Verbs and adjectives that say what happened to a noun: its heads up to its own clause's verb, and
    verbs coordinated with that one that share its subject ('were killed and injured'), not those with
    a subject of their own ('6 were killed and 21 were wounded'). Without `within_clause`, heads up to
    three levels whatever the clause (for parses that hang a figure off the wrong verb)."""
    first = _first_conjunct(noun)
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lower_ in PARTITIVE_NOUNS:
        first = _first_conjunct(first.head.head)  # '9 units of armoured vehicles': what happened to the units
    words = _words(c for c in noun.children if c.dep_ in ("acl", "amod", "relcl"))
    words |= _words(c for c in first.children if c.dep_ in ("acl", "relcl"))
    head = first.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            words |= _words([head]) | _words(c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"
                                             and not (within_clause and _has_subject(c)))
            words |= _words(c for c in head.children if c.dep_ in ("acomp", "xcomp", "prt", "oprd"))
        if head.head == head or (within_clause and head.pos_ in ("VERB", "AUX") and _has_subject(head)):
            break
        if within_clause and head.dep_ == "conj" and any(c.dep_ == "dobj" for c in head.children):
            break  # 'killing one civilian and wounding four': four were wounded, not killed
        head = head.head
    return words


def _names_aircraft(phrase: Span) -> bool:
    """Whether a phrase names aircraft: 'four helicopters', 'a Bayraktar', not 'anti-aircraft systems'."""
    aircraft = lexicon()["aircraft_nouns"]
    text = AGAINST_AIRCRAFT.sub(" ", phrase.text.lower())
    return any(re.search(rf"(?<![\w-]){re.escape(a)}(?![\w-])", text) for a in aircraft)


def subject_kind(noun: Token, phrase: Span) -> str | None:
    """What a figure counts, as a kind figures can be compared by ('130 tanks' and 'tanks' → tanks).

    A phrase of the lexicon's kinds written in the noun phrase ('air defence', 'S-300') first, then the
    counted noun's own kind, then any listed word of the phrase; an unlisted noun is its own kind (its lemma).
    """
    kinds = {kind: words for kind, words in lexicon()["subject_kinds"].items() if not kind.startswith("_")}
    text = phrase.text.lower()

    def written(entry: str) -> bool:
        return re.search(rf"(?<![\w-]){re.escape(entry)}(?:e?s)?\b", text) is not None

    for kind, entries in kinds.items():
        if any(written(e) for e in entries if not e.isalpha()):
            return kind
    if noun.ent_type_ == "PERSON":
        return "named_individuals"
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    head = {noun.lower_, noun.lemma_.lower()}
    for kind, entries in kinds.items():
        if head & set(entries):
            return kind
    for kind, entries in kinds.items():
        if any(written(e) for e in entries):
            return kind
    return noun.lemma_.lower()


def predicate_for(number: Token, noun: Token, phrase: Span) -> str | None:
    """Which predicate a figure supports: read from the verb that describes the counted noun itself ('a
    dozen injured'), then within the figure's clause, then more widely."""
    for governing in (_describing_words(noun), governing_words(noun, True), governing_words(noun, False)):
        found = _predicate_from(number, noun, phrase, governing)
        if found is not None:
            return found
    level = _level_of(noun.head) if noun.dep_ in ("dobj", "attr") else None
    if level is not None and level != noun:  # 'the number of dead is approaching 5 thousand people'
        return predicate_for(number, level, noun_phrase(level))
    return None


def _describing_words(noun: Token) -> set[str]:
    """The verbs of a clause that describes a noun ('a dozen [injured in X]', '40 [killed and wounded]'), or,
    when it has none, one that describes another item of its list ('2 Armenian, 1 Azerbaijani and 3
    Russian journalists injured', parsed with 'injured' on 'Azerbaijani')."""
    def clauses_of(token: Token) -> list[Token]:
        return [c for c in token.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]

    clauses = clauses_of(noun) or [c for item in _conjuncts(_first_conjunct(noun), ("conj", "appos"))
                                   for c in clauses_of(item)]
    return _words(clauses) | _words(c for clause in clauses for c in clause.children
                                    if c.dep_ == "conj" and c.pos_ == "VERB")


def _predicate_from(number: Token, noun: Token, phrase: Span, governing: set[str]) -> str | None:
    """The predicate the noun a figure counts, and the words that govern it, support."""
    lex = lexicon()
    phrase_words = _words(phrase)
    cues = {name: set(words) for name, words in lex["predicate_words"].items()}
    governing = governing | phrase_words
    if number.ent_type_ == "MONEY" or noun.ent_type_ == "MONEY":
        return "other"
    if phrase_words & cues["killed_or_wounded"]:
        return "killed_or_wounded"
    if _names_aircraft(phrase):
        return "downed_aircraft" if governing & (cues["destroyed_equipment"] | cues["killed"] | {"down", "shoot"}) \
            else None
    if phrase_words & set(lex["property_nouns"]) or phrase_words & {"private", "civilian", "residential"} \
            and phrase_words & set(lex["equipment_nouns"]):
        return "other" if governing & (cues["destroyed_equipment"] | {"damage", "damaged"}) else None
    if phrase_words & set(lex["equipment_nouns"]):
        return "destroyed_equipment" if governing & (cues["destroyed_equipment"] | cues["killed"]) else None
    if phrase_words & set(lex["territory_nouns"]):
        held = cues["captured_territory"] | {"control", "capture", "take", "hold"}
        return "captured_territory" if governing & held else None
    if noun.lower_ in cues["killed"] and noun.pos_ == "NOUN":
        return "killed"
    if phrase_words & set(lex["people_nouns"]) or noun.ent_type_ in ("NORP", "PERSON") or noun == number:
        found = {name for name in ("killed", "wounded", "captured", "displaced") if governing & cues[name]}
        if {"killed", "wounded"} <= found:
            return "killed_or_wounded"
        for name in ("killed", "wounded", "captured", "displaced"):
            if name in found:
                return name
    return None


def subject_side(phrase: Span, predicate: str, claimant_side: str | None, sentence: Span) -> str | None:
    """The side the counted people or things belong to."""
    lex = lexicon()
    words = _words(phrase)
    actor = None if phrase.root.ent_type_ == "MONEY" else resolve_actor(phrase.text)  # not the US of 'US$'
    if actor is not None and actor.side in OPPOSITE_SIDE:
        return actor.side
    if words & set(lex["enemy_words"]):
        return OPPOSITE_SIDE.get(claimant_side)
    if words & {"our", "own"}:
        return claimant_side
    ally = _fights_for(phrase.root)
    if ally is not None:  # 'fighters of unknown origin fighting for Armenia'
        return ally
    if actor is not None:
        return "other"
    loser = _loser_in(sentence, phrase.root)
    if loser is not None:
        return OPPOSITE_SIDE.get(claimant_side) if loser == "enemy" else loser
    agent = _active_agent(phrase.root)
    if agent is not None and predicate != "denial":  # 'Armenian forces killed 28 soldiers': the others'
        return OPPOSITE_SIDE[agent]
    if words & set(lex["possessive_pronouns"]):  # 'one of its helicopters': the claimant's own
        return claimant_side if claimant_side in OPPOSITE_SIDE else None
    if predicate in ("killed", "wounded", "killed_or_wounded", "displaced") and \
            (words & set(lex["civilian_nouns"]) or predicate == "displaced"):
        # a side's civilians; for a third party, those of the side that holds the place named
        return claimant_side if claimant_side in OPPOSITE_SIDE else held_by(sentence.text)
    if predicate in ("destroyed_equipment", "downed_aircraft", "captured_territory", "captured"):
        return OPPOSITE_SIDE.get(claimant_side)
    return claimant_side if claimant_side in OPPOSITE_SIDE else None


def _fights_for(noun: Token) -> str | None:
    """The side counted fighters fight or serve for: '... mercenaries fighting for Azerbaijan'."""
    for clause in noun.children:
        if clause.dep_ != "acl" or clause.lemma_.lower() not in ("fight", "serve", "work"):
            continue
        for prep in clause.children:
            if prep.dep_ == "prep" and prep.lower_ in ("for", "alongside", "with"):
                for obj in prep.children:
                    actor = resolve_actor(_span_of(obj).text) if obj.dep_ == "pobj" else None
                    if actor is not None and actor.side in OPPOSITE_SIDE:
                        return actor.side
    return None


def _active_agent(noun: Token) -> str | None:
    """The side of whoever, as the subject of an active verb, did to the counted noun what was done."""
    first = _first_conjunct(noun)
    verb = first.head
    doing = {w for name in ("killed", "wounded", "captured", "destroyed_equipment", "captured_territory")
             for w in lexicon()["predicate_words"][name]} - {"lose", "lost"}
    if first.dep_ != "dobj" or verb.lemma_.lower() not in doing:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            actor = resolve_actor(_span_of(child).text)
            if actor is not None and actor.side in OPPOSITE_SIDE:
                return actor.side
    return None


def _loser_in(sentence: Span, counted: Token) -> str | None:
    """The side that 'lost' or 'suffered' what is counted, or whose 'losses' the sentence lists. A verb
    counts only above the counted noun: in 'A says 12 tanks were destroyed, but B lost a helicopter' the
    tanks are not B's."""
    above = {t.i for t in counted.ancestors}
    for token in sentence:
        if token.lemma_ in ("lose", "suffer") and token.pos_ == "VERB" and token.i in above:
            owners = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        elif token.lemma_ == "loss" and token.pos_ == "NOUN":  # 'the Armenian losses', 'the losses of Armenia'
            owners = [c for c in token.children if c.dep_ in ("amod", "poss", "compound")] + [
                o for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for o in c.children
                if o.dep_ == "pobj"]
        else:
            continue
        for owner in owners:
            if owner.lower_ in lexicon()["enemy_words"]:  # 'the adversary lost 11 tanks'
                return "enemy"
            actor = resolve_actor(_span_of(owner).text)
            if actor is not None and actor.side in OPPOSITE_SIDE:
                return actor.side
    return None


# ---------------------------------------------------------------- claimants


def _span_of(token: Token) -> Span:
    return token.doc[token.left_edge.i:token.right_edge.i + 1]


def _speaker_span(token: Token, verb: Token) -> Span:
    """A speaker's words: the token with its modifiers up to its verb, without a list the parse hung on it
    as an apposition ('Azerbaijan reported ... 250 tanks; 150 other vehicles': 'Azerbaijan, 150 ...')."""
    listed = [c for c in token.rights if c.dep_ == "appos" and any(g.dep_ == "nummod" for g in c.children)]
    end = min([c.left_edge.i for c in listed] + [token.right_edge.i + 1] + ([verb.i] if verb.i > token.i else []))
    span = token.doc[token.left_edge.i:end]
    while len(span) > 1 and (span[-1].is_punct or span[-1].is_space):
        span = span[:-1]
    return span


def _claimant_from_span(span: Span, kind: str, cue: str) -> Claimant:
    return Claimant(span.text, span.start_char, span.end_char, resolve_actor(span.text), kind, cue)


def _source_of_preposition(token: Token) -> tuple[str, Span] | None:
    """The source named by a reporting preposition starting at `token` ('according to X', 'per X')."""
    for phrase in lexicon()["reporting_prepositions"]:
        words = phrase.split()
        end = token.i + len(words)
        if [t.lower_ for t in token.doc[token.i:end]] != words:
            continue
        if len(words) == 1 and token.dep_ not in ("prep", "pcomp", "advcl", "ROOT"):
            continue
        last = token.doc[end - 1]
        objects = [c for c in last.children if c.dep_ == "pobj" or (len(words) == 1 and c.dep_ == "dobj")]
        if objects:
            return phrase, _span_of(objects[0])
    return None


def find_claimant(sentence: Span, previous: Claimant | None) -> Claimant | None:
    """Who a sentence attributes its content to: 'according to X', 'per X', 'X said', 'reported by X'."""
    lex = lexicon()
    for token in sentence:
        found = _source_of_preposition(token)
        if found is None:
            continue
        phrase, source = found
        if previous is not None and source[0].lower_ in lex["possessive_pronouns"]:
            # "according to its version": the one who spoke before
            return Claimant(previous.text, previous.start, previous.end, previous.actor, "carried", phrase)
        return _claimant_from_span(source, "source", phrase)
    for token in sentence:
        found = _claimant_of_verb(token, previous)
        if found is not None:
            return found
    for cue, pattern in WRITTEN_SOURCES:
        found = pattern.search(sentence.text)
        actor = resolve_actor(found["source"]) if found else None
        if actor is not None or (found and cue == "dash" and ABBREVIATION.fullmatch(found["source"])
                                 and not found["source"].islower()):
            start = sentence.start_char + found.start("source")
            return Claimant(found["source"], start, start + len(found["source"]), actor, "source", cue)
    return None


def _claimant_of_verb(token: Token, previous: Claimant | None) -> Claimant | None:
    """Who a reporting verb names as speaker: its subject or passive agent ('he said': the one before)."""
    if token.lemma_.lower() not in lexicon()["reporting_verbs"] or token.pos_ not in ("VERB", "AUX"):
        return _claimant_of_mistagged_verb(token)
    for child in token.children:
        if child.dep_ == "agent":
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects:
                return _claimant_from_span(_speaker_span(objects[0], token), "speaker", token.lemma_)
        if child.dep_ == "nsubj":
            if child.pos_ == "PRON":
                if previous is not None and child.lower_ not in ("it", "we", "i", "you"):
                    return Claimant(previous.text, previous.start, previous.end, previous.actor, "carried",
                                    token.lemma_)
                continue
            return _claimant_from_span(_speaker_span(child, token), "speaker", token.lemma_)
    if token.dep_ == "xcomp":  # 'the ministry was forced to admit', 'Baku declined to confirm'
        for child in token.head.children:
            if child.dep_ in ("nsubj", "nsubjpass") and child.pos_ != "PRON":
                return _claimant_from_span(_speaker_span(child, token.head), "speaker", token.lemma_)
    if token.dep_ == "acl" and token.head.dep_ == "ROOT" and token.head.pos_ in ("NOUN", "PROPN"):
        # 'The office of the President informed on Tuesday, that ...': a speaker the parse read as a noun
        # phrase with its verb as a modifier
        return _claimant_from_span(_speaker_span(token.head, token), "speaker", token.lemma_)
    return _speaker_before(token)


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
    actor = resolve_actor(words.text)
    return Claimant(words.text, words.start_char, words.end_char, actor, "speaker", verb.lemma_) if actor else None


def _claimant_of_mistagged_verb(token: Token) -> Claimant | None:
    """'Azerbaijan states they hold 4 cities': a reporting verb in -s read as a plural noun, with the actor
    before it read as its compound and the reported clause hanging from it."""
    verb = token.lower_.removesuffix("s")
    if token.tag_ != "NNS" or verb not in lexicon()["reporting_verbs"] or \
            not any(c.dep_ in ("ccomp", "relcl") and c.i > token.i for c in token.children):
        return None
    for child in token.children:
        if child.dep_ == "compound" and child.i < token.i:
            claimant = _claimant_from_span(_span_of(child), "speaker", verb)
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
    return Claimant(context.outlet, None, None, None, "outlet", None)


# ---------------------------------------------------------------- denials


def _first_conjunct(token: Token, deps: tuple[str, ...] = ("conj", "appos")) -> Token:
    """The first item of the list a token is an item of ('5 tanks and a radar' → tanks for radar)."""
    while token.dep_ in deps and token.head != token:
        token = token.head
    return token


def _conjuncts(token: Token, deps: tuple[str, ...] = ("conj",)) -> list[Token]:
    """A token and the tokens coordinated with it: 'Turkey and Azerbaijan' → [Turkey, Azerbaijan]."""
    found = [token]
    for child in token.children:
        if child.dep_ in deps:
            found.extend(_conjuncts(child, deps))
    return found


def _own_span(token: Token) -> Span:
    """A token with its own modifiers, without what is coordinated with it."""
    right = max((c.right_edge.i for c in token.children if c.dep_ not in ("conj", "cc", "punct") and c.i > token.i),
                default=token.i)
    return token.doc[token.left_edge.i:right + 1]


def _deniers(verb: Token, sentence_claimant: Claimant | None) -> list[Claimant]:
    """Who denies: the verb's subjects, or its passive agents ('denied by A, B and C'), one claimant each."""
    for child in verb.children:
        heads = []
        if child.dep_ == "agent":
            heads = [c for c in child.children if c.dep_ == "pobj"]
        elif child.dep_ == "nsubj" and child.pos_ != "PRON":
            heads = [child]
        if heads:
            return [_claimant_from_span(_own_span(t), "speaker", verb.lemma_.lower()) for t in _conjuncts(heads[0])]
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
            claimant = _claimant_from_span(_own_span(child), "speaker", sentence.root.lemma_.lower())
            return claimant if claimant.actor is not None else None
    return None


def _denied_object(verb: Token) -> Span | None:
    """What a verb denies: its object or clause after it (or its passive subject)."""
    for child in verb.children:
        if (child.dep_ in ("dobj", "ccomp", "xcomp", "attr", "oprd") and child.i > verb.i) or child.dep_ == "nsubjpass":
            return _span_of(child)
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
        owner = next((resolve_actor(_span_of(o).text) for o in by.children if o.dep_ == "pobj"), None)
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


def find_denials(sentence: Span, sentence_claimant: Claimant | None) -> list[Denial]:
    """The denials a sentence makes, by three patterns, tried in order:

    a denial verb (deny, refute; reject or dismiss a report or a clause), with one denial per denier;
    a phrase that calls something false ('unfounded', 'does not correspond to reality');
    a reported clause that negates involvement or control ('insists its troops do not take part').
    """
    lex = lexicon()
    denials: list[Denial] = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if not token.tag_.startswith("VB"):
            continue
        if lemma in lex["denial_verbs"] or (
                lemma in lex["denial_verbs_with_claim_object"] and _has_claim_object(token)):
            denied = _denied_object(token)
            target = denied if denied is not None else sentence
            for denier in _deniers(token, sentence_claimant):
                denials.append(Denial(denier, target.text, target.start_char, target.end_char, _report_owner(denied),
                                      names_its_object=denied is not None))
    if denials or sentence_claimant is None:
        return denials
    text = sentence.text.lower()
    phrase_starts = [m.start() for phrase in lex["denial_phrases"]
                     for m in re.finditer(rf"\b{re.escape(phrase)}\b", text)]
    if phrase_starts:
        denier, denied = sentence_claimant, None
        subject = _main_subject(sentence) if denier.kind == "outlet" else None
        if subject is not None:  # "The ministry called reports that ... a fabrication"
            denier, denied = subject, _denied_object(sentence.root)
        else:  # "The information spread by X about ... is a lie": what stands before the phrase
            denied = _claim_before(sentence, sentence.start_char + min(phrase_starts))
        target = denied if denied is not None else sentence
        return [Denial(denier, target.text, target.start_char, target.end_char, _report_owner(denied),
                       names_its_object=denied is not None)]
    if sentence_claimant.kind != "outlet":
        for token in sentence:
            negated = any(c.dep_ == "neg" for c in token.children)
            if negated and token.lemma_.lower() in lex["negated_involvement_verbs"]:
                clause = _span_of(token)
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


# ---------------------------------------------------------------- dates


def pick_as_of(sentence: Span, dates: list[DateMatch], figure: Token | None = None) -> DateMatch | None:
    """The date a figure refers to: one introduced by 'as of', 'by', 'until', ... (of several, the one
    nearest the figure: 'A reported 1,166 as of 28 October, while B reported 2,300 as of 30 September');
    else the last one."""
    usable = [d for d in dates if d.value is not None and not _starts_a_range(sentence, d)]
    if not usable:
        return None
    text = sentence.text.lower()
    cued = [d for d in usable if text[:d.start - sentence.start_char].rstrip().endswith(AS_OF_CUES)]
    if not cued:
        return _date_above(sentence, usable, figure) or usable[-1]
    if figure is None:
        return cued[0]
    return min(cued, key=lambda d: abs(d.start - figure.idx))


def _date_above(sentence: Span, dates: list[DateMatch], figure: Token | None) -> DateMatch | None:
    """Of uncued dates, the one the parse attaches to the verb nearest above the figure ('X said on Thursday
    its forces took 13 villages, despite a truce that began on Sunday': Thursday, not Sunday)."""
    if figure is None:
        return None
    above = [figure, *figure.ancestors]
    ranked = []
    for found in dates:
        verb = _verb_of(_date_token(sentence, found))
        if verb is not None and verb in above:
            ranked.append((above.index(verb), found))
    return min(ranked, key=lambda r: r[0])[1] if ranked else None


def _verb_of(token: Token | None) -> Token | None:
    """The first verb above a token."""
    while token is not None and token.head != token:
        token = token.head
        if token.pos_ in ("VERB", "AUX"):
            return token
    return None


def _date_token(sentence: Span, found: DateMatch) -> Token | None:
    span = sentence.doc.char_span(found.start, found.end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _starts_a_range(sentence: Span, found: DateMatch) -> bool:
    """Whether a date only says when a period began: 'since Sept. 27', 'since the truce took effect on
    the 10th', 'from 27 September (to ...)'. Figures are counted up to a later date, not as of this one."""
    token = _date_token(sentence, found)
    while token is not None:
        if token.lower_ in AS_OF_CUES and token.dep_ == "prep":  # '(from ...) to the morning of 30': the end
            return False
        if token.lower_ in ("since", "from") and token.dep_ in ("prep", "mark"):
            return True
        if any(c.dep_ == "mark" and c.lower_ == "since" for c in token.children):
            return True
        if token.head == token or token.lemma_.lower() in lexicon()["reporting_verbs"]:
            return False
        token = token.head
    return False


def _dates_a_statement(sentence: Span, found: DateMatch) -> bool:
    """Whether a date says when a statement was made ('said at a briefing on the evening of 29 that ...'),
    not when what it reports happened ('said a woman was killed yesterday'): the first verb above the
    date is a reporting verb."""
    verb = _verb_of(_date_token(sentence, found))
    return verb is not None and verb.lemma_.lower() in lexicon()["reporting_verbs"]


def _dated(as_of: DateMatch | None, context: ArticleContext) -> dict:
    """The as_of fields of a claim: its date, the words that gave it and how it was read; without a date,
    the publication date, said to be a fallback."""
    if as_of is not None:
        return {"as_of": as_of.value, "as_of_text": as_of.text, "as_of_precision": as_of.precision}
    if context.published_date is not None:  # a stated fallback: the figure as reported that day
        return {"as_of": context.published_date, "as_of_text": None, "as_of_precision": "publication_date"}
    return {"as_of": None, "as_of_text": None, "as_of_precision": "unknown"}


def is_background(sentence: Span) -> bool:
    """A sentence about earlier history: a date in it names a year before the one this corpus covers."""
    cutoff = lexicon()["background_years_before"]
    return any(int(year) < cutoff for ent in sentence.ents if ent.label_ == "DATE" for year in YEAR.findall(ent.text))


def background_sentences(sentences: list[Span], text: str) -> set[int]:
    """The indexes of sentences about earlier history: those `is_background` finds, and a sentence that goes
    on from one of them in its paragraph without a date of its own ('The conflict began in 1988. As a result
    of the ensuing war, Armenian forces occupied 20 percent of ...')."""
    found: set[int] = set()
    for index, sentence in enumerate(sentences):
        goes_on_from_history = index - 1 in found and SAME_DAY.search(sentence.text) is not None and \
            not any(ent.label_ == "DATE" for ent in sentence.ents) and \
            "\n\n" not in text[sentences[index - 1].end_char:sentence.start_char]
        if goes_on_from_history or is_background(sentence):
            found.add(index)
    return found


# ---------------------------------------------------------------- the article


def extract_claims(doc: Doc, context: ArticleContext) -> list[ClaimMention]:
    claims: list[ClaimMention] = []
    previous: Claimant | None = None
    list_source: Claimant | None = None
    list_words: set[str] = set()  # what the sentence that introduced a list says of its items ('destroyed')
    last_named: Actor | None = None  # the last claimant the alias seed knew, for 'the ministry' after it
    last_date: DateMatch | None = None  # the date the paragraph's last claims were given
    last_date_of_statement = False  # whether that date was when a statement was made
    paragraph_end = -1
    named: list[Claimant] = []  # every claimant the alias seed knew, in order
    text = doc.text  # spaCy joins the tokens again on every access
    sentences = list(doc.sents)
    quoted = _quote_speakers(sentences, text)
    history = background_sentences(sentences, text)
    for index, sentence in enumerate(sentences):
        heading = LIST_HEADING.match(sentence.text)
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
            goes_on = CONTINUATION.match(sentence.text) is not None
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
        if claimant is not None and claimant.actor is None and claimant.text and THE_COUNTRYS.search(claimant.text):
            claimant = replace(claimant, actor=_country_of_subject(sentence, claimant.text))
        if claimant is not None and claimant.actor is None and not named and claimant.kind in ("speaker", "source") \
                and (_refers_back(claimant.text, bare=True) or ABBREVIATION.fullmatch(claimant.text or "")):
            claimant = replace(claimant, actor=_spelled_out_later(claimant.text, sentences[index + 1:index + 6]))
        if claimant is not None and claimant.actor is None and last_named is not None and \
                _refers_back(claimant.text):  # 'the ministry', 'he': the last actor named as a claimant
            claimant = replace(claimant, actor=last_named)
        if claimant is not None and claimant.actor is None and claimant.text and claimant.text.istitle() and \
                " " not in claimant.text:  # 'Hajiyev added', after 'Hikmet Hajiyev, an aide to President Aliyev'
            claimant = replace(claimant, actor=next((c.actor for c in reversed(named)
                                                     if claimant.text in re.findall(r"[\w'’-]+", c.text)), None))
        if claimant is not None and claimant.actor is None and claimant.text and LOCAL.search(claimant.text):
            claimant = replace(claimant, assumed_side=held_by(sentence.text))  # local officials of the place named
        if claimant is not None and claimant.actor is not None:
            last_named = claimant.actor
            named.append(claimant)
        if claimant is not None and not list_item and sentence.text.rstrip().endswith(":"):
            # 'According to the ministry, the following equipment of the enemy was destroyed:' and a list
            list_source, list_words = claimant, _words(t for t in sentence if t.pos_ in ("VERB", "ADJ"))
        dates = [DateMatch(d.start + sentence.start_char, d.end + sentence.start_char, d.text, d.value,
                           d.precision) for d in find_dates(sentence.text, context.reference_date)]
        figures = counts_in(sentence, dates)
        denials = find_denials(sentence, claimant or outlet_claimant(context))
        if not figures and not denials:
            previous = claimant if claimant is not None and claimant.kind != "outlet" else previous
            if dates:
                last_date, last_date_of_statement = _last_date(sentence, dates, index in history, last_date,
                                                               last_date_of_statement)
            continue
        background = index in history
        claimant = claimant or outlet_claimant(context)
        continued = goes_on or (last_date_of_statement and _continues_statement(claimant, previous))
        if not any(d.value for d in dates) and last_date is not None and (SAME_DAY.search(sentence.text) or continued):
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
                                       **shared, **_dated(pick_as_of(sentence, dates), context)))
        for count in figures:
            number, noun = count.token, count.noun
            phrase = noun_phrase(noun)
            antecedent = _antecedent(count, figures)
            kind_noun, kind_phrase = (noun, phrase) if antecedent is None else (antecedent, noun_phrase(antecedent))
            including = _included_in(noun)
            predicate = _total_brought(number, claims, index) or predicate_for(number, noun, kind_phrase) or \
                _listed_with(claims, index, phrase) or (
                    predicate_for(number, including, noun_phrase(including)) if including is not None else None) or (
                    _predicate_from(number, noun, phrase, list_words) if list_item and list_words else None)
            side_phrase = count.own_words or phrase
            if predicate is None:
                continue
            denied = next((d for d in denials if d.covers(number)), None)
            if denied is not None:  # a figure known only through its denial belongs to the denied report
                who = claimant_of_denied_report(denied)
                side = denied.claimant.side or subject_side(side_phrase, predicate, who.side, sentence)
            else:
                who = figure_claimant(number, claimant, previous)
                side = subject_side(side_phrase, predicate, who.side, sentence)
                if claims and (antecedent is not None or _continues_previous_figure(number, phrase)):
                    side = claims[-1].subject_side  # 'another 1,900 were injured', 'and seven others wounded'
            subject_text = phrase.text if count.own_words is None else f"{count.own_words.text} {noun.text}"
            claims.append(ClaimMention(claimant=who, predicate=predicate, subject_text=subject_text, subject_side=side,
                                       subject_kind=subject_kind(kind_noun, kind_phrase), quantity=count.quantity,
                                       quantity_text=count.text, qualifier=count.qualifier, **shared,
                                       **_dated(pick_as_of(sentence, dates, number), context)))
        last_date, last_date_of_statement = _last_date(sentence, dates, background, last_date,
                                                       last_date_of_statement)
        if claimant.kind != "outlet":
            previous = claimant
    return claims


def _country_of_subject(sentence: Span, claimant_text: str) -> Actor | None:
    """'The Azerbaijani army destroyed ..., according to the country's Defense Ministry': the country of the
    sentence's subject, and its body the claimant names if the alias seed knows it ('Azerbaijan's defence
    ministry')."""
    subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    actor = resolve_actor(_span_of(subject).text) if subject is not None else None
    if actor is None or actor.side not in OPPOSITE_SIDE:
        return None
    country = actor_aliases().get(actor.side)
    if country is None:
        return actor
    return resolve_actor(THE_COUNTRYS.sub(f"{country.actor_name}'s", claimant_text)) or country


@dataclass(frozen=True)
class Quotation:
    first_sentence: int
    speaker: Claimant


def _quote_speakers(sentences: list[Span], text: str) -> dict[int, Quotation]:
    """The quotation each sentence of a quotation that runs over several sentences is part of, with its
    speaker: the one named after it closes ('"Their propaganda spreads fakes. Such reports are lies," X
    said.' → both are X's)."""
    speakers: dict[int, Quotation] = {}
    opened: int | None = None
    for index, sentence in enumerate(sentences):
        if opened is not None and text.find("\n\n", sentences[opened].start_char, sentence.start_char) != -1:
            opened = None  # a quotation that never closes in its paragraph
        marks = sentence.text.count('"') + sentence.text.count("“") + sentence.text.count("”")
        if marks % 2 == 0:
            continue
        if opened is None:
            opened = index
            continue
        speaker = find_claimant(sentence, None)
        if speaker is not None and speaker.start is not None and \
                speaker.start > sentence.start_char + max(sentence.text.rfind('"'), sentence.text.rfind("”")):
            speakers.update(dict.fromkeys(range(opened, index + 1), Quotation(opened, speaker)))
        opened = None
    return speakers


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
    return found, _dates_a_statement(sentence, found)


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
    return words[0] in {"the", "its", "his", "her", "their", "he", "she", "they", "spokesman", "spokeswoman",
                        "spokesperson"} or (bare and len(words) == 1 and claimant_text.islower())


def _listed_with(claims: list[ClaimMention], sentence_index: int, phrase: Span) -> str | None:
    """Equipment in a list whose parse hides its verb ('130 tanks, 200 sets of artillery, 25 air defence
    systems were destroyed') shares the predicate of the equipment listed before it in the sentence."""
    lex = lexicon()
    earlier = [c.predicate for c in claims if c.sentence_index == sentence_index]
    if not earlier or earlier[-1] not in ("destroyed_equipment", "downed_aircraft"):
        return None
    if _names_aircraft(phrase):
        return "downed_aircraft"
    return "destroyed_equipment" if _words(phrase) & set(lex["equipment_nouns"]) else None


def _included_in(noun: Token) -> Token | None:
    """The noun a subset is listed in: systems, for '60 air defence systems, including 4 S-300s'."""
    first = _first_conjunct(noun, ("conj",))
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


def extract_events(doc: Doc, context: ArticleContext) -> list[EventMention]:
    """Events a sentence reports: one for its strongest trigger and its first date; a sentence with
    several dates gives one event per date, of the trigger written nearest it ('announced the capture of
    Jabrayil on 9 October and Fuzuli on 19 October': two captures)."""
    events: list[EventMention] = []
    sentences = list(doc.sents)
    history = background_sentences(sentences, doc.text)
    for index, sentence in enumerate(sentences):
        triggers = _event_triggers(sentence)
        if not triggers:
            continue
        dates = [d for d in find_dates(sentence.text, context.reference_date) if d.value is not None]
        dates = [d for i, d in enumerate(dates) if i == 0 or not RANGE_END.search(sentence.text[:d.start])]
        place_hits = place_matcher().find(sentence.text)
        place_text = sentence.text[place_hits[0].start:place_hits[0].end] if place_hits else next(
            (e.text for e in sentence.ents if e.label_ in ("GPE", "LOC", "FAC")), None)
        if not dates and place_text is None:
            continue
        dated = _triggers_of_dates(sentence, triggers, dates) if dates else [(triggers[0], None)]
        seen = set()
        for (event_type, trigger_start, trigger), when in dated:
            key = (event_type, when.value if when else None)
            if key in seen:
                continue
            seen.add(key)
            actor_side, target_side = _event_sides(sentence.text, trigger_start)
            events.append(EventMention(
                sentence_index=index, trigger=trigger, event_type=event_type,
                event_date=when.value if when else None, date_text=when.text if when else None,
                date_precision=when.precision if when else "unknown",
                place_text=place_text, place_id=resolve_place(place_text) if place_text else None,
                actor_side=actor_side, target_side=target_side, is_background=index in history,
                span_start=sentence.start_char, span_end=sentence.end_char,
            ))
    return events


def _triggers_of_dates(sentence: Span, triggers: list[tuple[str, int, str]], dates: list[DateMatch]
                       ) -> list[tuple[tuple[str, int, str], DateMatch]]:
    """Each date with its trigger: the one the parse attaches it to; else, of several dates, the nearest
    trigger no other date is attached to; else the sentence's strongest trigger."""
    at: dict[int, tuple[str, int, str]] = {}  # token index → its trigger (the strongest, when several)
    for trigger in triggers:
        words = sentence.char_span(trigger[1], trigger[1] + len(trigger[2]), alignment_mode="expand")
        if words is not None and len(words):
            at.setdefault(words.root.i, trigger)
    attached = {d: _trigger_of_date(sentence, at, d) for d in dates}
    free = [t for t in triggers if t not in attached.values()] or triggers
    return [(attached[d] or (min(free, key=lambda t, d=d: abs(t[1] - d.start)) if len(dates) > 1 else triggers[0]), d)
            for d in dates]


def _trigger_of_date(sentence: Span, at: dict[int, tuple[str, int, str]], when: DateMatch
                     ) -> tuple[str, int, str] | None:
    """The trigger a date is attached to in the parse: the first head above the date that is a trigger,
    or whose subject or object is ('the truce came into effect on 10 October': the truce)."""
    span = sentence.char_span(when.start, when.end, alignment_mode="expand")
    if span is None or not len(span):
        return None
    token = span.root
    while True:
        for candidate in [token, *(c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "dobj"))]:
            if candidate.i in at:
                return at[candidate.i]
        if token.head == token:
            return None
        token = token.head


def _event_triggers(sentence: Span) -> list[tuple[str, int, str]]:
    """Every event trigger of a sentence (type, where it starts, its words), the strongest type first.

    A one-word trigger matches any form of the word (its lemma); a phrase or hyphenated word matches as
    written. A word of violation counts only in a sentence about a ceasefire.
    """
    text = sentence.text.lower()
    triggers = lexicon()["event_triggers"]
    forms: dict[str, list[tuple[int, int]]] = {}  # each word form and lemma of the sentence → where it stands
    for t in sentence:
        where = (t.idx - sentence.start_char, t.idx - sentence.start_char + len(t.text))
        for form in {t.lower_, t.lemma_.lower()}:
            forms.setdefault(form, []).append(where)

    def find(word: str) -> list[tuple[int, int]]:
        if not word.isalpha():  # a phrase or a hyphenated word: as written
            return [(m.start(), m.end()) for m in re.finditer(rf"\b{re.escape(word)}\b", text)]
        return forms.get(word, [])

    order = ["martial_law", "mobilization", "ceasefire", "capture", "missile_strike", "drone_strike", "shelling",
             "attack", "diplomatic"]
    if any(find(word) for word in triggers["ceasefire"]):
        order.insert(0, "ceasefire_violation")
    found = []
    for event_type in order:
        for word in triggers[event_type]:
            found += [(event_type, start, sentence.text[start:end]) for start, end in find(word)]
    return found


def _event_sides(text: str, trigger_start: int) -> tuple[str | None, str | None]:
    """Actor: the last side named before the trigger; target: the first other side named after it."""
    hits = actor_matcher().find(text)
    aliases = actor_aliases()
    before = [aliases[h.key].side for h in hits if h.end <= trigger_start]
    actor_side = before[-1] if before else None
    after = [aliases[h.key].side for h in hits if h.start > trigger_start and aliases[h.key].side != actor_side]
    return actor_side, after[0] if after else None
