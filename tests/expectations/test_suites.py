"""Each suite passes on the warehouse built from the seeds and fails, for the right reason, on broken rows."""

import duckdb
import pytest

from expectations.validate import ValidationFailed, validate_stage

pytestmark = pytest.mark.integration


def run_suite(settings, stage):
    return validate_stage(stage, settings.build_db_path, settings.data_docs_dir)


@pytest.mark.parametrize("stage", ["raw", "extract", "marts"])
def test_every_suite_passes_on_good_data_and_writes_data_docs(warehouse_copy, stage):
    result = run_suite(warehouse_copy, stage)
    assert result.success, [str(f) for f in result.failures]
    assert result.evaluated >= 10
    assert result.docs_index.exists() and f"{stage}." in result.docs_index.read_text(encoding="utf-8")


ONE_CLAIM = "(select article_id, claim_index from extract.claim_mentions order by article_id, claim_index limit 1)"
BROKEN = [
    ("raw", "update raw.articles set published_date = date '2199-01-01' where article_id = "
            "(select min(article_id) from raw.articles)", "raw_articles", "published_date",
     "expect_column_values_to_be_between"),
    ("raw", "insert into raw.ingest_log values ('x.txt', null, 'h', 'rejected', null, null, null, now())",
     "raw_ingest_log", "reason", "expect_column_values_to_not_be_null"),
    ("raw", "update raw.ingest_log set status = 'lost' where source_file = "
            "(select min(source_file) from raw.ingest_log)",
     "raw_ingest_log", "status", "expect_column_values_to_be_in_set"),
    ("extract", f"update extract.claim_mentions set span_end = 99999999 where (article_id, claim_index) in {ONE_CLAIM}",
     "extract_claim_mentions", "article_length", "expect_column_pair_values_a_to_be_greater_than_b"),
    ("extract", f"update extract.claim_mentions set quantity = -4 where (article_id, claim_index) in {ONE_CLAIM}",
     "extract_claim_mentions", "quantity", "expect_column_values_to_be_between"),
    ("extract", f"update extract.claim_mentions set predicate = 'teleported' where (article_id, claim_index) in "
                f"{ONE_CLAIM}", "extract_claim_mentions", "predicate", "expect_column_values_to_be_in_set"),
    ("extract", "insert into extract.claim_mentions select * replace ('no-such-article' as article_id) "
                f"from extract.claim_mentions where (article_id, claim_index) in {ONE_CLAIM}",
     "extract_claim_mentions", "article_length", "expect_column_values_to_not_be_null"),
    ("extract", "update extract.event_mentions set actor_side = 'martian' where event_index = 0",
     "extract_event_mentions", "actor_side", "expect_column_values_to_be_in_set"),
    ("marts", "update marts.fct_claims set claimant_side = 'martian' where claim_id = (select min(claim_id) "
              "from marts.fct_claims)", "fct_claims", "claimant_side", "expect_column_values_to_be_in_set"),
    ("marts", "insert into marts.fct_claims select * from marts.fct_claims limit 1", "fct_claims", "claim_id",
     "expect_column_values_to_be_unique"),
    ("marts", "update marts.fct_claims set quantity = 5000000000000 where claim_id = (select min(claim_id) "
              "from marts.fct_claims)", "fct_claims", "quantity", "expect_column_values_to_be_between"),
    ("marts", "update marts.dim_actors set side = 'neutral' where actor_id = 'russia'", "dim_actors", "side",
     "expect_column_values_to_be_in_set"),
    ("marts", "insert into marts.claim_relations values ('x~denies~y', 'x', 'denies', "
              "(select min(claim_id) from marts.fct_claims where predicate != 'denial'), 'same_figure', 0)",
     "claim_relations", "predicate", "expect_column_values_to_not_be_null"),
    ("marts", "update marts.claim_ranges set low_quantity = high_quantity + 1 where range_id = "
              "(select min(range_id) from marts.claim_ranges)",
     "claim_ranges", "best_quantity", "expect_column_pair_values_a_to_be_greater_than_b"),
]


@pytest.mark.parametrize("stage, breakage, table, column, expectation", BROKEN,
                         ids=[f"{b[0]}-{b[2]}-{b[3]}-{b[4].removeprefix('expect_')}" for b in BROKEN])
def test_a_broken_row_fails_its_suite_for_the_right_reason(warehouse_copy, stage, breakage, table, column,
                                                           expectation):
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        con.execute(breakage)
    result = run_suite(warehouse_copy, stage)
    assert [(f.table, f.column, f.expectation) for f in result.failures] == [(table, column, expectation)]


def test_a_failing_suite_raises_with_what_failed(warehouse_copy):
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        con.execute("update raw.ingest_log set status = 'lost'")
    result = run_suite(warehouse_copy, "raw")
    with pytest.raises(ValidationFailed, match=r"raw_ingest_log\.status: expect_column_values_to_be_in_set"):
        result.raise_if_failed()
