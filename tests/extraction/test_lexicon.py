import pytest

from claimhouse.reference import read_seed
from extraction.lexicon import AliasMatcher, actor_matcher, lexicon, place_matcher, word_set


def _whole_by_search(matcher: AliasMatcher, text: str) -> str | None:
    """What `whole` must give: the key of `find`'s one hit when that hit spans the text."""
    hits = matcher.find(text)
    return hits[0].key if len(hits) == 1 and hits[0].end - hits[0].start == len(text.strip()) else None


@pytest.mark.parametrize(("matcher", "seed"), [(actor_matcher, "actor_aliases.csv"),
                                               (place_matcher, "place_aliases.csv")])
def test_an_alias_as_a_whole_is_looked_up_as_the_search_finds_it(matcher, seed):
    aliases = [row["alias"] for row in read_seed(seed)]
    texts = [variant for alias in aliases for variant in (
        alias, alias.lower(), alias.upper(), alias.title(), f" {alias} ", f"the {alias}", f"{alias} forces",
        f"{alias}-backed", alias[:-1], f"{alias} and {aliases[0]}")]
    texts += ["", " ", "us", "Us", "un-", "Paris", "nobody"]
    assert {text: matcher().whole(text) for text in texts} == \
        {text: _whole_by_search(matcher(), text) for text in texts}
    assert sum(matcher().whole(text) is not None for text in texts) >= 3 * len(aliases)


def test_short_capital_aliases_are_whole_only_in_capitals():
    matcher = AliasMatcher(["UN", "Armenia"])
    assert (matcher.whole("UN"), matcher.whole("un"), matcher.whole(" ARMENIA "), matcher.whole("Armenia's")) == \
        ("un", None, "armenia", None)


def test_a_text_searched_again_gives_the_same_hits_from_a_bounded_memory(monkeypatch):
    monkeypatch.setattr("extraction.lexicon.FOUND_KEPT", 3)
    matcher = AliasMatcher(["Armenia", "the Armenian Defence Ministry", "UN"])
    text = "the Armenian Defence Ministry told the UN that Armenia"
    first = matcher.find(text)
    assert [h.key for h in first] == ["the armenian defence ministry", "un", "armenia"]
    assert matcher.find(text) is first  # answered from memory
    for other in ("Armenia", "UN", "un"):
        matcher.find(other)
    assert len(matcher._found) <= 3
    again = matcher.find(text)
    assert again == first and again is not first  # forgotten when the memory filled, searched again


def test_a_word_set_holds_its_lexicon_list_and_is_made_once():
    assert word_set("reporting_verbs") == frozenset(lexicon()["reporting_verbs"])
    assert "say" in word_set("reporting_verbs")
    assert word_set("reporting_verbs") is word_set("reporting_verbs")
