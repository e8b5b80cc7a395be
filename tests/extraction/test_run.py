import duckdb
import pytest

import extraction.run as run
from ingest.load import ingest_folder

ARTICLE = ("Convoy hit near Goris\n\nHarbor Times, May 14, 2021\n\nOfficials met on Monday.\n\n"
           "The Azerbaijani Defence Ministry said 5 Armenian tanks were destroyed on 12 May 2021.\n")


@pytest.fixture
def warehouse(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ingest_folder(con, tmp_path / "in", tmp_path / "quarantine")
    yield con, tmp_path / "in"
    con.close()


def counts(con):
    return {table: con.execute(f"select count(*) from extract.{table}").fetchone()[0] for table in run.TABLES}


def test_only_unprocessed_articles_are_extracted(warehouse, nlp):
    con, landing = warehouse
    first = run.extract_pending(con, nlp, batch_size=8)
    assert first.articles == 1 and first.claims == 1 and first.sentences >= 3
    assert run.extract_pending(con, nlp, batch_size=8).articles == 0
    (landing / "b.txt").write_text("Second piece\n\nArmenian officials said 3 Azerbaijani drones were downed.",
                                   encoding="utf-8")
    ingest_folder(con, landing, landing.parent / "quarantine")
    assert run.extract_pending(con, nlp, batch_size=8).articles == 1


def test_a_new_extractor_version_re_extracts_without_duplicating(warehouse, nlp, monkeypatch):
    con, _ = warehouse
    run.extract_pending(con, nlp, batch_size=8)
    before = counts(con)
    monkeypatch.setattr(run, "RULES_VERSION", "999.0.0")
    assert run.extract_pending(con, nlp, batch_size=8).articles == 1
    assert counts(con) == before
    versions = con.execute("select distinct extractor_version from extract.claim_mentions").fetchall()
    assert versions == [(run.extractor_version(nlp),)] and "999.0.0" in versions[0][0]


def test_spans_and_lines_point_into_the_article_and_its_file(warehouse, nlp):
    con, landing = warehouse
    run.extract_pending(con, nlp, batch_size=8)
    text = con.execute("select text from raw.articles").fetchone()[0]
    start, end, line, quantity_text = con.execute(
        "select span_start, span_end, source_line, quantity_text from extract.claim_mentions").fetchone()
    assert text[start:end].startswith("The Azerbaijani Defence Ministry said 5")
    source_lines = (landing / "a.txt").read_text(encoding="utf-8").splitlines()
    assert quantity_text in source_lines[line - 1] and line == 7
    for start, end, mention in con.execute(
            "select span_start, span_end, text from extract.entity_mentions").fetchall():
        assert text[start:end] == mention


def test_a_missing_model_says_how_to_install_it():
    with pytest.raises(RuntimeError, match="CLAIMHOUSE_SPACY_MODEL"):
        run.load_nlp("no_such_model_package")


def test_places_beyond_the_alias_seed_are_resolved_in_the_registry(tmp_path, nlp):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Talks in Paris\n\nHarbor Times, May 14, 2021\n\nThe envoys of Armenia "
                                           "and Azerbaijan met in Paris on Monday.\n", encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ingest_folder(con, tmp_path / "in", tmp_path / "quarantine")
    run.extract_pending(con, nlp, batch_size=8)
    places = dict(con.execute("select text, place_id from extract.entity_mentions where label = 'GPE'").fetchall())
    assert places["Armenia"] == "armenia" and places["Paris"].startswith("geonames:")
    registry = con.execute("select place_id, place_name, country_code, precision from extract.gazetteer_places")
    assert registry.fetchall() == [(places["Paris"], "Paris", "FR", "city")]
    con.close()
