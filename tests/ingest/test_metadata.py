from datetime import date

import pytest

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


@pytest.mark.parametrize("text, outlet", [
    ("Road reopens\n\nThe ministry said the road reopened.", "Azertac"),  # the text names none: the URL's
    ("KHARTOUM, (AX) – The ministry said the road reopened.", "AX"),  # the text's outlet comes first
])
def test_an_article_that_names_no_outlet_gets_the_one_of_its_url(text, outlet):
    assert extract_metadata(text, {"url": "https://azertag.az/en/xeber/road-1"}).outlet == outlet


def test_parse_date_value_accepts_iso_and_written_dates():
    assert parse_date_value("2021-05-01") == date(2021, 5, 1)
    assert parse_date_value("1 May 2021") == date(2021, 5, 1)
    assert parse_date_value("no date here") is None


@pytest.mark.parametrize("line, outlet, published", [
    ("YEREVAN, October 9. /HRT/. The ministry said the road reopened.", "HRT", date(2020, 10, 9)),
    ("GYUMRI, OCTOBER 9, HARBORPRESS. The ministry said the road reopened.", "HARBORPRESS", date(2020, 10, 9)),
    ("Ganja, 9 May 2021, TASS - The ministry said the road reopened.", "TASS", date(2021, 5, 9)),
    ("Baku, Oct. 9, Trend: The ministry said the road reopened.", "Trend", date(2020, 10, 9)),
    ("GORIS, Oct 9 (Harbor Wire) - The ministry said the road reopened.", "Harbor Wire", date(2020, 10, 9)),
])
def test_an_agency_dateline_gives_outlet_and_date_and_keeps_the_paragraph(line, outlet, published):
    """A yearless date inside the covered war (2020) takes its year; the registry spells known outlets."""
    meta = extract_metadata(f"Road reopens\n\n{line}")
    assert (meta.outlet, meta.published_date, meta.header_lines) == (outlet, published, frozenset())


def test_a_yearless_dateline_outside_the_covered_periods_takes_the_year_the_article_writes():
    meta = extract_metadata("Road reopens\n\nGORIS, May 9 (HW) - The road closed on 2 May 2021 reopened.")
    assert (meta.outlet, meta.published_date) == ("HW", date(2021, 5, 9))


def test_a_place_and_date_without_an_agency_is_no_dateline():
    meta = extract_metadata("Road reopens\n\nGoris, May 9 is the day the road reopened.")
    assert (meta.outlet, meta.published_date) == (None, None)


def test_a_byline_with_a_dotted_date_dates_the_article():
    meta = extract_metadata("Road reopens\n\nAna Petrosyan |09.05.2021\n\nGYUMRI\n\nThe road reopened.")
    assert meta.published_date == date(2021, 5, 9)


def test_a_dateline_line_with_its_country_and_an_outlet_naming_itself_on_its_own_line():
    meta = extract_metadata("Road reopens - MoD\n\nGORIS, Armenia, Oct.9\n\nAPA:\n\nThe road reopened.")
    assert (meta.outlet, meta.published_date, meta.header_lines) == ("APA", date(2020, 10, 9), frozenset({2, 4}))


def test_a_line_that_is_not_a_registered_outlet_stays_text():
    meta = extract_metadata("Road reopens\n\nUpdate:\n\nThe road reopened.")
    assert (meta.outlet, meta.header_lines) == (None, frozenset())


@pytest.mark.parametrize("line", ["Mon 26 Oct 2020 18.40 GMT", "26 October 2020, 14:05 (UTC+4)",
                                  "Baku, October 26, AZERTAC"])
def test_a_dateline_line_with_a_time_or_an_agency_after_its_date(line):
    meta = extract_metadata(f"Road reopens\n\nStaff and agencies\n{line}\n\nThe road reopened.")
    assert (meta.published_date, meta.header_lines) == (date(2020, 10, 26), frozenset({3}))


def test_a_dateline_place_is_not_an_outlet():
    meta = extract_metadata("Statement of the ministry\n\nBaku, 30 October 2020\n\nThe ministry said.")
    assert (meta.outlet, meta.published_date) == (None, date(2020, 10, 30))


def test_a_dateline_in_capitals_without_an_agency_dates_the_article():
    meta = extract_metadata("Update\n\nSTEPANAKERT, 12.10.2020. The information centre presents the update.")
    assert (meta.outlet, meta.published_date) == (None, date(2020, 10, 12))


@pytest.mark.parametrize("header, outlet", [
    ("Baku. 8 October. REPORT.AZ", "Report.az"), ("YEREVAN, October 5 - Sputnik. The ministry said.", "Sputnik"),
    ("DAILY SABAH WITH AGENCIES", "Daily Sabah")])
def test_outlets_of_the_registry_named_in_a_header(header, outlet):
    assert extract_metadata(f"Road reopens\n\n{header}\n\nThe road reopened.").outlet == outlet


def test_a_dateline_place_the_alias_seed_knows_dates_the_article_without_an_agency():
    assert extract_metadata("Update\n\nBaku, October 20. The ministry reports.").published_date == date(2020, 10, 20)
    assert extract_metadata("Update\n\nHarbor, October 20. The ministry reports.").published_date is None


def test_a_stores_date_marker_before_the_first_words_is_the_publication_date():
    meta = extract_metadata(" date 2021-03-04 The ministry said the road reopened.\n\nMore text.")
    assert meta.published_date == date(2021, 3, 4) and meta.header_lines == frozenset()


@pytest.mark.parametrize("url, published", [
    ("https://news.example.org/2021/03/04/road-reopens/", date(2021, 3, 4)),
    ("https://paper.example.com/world/2021/mar/04/road-reopens", date(2021, 3, 4)),
    ("https://news.example.org/2021/13/44/x/", None),  # no such day
    ("https://news.example.org/article/20210304", None),
])
def test_an_undated_article_takes_the_date_its_url_writes(url, published):
    assert extract_metadata("Road reopens\n\nThe ministry said the road reopened.", {"url": url}).published_date \
        == published


def test_the_text_date_comes_before_the_urls():
    meta = extract_metadata("Harbor Times, March 3, 2021\n\nText.", {"url": "https://x.example/2021/03/04/y"})
    assert meta.published_date == date(2021, 3, 3)
