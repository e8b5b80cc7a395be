"""Run the pipeline DAG once in this process with Airflow's SQLite metadata database: no servers.

Airflow reads its configuration when it is first imported, so `prepare_environment` must run before
anything imports airflow. Defaults keep Airflow's state inside the checkout (`airflow_home/`);
AIRFLOW_HOME and AIRFLOW__* variables set by the user win.
"""

from __future__ import annotations

import gc
import logging
import os
import subprocess
import sys

from claimhouse.config import REPO_ROOT, WAREHOUSE_POOL

log = logging.getLogger(__name__)
DAG_ID = "claimhouse_pipeline"
DAGS_FOLDER = REPO_ROOT / "dags"


def prepare_environment() -> None:
    os.environ.setdefault("AIRFLOW_HOME", str(REPO_ROOT / "airflow_home"))
    os.environ.setdefault("AIRFLOW__CORE__DAGS_FOLDER", str(DAGS_FOLDER))
    os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")


def migrate_metadata_db() -> None:
    """`airflow db migrate` when the metadata database is missing or older than this Airflow (the first
    run, an upgrade); a database already at Airflow's head revision is left alone (the check takes
    milliseconds, a migrate that finds nothing to do ~6 seconds)."""
    from airflow.utils.db import check_migrations

    try:
        check_migrations(timeout=0)
        return
    except TimeoutError:
        pass
    log.info("preparing Airflow's metadata database in %s", os.environ["AIRFLOW_HOME"])
    done = subprocess.run([sys.executable, "-m", "airflow", "db", "migrate"], capture_output=True, text=True,
                          check=False)
    if done.returncode != 0:
        raise RuntimeError(f"airflow db migrate failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")


def ensure_pool() -> None:
    from airflow.models.pool import Pool

    Pool.create_or_update_pool(WAREHOUSE_POOL, slots=1, include_deferred=False,
                               description="One writer at a time for the claimhouse DuckDB build database")


def run_dag_once(exits_after: bool = False) -> str:
    """Run the pipeline DAG to completion in this process; return the run's final state.

    `exits_after`: this process ends after the run (the `claimhouse` command). What it loads before the
    run starts (Airflow, the DAG and their modules: a few million objects, hardly any garbage) then lives as
    long as it does: the garbage collector is off while it loads, and it is then moved out of the
    collector's reach. Each full collection walked all of it, ten or so a run at up to 0.3 s each.
    """
    if not exits_after:
        return str(load_dag().test().state)
    gc.disable()
    try:
        dag = load_dag()
        gc.freeze()
    finally:
        gc.enable()
    return str(dag.test().state)


def load_dag():
    """The pipeline DAG from the DAG folder, with Airflow's metadata database and pool ready for it."""
    prepare_environment()
    migrate_metadata_db()
    from airflow.dag_processing.dagbag import DagBag

    ensure_pool()
    bag = DagBag(dag_folder=str(DAGS_FOLDER))
    if bag.import_errors:
        raise RuntimeError(f"the DAG folder has import errors: {bag.import_errors}")
    return bag.get_dag(DAG_ID)
