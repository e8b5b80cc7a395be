"""The dependency-tree helpers the rules share."""

from extraction.syntax import answered_once, deps_of, forms_of, memo_of, number_like_of, root_at, tokens_with, words_of
from tests.conftest import SEEDS


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


def test_forms_of_are_each_tokens_lower_case_form_and_lemma_read_once(nlp):
    doc = nlp("Armenian forces were shelling Villages.")
    lowers, lemmas = forms_of(doc)
    assert lowers == [t.lower_ for t in doc] and lemmas == [t.lemma_.lower() for t in doc]
    assert "shell" in lemmas and "villages" in lowers
    assert forms_of(doc)[0] is lowers
    assert deps_of(doc) == [t.dep_ for t in doc] and deps_of(doc) is deps_of(doc)


def test_the_arrays_read_from_a_doc_are_what_its_tokens_say_on_a_whole_article(nlp):
    doc = nlp(max(SEEDS.iterdir(), key=lambda path: path.stat().st_size).read_text(encoding="utf-8", errors="replace"))
    lowers, lemmas = forms_of(doc)
    assert lowers == [t.lower_ for t in doc] and lemmas == [t.lemma_.lower() for t in doc]
    assert deps_of(doc) == [t.dep_ for t in doc]
    assert number_like_of(doc) == [t.like_num for t in doc] and any(number_like_of(doc))
    assert number_like_of(doc) is number_like_of(doc)
    assert forms_of(nlp("")) == ([], []) and number_like_of(nlp("")) == []



def test_memo_of_is_one_dict_for_a_doc_and_a_name(nlp):
    first, second = nlp("Ten tanks were destroyed."), nlp("Ten tanks were destroyed.")
    memo_of(first, "answers")["k"] = 1
    assert memo_of(first, "answers") == {"k": 1}
    assert memo_of(first, "other") == {} and memo_of(second, "answers") == {}


def test_answered_once_keeps_the_first_answer_for_a_doc_a_name_and_a_key(nlp):
    doc, asked = nlp("Ten tanks were destroyed."), []

    def answer():
        asked.append(1)
        return len(asked)

    assert answered_once(doc, "count", (0, 1), answer) == 1
    assert answered_once(doc, "count", (0, 1), answer) == 1
    assert answered_once(doc, "count", (0, 2), answer) == 2
    assert answered_once(nlp("Ten tanks."), "count", (0, 1), answer) == 3


def test_tokens_with_are_a_sentences_tokens_whose_form_is_wanted_in_order(nlp):
    doc = nlp("Armenia denied it. The ministry denied and rejected the reports.")
    second = list(doc.sents)[1]
    lemmas = forms_of(doc)[1]
    assert [t.text for t in tokens_with(second, lemmas, {"deny", "reject"})] == ["denied", "rejected"]
    assert list(tokens_with(second, lemmas, set())) == []
