"""Crash safety: `claimhouse run` killed with SIGKILL during ingest, halfway through extraction, during
dbt and during validation, then run again, ends with the same warehouse as a run never interrupted.

The kills are real: the run is a process group of its own (the CLI, Airflow's in-process DAG run, dbt's
subprocess), killed when its output shows it has reached the point under test.
"""

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.integration
CLAIMHOUSE = str(Path(sys.executable).with_name("claimhouse"))
ARTICLES = 540  # more than one ingest batch (500 inputs) and many extraction batches
# (what the run's output shows when it has reached the point, the point's name)
KILL_POINTS = [
    (r"ingest: \d+ inputs committed \(\d+ of \d+ files read\)", "ingest, after its first batch of inputs"),
    (r"extract: \d+/\d+ articles", "extraction, between batches with a batch being parsed"),
    (r"START sql table model marts\.", "dbt, while it builds the marts"),
    (r"suite marts|Validating|validate_marts", "the validation of the marts"),
]
# What must be the same: every key a user joins on, and the row counts of every table.
SNAPSHOT = {
    "raw.articles": "article_id",
    "raw.ingest_log": "source_file || ':' || coalesce(record_index, -1) || ':' || status || ':' || "
                      "coalesce(article_id, duplicate_of, '')",
    "raw.ingested_files": "source_file || ':' || records",
    "extract.sentences": "article_id || ':' || sentence_index",
    "extract.claim_mentions": "article_id || ':' || claim_index || ':' || predicate || ':' || coalesce(quantity, -1)",
    "extract.event_mentions": "article_id || ':' || event_index || ':' || event_type",
    "extract.processed_articles": "article_id || ':' || claims",
    "marts.fct_claims": "claim_id",
    "marts.fct_events": "event_id || ':' || article_event_id",
    "marts.claim_relations": "relation_id",
    "marts.claim_ranges": "range_id || ':' || claim_ids::varchar",
    "marts.dim_articles": "article_id || ':' || coalesce(near_duplicate_of, '')",
}


def write_corpus(landing):
    landing.mkdir()
    with (landing / "wire.jsonl").open("w", encoding="utf-8") as feed:
        for n in range(ARTICLES):
            feed.write(json.dumps({"title": f"Front line report {n}", "published": f"2020-10-{n % 28 + 1:02d}",
                                   "text": f"The Defence Ministry said {n % 40 + 2} soldiers were killed near "
                                           f"Fuzuli on {n % 28 + 1} October. Report number {n}."}) + "\n")
        feed.write("{a malformed line\n")
    (landing / "same story.txt").write_text("Shelling in Tartar\n\nHarbor Times, October 5, 2020\n\n"
                                            "Local officials said 3 civilians were wounded in Tartar on Sunday.\n",
                                            encoding="utf-8")


def run(workspace, kill_at=None):
    """`claimhouse run` on the workspace; killed with SIGKILL (the whole process group) at the first line
    of output matching `kill_at`. Returns (exit code, output)."""
    env = {**os.environ, "CLAIMHOUSE_INPUT": str(workspace / "landing"),
           "CLAIMHOUSE_WAREHOUSE": str(workspace / "warehouse" / "claimhouse.duckdb"),
           "CLAIMHOUSE_BATCH_SIZE": "60"}
    process = subprocess.Popen([CLAIMHOUSE, "run"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               text=True, start_new_session=True)
    output = []
    for line in process.stdout:
        output.append(line)
        if kill_at and re.search(kill_at, line):
            os.killpg(process.pid, signal.SIGKILL)
            break
    process.stdout.close()
    return process.wait(), "".join(output)


def snapshot(warehouse):
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return {table: con.execute(f"select count(*), list({key} order by {key}) from {table}").fetchone()
                for table, key in SNAPSHOT.items()}


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    workspace = tmp_path_factory.mktemp("uninterrupted")
    write_corpus(workspace / "landing")
    code, output = run(workspace)
    assert code == 0, output[-3000:]
    return snapshot(workspace / "warehouse" / "claimhouse.duckdb")


def test_a_run_killed_at_each_point_and_run_again_gives_the_same_warehouse(uninterrupted, tmp_path):
    write_corpus(tmp_path / "landing")
    published = tmp_path / "warehouse" / "claimhouse.duckdb"
    for pattern, point in KILL_POINTS:
        code, output = run(tmp_path, kill_at=pattern)
        assert code == -signal.SIGKILL, f"the run was not killed during {point}:\n{output[-3000:]}"
        assert not published.exists(), f"a run killed during {point} published a warehouse"
        print(f"killed during {point}, at: {output.splitlines()[-1][:160]}")
    code, output = run(tmp_path)
    assert code == 0, output[-3000:]
    assert "claimhouse run: success" in output
    assert "files        2: 2 loaded, 0 duplicate, 0 quarantined" in output
    assert f"inputs       {ARTICLES + 2}: {ARTICLES + 1} loaded, 0 duplicate, 1 quarantined" in output
    recovered = snapshot(published)
    assert recovered == uninterrupted
    counts = {table: count for table, (count, _) in recovered.items()}
    assert counts["raw.articles"] == ARTICLES + 1 and counts["raw.ingest_log"] == ARTICLES + 2
