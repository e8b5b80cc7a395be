"""Each suite passes on the warehouse built from the seeds and fails, for the right reason, on broken rows.

Every expectation of every suite is fed data broken for it alone (one row, or the row count) and must
fail; the broken-row cases further down break the build database itself and run the whole suite."""

import datetime as dt
import re

import duckdb
import great_expectations as gx
import pandas as pd
import pytest

from expectations.suites import STAGES
from expectations.validate import ValidationFailed, read_check, read_stage, validate_stage

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
    ("raw", "insert into raw.ingest_log values ('x.txt', null, 'h', 'quarantined', null, null, null, now(), null)",
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
    ("raw", "create schema if not exists audit; create table audit.published_counts as "
            "select now() as published_at, 'raw_articles' as table_key, 6 as row_count",
     "raw_articles", None, "expect_table_row_count_to_be_between"),
    ("extract", "update extract.claim_mentions set as_of = date '2025-01-01' where (article_id, claim_index) in "
                "(select article_id, claim_index from extract.claim_mentions join raw.articles using (article_id) "
                "where published_date is not null order by all limit 1)",
     "extract_claim_mentions", "days_after_publication", "expect_column_values_to_be_between"),
    ("extract", "update extract.event_mentions set actor_side = 'martian' where event_index = 0",
     "extract_event_mentions", "actor_side", "expect_column_values_to_be_in_set"),
    ("marts", "update marts.fct_claims set claimant_side = 'martian' where claim_id = (select min(claim_id) "
              "from marts.fct_claims)", "fct_claims", "claimant_side", "expect_column_values_to_be_in_set"),
    # a claim without relations: a related claim twice is each of its relations twice (a second failure)
    ("marts", "insert into marts.fct_claims select * from marts.fct_claims where claim_id not in (select claim_id "
              "from marts.claim_relations union all select related_claim_id from marts.claim_relations) "
              "order by claim_id limit 1", "fct_claims", "claim_id", "expect_column_values_to_be_unique"),
    ("marts", "update marts.fct_claims set quantity = 5000000000000 where claim_id = (select min(claim_id) "
              "from marts.fct_claims)", "fct_claims", "quantity", "expect_column_values_to_be_between"),
    ("marts", "update marts.dim_actors set side = 'neutral' where actor_id = 'russia'", "dim_actors", "side",
     "expect_column_values_to_be_in_set"),
    ("marts", "insert into marts.claim_relations values ('x~denies~y', 'x', 'denies', "
              "(select min(claim_id) from marts.fct_claims where predicate != 'denial'), 'same_figure', 0)",
     "claim_relations", "predicate", "expect_column_values_to_not_be_null"),
    ("marts", "insert into marts.claim_relations select 'x~repeats~y', (select min(claim_id) from marts.fct_claims "
              "where predicate != 'denial'), 'repeats', (select min(claim_id) from marts.fct_claims where predicate = "
              "'denial'), 'same_claimant_same_figure', 0",
     "claim_relations", "related_predicate", "expect_column_values_to_not_be_in_set"),
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


def test_a_headline_denial_that_repeats_a_body_denial_passes(warehouse_copy):
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        con.execute("insert into marts.claim_relations select 'x~repeats~y', min(claim_id), 'repeats', max(claim_id), "
                    "'headline_of_body_denial', 0 from marts.fct_claims where predicate = 'denial'")
    assert run_suite(warehouse_copy, "marts").failures == []


def test_a_failing_suite_raises_with_what_failed(warehouse_copy):
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        con.execute("insert into raw.ingest_log values ('x.txt', null, 'h', 'lost', null, null, null, now(), null)")
    result = run_suite(warehouse_copy, "raw")
    with pytest.raises(ValidationFailed, match=r"raw_ingest_log\.status: expect_column_values_to_be_in_set"):
        result.raise_if_failed()


def test_a_row_level_failure_names_its_articles_and_values_and_does_not_block(warehouse_copy):
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        article, = con.execute(f"select article_id from {ONE_CLAIM}").fetchone()
        con.execute(f"update extract.claim_mentions set quantity = -4 where (article_id, claim_index) in {ONE_CLAIM}")
    result = run_suite(warehouse_copy, "extract")
    assert result.success and result.blocking == []
    [failure] = result.set_aside
    assert failure.articles == {article: "quantity=-4"}
    assert "1 rows, e.g. [-4]" in str(failure)  # a number as written, not numpy's repr
    result.raise_if_failed()


@pytest.mark.parametrize("breakage", [
    # a reference to no article, a duplicate key, a row that names no article: the table's failures
    "insert into extract.claim_mentions select * replace ('no-such-article' as article_id) from "
    f"extract.claim_mentions where (article_id, claim_index) in {ONE_CLAIM}",
    f"insert into extract.claim_mentions select * from extract.claim_mentions where (article_id, claim_index) in "
    f"{ONE_CLAIM}",
])
def test_a_table_level_failure_blocks_the_stage(warehouse_copy, breakage):
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        con.execute(breakage)
    result = run_suite(warehouse_copy, "extract")
    assert not result.success and result.set_aside == []
    with pytest.raises(ValidationFailed):
        result.raise_if_failed()


EXPECTATIONS = [(stage, check.name, index, expectation.expectation_type)
                for stage, checks in STAGES.items() for check in checks
                for index, expectation in enumerate(check.expectations())]


@pytest.fixture(scope="module")
def good_frames(built_warehouse):
    return {stage: read_stage(stage, built_warehouse.build_db_path) for stage in STAGES}


@pytest.fixture(scope="module")
def single_expectation_validator():
    context = gx.get_context(mode="ephemeral")
    batch_definition = (context.data_sources.add_pandas("frames").add_dataframe_asset("frame")
                        .add_batch_definition_whole_dataframe("all_rows"))

    def validate(expectation, frame, parameters):
        batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
        return batch.validate(expectation, expectation_parameters=parameters)

    return validate


def _row_meeting(frame, kwargs, *columns):
    """The index of a row that meets the expectation's row condition and has values in `columns`; a row
    is made to meet a condition `column=="value"` when none does."""
    condition = (kwargs.get("row_condition") or {}).get("pass_through_filter")
    rows = frame.query(condition) if condition else frame
    rows = rows.dropna(subset=list(columns))
    if len(rows):
        return rows.index[0]
    column, value = re.fullmatch(r'(\w+)=="(.*)"', condition).groups()
    frame.loc[frame.index[0], column] = value
    return frame.index[0]


def break_for(expectation, frame, parameters):
    """`frame` and `parameters` changed so that `expectation`, and no value of another row, is broken."""
    kind, kwargs = expectation.expectation_type, expectation.configuration.kwargs
    frame, parameters = frame.copy(), dict(parameters)
    column = kwargs.get("column")
    if kind == "expect_table_row_count_to_be_between":
        bound = kwargs["min_value"]
        if isinstance(bound, dict):  # the floor of the last publication: say it had one row more
            parameters[bound["$PARAMETER"]] = len(frame) + 1
            return frame, parameters
        return frame.iloc[0:0], parameters
    if kind == "expect_column_values_to_not_be_null":
        frame[column] = frame[column].astype(object)
        frame.loc[_row_meeting(frame, kwargs), column] = None
    elif kind == "expect_column_values_to_be_unique":
        frame.loc[frame.index[1], column] = frame.loc[frame.index[0], column]
    elif kind == "expect_compound_columns_to_be_unique":
        for name in kwargs["column_list"]:
            frame.loc[frame.index[1], name] = frame.loc[frame.index[0], name]
    elif kind == "expect_column_values_to_be_in_set":
        frame[column] = frame[column].astype(object)
        frame.loc[_row_meeting(frame, kwargs), column] = "no-such-value"
    elif kind == "expect_column_values_to_not_be_in_set":
        frame.loc[_row_meeting(frame, kwargs), column] = kwargs["value_set"][0]
    elif kind == "expect_column_values_to_be_between":
        row = _row_meeting(frame, kwargs)
        high = kwargs.get("max_value")
        if high is not None:
            high = parameters[high["$PARAMETER"]] if isinstance(high, dict) else high
            beyond = high + (dt.timedelta(days=1) if isinstance(high, dt.datetime) else 1)
        else:
            low = kwargs["min_value"]
            beyond = low - (dt.timedelta(days=1) if isinstance(low, dt.datetime) else 1)
        if isinstance(beyond, dt.datetime):
            frame[column] = pd.to_datetime(frame[column])
        frame.loc[row, column] = beyond
    elif kind == "expect_column_pair_values_a_to_be_greater_than_b":
        a, b = kwargs["column_A"], kwargs["column_B"]
        row = _row_meeting(frame, kwargs, a, b)
        frame.loc[row, a] = frame.loc[row, b] - 1
    else:
        raise AssertionError(f"no way to break {kind}: add one here")
    return frame, parameters


@pytest.mark.parametrize("stage, check_name, index, kind", EXPECTATIONS,
                         ids=[f"{e[0]}-{e[1]}-{e[2]}-{e[3].removeprefix('expect_')}" for e in EXPECTATIONS])
def test_every_expectation_passes_on_good_data_and_fails_on_data_broken_for_it(
        good_frames, single_expectation_validator, stage, check_name, index, kind):
    frames, parameters = good_frames[stage]
    [check] = [c for c in STAGES[stage] if c.name == check_name]
    expectation = check.expectations()[index]
    good = frames[check_name]
    assert single_expectation_validator(expectation, good, parameters).success
    texts = {column: "category" for column in good.columns if isinstance(good[column].dtype, pd.CategoricalDtype)}
    broken, broken_parameters = break_for(expectation, good.astype({column: object for column in texts}), parameters)
    result = single_expectation_validator(expectation, broken.astype(texts), broken_parameters)  # as read_check reads
    assert not result.success and not result.exception_info.get("raised_exception"), result
    if "unexpected_count" in result.result:
        assert result.result["unexpected_count"] == (2 if "unique" in kind else 1)


def test_a_check_reads_only_the_columns_its_expectations_look_at(built_warehouse):
    check = next(c for c in STAGES["extract"] if c.name == "extract_entity_mentions")
    with duckdb.connect(str(built_warehouse.build_db_path), read_only=True) as con:
        frame = read_check(con, check)
        rows = con.execute("select count(*) from extract.entity_mentions").fetchone()[0]
    assert set(frame.columns) == {"article_id", "mention_index", "label", "span_start", "span_end", "article_length"}
    assert len(frame) == rows > 500


def test_a_check_reads_text_as_categories_a_chunk_at_a_time_with_every_row(built_warehouse, monkeypatch):
    monkeypatch.setattr("expectations.validate.CHUNK_VECTORS", 1)  # 2,048 rows a chunk
    check = next(c for c in STAGES["extract"] if c.name == "extract_entity_mentions")
    with duckdb.connect(str(built_warehouse.build_db_path), read_only=True) as con:
        frame = read_check(con, check)
        expected = con.execute(f"select {', '.join(frame.columns)} from ({check.query})").df()
    assert len(frame) > 2048
    assert isinstance(frame["article_id"].dtype, pd.CategoricalDtype)
    assert frame["article_id"].cat.categories.size == expected["article_id"].nunique()
    pd.testing.assert_frame_equal(frame.astype({"article_id": object, "label": object}),
                                  expected.astype({"article_id": object, "label": object}), check_dtype=False)


def test_the_columns_of_range_checks_are_read_as_gx_compares_them_in_numpy(built_warehouse):
    """Spans (DuckDB INTEGER) as int64 and dates as datetime64[ns]; the other columns as DuckDB gives them."""
    checks = {c.name: c for c in STAGES["extract"]}
    with duckdb.connect(str(built_warehouse.build_db_path), read_only=True) as con:
        claims = read_check(con, checks["extract_claim_mentions"])
        as_given = con.execute(f"select claim_index from ({checks['extract_claim_mentions'].query})").df()
    assert claims["span_start"].dtype == "int64" and claims["as_of"].dtype == "datetime64[ns]"
    assert claims["claim_index"].dtype == as_given["claim_index"].dtype == "int32"


def test_a_date_too_late_for_nanoseconds_is_kept_and_fails_its_range(warehouse_copy):
    """A year 2920 (a typing slip in an article) cannot be held in datetime64[ns]: its column stays as DuckDB
    gives it, and the date range catches it."""
    with duckdb.connect(str(warehouse_copy.build_db_path)) as con:
        con.execute("update extract.claim_mentions set as_of = date '2920-10-05' "
                    "where rowid = (select min(rowid) from extract.claim_mentions)")
    result = run_suite(warehouse_copy, "extract")
    failed = {(f.table, f.column, f.expectation): f.unexpected for f in result.failures}
    assert str(failed[("extract_claim_mentions", "as_of", "expect_column_values_to_be_between")]).startswith("1 rows")
