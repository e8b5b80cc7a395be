"""Shared fixtures. Airflow reads its configuration when first imported, so this sets it up first."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
_AIRFLOW_HOME = Path(tempfile.mkdtemp(prefix="claimhouse-airflow-"))
os.environ["AIRFLOW_HOME"] = str(_AIRFLOW_HOME)
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(REPO_ROOT / "dags")
os.environ["AIRFLOW__CORE__LOAD_EXAMPLES"] = "False"
os.environ["GX_ANALYTICS_ENABLED"] = "False"

SEEDS = REPO_ROOT / "seeds"
DEV_CORPUS = REPO_ROOT / "eval" / "dev_corpus"


def pytest_collection_finish(session):
    """Before any test runs, the PostgreSQL that tests marked `postgres` need: started if it is not running,
    or the run stops at once, saying what to start."""
    if session.config.option.collectonly or not any(item.get_closest_marker("postgres") for item in session.items):
        return
    from tests.postgres import ensure_running

    problem = ensure_running()
    if problem:
        pytest.exit(problem, returncode=1)


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    """A landing folder and a warehouse location of their own, set in the environment as a user would."""
    landing = tmp_path / "landing"
    landing.mkdir()
    warehouse = tmp_path / "warehouse" / "claimhouse.duckdb"
    monkeypatch.setenv("CLAIMHOUSE_INPUT", str(landing))
    monkeypatch.setenv("CLAIMHOUSE_WAREHOUSE", str(warehouse))
    for name in ("CLAIMHOUSE_BUILD_DB", "CLAIMHOUSE_DATA_DOCS"):
        monkeypatch.delenv(name, raising=False)
    from claimhouse.config import load_settings

    return load_settings()


@pytest.fixture(scope="session")
def nlp():
    from claimhouse.config import load_settings
    from extraction.parse import load_nlp

    return load_nlp(load_settings().spacy_model)


def build(landing: Path, root: Path):
    """The articles of `landing` ingested, extracted and modelled by dbt, in a build database under `root`;
    its settings."""
    from claimhouse import pipeline
    from claimhouse.config import load_settings

    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CLAIMHOUSE_INPUT", str(landing))
        patch.setenv("CLAIMHOUSE_WAREHOUSE", str(root / "claimhouse.duckdb"))
        patch.delenv("CLAIMHOUSE_BUILD_DB", raising=False)
        patch.delenv("CLAIMHOUSE_DATA_DOCS", raising=False)
        settings = load_settings()
    pipeline.ingest(settings)
    pipeline.extract(settings)
    pipeline.dbt_build(settings)
    return settings


@pytest.fixture(scope="session")
def built_warehouse(tmp_path_factory, nlp):
    """The seed corpus ingested, extracted and modelled by dbt, in a build database of its own."""
    return build(SEEDS, tmp_path_factory.mktemp("built"))


@pytest.fixture
def warehouse_copy(built_warehouse, tmp_path):
    """A private copy of the built warehouse, to break in a test without touching the others."""
    import dataclasses
    import shutil

    build = tmp_path / "build" / built_warehouse.build_db_path.name
    build.parent.mkdir()
    shutil.copyfile(built_warehouse.build_db_path, build)
    return dataclasses.replace(built_warehouse, build_db_path=build, data_docs_dir=tmp_path / "data_docs",
                               warehouse_path=tmp_path / built_warehouse.warehouse_path.name)
