from extraction.components import text_to_parse


def test_footnote_marks_become_spaces_of_the_same_length():
    text = "Officials said 14 soldiers died.[3][b] Nothing else[citation needed]."
    blanked = text_to_parse(text)
    assert len(blanked) == len(text)
    assert "[" not in blanked and blanked.startswith("Officials said 14 soldiers died.")
    assert text_to_parse("the [Armenian] side, [sic]") == "the [Armenian] side, [sic]"


def test_the_parser_reads_past_footnote_marks(nlp):
    doc = nlp("Baku said 8 launchers[12] were destroyed.[13]")
    assert doc.text.startswith("Baku said 8 launchers     were")
    launchers = next(t for t in doc if t.text == "launchers")
    assert launchers.dep_ == "nsubjpass"


def test_a_bullet_is_a_sentence_of_its_own(nlp):
    doc = nlp("Losses\n  • Ankara says the rebels hold 6 villages\n  • 12 servicemen killed\n")
    sentences = [s.text.strip() for s in doc.sents if s.text.strip()]
    assert sentences == ["Losses", "•", "Ankara says the rebels hold 6 villages", "•", "12 servicemen killed"]


def test_typographic_apostrophes_are_parsed_as_ascii_ones_in_place():
    text = "the Attorney General’s Office, ‘quoted’"
    parsed = text_to_parse(text)
    assert parsed == "the Attorney General's Office, 'quoted'" and len(parsed) == len(text)
