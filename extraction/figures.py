"""Numbers in a sentence and what they count: the figure, its qualifier, the noun it counts, the predicate
(killed, destroyed, ...) the words around it support, and the side of what is counted.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from spacy.tokens import Span, Token

from claimhouse.dates import DateMatch
from claimhouse.reference import OPPOSITE_SIDE
from extraction.lexicon import any_of, held_by, lexicon, resolve_actor, resolve_place, word_set
from extraction.syntax import (
    answered_once,
    conjuncts,
    deps_of,
    first_conjunct,
    forms_of,
    has_subject,
    number_like_of,
    of_object,
    own_span,
    span_of,
    text_of,
    tokens_with,
    words_of,
)

SKIPPED_NUMBER_ENTITIES = {"DATE", "TIME", "PERCENT", "ORDINAL"}
PARTITIVE_NOUNS = {"set", "sets", "unit", "units", "piece", "pieces", "number", "total", "batch"}
# weapons against aircraft are not aircraft: 'anti-aircraft gun', 'counter-drone system'
AGAINST_AIRCRAFT = re.compile(r"\b(?:anti|counter)[-\s]?(?:aircraft|drone|uav|air)\b")


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
    """Whether a token writes a figure: a number that is not a date, time, percentage or ordinal, nor a
    measure ('5 km'; spaCy also reads '1 civilian' as a QUANTITY, and that one counts)."""
    if token.ent_type_ in SKIPPED_NUMBER_ENTITIES or not (token.like_num or token.lower_ == "dozen"):
        return False
    if token.ent_type_ == "QUANTITY" and token.i + 1 < len(token.doc) and \
            token.nbor(1).lower_ in word_set("measure_units"):
        return False
    if token.i + 1 < len(token.doc) and token.nbor(1).text in ("%", "percent", "per"):
        return False
    if token.lower_ == "one" and token.i > 0 and token.nbor(-1).lower_ == "no":
        return False  # 'no one was injured': a zero count (implied_count)
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
    doc, lowers, numbers = sentence.doc, forms_of(sentence.doc)[0], number_like_of(sentence.doc)
    for t in (doc[i] for i in range(sentence.start, sentence.end) if numbers[i] or lowers[i] == "dozen"):
        if is_figure(t) and not any(d.start <= t.idx < d.end for d in dates):
            noun = counted_noun(t)
            shared = _shared_noun(noun)
            found.append(Count(t, parse_quantity(t)[0], shared or noun, t.text, qualifier_before(t),
                               t.doc[t.i:noun.i + 1] if shared is not None else None))
    # most tokens have none of the roles a noun that implies a count has
    found += [count for t in tokens_with(sentence, deps_of(sentence.doc), IMPLIED_COUNT_ROLES)
              if (count := implied_count(t)) is not None]
    return sorted(found, key=lambda c: c.token.i)


# The roles of a noun that implies a count as a verb's subject or object ('attr': 'there are no casualties').
VERB_ROLES = ("nsubj", "nsubjpass", "dobj", "attr")
# Every role a token that implies a count may have: one of those, the object of a preposition, a list item.
IMPLIED_COUNT_ROLES = frozenset(("conj", "pobj", *VERB_ROLES))


@cache
def _casualty_words() -> frozenset[str]:
    return frozenset(word for predicate in ("killed", "wounded", "killed_or_wounded", "captured")
                     for word in lexicon()["predicate_words"][predicate])


# The determiners that make a noun a count of one ('a', 'an') or none ('no').
COUNTING_DETERMINERS = frozenset(("a", "an", "no"))


def implied_count(noun: Token) -> Count | None:
    """The count a noun implies as the subject or object of a predicate verb: 'a'/'an' → 1, 'no' → 0,
    'nobody'/'no one' → 0; a named person killed or wounded → 1."""
    if noun.dep_ not in IMPLIED_COUNT_ROLES:
        return None  # most tokens: none of the roles below, nor in a list (the cheapest test, first)
    if noun.lower_ not in ("nobody", "noone", "one") and not (noun.ent_type_ == "PERSON" and noun.pos_ == "PROPN") \
            and COUNTING_DETERMINERS.isdisjoint(forms_of(noun.doc)[0][noun.left_edge.i:noun.right_edge.i + 1]):
        return None  # none of the counts below: no 'a', 'an' or 'no' in the noun's phrase, nor a name
    lex = lexicon()
    first = first_conjunct(noun, ("conj",))
    head = first.head
    if first.dep_ == "pobj" and head.lower_ in ("of", "including", "among") and head.head.pos_ == "NOUN":
        head = head.head  # 'the death of a commander', '39 vehicles, including a T-90 tank'
    elif first.dep_ not in VERB_ROLES or head.pos_ not in ("VERB", "AUX"):
        return None
    if any(c.dep_ == "neg" for c in head.children) or any(c.dep_ == "nummod" for c in noun.children):
        return None
    verb = {head.lower_, head.lemma_.lower()} | words_of(c for c in head.children if c.dep_ in ("oprd", "attr", "dobj"))
    casualty_verb = bool((verb | {noun.lower_}) & _casualty_words())  # 'killed', 'taken prisoner'; 'no casualties'
    if first.dep_ == "nsubj" and not (verb & {"die", "perish"}):
        return None  # the active subject of 'killed' is the one who killed
    determiner = next((c for c in noun.children if c.dep_ == "det"), None)
    if determiner is None and noun.left_edge.lower_ in ("a", "an", "no") and noun.left_edge != noun:
        determiner = noun.left_edge  # 'An Azerbaijani combat drone', the article parsed as a compound
    if noun.lower_ in ("nobody", "noone") or (noun.lower_ == "one" and determiner is not None
                                                and determiner.lower_ == "no"):
        return Count(noun, 0, noun, noun.text) if casualty_verb else None
    if noun.ent_type_ == "PERSON" and noun.pos_ == "PROPN":  # not a place spaCy took for a person ('Shusha')
        return Count(noun, 1, noun, noun.text) if casualty_verb and resolve_place(noun.text) is None else None
    if determiner is None or determiner.lower_ not in ("a", "an", "no") or noun.pos_ not in ("NOUN", "PROPN") or \
            (determiner.lower_ != "no" and noun.tag_ not in ("NN", "NNP")):
        return None
    if noun.lower_ in ("number", "total"):
        return None  # 'a large number of manpower': no count
    if noun.lower_ in PARTITIVE_NOUNS:  # 'a set of S-300 systems'
        noun = of_object(noun) or noun
        if any(c.dep_ == "nummod" for c in noun.children):
            return None  # 'a total of 63 civilians': the number counts them
    things = set(lex["equipment_nouns"]) | set(lex["aircraft_nouns"]) | set(lex["property_nouns"])
    if not (casualty_verb and noun.pos_ == "NOUN") and not (
            {noun.lower_, noun.lemma_.lower()} & things or {t.lower_ for t in noun.lefts} & things):
        return None
    # the noun stands for the figure: predicates read it as a count of its own
    if determiner.lower_ == "no":
        return Count(noun, 0, noun, determiner.text)
    people = [t for t in conjuncts(noun) if t.tag_ == "NN"]  # 'a mother and her son' → 2
    return Count(noun, len(people) if casualty_verb else 1, noun, determiner.text)


def counted_noun(number: Token) -> Token:
    """The noun a number counts: its head for '130 tanks', the noun after 'of' for '200 sets of guns'."""
    _, last = parse_quantity(number)
    noun = number.head if number.dep_ in ("nummod", "quantmod", "amod", "compound") else number
    while noun != number and noun.head.pos_ in ("NOUN", "PROPN") and noun.head.i > noun.i and (
            noun.dep_ in ("nmod", "amod") or (noun.dep_ in ("nummod", "compound", "dep") and _is_model_number(noun))):
        noun = noun.head  # '39 Azerbaijani military vehicles', '3 BM-21 Grad MLRS': the number is the noun's
    if not any(ch.isalpha() for ch in noun.text):  # '• 3,000 killed': a bullet is not what is counted
        noun = number
    if last != number and last.dep_ == "nummod":
        noun = last.head
    if noun == number and number.head.dep_ == "relcl" and any(
            c.lower_ == "of" and any(o.lower_ in ("whom", "which") for o in c.children) for c in number.head.children):
        return number.head.head  # '790 soldiers, of whom 180 were killed': 180 of those soldiers
    if noun == number and number.dep_ == "pobj" and number.head.lower_ in ("to", "from", "at", "of"):
        counted = _level_of(number.head.head) or _number_of(number.head.head)
        if counted is not None:
            return counted
    if noun == number or noun.lower_ in PARTITIVE_NOUNS:  # 'one of our helicopters', '200 sets of guns'
        return of_object(noun) or noun
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


def _level_of(verb: Token, figure_noun: Token | None = None) -> Token | None:
    """What a level verb puts a figure on: 'the toll rose to 12 (from 9)' → toll, 'the number of civilians
    killed had risen to 63' → civilians, 'officials put civilian deaths at 40' → deaths; not the noun the
    figure itself counts ('the number of dead is approaching 5 thousand people' → dead)."""
    if verb.lemma_.lower() not in word_set("level_verbs") and not (
            verb.lemma_ == "be" and any(c.dep_ == "prep" and c.lower_ == "at" for c in verb.children)):
        return None  # a level verb, or 'is (now) at': 'the death toll is now at 1,177'
    for dep in ("dobj", "nsubj", "nsubjpass"):  # 'X raised its toll to 12': the toll, not X
        for child in verb.children:
            if child.dep_ == dep and child != figure_noun and child.pos_ in ("NOUN", "PROPN") and \
                    (dep != "nsubj" or verb.lemma_.lower() != "put"):
                return (of_object(child) or child) if child.lower_ in PARTITIVE_NOUNS else child
    return None


def _number_of(verb: Token) -> Token | None:
    """'corrected the number of drones shot down to 13, instead of 16': what 'the number of' a verb's subject
    or object counts, when a figure hangs from the verb by 'to', 'from' or 'instead of'."""
    if verb.pos_ not in ("VERB", "AUX"):
        return None
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj") and child.lower_ in ("number", "total"):
            return of_object(child)
    return None


def noun_phrase(noun: Token) -> Span:
    """The noun with its modifiers to the left and its 'of ...' phrase, not its clauses."""
    left = min((t.left_edge.i for t in noun.lefts), default=noun.i)
    right = noun.i
    for child in noun.rights:
        if child.dep_ == "appos" and any(c.dep_ == "nummod" for c in child.children):
            break  # '12 tanks, 4 radars': the next item of a list, not a name for this one
        if child.dep_ in ("compound", "amod", "appos") or (child.dep_ == "prep" and child.lower_ in ("of", "from")):
            right = max(right, own_span(child).end - 1)
    return noun.doc[left:right + 1]


def own_object(verb: Token, noun: Token) -> bool:
    """Whether a verb coordinated with the one a direct object hangs from has an object of its own: in
    'killed nine civilians and wounded 34 others' the nine were not wounded."""
    return noun.dep_ == "dobj" and any(c.dep_ == "dobj" for c in verb.children)


def governing_words(noun: Token, within_clause: bool = True) -> set[str]:
    """Verbs and adjectives that say what happened to a noun: its heads up to its own clause's verb, and
    verbs coordinated with that one that share its subject ('were killed and injured'), not those with
    a subject of their own ('6 were killed and 21 were wounded'). Without `within_clause`, heads up to
    three levels whatever the clause (for parses that hang a figure off the wrong verb)."""
    first = first_conjunct(noun)
    if first.dep_ == "pobj" and first.head.lower_ == "of" and first.head.head.lower_ in PARTITIVE_NOUNS:
        first = first_conjunct(first.head.head)  # '9 units of armoured vehicles': what happened to the units
    words = words_of(c for c in noun.children if c.dep_ in ("acl", "amod", "relcl"))
    words |= words_of(c for c in first.children if c.dep_ in ("acl", "relcl"))
    head = first.head
    for _ in range(3):
        if head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            words |= words_of([head]) | words_of(c for c in head.children if c.dep_ == "conj" and c.pos_ == "VERB"
                                                 and not (within_clause and (has_subject(c) or own_object(c, first))))
            words |= words_of(c for c in head.children if c.dep_ in ("acomp", "xcomp", "prt", "oprd"))
        if head.head == head or (within_clause and head.pos_ in ("VERB", "AUX") and has_subject(head)):
            break
        if within_clause and head.dep_ == "conj" and any(c.dep_ == "dobj" for c in head.children):
            break  # 'killing one civilian and wounding four': four were wounded, not killed
        head = head.head
    return words


def names_aircraft(phrase: Span) -> bool:
    """Whether a phrase names aircraft: 'four helicopters', 'a Bayraktar', not 'anti-aircraft systems'. Read
    once a phrase: a figure's predicate asks it with each of its sets of governing words."""
    return answered_once(phrase.doc, "names_aircraft", (phrase.start, phrase.end),
                         lambda: _aircraft_nouns().search(AGAINST_AIRCRAFT.sub(" ", text_of(phrase).lower()))
                         is not None)


@cache
def _aircraft_nouns() -> re.Pattern[str]:
    return any_of(tuple(lexicon()["aircraft_nouns"]), r"(?<![\w-])", r"(?![\w-])")


@cache
def _subject_kinds() -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], frozenset[str]], ...]:
    """The lexicon's subject kinds in order: (kind, its entries, those of them that are not one plain word
    ('air defence', 'S-300'), the entries as a set)."""
    return tuple((kind, tuple(entries), tuple(e for e in entries if not e.isalpha()), frozenset(entries))
                 for kind, entries in lexicon()["subject_kinds"].items() if not kind.startswith("_"))


def subject_kind(noun: Token, phrase: Span) -> str | None:
    """What a figure counts, as a kind figures can be compared by ('130 tanks' and 'tanks' → tanks).

    A phrase of the lexicon's kinds written in the noun phrase ('air defence', 'S-300') first, then the
    counted noun's own kind, then any listed word of the phrase; an unlisted noun is its own kind (its lemma).
    """
    kinds = _subject_kinds()
    text = phrase.text.lower()

    def written(entries: tuple[str, ...]) -> bool:  # any of the entries, as written or in a plural
        return bool(entries) and any_of(entries, r"(?<![\w-])", r"(?:e?s)?\b").search(text) is not None

    for kind, _, phrases, _ in kinds:
        if written(phrases):
            return kind
    if noun.ent_type_ == "PERSON":
        return "named_individuals"
    if noun.pos_ not in ("NOUN", "PROPN"):
        return None
    head = {noun.lower_, noun.lemma_.lower()}
    for kind, _, _, words in kinds:
        if head & words:
            return kind
    for kind, entries, _, _ in kinds:
        if written(entries):
            return kind
    return noun.lemma_.lower()


def predicate_for(number: Token, noun: Token, phrase: Span) -> str | None:
    """Which predicate a figure supports: read from the verb that describes the counted noun itself ('a
    dozen injured'), then within the figure's clause, then more widely."""
    for governing in (_describing_words(noun), governing_words(noun, True), governing_words(noun, False)):
        found = predicate_from(number, noun, phrase, governing)
        if found is not None:
            return found
    level = _level_of(noun.head, noun) if noun.dep_ in ("dobj", "attr") else None
    if level is not None and level != noun:  # 'the number of dead is approaching 5 thousand people'
        return predicate_for(number, level, noun_phrase(level))
    verb = _verb_of_misparsed_source(noun)
    return predicate_from(number, noun, phrase, words_of([verb])) if verb is not None else None


def _verb_of_misparsed_source(noun: Token) -> Token | None:
    """'According to the authorities in X, some 90,000 people, about half of the population, have been
    displaced': a parse that reads the counted noun as one more item of the source's phrase ('X, people')
    leaves it no verb. The verb the 'according to' phrase hangs on is the one it belongs to."""
    if noun.dep_ != "conj":
        return None
    head = first_conjunct(noun)
    while head.head != head:
        head = head.head
        if head.lower_ == "according":
            return head.head if head.head.pos_ in ("VERB", "AUX") else None
        if head.pos_ in ("VERB", "AUX"):
            return None
    return None


def _describing_words(noun: Token) -> set[str]:
    """The verbs of a clause that describes a noun ('a dozen [injured in X]', '40 [killed and wounded]'), or,
    when it has none, one that describes another item of its list ('2 Armenian, 1 Azerbaijani and 3
    Russian journalists injured', parsed with 'injured' on 'Azerbaijani')."""
    def clauses_of(token: Token) -> list[Token]:
        return [c for c in token.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"]

    clauses = clauses_of(noun) or [c for item in conjuncts(first_conjunct(noun), ("conj", "appos"))
                                   for c in clauses_of(item)]
    return words_of(clauses) | words_of(c for clause in clauses for c in clause.children
                                    if c.dep_ == "conj" and c.pos_ == "VERB")


@cache
def _predicate_cues() -> dict[str, frozenset[str]]:
    """Each predicate's words (lexicon), as sets."""
    return {name: frozenset(words) for name, words in lexicon()["predicate_words"].items()}


def _phrase_words(phrase: Span) -> frozenset[str]:
    """`words_of` a noun phrase, read once (the predicate of a figure is read from its phrase with each of
    three sets of governing words, and its side from the phrase again)."""
    return answered_once(phrase.doc, "phrase_words", (phrase.start, phrase.end),
                         lambda: frozenset(words_of(phrase)))


def predicate_from(number: Token, noun: Token, phrase: Span, governing: set[str]) -> str | None:
    """The predicate the noun a figure counts, and the words that govern it, support."""
    phrase_words = _phrase_words(phrase)
    cues = _predicate_cues()
    governing = governing | phrase_words
    if number.ent_type_ == "MONEY" or noun.ent_type_ == "MONEY":  # damage; not a sum asked for ('seeks $2 million')
        return None if noun.head.lemma_.lower() in word_set("asking_verbs") else "other"
    if phrase_words & cues["killed_or_wounded"]:
        return "killed_or_wounded"
    if names_aircraft(phrase):
        lost = cues["destroyed_equipment"] | cues["killed"] | {"down", "shoot", "crash"}
        return "downed_aircraft" if governing & lost else None
    if phrase_words & word_set("property_nouns") or phrase_words & {"private", "civilian", "residential"} \
            and phrase_words & word_set("equipment_nouns"):
        return "other" if governing & (cues["destroyed_equipment"] | word_set("damage_words")) else None
    if phrase_words & word_set("equipment_nouns"):
        return "destroyed_equipment" if governing & (cues["destroyed_equipment"] | cues["killed"]) else None
    if phrase_words & word_set("territory_nouns"):
        held = cues["captured_territory"] | {"control", "capture", "take", "hold"}
        return "captured_territory" if governing & held else None
    if noun.lower_ in cues["killed"] and noun.pos_ == "NOUN":
        return "killed"
    if noun.lemma_.lower() in word_set("toll_nouns") and phrase_words & word_set("death_words"):
        return "killed"  # 'raised its military death toll to 1,177
    if phrase_words & word_set("people_nouns") or noun.ent_type_ in ("NORP", "PERSON") or noun == number:
        found = {name for name in ("killed", "wounded", "captured", "displaced") if governing & cues[name]}
        if not found and governing & word_set("people_destroyed_words"):
            found = {"killed"}  # '25 enemy servicemen were destroyed'
        if {"killed", "wounded"} <= found:
            return "killed_or_wounded"
        for name in ("killed", "wounded", "captured", "displaced"):
            if name in found:
                return name
    return None


def subject_side(phrase: Span, predicate: str, claimant_side: str | None, sentence: Span) -> str | None:
    """The side the counted people or things belong to."""
    words = _phrase_words(phrase)
    actor = None if phrase.root.ent_type_ == "MONEY" else resolve_actor(text_of(phrase))  # not the US of 'US$'
    if actor is not None and actor.side in OPPOSITE_SIDE:
        return actor.side
    if words & word_set("enemy_words"):
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
    attacker = _attacker_in(sentence) if predicate in CASUALTIES else None
    if attacker is not None:  # 'civilians killed by Armenian shelling', 'shelled by Azerbaijan': the others'
        return OPPOSITE_SIDE[attacker]
    if words & word_set("possessive_pronouns"):  # 'one of its helicopters': the claimant's own
        return claimant_side if claimant_side in OPPOSITE_SIDE else "other" if claimant_side == "third_party" else None
    if predicate in ("killed", "wounded", "killed_or_wounded", "displaced") and \
            (words & word_set("civilian_nouns") or predicate == "displaced"):
        # a side's civilians; for a third party, those of the side that holds the place named
        return claimant_side if claimant_side in OPPOSITE_SIDE else held_by(text_of(sentence))
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
                    actor = resolve_actor(span_of(obj).text) if obj.dep_ == "pobj" else None
                    if actor is not None and actor.side in OPPOSITE_SIDE:
                        return actor.side
    return None


CASUALTIES = ("killed", "wounded", "killed_or_wounded")


@cache
def _attack_words() -> frozenset[str]:
    """The one-word triggers of attacks, shelling and strikes (the events' lexicon): 'shelling', 'bombed'."""
    triggers = lexicon()["event_triggers"]
    return frozenset(w for kind in ("attack", "shelling", "missile_strike", "drone_strike") for w in triggers[kind]
                     if " " not in w)


def _attacker_in(sentence: Span) -> str | None:
    """The one side a sentence names as attacking: the belligerent that modifies an attack word ('Armenian
    shelling', "Azerbaijan's missile strikes") or that does it (its agent or subject: 'shelled by Armenia's
    artillery', 'Armenia violated the truce by bombing Ganja'). None when it names none, or both."""
    sides = set()
    lowers, lemmas = forms_of(sentence.doc)
    words = _attack_words()
    for token in sentence:
        if lowers[token.i] not in words and lemmas[token.i] not in words:
            continue
        doers = [c for c in token.children if c.dep_ in ("amod", "compound", "poss", "nsubj")]
        doers += [o for c in token.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
        if not doers and token.dep_ in ("pcomp", "advcl", "xcomp") and token.pos_ == "VERB":
            doers = [c for c in token.head.head.children if c.dep_ == "nsubj"] if token.head.dep_ == "prep" else \
                [c for c in token.head.children if c.dep_ == "nsubj"]
        for doer in doers:
            actor = resolve_actor(span_of(doer).text)
            if actor is not None and actor.side in OPPOSITE_SIDE:
                sides.add(actor.side)
    return sides.pop() if len(sides) == 1 else None


def _active_agent(noun: Token) -> str | None:
    """The side of whoever, as the subject of an active verb, did to the counted noun what was done."""
    first = first_conjunct(noun)
    verb = first.head
    doing = {w for name in ("killed", "wounded", "captured", "destroyed_equipment", "captured_territory")
             for w in lexicon()["predicate_words"][name]} - {"lose", "lost"}
    if first.dep_ != "dobj" or verb.lemma_.lower() not in doing:
        return None
    for child in verb.children:
        if child.dep_ == "nsubj":
            actor = resolve_actor(span_of(child).text)
            if actor is not None and actor.side in OPPOSITE_SIDE:
                return actor.side
    return None


# The lower-case lemmas _loser_in reads: a sentence with none of them names no side that lost something.
LOSS_LEMMAS = frozenset(("lose", "suffer", "loss"))


def _loser_in(sentence: Span, counted: Token) -> str | None:
    """The side that 'lost' or 'suffered' what is counted, or whose 'losses' the sentence lists. A verb
    counts only above the counted noun: in 'A says 12 tanks were destroyed, but B lost a helicopter' the
    tanks are not B's."""
    above = {t.i for t in counted.ancestors}
    for token in tokens_with(sentence, forms_of(sentence.doc)[1], LOSS_LEMMAS):
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
            actor = resolve_actor(span_of(owner).text)
            if actor is not None and actor.side in OPPOSITE_SIDE:
                return actor.side
    return None
