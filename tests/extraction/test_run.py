import gc
import os

import duckdb
import pytest

import extraction.parse as parse
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


@pytest.fixture(scope="module")
def model():
    from claimhouse.config import load_settings

    return load_settings().spacy_model


def counts(con):
    return {table: con.execute(f"select count(*) from extract.{table}").fetchone()[0] for table in run.TABLES}


def test_only_unprocessed_articles_are_extracted(warehouse, model):
    con, landing = warehouse
    first = run.extract_pending(con, model, batch_size=8)
    assert first.articles == 1 and first.claims == 1 and first.sentences >= 3
    assert run.extract_pending(con, model, batch_size=8).articles == 0
    (landing / "b.txt").write_text("Second piece\n\nArmenian officials said 3 Azerbaijani drones were downed.",
                                   encoding="utf-8")
    ingest_folder(con, landing, landing.parent / "quarantine")
    assert run.extract_pending(con, model, batch_size=8).articles == 1


@pytest.mark.parametrize("name, value", [("RULES_VERSION", "999.0.0"), ("reference_digest", lambda: "999abc")])
def test_a_new_extractor_version_re_extracts_without_duplicating(warehouse, model, monkeypatch, name, value):
    """A new version of the rules, or of the reference data they read."""
    con, _ = warehouse
    run.extract_pending(con, model, batch_size=8)
    before = counts(con)
    monkeypatch.setattr(run, name, value)
    assert run.extract_pending(con, model, batch_size=8).articles == 1
    assert counts(con) == before
    versions = con.execute("select distinct extractor_version from extract.claim_mentions").fetchall()
    assert versions == [(run.extractor_version(model),)] and "999" in versions[0][0]


def test_a_batch_of_new_and_re_extracted_articles_replaces_only_the_old_rows(warehouse, model, monkeypatch):
    con, landing = warehouse
    run.extract_pending(con, model, batch_size=8)
    one_article = counts(con)
    (landing / "b.txt").write_text(ARTICLE.replace("Goris", "Lachin"), encoding="utf-8")
    ingest_folder(con, landing, landing.parent / "quarantine")
    monkeypatch.setattr(run, "RULES_VERSION", "999.0.0")
    assert run.extract_pending(con, model, batch_size=8).articles == 2  # one batch: a.txt again, and b.txt
    assert counts(con) == {table: 2 * rows for table, rows in one_article.items()}
    assert con.execute("select count(distinct extractor_version) from extract.entity_mentions").fetchone()[0] == 1


def test_spans_and_lines_point_into_the_article_and_its_file(warehouse, model):
    con, landing = warehouse
    run.extract_pending(con, model, batch_size=8)
    text = con.execute("select text from raw.articles").fetchone()[0]
    start, end, line, quantity_text = con.execute(
        "select span_start, span_end, source_line, quantity_text from extract.claim_mentions").fetchone()
    assert text[start:end].startswith("The Azerbaijani Defence Ministry said 5")
    source_lines = (landing / "a.txt").read_text(encoding="utf-8").splitlines()
    assert quantity_text in source_lines[line - 1] and line == 7
    for start, end, mention in con.execute(
            "select span_start, span_end, text from extract.entity_mentions").fetchall():
        assert text[start:end] == mention


@pytest.mark.parametrize("load", [parse.load_nlp, run.extractor_version])
def test_a_missing_model_says_how_to_install_it(load):
    with pytest.raises(RuntimeError, match="CLAIMHOUSE_SPACY_MODEL"):
        load("no_such_model_package")


def test_places_beyond_the_alias_seed_are_resolved_in_the_registry(tmp_path, model):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Talks in Paris\n\nHarbor Times, May 14, 2021\n\nThe envoys of Armenia "
                                           "and Azerbaijan met in Paris on Monday.\n", encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ingest_folder(con, tmp_path / "in", tmp_path / "quarantine")
    run.extract_pending(con, model, batch_size=8)
    places = dict(con.execute("select text, place_id from extract.entity_mentions where label = 'GPE'").fetchall())
    assert places["Armenia"] == "armenia" and places["Paris"].startswith("geonames:")
    registry = con.execute("select place_id, place_name, country_code, precision from extract.gazetteer_places")
    assert registry.fetchall() == [(places["Paris"], "Paris", "FR", "city")]
    con.close()


def test_article_pieces_cover_the_text_and_cut_at_paragraphs():
    text = "\n\n".join(f"Paragraph {n} says the road to Goris reopened on Monday." for n in range(40))
    pieces = parse.article_pieces(text, 300)
    assert "".join(piece for _, piece in pieces) == text
    assert all(len(piece) <= 300 for _, piece in pieces) and len(pieces) > 5
    assert all(text[offset:offset + len(piece)] == piece for offset, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])
    assert parse.article_pieces("short", 300) == [(0, "short")]


def test_a_long_article_parsed_in_pieces_keeps_every_span_and_line(tmp_path, model, monkeypatch):
    paragraphs = [f"The Azerbaijani Defence Ministry said {n + 2} Armenian tanks were destroyed on {n % 20 + 1} "
                  "October 2020." for n in range(30)]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "long.txt").write_text("A long bulletin\n\nHarbor Times, October 30, 2020\n\n"
                                              + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    con = duckdb.connect(str(tmp_path / "w.duckdb"))
    ingest_folder(con, tmp_path / "in", tmp_path / "quarantine")
    monkeypatch.setattr(parse, "PIECE_CHARS", 400)
    monkeypatch.setattr(parse, "BATCH_CHARS", 800)
    summary = run.extract_pending(con, model, batch_size=8)
    assert summary.claims == 30
    text = con.execute("select text from raw.articles").fetchone()[0]
    claims = con.execute("""select c.sentence_index, c.span_start, c.span_end, c.source_line, c.quantity, s.span_start
                            from extract.claim_mentions c join extract.sentences s using (article_id, sentence_index)
                            order by c.claim_index""").fetchall()
    assert [q for *_, q, _ in claims] == [n + 2 for n in range(30)]
    assert all(text[start:end].startswith("The Azerbaijani Defence Ministry") for _, start, end, *_ in claims)
    assert all(line == text.count("\n", 0, start) + 1 for _, start, _, line, *_ in claims)
    assert all(sentence_start == start for _, start, _, _, _, sentence_start in claims)
    assert [index for index, *_ in claims] == sorted({index for index, *_ in claims})
    con.close()


def table_rows(con):
    """Every extract table's rows, without the moment they were written."""
    rows = {}
    for table, columns in run.TABLES.items():
        names = ", ".join(name for name, _ in columns if name != "processed_at")
        rows[table] = con.execute(f"select {names} from extract.{table} order by all").fetchall()
    return rows


@pytest.mark.integration
def test_worker_processes_write_what_one_process_writes(tmp_path, model):
    """Batches parsed in two worker processes, written here in order: the same rows as in one process."""
    landing = tmp_path / "in"
    landing.mkdir()
    for n in range(7):
        (landing / f"{n}.txt").write_text(
            f"Report {n}\n\nHarbor Times, October {n + 1}, 2020\n\nThe Azerbaijani Defence Ministry said {n + 3} "
            f"Armenian tanks were destroyed near Fuzuli on {n + 1} October 2020. Officials met in Paris.\n",
            encoding="utf-8")
    tables = []
    for processes in (1, 2):
        con = duckdb.connect(str(tmp_path / f"w{processes}.duckdb"))
        ingest_folder(con, landing, tmp_path / "quarantine")
        summary = run.extract_pending(con, model, batch_size=2, processes=processes)
        assert summary.articles == 7 and summary.claims == 7
        tables.append(table_rows(con))
        con.close()
    assert tables[0] == tables[1]
    assert len(tables[0]["claim_mentions"]) == 7 and len(tables[0]["gazetteer_places"]) == 7


def test_the_last_round_of_batches_is_cut_smaller_so_that_the_workers_finish_together():
    ids = [f"a{n:03}" for n in range(100)]
    assert [len(b) for b in run.batches_of(ids, 32, processes=1)] == [32, 32, 32, 4]
    two = run.batches_of(ids, 32, processes=2)
    assert [len(b) for b in two] == [32, 4] + [8] * 8  # the last 64 articles: 8 batches for 2 workers
    assert [i for batch in two for i in batch] == ids  # every article once, in order
    assert run.batches_of(ids[:5], 32, processes=2) == [ids[:5]]  # a few articles: one batch, parsed here
    assert run.batches_of([], 32, processes=2) == []


def test_a_worker_keeps_its_model_out_of_the_garbage_collectors_passes(model):
    try:
        run._load_in_worker(model)
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_nothing_to_extract_loads_no_model(warehouse, model, monkeypatch):
    con, _ = warehouse
    assert run.extract_pending(con, model, batch_size=10).articles == 1
    monkeypatch.setattr(parse, "load_nlp", lambda name: pytest.fail("the model was loaded with nothing to parse"))
    assert run.extract_pending(con, model, batch_size=10).articles == 0


def _nothing(*_):
    pass


def _die(*_):
    os._exit(9)  # as the OS's out-of-memory killer leaves it: no result, no exception


def test_a_worker_that_dies_says_what_to_do_and_leaves_no_half_written_batch(warehouse, model, monkeypatch):
    con, landing = warehouse
    (landing / "b.txt").write_text(ARTICLE.replace("Goris", "Lachin"), encoding="utf-8")
    ingest_folder(con, landing, landing.parent / "quarantine")
    monkeypatch.setattr(run, "_load_in_worker", _nothing)
    monkeypatch.setattr(run, "_extract_in_worker", _die)
    with pytest.raises(run.WorkerDied, match="CLAIMHOUSE_EXTRACT_PROCESSES=1"):
        run.extract_pending(con, model, batch_size=1, processes=2)
    assert counts(con)["processed_articles"] == 0
