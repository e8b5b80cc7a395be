"""A stage after extraction runs again only when what it reads changed: its schemas' rows or its code."""

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


@pytest.mark.parametrize("change, redo", [
    ("update raw.articles set text = 'other text'", {"validate_raw", "validate_extract", "dbt_build", "publish"}),
    ("insert into raw.articles values ('b', 'text')", {"validate_raw", "validate_extract", "dbt_build", "publish"}),
    ("update extract.claims set quantity = 6", {"validate_extract", "dbt_build", "publish"}),
    ("delete from extract.claims", {"validate_extract", "dbt_build", "publish"}),
    ("insert into marts.fct_claims values (2)", set()),  # what dbt itself writes is no input of it
])
def test_a_change_to_what_a_stage_reads_makes_it_run_again(build, change, redo):
    stages = ("validate_raw", "validate_extract", "dbt_build", "publish")
    for stage in stages:
        pipeline.record_done(build, stage, pipeline.done_before(build, stage)[1])
    with duckdb.connect(str(build.build_db_path)) as con:
        con.execute(change)
    assert {stage for stage in stages if not pipeline.done_before(build, stage)[0]} == redo


def test_a_change_to_a_stage_code_makes_it_run_again(build):
    for stage in ("validate_raw", "dbt_build"):
        pipeline.record_done(build, stage, pipeline.done_before(build, stage)[1])
    (pipeline.REPO_ROOT / "expectations" / "code.py").write_text("CHECKS = 2\n", encoding="utf-8")
    assert not pipeline.done_before(build, "validate_raw")[0]
    assert pipeline.done_before(build, "dbt_build")[0]
