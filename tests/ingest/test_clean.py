from ingest.clean import clean_text, is_boilerplate, split_lines

ARTICLE = """Convoy reaches Gyumri

The ministry said four trucks arrived.[12] Officials praised the drivers.
Subscribe to our newsletter for daily updates
Read more: Ten things to know about the region
Copyright © Harbor Times 2021
The second convoy is expected [a] on Friday.

References

  1. ^ "Convoy reaches Gyumri". Harbor Times."""


def test_boilerplate_lines_are_blanked_and_line_numbers_kept():
    cleaned = clean_text(ARTICLE)
    lines = cleaned.text.split("\n")
    assert len(lines) == len(split_lines(ARTICLE))
    assert lines[3] == "" and lines[4] == "" and lines[5] == ""
    assert "ministry said four trucks arrived." in lines[2]
    assert cleaned.boilerplate_lines == 5  # subscribe, read more, copyright, References, its entry


def test_reference_section_is_dropped():
    assert "Harbor Times\"." not in clean_text(ARTICLE).text


def test_citation_markers_become_spaces_of_the_same_length():
    line = clean_text(ARTICLE).text.split("\n")[2]
    original = ARTICLE.split("\n")[2]
    assert len(line) == len(original)
    assert "[12]" not in line
    assert line.index("Officials") == original.index("Officials")


def test_markdown_links_keep_their_text():
    assert clean_text("Reported by [Harbor Times](https://example.org) today.").text == \
        "Reported by Harbor Times today."


def test_mojibake_is_repaired():
    broken = "The minister’s statement".encode().decode("latin-1")  # what a wrong decode produces
    cleaned = clean_text(broken)
    assert cleaned.text == "The minister’s statement"
    assert cleaned.repaired_lines == 1


def test_line_endings_of_every_kind_are_lines():
    assert split_lines("a\r\nb\rc\nd") == ["a", "b", "c", "d"]


def test_article_sentences_are_not_boilerplate():
    assert not is_boilerplate("The ministry said the aid donated by Georgia arrived on Monday.")
    assert is_boilerplate("Please subscribe to support independent journalism")
    assert is_boilerplate("[Become a Member of Harbor Times](#)")
