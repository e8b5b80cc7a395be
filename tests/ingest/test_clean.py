from ingest.clean import HEADER_LINE, TRAILING_SECTION, boilerplate_rule, clean_text, split_lines

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
    assert boilerplate_rule("The ministry said the aid donated by Georgia arrived on Monday.") is None
    assert boilerplate_rule("Please subscribe to support independent journalism") is not None
    assert boilerplate_rule("[Become a Member of Harbor Times](#)") is not None


def test_a_paragraph_that_mentions_a_chrome_word_keeps_its_text():
    paragraphs = [
        "The health ministry in Yerevan said nine civilians were wounded in Martuni; townspeople queued at the "
        "clinic to donate blood.",
        "Volunteers in Ganja were asked to donate blood for the wounded.",
        "Lawyers for the broadcaster argued that the drone footage was protected by copyright.",
        "A photograph © the regional press office showed the damaged bridge.",
    ]
    for paragraph in paragraphs:
        cleaned = clean_text(paragraph)
        assert (cleaned.text, cleaned.boilerplate_lines) == (paragraph, 0)


def test_a_line_that_reports_a_figure_is_never_boilerplate():
    for line in ("Subscribe for updates: the ministry said 14 servicemen were wounded overnight.",
                 "Read more: officials told reporters that two villages were shelled",
                 "© Photo: Harbor Times. According to the mayor, 3 houses burned in Tartar overnight."):
        assert boilerplate_rule(line) is None
    assert boilerplate_rule("Read more: Ten things to know about the region") is not None  # a figure, no report


def test_publishing_chrome_is_blanked():
    chrome = [
        "© 2021 Harbor Times. All rights reserved.",
        "Copyright 2021 Harbor Times",
        "Harbor Times, all rights reserved",
        "Donate to Harbor Times via PayPal",
        "Support us on Patreon",
        "Subscribe to our newsletter",
        "This site contains copyrighted material that its owners have not always cleared for reuse; we offer it "
        "to readers under the fair use provisions of the law.",
        "Share this article",
    ]
    for line in chrome:
        assert boilerplate_rule(line) is not None, line


def test_a_line_of_chrome_too_long_to_be_chrome_is_article_text():
    paragraph = "Follow us, the commander told his men as the column moved towards the river. " * 10
    assert boilerplate_rule(paragraph) is None


def test_every_blanked_line_is_listed_with_its_rule():
    text = f"Convoy reaches Gyumri\nHarbor Times, March 3, 2021\n{ARTICLE.split(chr(10), 1)[1]}"
    blanked = clean_text(text, drop_lines=frozenset({1})).blanked
    assert [(line.line_number, line.text) for line in blanked] == [
        (2, "Harbor Times, March 3, 2021"),
        (5, "Subscribe to our newsletter for daily updates"),
        (6, "Read more: Ten things to know about the region"),
        (7, "Copyright © Harbor Times 2021"),
        (10, "References"),
        (12, '  1. ^ "Convoy reaches Gyumri". Harbor Times.'),
    ]
    rules = [line.rule for line in blanked]
    assert rules[0] == HEADER_LINE and rules[4:] == [TRAILING_SECTION, TRAILING_SECTION]
    assert rules[1:4] == [r"(please )?subscribe\b.*", r"read more\b.*", r"(copyright\b|©).*"]


def test_a_stores_date_marker_is_blanked_and_offsets_stay():
    text = " date 2021-03-04 The ministry said 3 houses were damaged.\nSecond line."
    cleaned = clean_text(text).text
    assert cleaned.strip().startswith("The ministry said") and len(cleaned) == len(text)
    assert cleaned.index("The ministry") == text.index("The ministry")
