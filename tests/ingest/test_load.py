import json

import duckdb
import pytest

from ingest.load import ingest_folder

ARTICLE = "Road reopens\n\nHarbor Times, March 3, 2021\n\nThe ministry said the road reopened.\n"


@pytest.fixture
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def log_rows(con):
    return con.execute("select source_file, status, reason, duplicate_of from raw.ingest_log "
                       "order by source_file, record_index").fetchall()


def test_every_input_ends_in_exactly_one_status(tmp_path, con):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "same text, other name.txt", ARTICLE)
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "binary.txt", b"\x00\x01\x02\xff" * 100)
    write(tmp_path, "sub/dépêche.md", "Second piece\n\nOfficials in Goris said the school reopened.")
    write(tmp_path, "feed.jsonl", json.dumps({"text": "Third piece of news."}) + "\n{oops\n")
    summary = ingest_folder(con, tmp_path)
    assert (summary.loaded, summary.duplicate, summary.rejected) == (3, 1, 3)
    rows = log_rows(con)
    assert len(rows) == 7
    reasons = {name: reason for name, status, reason, _ in rows if status == "rejected"}
    assert "empty" in reasons["empty.txt"] and "binary" in reasons["binary.txt"] and "line 2" in reasons["feed.jsonl"]
    [duplicate] = [row for row in rows if row[1] == "duplicate"]
    good_id = con.execute("select article_id from raw.articles where source_file = 'good.txt'").fetchone()[0]
    assert duplicate[0] == "same text, other name.txt" and duplicate[3] == good_id
    assert con.execute("select count(*) from raw.articles where source_file = 'sub/dépêche.md'").fetchone()[0] == 1


def test_loading_the_same_folder_twice_adds_nothing(tmp_path, con):
    write(tmp_path, "good.txt", ARTICLE)
    write(tmp_path, "empty.txt", b"")
    ingest_folder(con, tmp_path)
    before = con.execute("select (select count(*) from raw.articles), (select count(*) from raw.ingest_log)").fetchone()
    again = ingest_folder(con, tmp_path)
    after = con.execute("select (select count(*) from raw.articles), (select count(*) from raw.ingest_log)").fetchone()
    assert before == after == (1, 2)
    assert again.files_skipped == 2 and again.loaded == 0


def test_a_new_file_is_the_only_one_processed(tmp_path, con):
    write(tmp_path, "good.txt", ARTICLE)
    ingest_folder(con, tmp_path)
    write(tmp_path, "new.txt", "Another piece\n\nOfficials in Goris said a bridge reopened.")
    summary = ingest_folder(con, tmp_path)
    assert (summary.files_skipped, summary.loaded) == (1, 1)


def test_the_article_keeps_its_original_text_and_metadata(tmp_path, con):
    write(tmp_path, "good.txt", ARTICLE)
    ingest_folder(con, tmp_path)
    title, outlet, published, original, text = con.execute(
        "select title, outlet, published_date, original_text, text from raw.articles").fetchone()
    assert (title, outlet, str(published)) == ("Road reopens", "Harbor Times", "2021-03-03")
    assert original == ARTICLE
    assert "Harbor Times, March 3" not in text and text.count("\n") == ARTICLE.count("\n")


def test_a_missing_landing_folder_is_a_clear_error(tmp_path, con):
    with pytest.raises(FileNotFoundError, match="CLAIMHOUSE_INPUT"):
        ingest_folder(con, tmp_path / "nowhere")
