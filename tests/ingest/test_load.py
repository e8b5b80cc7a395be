"""Every input ends in exactly one status (loaded, duplicate, quarantined), whatever arrives."""

import json

import duckdb
import pytest

from ingest import load
from ingest.load import ingest_folder
from ingest.prepare import content_hash

ARTICLE = "Road reopens\n\nHarbor Times, March 3, 2021\n\nThe ministry said the road reopened.\n"
LATIN = "Café reopens\n\nThe café in Montréal said the façade was repaired.\n"
CYRILLIC = "Дорога открыта\n\nМинистерство обороны сообщило, что дорога открыта.\n"
HTML = ("<html><head><title>Bridge opens</title><script>var ad = 'Subscribe now to read';</script></head><body>"
        "<nav>Home | World | Sport</nav><article><p>Engineers in Goris said the bridge opened on Tuesday.</p>"
        "</article><footer>All rights reserved</footer></body></html>")


@pytest.fixture
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


@pytest.fixture
def landing(tmp_path):
    folder = tmp_path / "landing"
    folder.mkdir()
    return folder


def ingest(con, landing, **limits):
    return ingest_folder(con, landing, landing.parent / "quarantine", **limits)


def write(folder, name, data):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def log_rows(con):
    return con.execute("select source_file, record_index, status, reason, duplicate_of, quarantine_file "
                       "from raw.ingest_log order by source_file, record_index").fetchall()


def article(con, source_file):
    return con.execute("select title, published_date, text, encoding from raw.articles where source_file = ?",
                       [source_file]).fetchone()


def test_every_bad_input_ends_in_one_status_and_the_counts_add_up(con, landing):
    write(landing, "good.txt", ARTICLE)
    write(landing, "same text, other name.txt", ARTICLE)
    write(landing, "empty.txt", b"")
    write(landing, "blank.md", b"  \n\n \r\n")
    write(landing, "photo.txt", bytes(range(256)) * 40)
    write(landing, "latin-1.txt", LATIN.encode("latin-1"))
    write(landing, "windows-1251.txt", CYRILLIC.encode("cp1251"))
    write(landing, "utf-16.txt", "Talks resume\n\nEnvoys met in Geneva on Friday.\n".encode("utf-16"))
    write(landing, "mixed endings.txt", b"Ceasefire holds\r\n\r\nThe line was quiet.\rShops opened.\nSchools too.\n")
    write(landing, "page with chrome.html", HTML)
    write(landing, "no date.txt", "A village rebuilds\n\nVillagers said the school would reopen.\n")
    write(landing, "sous-dossier/dépêche n°1.md", "Second piece\n\nOfficials in Goris said the school reopened.")
    write(landing, "feed.jsonl", "\n".join([json.dumps({"text": "Third piece of news about the road."}), "{oops",
                                            json.dumps({"title": "no text"}), json.dumps({"text": "Fourth piece."})]))
    write(landing, "scan.pdf", b"%PDF-1.7 ...")
    summary = ingest(con, landing)
    rows = log_rows(con)
    # 14 files: feed.jsonl holds four records, so 17 inputs, each logged once
    assert summary.files_seen == 14 and len(rows) == 17
    assert (summary.loaded, summary.duplicate, summary.quarantined) == (10, 1, 6)
    assert summary.loaded + summary.duplicate + summary.quarantined == len(rows)
    # and per file: a file is loaded if any of its inputs was (feed.jsonl), so the files add up too
    assert dict(con.execute(load.FILE_OUTCOMES).fetchall()) == {"loaded": 9, "duplicate": 1, "quarantined": 4}
    status = {(name, index): (state, reason) for name, index, state, reason, _, _ in rows}
    assert status[("empty.txt", None)] == ("quarantined", "empty file: it holds no text")
    assert "empty" in status[("blank.md", None)][1]
    assert "binary" in status[("photo.txt", None)][1]
    assert "line 2" in status[("feed.jsonl", 2)][1] and "no text" in status[("feed.jsonl", 3)][1]
    assert "unsupported file type '.pdf'" in status[("scan.pdf", None)][1]
    [duplicate] = [row for row in rows if row[2] == "duplicate"]
    assert duplicate[0] == "same text, other name.txt" and duplicate[4] == content_hash(
        article(con, "good.txt")[2])[:16]

    assert "The café in Montréal said the façade" in article(con, "latin-1.txt")[2]
    assert "Министерство обороны" in article(con, "windows-1251.txt")[2]
    assert article(con, "windows-1251.txt")[3] == "cp1251"
    assert "Envoys met in Geneva" in article(con, "utf-16.txt")[2]
    assert article(con, "mixed endings.txt")[2].split("\n")[2:5] == ["The line was quiet.", "Shops opened.",
                                                                     "Schools too."]
    chrome = article(con, "page with chrome.html")[2]
    assert "bridge opened" in chrome and "Subscribe" not in chrome and "Home | World" not in chrome
    assert article(con, "no date.txt")[1] is None
    assert article(con, "sous-dossier/dépêche n°1.md") is not None


def test_quarantined_inputs_are_kept_under_names_of_their_hash(con, landing):
    write(landing, "dépêche vide.txt", b"")
    write(landing, "feed.jsonl", json.dumps({"text": "Good news item."}) + "\n{oops\n")
    ingest(con, landing)
    quarantine = landing.parent / "quarantine"
    kept = {row[0]: row[5] for row in log_rows(con) if row[2] == "quarantined"}
    assert set(kept) == {"dépêche vide.txt", "feed.jsonl"}
    assert (quarantine / kept["feed.jsonl"]).read_bytes() == b"{oops\n"
    assert (quarantine / kept["dépêche vide.txt"]).read_bytes() == b""
    assert all(name[:16].isalnum() and name.isascii() for name in kept.values())
    assert sorted(p.name for p in quarantine.iterdir()) == sorted(kept.values())


def test_a_file_above_the_article_limit_is_quarantined_unread(con, landing):
    write(landing, "huge.txt", b"word " * 10_000_000)  # 50 MB
    write(landing, "feed.jsonl", json.dumps({"text": "short"}) + "\n" + json.dumps({"text": "long " * 400}) + "\n")
    summary = ingest(con, landing, max_article_bytes=1000)
    status = {(name, index): (state, reason) for name, index, state, reason, _, _ in log_rows(con)}
    assert status[("huge.txt", None)][0] == "quarantined"
    assert "50.0 MB" in status[("huge.txt", None)][1] and "CLAIMHOUSE_MAX_ARTICLE_MB" in status[("huge.txt", None)][1]
    assert status[("feed.jsonl", 1)][0] == "loaded" and status[("feed.jsonl", 2)][0] == "quarantined"
    assert summary.loaded == 1


def test_loading_the_same_folder_twice_adds_nothing(con, landing):
    write(landing, "good.txt", ARTICLE)
    write(landing, "empty.txt", b"")
    ingest(con, landing)
    before = con.execute("select (select count(*) from raw.articles), (select count(*) from raw.ingest_log)").fetchone()
    again = ingest(con, landing)
    after = con.execute("select (select count(*) from raw.articles), (select count(*) from raw.ingest_log)").fetchone()
    assert before == after == (1, 2)
    assert again.files_skipped == 2 and again.loaded == 0


def test_a_new_file_is_the_only_one_processed(con, landing):
    write(landing, "good.txt", ARTICLE)
    ingest(con, landing)
    write(landing, "new.txt", "Another piece\n\nOfficials in Goris said a bridge reopened.")
    summary = ingest(con, landing)
    assert (summary.files_skipped, summary.loaded) == (1, 1)


def test_a_file_left_half_done_is_resumed_where_it_stopped(con, landing, monkeypatch):
    lines = [json.dumps({"text": f"Item {n}: the council said road {n} reopened."}) for n in range(7)]
    write(landing, "feed.jsonl", "\n".join(lines))
    monkeypatch.setattr(load, "BATCH_INPUTS", 3)
    commits = []
    real_commit = load._Batch.commit

    def commit_then_die(batch, connection, *counts):
        if len(commits) == 2:
            raise KeyboardInterrupt("killed")
        commits.append(len(batch.log_rows))
        real_commit(batch, connection, *counts)

    monkeypatch.setattr(load._Batch, "commit", commit_then_die)
    with pytest.raises(KeyboardInterrupt):
        ingest(con, landing)
    assert con.execute("select count(*) from raw.ingest_log").fetchone()[0] == 6
    monkeypatch.setattr(load._Batch, "commit", real_commit)
    summary = ingest(con, landing)
    assert summary.loaded == 1
    assert con.execute("select count(*), count(distinct record_index) from raw.ingest_log").fetchone() == (7, 7)
    assert con.execute("select records from raw.ingested_files").fetchall() == [(7,)]


def test_the_article_keeps_its_original_text_and_metadata(con, landing):
    write(landing, "good.txt", ARTICLE)
    ingest(con, landing)
    title, outlet, published, original, text = con.execute(
        "select title, outlet, published_date, original_text, text from raw.articles").fetchone()
    assert (title, outlet, str(published)) == ("Road reopens", "Harbor Times", "2021-03-03")
    assert original == ARTICLE
    assert "Harbor Times, March 3" not in text and text.count("\n") == ARTICLE.count("\n")


def test_a_missing_landing_folder_is_a_clear_error(tmp_path, con):
    with pytest.raises(FileNotFoundError, match="CLAIMHOUSE_INPUT"):
        ingest_folder(con, tmp_path / "nowhere", tmp_path / "quarantine")


def test_an_input_with_nothing_but_boilerplate_is_quarantined_with_its_copy(con, landing):
    write(landing, "chrome only.txt", "Subscribe to our newsletter.\nAll rights reserved.\n")
    write(landing, "feed.jsonl", "\n".join(json.dumps({"text": text}) for text in ("Share this article", ARTICLE)))
    summary = ingest(con, landing)
    assert (summary.loaded, summary.quarantined) == (1, 2)
    kept = {(row[0], row[1]): row[5] for row in log_rows(con) if row[2] == "quarantined"}
    assert set(kept) == {("chrome only.txt", None), ("feed.jsonl", 1)}
    quarantine = landing.parent / "quarantine"
    assert (quarantine / kept[("chrome only.txt", None)]).read_text(encoding="utf-8").startswith("Subscribe")
    assert (quarantine / kept[("feed.jsonl", 1)]).read_text(encoding="utf-8") == "Share this article"



def test_a_one_line_article_that_mentions_copyright_is_loaded_whole(con, landing):
    line = "Lawyers for the broadcaster argued that its footage of the shelled bridge was protected by copyright."
    write(landing, "one line.txt", line)
    assert ingest(con, landing).loaded == 1
    assert article(con, "one line.txt")[2] == line


def test_every_blanked_line_is_listed_with_the_rule_that_blanked_it(con, landing):
    write(landing, "good.txt", ARTICLE + "Share this article\nSubscribe to our newsletter.\n")
    ingest(con, landing)
    blanked = con.execute("""select b.line_number, b.line_text, b.rule from raw.boilerplate_lines b
                             join raw.articles a using (article_id) order by b.line_number""").fetchall()
    assert blanked == [(3, "Harbor Times, March 3, 2021", "header line"),
                       (6, "Share this article", r"share (this|on|via)\b.*"),
                       (7, "Subscribe to our newsletter.", r"(please )?subscribe\b.*")]
    assert con.execute("select boilerplate_lines from raw.articles").fetchone()[0] == len(blanked)

def _landing_of_every_kind(landing):
    for n in range(9):
        write(landing, f"wire/{n:02}.txt", ARTICLE.replace("road", f"road {n}"))
    write(landing, "wire/03 again.txt", ARTICLE.replace("road", "road 3"))
    write(landing, "empty.txt", b"")
    write(landing, "photo.txt", bytes(range(256)) * 40)
    write(landing, "page.html", HTML)
    write(landing, "latin.txt", LATIN.encode("latin-1"))
    write(landing, "feed.jsonl", "\n".join(json.dumps({"text": f"Item {n}: the council said road {n} reopened."})
                                           for n in range(5)) + "\n{oops\n")
    write(landing, "big feed.jsonl", "\n".join(json.dumps({"text": f"Long item {n}: " + "words " * 100})
                                               for n in range(3)) + "\n")


def _ingested(con):
    return (con.execute("""select article_id, source_file, record_index, title, text, minhash from raw.articles
                           order by all""").fetchall(),
            con.execute("""select source_file, record_index, status, reason, duplicate_of, quarantine_file
                           from raw.ingest_log order by all""").fetchall(),
            con.execute("select source_file, file_hash, records from raw.ingested_files order by all").fetchall(),
            con.execute("select * from raw.boilerplate_lines order by all").fetchall())


def test_worker_processes_ingest_exactly_what_one_process_does(tmp_path, monkeypatch):
    landing = tmp_path / "landing"
    _landing_of_every_kind(landing)
    monkeypatch.setattr(load, "WORKERS_FROM_FILES", 1)
    monkeypatch.setattr(load, "CHUNK_FILES", 4)  # several chunks, with a streamed file between them
    found = []
    for processes in (1, 2):
        with duckdb.connect() as connection:
            summary = ingest_folder(connection, landing, tmp_path / f"quarantine-{processes}", max_article_bytes=1500,
                                    processes=processes)
            found.append((summary, _ingested(connection)))
    (one, rows), (two, rows_two) = found
    assert one == two and rows == rows_two
    assert (one.loaded, one.duplicate, one.quarantined) == (19, 1, 3)  # every kind of input is there
    assert sorted(p.name for p in (tmp_path / "quarantine-1").iterdir()) == \
        sorted(p.name for p in (tmp_path / "quarantine-2").iterdir())


def _die(*_):
    import os

    os._exit(9)  # as the OS's out-of-memory killer leaves it


def test_an_ingest_worker_that_dies_says_what_to_do(con, landing, monkeypatch):
    _landing_of_every_kind(landing)
    monkeypatch.setattr(load, "WORKERS_FROM_FILES", 1)
    monkeypatch.setattr(load, "prepare_files", _die)
    with pytest.raises(RuntimeError, match="CLAIMHOUSE_INGEST_PROCESSES=1"):
        ingest(con, landing, processes=2)
