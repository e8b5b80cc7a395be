"""A stage after extraction runs again only when what it reads changed (its schemas' rows or its code), and
what is published is what the marts' validation passed."""

import duckdb
import pytest

from claimhouse import pipeline


@pytest.fixture
def build(tmp_path, monkeypatch, workspace):
    """A build database with a raw and an extract table, and a checkout whose code is two small files."""
    for folder in ("expectations", "dbt_project"):
        (tmp_path / "repo" / folder).mkdir(parents=True)
        (tmp_path / "repo" / folder / "code.py").write_text("CHECKS = 1\n", encoding="utf-8")
    monkeypatch.setattr(pipeline, "REPO_ROOT", tmp_path / "repo")
    workspace.build_db_path.parent.mkdir(parents=True)
    with duckdb.connect(str(workspace.build_db_path)) as con:
        con.execute("create schema raw; create table raw.articles as select 'a' as article_id, 'text' as text")
        con.execute("create schema extract; create table extract.claims as select 'a' as article_id, 5 as quantity")
        con.execute("create schema marts; create table marts.fct_claims as select 1 as claim_id")
    return workspace


def test_a_stage_is_done_once_for_the_same_inputs(build):
    assert not pipeline.done_before(build, "validate_raw")[0]
    pipeline.record_done(build, "validate_raw", pipeline.done_before(build, "validate_raw")[1])
    assert pipeline.done_before(build, "validate_raw")[0]
    assert not pipeline.done_before(build, "validate_extract")[0]  # each stage keeps its own record


EVERY_STAGE = {"validate_raw", "validate_extract", "dbt_build", "validate_marts"}


@pytest.mark.parametrize("change, redo", [
    ("update raw.articles set text = 'other text'", EVERY_STAGE),
    ("insert into raw.articles values ('b', 'text')", EVERY_STAGE),
    ("update extract.claims set quantity = 6", EVERY_STAGE - {"validate_raw"}),
    ("delete from extract.claims", EVERY_STAGE - {"validate_raw"}),
    # a mart changed by hand: dbt builds it again, and what is published is validated again
    ("insert into marts.fct_claims values (2)", {"dbt_build", "validate_marts"}),
    ("insert into audit.articles_set_aside (article_id, stage, check_name, expectation, set_aside_at) "
     "values ('a', 'extract', 'extract_claims', 'expect_column_values_to_be_between', now())",
     {"dbt_build", "validate_marts"}),
])
def test_a_change_to_what_a_stage_reads_makes_it_run_again(build, change, redo):
    for stage in EVERY_STAGE:
        pipeline.record_done(build, stage, pipeline.done_before(build, stage)[1])
    with duckdb.connect(str(build.build_db_path)) as con:
        con.execute(change)
    assert {stage for stage in EVERY_STAGE if not pipeline.done_before(build, stage)[0]} == redo


def test_publishing_refuses_a_build_that_changed_since_its_marts_were_validated(build):
    pipeline.record_done(build, "validate_marts", pipeline.done_before(build, "validate_marts")[1])
    with duckdb.connect(str(build.build_db_path)) as con:
        con.execute("update marts.fct_claims set claim_id = 7")
    with pytest.raises(pipeline.NotValidated, match="changed since its marts were last validated"):
        pipeline.publish_warehouse(build)
    assert not build.warehouse_path.exists()


def test_a_published_file_missing_or_replaced_makes_the_marts_validated_again(build):
    fingerprint = pipeline.done_before(build, "validate_marts")[1]
    pipeline.record_done(build, "validate_marts", fingerprint)
    build.warehouse_path.write_bytes(b"published")
    pipeline.record_done(build, "publish", pipeline.published_state(build, fingerprint))
    assert pipeline.done_before(build, "validate_marts", published=True)[0]
    build.warehouse_path.unlink()
    assert not pipeline.done_before(build, "validate_marts", published=True)[0]
    build.warehouse_path.write_bytes(b"another file")
    assert not pipeline.done_before(build, "validate_marts", published=True)[0]


def test_a_change_to_a_stage_code_makes_it_run_again(build):
    for stage in ("validate_raw", "dbt_build"):
        pipeline.record_done(build, stage, pipeline.done_before(build, stage)[1])
    (pipeline.REPO_ROOT / "expectations" / "code.py").write_text("CHECKS = 2\n", encoding="utf-8")
    assert not pipeline.done_before(build, "validate_raw")[0]
    assert pipeline.done_before(build, "dbt_build")[0]
