"""The docker-compose topology, run natively: Airflow's API server, scheduler (LocalExecutor), DAG
processor and triggerer as separate processes on a PostgreSQL metadata database, set up by the same
`claimhouse.deploy` step as the compose file's airflow-init, running the DAG to a published warehouse."""

import os
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

pytestmark = pytest.mark.integration
POSTGRES = "host=127.0.0.1 port=5432 user=postgres"
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

    port = free_port()
    env = {
        **os.environ,
        "AIRFLOW_HOME": str(tmp_path / "airflow"),
        "AIRFLOW__CORE__DAGS_FOLDER": str(REPO_ROOT / "dags"),
        "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"postgresql+psycopg2://postgres@127.0.0.1:5432/{metadata_db}",
        "AIRFLOW__CORE__FERNET_KEY": Fernet.generate_key().decode(),
        "AIRFLOW__API_AUTH__JWT_SECRET": uuid.uuid4().hex,
        "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"http://127.0.0.1:{port}/execution/",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": "admin:admin",
        "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(tmp_path / "secrets" / "passwords.json"),
        "AIRFLOW_ADMIN_PASSWORD": uuid.uuid4().hex,
        "CLAIMHOUSE_INPUT": str(SEEDS),
        "CLAIMHOUSE_WAREHOUSE": str(tmp_path / "warehouse" / "claimhouse.duckdb"),
        "CLAIMHOUSE_SCHEDULE": "none",
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


def test_the_compose_topology_runs_the_dag_to_a_published_warehouse(deployment):
    env, metadata, tmp_path = deployment
    assert Path(env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]).stat().st_mode & 0o077 == 0
    wait_for("the DAG processor to serialise the DAG", lambda: query(
        metadata, "select 1 from dag where dag_id = 'claimhouse_pipeline'"), timeout=180)
    airflow = str(Path(sys.executable).with_name("airflow"))
    for command in (["dags", "unpause", "claimhouse_pipeline"], ["dags", "trigger", "claimhouse_pipeline"]):
        subprocess.run([airflow, *command], env=env, check=True, capture_output=True)
    state = wait_for("the DAG run to finish", lambda: next(
        (s for (s,) in query(metadata, "select state from dag_run where dag_id = 'claimhouse_pipeline'")
         if s in ("success", "failed")), None), timeout=600)
    tasks = dict(query(metadata, "select task_id, state from task_instance where dag_id = 'claimhouse_pipeline'"))
    assert state == "success", (tasks, (tmp_path / "scheduler.log").read_text()[-3000:])
    assert set(tasks.values()) == {"success"} and len(tasks) == 7
    [(extra,)] = query(metadata, "select e.extra from asset_event e join asset a on a.id = e.asset_id "
                                 "where a.name = 'claimhouse_warehouse'")
    assert extra == {"path": env["CLAIMHOUSE_WAREHOUSE"]}
    with duckdb.connect(env["CLAIMHOUSE_WAREHOUSE"], read_only=True) as con:
        assert con.execute("select count(*) from marts.dim_articles").fetchone() == (5,)
