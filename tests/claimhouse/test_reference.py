import pytest

from claimhouse import reference


@pytest.fixture
def conflict_rows(monkeypatch):
    def use(*rows):
        monkeypatch.setattr(reference, "read_seed", lambda name: [dict(zip(("conflict_id", "name", "start_date",
                                                                             "end_date"), r, strict=True))
                                                                  for r in rows])
        reference.conflict_periods.cache_clear()
    yield use
    reference.conflict_periods.cache_clear()


def test_the_seed_periods_are_read_as_dates():
    [july, war] = reference.conflict_periods()
    assert (war.start_date.isoformat(), war.end_date.isoformat()) == ("2020-09-27", "2020-11-10")
    assert july.end_date < war.start_date


@pytest.mark.parametrize("row, message", [
    (("x", "X", "27/09/2020", "2020-11-10"), "line 2: start_date and end_date must be YYYY-MM-DD"),
    (("x", "X", "2020-11-10", "2020-09-27"), "line 2: end_date 2020-09-27 is before start_date 2020-11-10"),
])
def test_a_bad_period_is_a_clear_error(conflict_rows, row, message):
    conflict_rows(row)
    with pytest.raises(ValueError, match=message):
        reference.conflict_periods()


def test_place_sides_say_who_held_a_place_when_the_war_began():
    sides = reference.place_sides()
    assert (sides["khankendi"], sides["terter"], sides["goris"]) == ("armenia", "azerbaijan", "armenia")
    assert "turkey" not in sides and set(sides.values()) == {"armenia", "azerbaijan"}
