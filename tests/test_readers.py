"""Readers of the published warehouse are never blocked and never see a half-built one: a reader that
keeps querying (reconnecting each time, as a dashboard does) and one that holds its connection open get
consistent answers throughout a full run; a run whose validation fails leaves the published warehouse
as it was and says why."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import SEEDS

pytestmark = pytest.mark.integration
CLAIMHOUSE = str(Path(sys.executable).with_name("claimhouse"))
# Answers that must agree with each other in any one published warehouse.
QUESTION = """select (select count(*) from marts.dim_articles), (select count(*) from marts.fct_claims),
                     (select sum(claim_count) from marts.dim_articles), (select count(*) from raw.articles)"""


def claimhouse_run(workspace):
    env = {**os.environ, "CLAIMHOUSE_INPUT": str(workspace / "landing"),
           "CLAIMHOUSE_WAREHOUSE": str(workspace / "warehouse" / "claimhouse.duckdb")}
    return subprocess.run([CLAIMHOUSE, "run"], env=env, capture_output=True, text=True, check=False)


# A reader process (a BI tool is one): asks QUESTION until the stop file appears, printing each answer
# or error as a JSON line. Each reader is a process of its own, as DuckDB shares one open database among
# the connections of a process.
READER = """
import json, sys, time
from pathlib import Path
import duckdb
path, reconnect, stop, question = sys.argv[1], sys.argv[2] == "reconnect", Path(sys.argv[3]), sys.argv[4]
held = None if reconnect else duckdb.connect(path, read_only=True)
while not stop.exists():
    try:
        if reconnect:
            with duckdb.connect(path, read_only=True) as con:
                answer = con.execute(question).fetchone()
        else:
            answer = held.execute(question).fetchone()
        print(json.dumps({"answer": [int(v) for v in answer]}), flush=True)
    except duckdb.Error as exc:
        print(json.dumps({"error": repr(exc)}), flush=True)
    time.sleep(0.05)
"""


def start_reader(path, mode, stop_file):
    return subprocess.Popen([sys.executable, "-c", READER, str(path), mode, str(stop_file), QUESTION],
                            stdout=subprocess.PIPE, text=True)


def stop_readers(readers, stop_file):
    stop_file.touch()
    seen = []
    for reader in readers:
        out, _ = reader.communicate(timeout=60)
        lines = [json.loads(line) for line in out.splitlines()]
        seen.append(([tuple(line["answer"]) for line in lines if "answer" in line],
                     [line["error"] for line in lines if "error" in line]))
    return seen


def processed_at(build):
    with duckdb.connect(str(build), read_only=True) as con:
        return dict(con.execute("select article_id, processed_at from extract.processed_articles").fetchall())


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_readers_get_consistent_answers_during_a_run_and_a_failed_run_changes_nothing(tmp_path):
    landing = tmp_path / "landing"
    landing.mkdir()
    for seed in ("000_87a65d2056cecb1d.txt", "004_db168db175c25339.txt"):
        shutil.copy(SEEDS / seed, landing)
    first = claimhouse_run(tmp_path)
    assert first.returncode == 0, first.stderr[-3000:]
    published = tmp_path / "warehouse" / "claimhouse.duckdb"
    build = tmp_path / "warehouse" / "build" / "claimhouse.duckdb"
    with duckdb.connect(str(published), read_only=True) as con:
        before = con.execute(QUESTION).fetchone()
    processed_first = processed_at(build)

    shutil.copy(SEEDS / "003_38c270a15a49e9fe.txt", landing)
    stop_file = tmp_path / "stop readers"
    readers = [start_reader(published, mode, stop_file) for mode in ("reconnect", "hold")]
    second = claimhouse_run(tmp_path)
    time.sleep(1)
    (fresh, fresh_errors), (held, held_errors) = stop_readers(readers, stop_file)
    assert second.returncode == 0, second.stderr[-3000:]
    with duckdb.connect(str(published), read_only=True) as con:
        after = con.execute(QUESTION).fetchone()
    assert after[0] == before[0] + 1
    assert fresh_errors == [] and held_errors == []
    assert len(fresh) > 20 and set(fresh) == {before, after}  # never anything in between
    assert fresh.index(after) > fresh.index(before) and set(fresh[fresh.index(after):]) == {after}
    assert set(held) == {before}  # an open connection keeps reading the copy it opened
    # the run processed the new file only: the first two articles were not extracted again
    processed_second = processed_at(build)
    assert {a: t for a, t in processed_second.items() if a in processed_first} == processed_first
    assert len(processed_second) == len(processed_first) + 1

    with duckdb.connect(str(build)) as con:
        # a break of the table, not of one article's rows (which would only set that article aside)
        con.execute("insert into raw.ingest_log values ('x.txt', null, 'h', 'quarantined', null, null, null, now(), "
                    "null)")
    published_bytes = digest(published)
    failed = claimhouse_run(tmp_path)
    assert failed.returncode == 1
    assert "was not replaced" in failed.stderr
    assert "validation of stage 'raw' failed" in failed.stderr and "raw_ingest_log.reason" in failed.stderr
    assert digest(published) == published_bytes
