from datetime import date

from ingest.metadata import extract_metadata, parse_date_value


def test_dateline_with_iso_date_and_outlet():
    meta = extract_metadata(" date 2021-03-04 By Dawn Wire\n\nThe ministry said the road reopened.")
    assert meta.outlet == "Dawn Wire"
    assert meta.published_date == date(2021, 3, 4)
    assert meta.header_lines == {0}


def test_outlet_comma_written_date():
    meta = extract_metadata("Road reopens\n\nBy Ana Petrosyan\n\nHarbor Times, March 3, 2021\n\nText follows.")
    assert meta.title == "Road reopens"
    assert meta.author == "Ana Petrosyan"
    assert meta.outlet == "Harbor Times"
    assert meta.published_date == date(2021, 3, 3)


def test_wire_dateline_names_the_outlet_but_keeps_the_paragraph():
    meta = extract_metadata("GYUMRI, (AX) – The convoy arrived on Monday, officials said.")
    assert meta.outlet == "AX"
    assert meta.header_lines == frozenset()


def test_url_line():
    meta = extract_metadata("Road reopens\nURL: https://news.example.org/road\n\nBody text here.")
    assert meta.url == "https://news.example.org/road"


def test_a_date_inside_an_infobox_line_is_not_the_publication_date():
    meta = extract_metadata("Some war\n\nDate14 May 2021 (2021-05-14) - present\n\nBody.")
    assert meta.published_date is None


def test_a_sentence_is_not_a_title():
    meta = extract_metadata("The ministry said the road reopened on Monday after repairs.\n\nMore text.")
    assert meta.title is None


def test_fields_given_by_the_source_win():
    meta = extract_metadata("Headline in text\n\nBody.", {"title": "Given title", "published": "2021-05-01T10:00:00Z",
                                                          "outlet": "Given Outlet", "url": "https://x.example"})
    assert (meta.title, meta.outlet, meta.published_date, meta.url) == \
        ("Given title", "Given Outlet", date(2021, 5, 1), "https://x.example")


def test_parse_date_value_accepts_iso_and_written_dates():
    assert parse_date_value("2021-05-01") == date(2021, 5, 1)
    assert parse_date_value("1 May 2021") == date(2021, 5, 1)
    assert parse_date_value("no date here") is None
