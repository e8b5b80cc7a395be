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


@pytest.fixture
def reference_copy(tmp_path, monkeypatch):
    """The reference files copied to a folder of their own, where the digest reads them."""
    import shutil

    seeds = shutil.copytree(reference.REFERENCE_DIR, tmp_path / "seeds")
    lexicon = shutil.copyfile(reference.LEXICON_FILE, tmp_path / "lexicon.json")
    monkeypatch.setattr(reference, "REFERENCE_DIR", seeds)
    monkeypatch.setattr(reference, "LEXICON_FILE", lexicon)
    reference.reference_digest.cache_clear()
    yield seeds, lexicon
    reference.reference_digest.cache_clear()


@pytest.mark.parametrize("edited", ["actor_aliases.csv", "lexicon.json"])
def test_editing_an_alias_or_a_word_list_changes_the_reference_digest(reference_copy, edited):
    seeds, lexicon = reference_copy
    before = reference.reference_digest()
    path = lexicon if edited == "lexicon.json" else seeds / edited
    path.write_text(path.read_text(encoding="utf-8").replace("\n", "\n ", 1), encoding="utf-8")
    reference.reference_digest.cache_clear()
    assert reference.reference_digest() != before


@pytest.mark.parametrize("url, outlet", [
    ("https://azertag.az/en/xeber/some-story-1", "Azertac"),  # the registry's outlet of a domain
    ("https://www.panarmenian.net/eng/news/1/", "PanARMENIAN.Net"),
    ("https://en.news-front.info/2020/10/02/story/", "News Front"),  # a subdomain of the registry's domain
    ("https://consulate.mfa.gov.az/en/news/7", "consulate.mfa.gov.az"),  # unknown: the host itself
    ("notaurl", None),
    (None, None),
])
def test_an_articles_url_names_its_outlet(url, outlet):
    assert reference.outlet_of_url(url) == outlet


@pytest.mark.parametrize("outlet, side", [
    ("Azertac", "azerbaijan"),
    ("Reuters", "third_party"),
    ("unknown-site.az", "azerbaijan"),  # the country-code domain of a belligerent's outlets
    ("unknown-site.am", "armenia"),
    ("unknown-site.ru", None),  # a country whose outlets are not all of one side
    ("unknown-site.com", None),
    ("Some Gazette", None),
    (None, None),
])
def test_an_outlets_side_is_the_registrys_else_its_country_domains(outlet, side):
    assert reference.outlet_side(outlet) == side
