"""The pipeline's steps as plain functions: what each Airflow task calls, and what tests call directly.

Every step opens the build database, does its work and closes it again, so the next step (or another
process) can open it. Each returns a small JSON-able summary for Airflow's XCom and the run report.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import subprocess
import sys
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

from claimhouse.config import DBT_PROJECT_DIR, REPO_ROOT, Settings, load_settings
from claimhouse.warehouse import connect, publish, table_exists

log = logging.getLogger(__name__)

AUDIT_SCHEMA = """
create schema if not exists audit;
create table if not exists audit.validation_results (
    stage varchar not null,
    validated_at timestamp not null,
    expectations integer not null,
    failed integer not null,
    failures varchar not null
);
create table if not exists audit.stage_inputs (
    stage varchar primary key,
    fingerprint varchar not null,
    done_at timestamp not null
);
"""
# What each stage after extraction reads: the schemas it depends on, and the code that decides its outcome.
# A stage whose inputs are those of its last successful run has nothing to do (a re-run with no new
# articles costs no validation, no dbt build and no copy of the warehouse).
STAGE_INPUTS = {
    "validate_raw": (("raw",), ("expectations",)),
    "validate_extract": (("raw", "extract"), ("expectations",)),
    "dbt_build": (("raw", "extract"), ("dbt_project",)),
    "validate_marts": (("raw", "extract"), ("dbt_project", "expectations")),
    "publish": (("raw", "extract"), ("dbt_project", "expectations")),
}
CODE_SUFFIXES = (".py", ".sql", ".yml", ".csv")
SKIPPED = "skipped"


class DbtBuildFailed(RuntimeError):
    """dbt build had errors or failing tests; the marts must not be validated or published."""


def ingest(settings: Settings | None = None) -> dict:
    from ingest.load import ingest_folder

    settings = settings or load_settings()
    with connect(settings.build_db_path) as con:
        summary = ingest_folder(con, settings.input_dir, settings.quarantine_dir, settings.max_article_bytes,
                                settings.ingest_processes)
    return asdict(summary)


def extract(settings: Settings | None = None) -> dict:
    from extraction.run import extract_pending

    settings = settings or load_settings()
    with connect(settings.build_db_path) as con:
        summary = extract_pending(con, settings.spacy_model, settings.batch_size, settings.extract_processes)
    return asdict(summary)


def stage_fingerprint(con, stage: str) -> str:
    """A digest of what `stage` reads: the rows of every table of the schemas it depends on (each table's
    row count and the sum of its rows' hashes, whoever wrote them) and its code's files."""
    schemas, code = STAGE_INPUTS[stage]
    tables = con.execute("""select table_schema, table_name from information_schema.tables
                            where table_schema in (select unnest(?)) and table_type = 'BASE TABLE'
                            order by all""", [list(schemas)]).fetchall()
    state = [(schema, table, *con.execute(f"select count(*), sum(hash(t)::hugeint) from {schema}.{table} t")
              .fetchone()) for schema, table in tables]
    digest = hashlib.sha256(json.dumps(state, default=str).encode())
    for folder in code:
        for path in sorted((REPO_ROOT / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and not {"target", "dbt_packages", "logs"} & set(path.parts):
                digest.update(str(path.relative_to(REPO_ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def done_before(settings: Settings, stage: str) -> tuple[bool, str]:
    """Whether the stage's last successful run read the same inputs (nothing to do), and their fingerprint.
    No stage writes what it reads, so the fingerprint taken here is the one to record when it succeeds."""
    with connect(settings.build_db_path) as con:
        con.execute(AUDIT_SCHEMA)
        fingerprint = stage_fingerprint(con, stage)
        last = con.execute("select fingerprint from audit.stage_inputs where stage = ?", [stage]).fetchone()
    done = last is not None and last[0] == fingerprint
    if done:
        log.info("%s: nothing new since its last successful run; skipped", stage)
    return done, fingerprint


def record_done(settings: Settings, stage: str, fingerprint: str) -> None:
    with connect(settings.build_db_path) as con:
        con.execute(AUDIT_SCHEMA)
        con.execute("insert or replace into audit.stage_inputs values (?, ?, ?)",
                    [stage, fingerprint, datetime.now(UTC).replace(tzinfo=None)])


def validate(stage: str, settings: Settings | None = None) -> dict:
    """Run the stage's suite; record the outcome in audit.validation_results; raise if it failed."""
    settings = settings or load_settings()
    done, fingerprint = done_before(settings, f"validate_{stage}")
    if done:
        return {"stage": stage, SKIPPED: True}
    from expectations.validate import validate_stage

    result = validate_stage(stage, settings.build_db_path, settings.data_docs_dir)
    with connect(settings.build_db_path) as con:
        con.execute(AUDIT_SCHEMA)
        con.execute("insert into audit.validation_results values (?, ?, ?, ?, ?)",
                    [stage, datetime.now(UTC).replace(tzinfo=None), result.evaluated, len(result.failures),
                     json.dumps([str(f) for f in result.failures])])
    result.raise_if_failed()
    record_done(settings, f"validate_{stage}", fingerprint)
    return {"stage": stage, "expectations": result.evaluated, "failed": 0, "data_docs": str(result.docs_index)}


def dbt_build(settings: Settings | None = None) -> dict:
    """`dbt build` (seeds, models, tests) of dbt_project/ against the build database.

    dbt runs as its own process: dbt-duckdb keeps its database handle open for the life of the
    process, and the file must be free for the validation that follows.
    """
    settings = settings or load_settings()
    done, fingerprint = done_before(settings, "dbt_build")
    if done:
        return {SKIPPED: True}
    # dbt's unit tests check the models' SQL on fixed rows, not the data: `make test` runs them
    command, env = dbt_command(settings, "build", "--exclude-resource-type", "unit_test")
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True) as dbt:
        for line in dbt.stdout:
            log.info("dbt: %s", line.rstrip())
    results_file = dbt_target(settings) / "run_results.json"
    if not results_file.exists():
        raise DbtBuildFailed(f"dbt build did not run (exit code {dbt.returncode}); see the dbt output above")
    results = json.loads(results_file.read_text(encoding="utf-8"))["results"]
    broken = [f"{r['unique_id']}: {r['status']} {r.get('message') or ''}".strip() for r in results
              if r["status"] in ("error", "fail", "runtime error")]
    if broken or dbt.returncode != 0:
        raise DbtBuildFailed(f"dbt build failed (exit code {dbt.returncode}):\n"
                             + "\n".join(f"  - {b}" for b in broken))
    record_done(settings, "dbt_build", fingerprint)
    return {"nodes": len(results), "passed": len(results) - len(broken)}


def dbt_target(settings: Settings) -> Path:
    return settings.build_db_path.parent / "dbt_target"


def dbt_command(settings: Settings, *arguments: str) -> tuple[list[str], dict[str, str]]:
    """The command line and environment of a dbt command on dbt_project/ against the build database (dbt's
    own command line, run by `claimhouse.dbt_process`)."""
    command = [sys.executable, "-m", "claimhouse.dbt_process", *arguments, "--project-dir", str(DBT_PROJECT_DIR),
               "--profiles-dir", str(DBT_PROJECT_DIR), "--target-path", str(dbt_target(settings)),
               "--log-path", str(settings.build_db_path.parent / "dbt_logs")]
    env = {**os.environ, "CLAIMHOUSE_BUILD_DB": str(settings.build_db_path),
           "CLAIMHOUSE_DBT_MEMORY_MB": str(settings.dbt_memory_mb)}
    return command, env


def publish_warehouse(settings: Settings | None = None) -> str:
    """Record the row counts the next run's validations may not go below, then publish the build."""
    settings = settings or load_settings()
    done, fingerprint = done_before(settings, "publish")
    if done and settings.warehouse_path.exists():
        return str(settings.warehouse_path)
    from expectations.validate import record_published_counts

    with connect(settings.build_db_path) as con:
        record_published_counts(con)
    path = publish(settings.build_db_path, settings.warehouse_path)
    record_done(settings, "publish", fingerprint)
    log.info("published %s", path)
    return str(path)


def latest_failure(path: Path, since: datetime) -> str | None:
    """What the validation that failed since `since` found, from the build database's audit table."""
    with connect(path, read_only=True) as con:
        if not table_exists(con, "audit", "validation_results"):
            return None
        row = con.execute("""select stage, expectations, failed, failures from audit.validation_results
                             where failed > 0 and validated_at >= ? order by validated_at desc limit 1""",
                          [since]).fetchone()
    if row is None:
        return None
    stage, expectations, failed, failures = row
    return (f"validation of stage {stage!r} failed ({failed} of {expectations} expectations):\n"
            + "\n".join(f"    - {failure}" for failure in json.loads(failures)))


def warehouse_summary(path: Path) -> dict:
    """What a published warehouse holds: counts a user would ask for first, and its validation record."""
    from ingest.load import FILE_OUTCOMES

    with connect(path, read_only=True) as con:
        def count(sql: str) -> int:
            return con.execute(sql).fetchone()[0]

        statuses = dict(con.execute("select status, count(*) from raw.ingest_log group by status").fetchall())
        validations = con.execute("""
            select stage, expectations, failed from audit.validation_results
            qualify row_number() over (partition by stage order by validated_at desc) = 1
            order by case stage when 'raw' then 1 when 'extract' then 2 else 3 end""").fetchall()
        return {
            "files": dict(con.execute(FILE_OUTCOMES).fetchall()),
            "inputs": statuses,
            "articles": count("select count(*) from marts.dim_articles"),
            "entities": count("select count(*) from extract.entity_mentions"),
            "claims": count("select count(*) from marts.fct_claims where not is_background"),
            "background_claims": count("select count(*) from marts.fct_claims where is_background"),
            "events": count("select count(*) from marts.fct_events where not is_background"),
            "validations": [{"stage": s, "expectations": n, "failed": f} for s, n, f in validations],
        }
