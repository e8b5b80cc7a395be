"""Events: each date of a sentence with the trigger it belongs to."""

from datetime import date

import pytest

from extraction.dating import ArticleContext
from extraction.events import extract_events

CONTEXT = ArticleContext(published_date=date(2021, 5, 20), outlet="Harbor Times")


@pytest.fixture
def dated_events(nlp):
    def run(text):
        return [(e.event_type, e.event_date) for e in extract_events(nlp(text), CONTEXT)]
    return run


def test_each_date_of_a_sentence_is_an_event(dated_events):
    assert dated_events("Baku announced the capture of Hadrut on 3 May and of Lachin on 11 May.") == [
        ("capture", date(2021, 5, 3)), ("capture", date(2021, 5, 11))]


def test_a_date_goes_with_the_trigger_the_parse_attaches_it_to(dated_events):
    found = dated_events("A truce agreed in Moscow came into effect on 10 May but was ignored by both armies, "
                   "which resumed shelling on 12 May.")
    assert ("ceasefire", date(2021, 5, 10)) in found
    assert ("ceasefire", date(2021, 5, 12)) not in found


def test_a_hyphenated_trigger_is_found(dated_events):
    assert dated_events("The cease-fire took effect in Goris on 2 May.") == [("ceasefire", date(2021, 5, 2))]


def test_a_ceasefire_is_dated_by_the_date_written_after_it_whatever_the_parse(dated_events):
    # the parse hangs 'agreed on 17 May' on 'continued', whose subject is 'Hostilities'
    assert dated_events("Hostilities continued along the front despite the ceasefire agreed on 17 May.") == [
        ("ceasefire", date(2021, 5, 17))]


def test_two_dates_of_the_same_day_give_one_event(dated_events):
    # 'May 14' goes with the rockets, 'on Friday' (the same day) with the clashes
    found = dated_events("Tehran, May 14 - Rockets fired during the clashes landed in villages near the border "
                         "on Friday.")
    assert [when for _, when in found] == [date(2021, 5, 14)]


def test_a_date_of_an_events_start_dates_that_event(dated_events):
    assert dated_events("Since the start of the counter-offensive on 2 May, the army has liberated 12 villages.") == [
        ("attack", date(2021, 5, 2))]


def test_a_range_of_days_is_dated_by_its_first(dated_events):
    assert dated_events("Military actions continued in Martuni on 4 May - 6 May.") == [("attack", date(2021, 5, 4))]


def test_a_numbered_day_of_the_war(nlp):
    # counted from the start of the covered conflict the article's date falls in (conflict_periods seed)
    during_the_war = ArticleContext(published_date=date(2020, 10, 20), outlet="Harbor Times")
    [event] = extract_events(nlp("On the sixth day, both sides began trading missile strikes on cities."),
                             during_the_war)
    assert (event.event_type, event.event_date, event.date_precision) == (
        "missile_strike", date(2020, 10, 2), "day_of_conflict")
