"""What users read passed every validation, and one bad article never holds the warehouse: the DAG on the seed
corpus, in-process through Airflow, with a mart changed by hand and with an article that breaks a row-level
expectation (set aside, named, then removed with `claimhouse articles remove`)."""

import shutil

import duckdb
import pytest

from claimhouse import cli
from claimhouse.airflow_local import run_dag_once
from claimhouse.config import load_settings
from tests.conftest import SEEDS

pytestmark = pytest.mark.integration
# Published on 5 October, a figure said to be of 7 October: two days after its own publication.
LATE_FIGURE = ("Ministry reports losses\n\n5 October 2020\n\n"
               "Azerbaijan's Defence Ministry said on Wednesday, 7 October, that 12 Armenian soldiers were killed near "
               "Fuzuli on 7 October 2020.\n")


@pytest.fixture
def landing(workspace):
    shutil.copytree(SEEDS, workspace.input_dir, dirs_exist_ok=True)
    return workspace


def query(path, sql):
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute(sql).fetchall()


def marts_validations(settings):
    return query(settings.build_db_path, "select count(*) from audit.validation_results where stage = 'marts'")[0][0]


def test_a_mart_changed_by_hand_is_never_published(landing):
    settings = landing
    assert run_dag_once() == "success"
    with duckdb.connect(str(settings.build_db_path)) as con:
        con.execute("update marts.fct_claims set claimant_side = 'martian' "
                    "where claim_id = (select min(claim_id) from marts.fct_claims)")
    assert run_dag_once() == "success"  # dbt builds the changed mart again
    assert query(settings.build_db_path, "select count(*) from marts.fct_claims where claimant_side = 'martian'") \
        == [(0,)]

    validations = marts_validations(settings)
    settings.warehouse_path.unlink()
    assert run_dag_once() == "success"  # a missing published file: validated again, then published
    assert marts_validations(settings) == validations + 1
    assert query(settings.warehouse_path, "select count(*) from marts.fct_claims where claimant_side = 'martian'") \
        == [(0,)]


def test_an_article_with_a_broken_row_is_set_aside_named_and_removed(landing, capsys):
    settings = landing
    (settings.input_dir / "late.txt").write_text(LATE_FIGURE, encoding="utf-8")
    assert cli.main(["run"]) == 0
    printed = capsys.readouterr().out
    assert "set aside    1 article(s)" in printed and "(late.txt): extract: extract_claim_mentions" in printed
    published = settings.warehouse_path
    [(article, expectation, value, run_id)] = query(published, """
        select article_id, expectation, unexpected_value, run_id from audit.articles_set_aside
        where source_file = 'late.txt'""")
    assert (expectation, value) == ("expect_column_values_to_be_between", "days_after_publication=2")
    assert run_id.startswith("manual__")
    assert query(published, "select count(*) from marts.dim_articles") == [(5,)]  # the other five published
    assert query(published, f"select count(*) from marts.fct_claims where article_id = '{article}'") == [(0,)]

    assert cli.main(["articles", "list"]) == 0
    assert f"{article}  late.txt  extract: extract_claim_mentions.days_after_publication" in capsys.readouterr().out

    (settings.input_dir / "late.txt").unlink()
    assert cli.main(["articles", "remove", "late.txt"]) == 0
    assert cli.main(["run"]) == 0
    assert "set aside" not in capsys.readouterr().out
    assert query(published, "select article_id, source_file from audit.removed_articles") == [(article, "late.txt")]
    assert query(published, "select count(*) from audit.articles_set_aside") == [(0,)]
    for table in ("raw.articles", "raw.ingest_log", "extract.claim_mentions", "extract.sentences"):
        assert query(settings.build_db_path, f"select count(*) from {table} where article_id = '{article}'") == [(0,)]
    assert query(published, "select count(*) from marts.dim_articles") == [(5,)]


def test_removing_an_article_nobody_has_says_so(landing, capsys):
    assert run_dag_once() == "success"
    assert cli.main(["articles", "remove", "no-such-file.txt"]) == 2
    assert "no article has the id or source file 'no-such-file.txt'" in capsys.readouterr().err
    assert load_settings().warehouse_path.exists()


def test_an_article_whose_marts_rows_break_is_set_aside_and_the_marts_built_again_until_restored(warehouse_copy):
    from claimhouse import articles, pipeline

    settings = warehouse_copy
    build = settings.build_db_path
    [(claim, article)] = query(build, "select claim_id, article_id from marts.fct_claims order by claim_id limit 1")
    with duckdb.connect(str(build)) as con:
        con.execute(f"update marts.fct_claims set claimant_side = 'martian' where claim_id = '{claim}'")
    summary = pipeline.validate("marts", settings)  # sets the article aside, builds the marts again, passes
    assert [(row[0], row[2], row[4]) for row in summary["articles_set_aside"]] == [(article, "marts", "claimant_side")]
    assert query(build, f"select count(*) from marts.dim_articles where article_id = '{article}'") == [(0,)]
    assert query(build, "select count(*) from marts.fct_claims where claimant_side = 'martian'") == [(0,)]
    assert pipeline.validate("marts", settings)["articles_set_aside"] == summary["articles_set_aside"]  # it stays

    articles.restore_articles(settings, [article])
    pipeline.dbt_build(settings)
    assert pipeline.validate("marts", settings)["articles_set_aside"] == []
    assert query(build, f"select count(*) from marts.dim_articles where article_id = '{article}'") == [(1,)]
