"""The dependency-tree helpers the rules share."""

from extraction.syntax import root_at, words_of


def test_words_of_has_forms_and_lemmas_of_tokens_given_as_an_iterator(nlp):
    doc = nlp("Soldiers were killed and villages were shelled.")
    assert words_of(t for t in doc if t.pos_ in ("NOUN", "VERB")) >= {"soldiers", "soldier", "killed", "kill",
                                                                      "villages", "village", "shelled", "shell"}


def test_root_at_is_the_root_of_the_tokens_a_character_range_falls_in_found_once(nlp):
    doc = nlp("The ministry said on 29 September that 12 soldiers were killed.")
    start = doc.text.index("29 September")
    assert root_at(doc, start, start + len("29 September")).text == "September"
    assert root_at(doc, start + 1, start + 5).text == "September"  # 'expand': parts of '29' and 'September'
    assert root_at(doc, start, start + 2) is root_at(doc, start, start + 2)
    assert root_at(doc, len(doc.text), len(doc.text)) is None
