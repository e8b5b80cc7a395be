from datetime import date

import pytest

from claimhouse.config import REPO_ROOT
from claimhouse.dates import DATE_PATTERNS, find_dates, first_full_date

ARTICLE_DAY = date(2021, 5, 14)


def values(text, reference=ARTICLE_DAY):
    return [(d.text, d.value, d.precision) for d in find_dates(text, reference)]


@pytest.mark.parametrize("text, expected", [
    ("on 3 May 2021", date(2021, 5, 3)),
    ("on May 3, 2021", date(2021, 5, 3)),
    ("on Sept. 3, 2021", date(2021, 9, 3)),
    ("on 2021-05-03", date(2021, 5, 3)),
])
def test_full_dates(text, expected):
    [(_, value, precision)] = values(text)
    assert (value, precision) == (expected, "day")


def test_a_day_and_month_take_the_articles_year():
    assert values("By 7 May the shelling had stopped") == [("7 May", date(2021, 5, 7), "day_no_year")]
    assert values("On Sept. 27 the talks began")[0][1] == date(2021, 9, 27)


def test_an_ordinal_day_is_a_day_of_the_articles_month_or_the_month_before():
    assert values("on the 12th") == [("the 12th", date(2021, 5, 12), "day_of_reference_month")]
    assert values("on the 30th")[0][1] == date(2021, 4, 30)


def test_a_part_of_a_numbered_day_is_a_day_of_the_articles_month():
    assert values("at a briefing on the evening of 11 he said") == [
        ("the evening of 11", date(2021, 5, 11), "day_of_reference_month")]
    assert values("until the morning of the 3rd")[0][1] == date(2021, 5, 3)
    assert values("the night of 3-4 May") == [("4 May", date(2021, 5, 4), "day_no_year")]


def test_ordinals_that_are_not_days_are_left_alone():
    assert values("the 12th brigade and the 20th century") == []


def test_without_a_reference_date_a_partial_date_has_no_value_but_is_found():
    assert values("On 7 May fighting resumed", reference=None) == [("7 May", None, "day_no_year")]


def test_impossible_dates_are_skipped():
    assert values("on 31 February 2021") == []


def test_first_full_date_ignores_partial_ones():
    assert first_full_date("On 7 May, and later on 9 June 2021") == date(2021, 6, 9)


def test_a_weekday_is_the_last_such_day_on_or_before_the_articles_date():
    # 14 May 2021 was a Friday
    assert values("On Tuesday the ministry said") == [("On Tuesday", date(2021, 5, 11), "weekday")]
    assert values("fighting since Friday")[0][1] == date(2021, 5, 14)


def test_yesterday_and_last_night_count_back_from_the_articles_date():
    assert values("Yesterday, and again last night") == [
        ("Yesterday", date(2021, 5, 13), "relative_day"), ("last night", date(2021, 5, 13), "relative_day")]


def test_the_nth_day_of_the_war_counts_from_the_covered_conflicts_start():
    # conflict_periods seed: the 2020 war began on 27 September 2020
    reference = date(2020, 10, 3)
    assert values("on the fourth day of the war", reference) == [
        ("the fourth day of the war", date(2020, 9, 30), "day_of_conflict")]
    assert values("the 7th day of fighting", reference)[0][1] == date(2020, 10, 3)
    assert values("on the fourth day of the war", reference=date(2015, 3, 1))[0][1] is None  # no conflict then


def test_without_a_reference_a_yearless_day_inside_the_covered_period_takes_its_year():
    assert values("Baku, October 2 (wire)", reference=None) == [("October 2", date(2020, 10, 2), "day_no_year")]


def test_a_date_written_with_dots_is_day_first():
    [found] = find_dates("Published 02.10.2020 at 14:05")
    assert (found.text, found.value, found.precision) == ("02.10.2020", date(2020, 10, 2), "day")
    assert find_dates("version 1.2.2020b and 31.13.2020") == []


def test_a_capitalised_weekday_is_a_date_without_a_preposition():
    [found] = find_dates("Aliyev announced Thursday that ...", date(2020, 10, 22))
    assert (found.value, found.precision) == (date(2020, 10, 22), "weekday")
    assert find_dates("a thursday market", date(2020, 10, 22)) == []


def _sample_texts() -> list[str]:
    """The seeds and the dev corpus: real date expressions of every kind, in their sentences."""
    folders = [REPO_ROOT / "seeds", REPO_ROOT / "eval" / "dev_corpus" / "articles"]
    return [path.read_text(encoding="utf-8", errors="replace")
            for folder in folders for path in sorted(folder.iterdir())]


def test_what_a_pattern_needs_is_in_every_text_it_matches():
    """find_dates skips a pattern in a text without what it needs (a digit, a year's digits, a month's first
    letters, ...): exact only if every match holds all of it."""
    matched = 0
    for text in _sample_texts():
        for _, pattern, needs in DATE_PATTERNS:
            for m in pattern.finditer(text):
                matched += 1
                assert all(needed.search(m.group(0)) for needed in needs), (pattern.pattern, m.group(0))
    assert matched > 100


def test_texts_without_what_a_pattern_needs_still_give_their_other_dates():
    assert [d.text for d in find_dates("Clashes resumed this morning, officials said.", date(2020, 10, 3))] == [
        "this morning"]
    assert [d.text for d in find_dates("On the sixth day, the shelling went on.", date(2020, 10, 2))] == [
        "On the sixth day"]
