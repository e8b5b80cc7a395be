"""The DAG file imports cleanly and wires the stages in the designed order."""

import pytest

from claimhouse.config import REPO_ROOT, WAREHOUSE_POOL

ORDER = ["ingest_articles", "validate_raw", "extract_mentions", "validate_extract", "dbt_build", "validate_marts",
         "publish_warehouse"]


@pytest.fixture(scope="module")
def dag():
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(REPO_ROOT / "dags"))
    assert bag.import_errors == {}
    return bag.dags["claimhouse_pipeline"]


def test_the_tasks_run_in_the_designed_order(dag):
    assert sorted(dag.task_ids) == sorted(ORDER)
    for upstream, downstream in zip(ORDER, ORDER[1:], strict=False):
        assert dag.get_task(upstream).downstream_task_ids == {downstream}
    assert dag.get_task(ORDER[0]).upstream_task_ids == set()


def test_every_task_writes_through_the_one_slot_pool(dag):
    assert {task.pool for task in dag.tasks} == {WAREHOUSE_POOL}


def test_validation_fails_without_retries_and_other_tasks_retry(dag):
    for task in dag.tasks:
        assert task.retries == (0 if task.task_id.startswith("validate_") else 2), task.task_id


def test_publishing_updates_the_warehouse_asset(dag):
    [asset] = dag.get_task("publish_warehouse").outlets
    # the same identity wherever CLAIMHOUSE_WAREHOUSE points, so changing it never orphans the asset
    assert (asset.name, asset.uri) == ("claimhouse_warehouse", "claimhouse_warehouse")


def test_the_dag_is_scheduled_without_catchup_and_one_run_at_a_time(dag):
    assert dag.catchup is False
    assert dag.max_active_runs == 1
    assert dag.schedule is not None
    assert "ingest → validate raw" in dag.doc_md
