"""The DAG on the seed corpus, in-process through Airflow: marts filled, re-runs idempotent, a broken
stage stopping the run before publish and leaving the last good warehouse in place."""

import hashlib
import json

import duckdb
import pytest

from claimhouse.airflow_local import run_dag_once
from claimhouse.export import export_gold_jsonl
from claimhouse.pipeline import warehouse_summary
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration


@pytest.fixture
def seeds_workspace(workspace, monkeypatch):
    monkeypatch.setenv("CLAIMHOUSE_INPUT", str(SEEDS))
    from claimhouse.config import load_settings

    return load_settings()


# A break of a table (not of some articles' rows) in the build database, what the run must report, and how to
# mend it for the next one.
BREAKAGES = [
    ("raw", "insert into raw.ingest_log values ('x.txt', null, 'h', 'quarantined', null, null, null, now(), null)",
     "delete from raw.ingest_log where source_file = 'x.txt'", "raw_ingest_log.reason"),
    ("extract", "insert into extract.claim_mentions select * from extract.claim_mentions where claim_index = 0 and "
                "article_id = (select min(article_id) from extract.claim_mentions)",
     "delete from extract.claim_mentions where rowid = (select max(rowid) from extract.claim_mentions)",
     "expect_compound_columns_to_be_unique"),
]


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fact_ids(path):
    with duckdb.connect(str(path), read_only=True) as con:
        return (con.execute("select list(claim_id order by claim_id) from marts.fct_claims").fetchone()[0],
                con.execute("select list(event_id order by event_id) from marts.fct_events").fetchone()[0],
                con.execute("select list(article_id order by article_id) from marts.dim_articles").fetchone()[0])


def test_the_dag_builds_publishes_and_protects_the_warehouse(seeds_workspace, tmp_path):
    settings = seeds_workspace
    assert run_dag_once() == "success"
    summary = warehouse_summary(settings.warehouse_path)
    assert summary["articles"] == 5 and summary["inputs"] == {"loaded": 5}
    assert summary["claims"] > 20 and summary["events"] > 20 and summary["entities"] > 500
    assert [v["stage"] for v in summary["validations"]] == ["raw", "extract", "marts"]
    assert all(v["failed"] == 0 for v in summary["validations"])
    assert (settings.data_docs_dir / "index.html").exists()
    first_ids = fact_ids(settings.warehouse_path)
    published_at = settings.warehouse_path.stat().st_mtime_ns

    assert run_dag_once() == "success"  # nothing new: validations, dbt build and publish have nothing to do
    assert fact_ids(settings.warehouse_path) == first_ids
    assert settings.warehouse_path.stat().st_mtime_ns == published_at
    with duckdb.connect(str(settings.build_db_path), read_only=True) as con:
        assert con.execute("select count(*) from audit.validation_results").fetchone()[0] == 3
        assert con.execute("select list(stage order by stage) from audit.stage_inputs").fetchone()[0] == [
            "dbt_build", "publish", "validate_extract", "validate_marts", "validate_raw"]

    published = digest(settings.warehouse_path)
    for stage, breakage, repair, column in BREAKAGES:
        with duckdb.connect(str(settings.build_db_path)) as con:
            con.execute(breakage)
        assert run_dag_once() == "failed"
        assert digest(settings.warehouse_path) == published
        with duckdb.connect(str(settings.build_db_path)) as con:
            failed_stage, failed, failures = con.execute(
                "select stage, failed, failures from audit.validation_results order by validated_at desc limit 1"
            ).fetchone()
            con.execute(repair)
        assert (failed_stage, failed) == (stage, 1) and column in failures


def test_export_writes_the_gold_schema_with_source_lines(seeds_workspace, tmp_path):
    settings = seeds_workspace
    assert run_dag_once() == "success"
    out = tmp_path / "pred.jsonl"
    assert export_gold_jsonl(settings.warehouse_path, out) == 5
    docs = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert sorted(d["doc"] for d in docs) == sorted(p.name for p in SEEDS.iterdir())
    for doc in docs:
        source = (SEEDS / doc["doc"]).read_text(encoding="utf-8").splitlines()
        for item in doc["claims"] + doc["events"]:
            assert 1 <= item["line"] <= len(source) and source[item["line"] - 1].strip()
        for claim in doc["claims"]:
            assert set(claim) >= {"claimant", "claimant_side", "predicate", "subject", "subject_side", "quantity",
                                  "qualifier", "as_of", "denies", "evidence", "line"}
            assert claim["claimant_side"] in ("armenia", "azerbaijan", "third_party", None)
