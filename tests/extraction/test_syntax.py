"""The dependency-tree helpers the rules share."""

from extraction.syntax import words_of


def test_words_of_has_forms_and_lemmas_of_tokens_given_as_an_iterator(nlp):
    doc = nlp("Soldiers were killed and villages were shelled.")
    assert words_of(t for t in doc if t.pos_ in ("NOUN", "VERB")) >= {"soldiers", "soldier", "killed", "kill",
                                                                      "villages", "village", "shelled", "shell"}
