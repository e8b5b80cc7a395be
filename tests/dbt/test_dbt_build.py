"""dbt build (seeds, models, schema and data tests) on the seeds' warehouse, and on a broken one."""

import json
import subprocess

import duckdb
import pytest

from claimhouse.pipeline import DbtBuildFailed, dbt_build, dbt_command, dbt_target

pytestmark = pytest.mark.integration


def test_dbt_build_passes_and_fills_every_mart(warehouse_copy):
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:  # as if it had never been built
        con.execute("delete from audit.stage_inputs")
    result = dbt_build(warehouse_copy)
    assert result["nodes"] > 50 and result["passed"] == result["nodes"]
    with duckdb.connect(str(warehouse_copy.build_db_path), read_only=True) as con:
        for mart in ("fct_claims", "fct_events", "claim_relations", "claim_ranges", "dim_articles", "dim_actors",
                     "dim_locations", "dim_dates"):
            assert con.execute(f"select count(*) from marts.{mart}").fetchone()[0] > 0, mart
        assert con.execute("select count(*) from marts.dim_articles").fetchone()[0] == 5
        assert con.execute("""select count(*) from marts.dim_locations
                              where location_id = 'shusha' and aliases like '%Shushi%'""").fetchone()[0] == 1


def test_every_fact_names_its_article_and_evidence_span(warehouse_copy):
    with duckdb.connect(str(warehouse_copy.build_db_path), read_only=True) as con:
        missing = con.execute("""
            select count(*) from marts.fct_claims c left join marts.dim_articles a using (article_id)
            where a.article_id is null or c.evidence_start is null or c.evidence_end is null""").fetchone()[0]
    assert missing == 0


def test_a_value_outside_an_accepted_set_fails_the_build(warehouse_copy):
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        con.execute("update raw.articles set source_format = 'pdf' where article_id = "
                    "(select min(article_id) from raw.articles)")
    with pytest.raises(DbtBuildFailed, match="accepted_values_dim_articles_source_format"):
        dbt_build(warehouse_copy)


def test_a_claim_of_an_unknown_article_fails_the_build(warehouse_copy):
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        con.execute("insert into extract.sentences select * replace ('ghost' as article_id) "
                    "from extract.sentences limit 1")
        con.execute("insert into extract.claim_mentions select * replace ('ghost' as article_id, 0 as sentence_index) "
                    "from extract.claim_mentions limit 1")
    with pytest.raises(DbtBuildFailed, match="relationships_fct_claims_article_id"):
        dbt_build(warehouse_copy)


def test_claims_link_to_the_events_their_sentences_report(warehouse_copy):
    dbt_build(warehouse_copy)
    with duckdb.connect(str(warehouse_copy.build_db_path), read_only=True) as con:
        linked, mismatched = con.execute("""
            select count(*), count(*) filter (where not list_contains(e.reporting_claim_ids, c.claim_id)
                                                  or e.evidence_start != c.evidence_start)
            from marts.fct_claims c join marts.fct_events e using (event_id)""").fetchone()
    assert linked > 0 and mismatched == 0


def test_a_build_with_the_inputs_of_the_last_one_is_skipped_and_any_change_rebuilds(warehouse_copy):
    assert dbt_build(warehouse_copy) == {"skipped": True}  # the fixture built these very rows
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        con.execute("update extract.claim_mentions set quantity = quantity + 1 where claim_index = 0")
    assert dbt_build(warehouse_copy)["nodes"] > 50
    assert dbt_build(warehouse_copy) == {"skipped": True}


def test_the_models_unit_tests_pass(warehouse_copy):
    """dbt's unit tests (the models' SQL on fixed rows) run here, not in the pipeline's build."""
    command, env = dbt_command(warehouse_copy, "test", "--select", "test_type:unit")
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    results = json.loads((dbt_target(warehouse_copy) / "run_results.json").read_text(encoding="utf-8"))["results"]
    assert len(results) >= 6 and {r["status"] for r in results} == {"pass"}
    assert all(r["unique_id"].startswith("unit_test.") for r in results)
