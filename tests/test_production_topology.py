"""The docker-compose topology, run natively: Airflow's API server, scheduler (LocalExecutor), DAG
processor and triggerer as separate processes on a PostgreSQL metadata database, set up by the same
`claimhouse.deploy` step as the compose file's airflow-init, running the DAG on its daily schedule to a
published warehouse, then a backfill of two past days through the scheduler; no secret in any log."""

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import duckdb
import psycopg2
import pytest

from tests.conftest import REPO_ROOT, SEEDS
from tests.postgres import HOST, PORT

pytestmark = [pytest.mark.integration, pytest.mark.postgres]
POSTGRES = f"host={HOST} port={PORT} user=postgres"
LANDING_SEEDS = ("000_87a65d2056cecb1d.txt", "004_db168db175c25339.txt")  # two short articles: quick runs
SECRETS = ("AIRFLOW__CORE__FERNET_KEY", "AIRFLOW__API_AUTH__JWT_SECRET", "AIRFLOW_ADMIN_PASSWORD")
COMPONENTS = [["api-server", "--host", "127.0.0.1", "--port", "{port}"], ["scheduler"], ["dag-processor"],
              ["triggerer"]]


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, check, timeout):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(2)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}")


@pytest.fixture
def metadata_db():
    name = f"claimhouse_test_{uuid.uuid4().hex[:10]}"
    admin = psycopg2.connect(f"{POSTGRES} dbname=postgres")
    admin.autocommit = True
    admin.cursor().execute(f"create database {name}")
    yield name
    admin.cursor().execute(f"drop database {name} with (force)")
    admin.close()


@pytest.fixture
def deployment(metadata_db, tmp_path):
    from cryptography.fernet import Fernet

    landing = tmp_path / "landing"
    landing.mkdir()
    for seed in LANDING_SEEDS:
        shutil.copy(SEEDS / seed, landing)
    port = free_port()
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(tmp_path / "airflow"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags"),
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg2://postgres@{HOST}:{PORT}/{metadata_db}",
        "AIRFLOW__CORE__FERNET_KEY": Fernet.generate_key().decode(),
        "AIRFLOW__API_AUTH__JWT_SECRET": uuid.uuid4().hex,
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(tmp_path / "secrets" / "passwords.json"),
        "AIRFLOW_ADMIN_PASSWORD": uuid.uuid4().hex,
        "CLAIMHOUSE_INPUT": str(landing),
        "CLAIMHOUSE_WAREHOUSE": str(tmp_path / "warehouse" / "claimhouse.duckdb"),
        "CLAIMHOUSE_SCHEDULE": "@daily",
    }
    subprocess.run([sys.executable, "-m", "claimhouse.deploy"], env=env, check=True, capture_output=True)
    airflow = str(Path(sys.executable).with_name("airflow"))
    processes = []
    for component in COMPONENTS:
        log = (tmp_path / f"{component[0]}.log").open("w")
        processes.append(subprocess.Popen([airflow, *(a.format(port=port) for a in component)], env=env,
                                          stdout=log, stderr=subprocess.STDOUT, start_new_session=True))
    yield env, psycopg2.connect(f"{POSTGRES} dbname={metadata_db}"), tmp_path
    for process in processes:
        os.killpg(process.pid, signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def query(con, sql):
    con.rollback()  # a fresh snapshot on every poll
    with con.cursor() as cur:
        cur.execute(sql)
        return cur.fetchall()


def finished_runs(metadata, run_type, expected):
    """The states of the DAG's runs of `run_type`, once `expected` of them have finished."""
    def done():
        states = [s for (s,) in query(metadata, "select state from dag_run where dag_id = 'claimhouse_pipeline' "
                                                f"and run_type = '{run_type}'")]
        finished = [s for s in states if s in ("success", "failed")]
        return finished if len(finished) >= expected and len(finished) == len(states) else None
    return wait_for(f"{expected} {run_type} run(s) to finish", done, timeout=600)


def published_ids(path):
    with duckdb.connect(path, read_only=True) as con:
        return con.execute("""select (select list(article_id order by article_id) from marts.dim_articles),
                                     (select list(claim_id order by claim_id) from marts.fct_claims),
                                     (select count(*) from raw.ingest_log)""").fetchone()


def test_the_compose_topology_runs_the_dag_to_a_published_warehouse_and_backfills(deployment):
    env, metadata, tmp_path = deployment
    assert Path(env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]).stat().st_mode & 0o077 == 0
    wait_for("the DAG processor to serialise the DAG", lambda: query(
        metadata, "select 1 from dag where dag_id = 'claimhouse_pipeline'"), timeout=180)
    airflow = str(Path(sys.executable).with_name("airflow"))
    subprocess.run([airflow, "dags", "unpause", "claimhouse_pipeline"], env=env, check=True, capture_output=True)
    states = finished_runs(metadata, "scheduled", 1)  # the daily schedule's latest interval
    tasks = dict(query(metadata, "select task_id, state from task_instance where dag_id = 'claimhouse_pipeline'"))
    assert states == ["success"], (tasks, (tmp_path / "scheduler.log").read_text()[-3000:])
    assert set(tasks.values()) == {"success"} and len(tasks) == 7
    [(extra,)] = query(metadata, "select e.extra from asset_event e join asset a on a.id = e.asset_id "
                                 "where a.name = 'claimhouse_warehouse'")
    assert extra == {"path": env["CLAIMHOUSE_WAREHOUSE"]}
    scheduled = published_ids(env["CLAIMHOUSE_WAREHOUSE"])
    assert len(scheduled[0]) == len(LANDING_SEEDS) and scheduled[2] == len(LANDING_SEEDS)

    subprocess.run([airflow, "backfill", "create", "--dag-id", "claimhouse_pipeline", "--from-date", "2026-03-01",
                    "--to-date", "2026-03-02", "--max-active-runs", "1"], env=env, check=True, capture_output=True)
    assert finished_runs(metadata, "backfill", 2) == ["success", "success"]
    assert published_ids(env["CLAIMHOUSE_WAREHOUSE"]) == scheduled  # the backfill's runs redid nothing

    logs = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix in (".log", ".json", "") and
            "warehouse" not in p.parts and p.stat().st_size < 50_000_000]
    assert any("ingest_articles" in str(p) for p in logs), "no task log was found to search"
    for path in logs:
        if path.name == "passwords.json":
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for name in SECRETS:
            assert env[name] not in text, f"{name} is written in {path}"
