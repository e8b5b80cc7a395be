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
from claimhouse.warehouse import connect, insert_rows, publish, table_exists, transaction

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
-- expectations broken by the rows of some articles only, and how many articles those set aside
alter table audit.validation_results add column if not exists set_aside_failures integer default 0;
alter table audit.validation_results add column if not exists articles_set_aside integer default 0;
create table if not exists audit.stage_inputs (
    stage varchar primary key,
    fingerprint varchar not null,
    done_at timestamp not null
);
create table if not exists audit.articles_set_aside (
    article_id varchar not null,
    source_file varchar,
    stage varchar not null,
    check_name varchar not null,
    expectation varchar not null,
    column_name varchar,
    unexpected_value varchar,
    set_aside_at timestamp not null,
    run_id varchar
);
create table if not exists audit.removed_articles (
    article_id varchar not null,
    source_file varchar,
    record_index integer,
    content_hash varchar,
    title varchar,
    removed_at timestamp not null
);
"""
SET_ASIDE = "audit.articles_set_aside"
# What each stage after extraction reads: the schemas (or tables) it depends on, and the code that decides
# its outcome. A stage whose inputs are those of its last successful run has nothing to do (a re-run with no
# new articles costs no validation, no dbt build and no copy of the warehouse). dbt's build counts what it
# builds among them, so a mart changed by hand is built again; the marts' validation counts everything that
# is published but the audit trail, and publishing copies only the state it validated.
PUBLISHED_DATA = ("raw", "extract", SET_ASIDE, "reference", "marts")
STAGE_INPUTS = {
    "validate_raw": (("raw",), ("expectations",)),
    "validate_extract": (("raw", "extract"), ("expectations",)),
    "dbt_build": (PUBLISHED_DATA, ("dbt_project",)),
    "validate_marts": (PUBLISHED_DATA, ("dbt_project", "expectations")),
}
CODE_SUFFIXES = (".py", ".sql", ".yml", ".csv")
SKIPPED = "skipped"
# The marts are built again without the articles their validation set aside, and validated again, at most
# this many times in a run (each round sets aside the articles whose rows the last one found broken).
MARTS_VALIDATION_ROUNDS = 3


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
    """A digest of what `stage` reads: the rows of every table of the schemas (or the tables) it depends on
    (each table's row count and the sum of its rows' hashes, whoever wrote them) and its code's files."""
    inputs, code = STAGE_INPUTS[stage]
    tables = con.execute("""select table_schema, table_name from information_schema.tables
                            where table_type = 'BASE TABLE' and (table_schema in (select unnest(?))
                                  or table_schema || '.' || table_name in (select unnest(?)))
                            order by all""", [list(inputs), list(inputs)]).fetchall()
    state = [(schema, table, *con.execute(f"select count(*), sum(hash(t)::hugeint) from {schema}.{table} t")
              .fetchone()) for schema, table in tables]
    digest = hashlib.sha256(json.dumps(state, default=str).encode())
    for folder in code:
        for path in sorted((REPO_ROOT / folder).rglob("*")):
            if path.suffix in CODE_SUFFIXES and not {"target", "dbt_packages", "logs"} & set(path.parts):
                digest.update(str(path.relative_to(REPO_ROOT)).encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def current_fingerprint(settings: Settings, stage: str) -> str:
    with connect(settings.build_db_path) as con:
        con.execute(AUDIT_SCHEMA)
        return stage_fingerprint(con, stage)


def recorded_fingerprint(settings: Settings, stage: str) -> str | None:
    with connect(settings.build_db_path) as con:
        con.execute(AUDIT_SCHEMA)
        row = con.execute("select fingerprint from audit.stage_inputs where stage = ?", [stage]).fetchone()
    return row[0] if row else None


def done_before(settings: Settings, stage: str, published: bool = False) -> tuple[bool, str]:
    """Whether the stage's last successful run read the same inputs (nothing to do), and their fingerprint.
    With `published`, also whether the published file is the one written from that state: a published file
    missing or replaced never skips the stage."""
    fingerprint = current_fingerprint(settings, stage)
    done = recorded_fingerprint(settings, stage) == fingerprint
    done = done and (not published or is_published(settings, fingerprint))
    if done:
        log.info("%s: nothing new since its last successful run; skipped", stage)
    return done, fingerprint


def record_done(settings: Settings, stage: str, fingerprint: str) -> None:
    with connect(settings.build_db_path) as con:
        con.execute(AUDIT_SCHEMA)
        con.execute("insert or replace into audit.stage_inputs values (?, ?, ?)",
                    [stage, fingerprint, datetime.now(UTC).replace(tzinfo=None)])


def validate(stage: str, settings: Settings | None = None) -> dict:
    """Run the stage's suite and record its outcome in audit.validation_results. Articles whose rows broke a
    row-level expectation are set aside (audit.articles_set_aside; for the marts, which are then built again
    without them and validated again); any other failure raises."""
    settings = settings or load_settings()
    done, fingerprint = done_before(settings, f"validate_{stage}", published=stage == "marts")
    if done:  # without importing Great Expectations (2 s)
        return {"stage": stage, SKIPPED: True}
    from expectations.validate import ValidationFailed

    result = _validate_and_set_aside(stage, settings)
    rounds = 1
    while stage == "marts" and result.set_aside and result.success:
        if rounds == MARTS_VALIDATION_ROUNDS:
            raise ValidationFailed(f"the marts still had broken rows after {rounds} rounds of setting their articles "
                                   f"aside and building them again: {', '.join(map(str, result.set_aside))}")
        dbt_build(settings)
        result = _validate_and_set_aside(stage, settings)
        rounds += 1
    result.raise_if_failed()
    if rounds > 1:  # the marts were built again: what was validated is what they are now
        fingerprint = current_fingerprint(settings, f"validate_{stage}")
    record_done(settings, f"validate_{stage}", fingerprint)
    summary = {"stage": stage, "expectations": result.evaluated, "failed": 0, "data_docs": str(result.docs_index)}
    return summary | {"articles_set_aside": set_aside_articles(settings, stage)}


def _validate_and_set_aside(stage: str, settings: Settings):
    from expectations.validate import validate_stage

    result = validate_stage(stage, settings.build_db_path, settings.data_docs_dir)
    validated_at = datetime.now(UTC).replace(tzinfo=None)
    rows = [(article, stage, failure.table, failure.expectation, failure.column, value)
            for failure in result.set_aside for article, value in failure.articles.items()]
    with connect(settings.build_db_path) as con, transaction(con):
        con.execute(AUDIT_SCHEMA)
        con.execute("insert into audit.validation_results values (?, ?, ?, ?, ?, ?, ?)",
                    [stage, validated_at, result.evaluated, len(result.blocking),
                     json.dumps([str(f) for f in result.blocking]), len(result.set_aside),
                     len({article for article, *_ in rows})])
        if result.success:
            _set_aside(con, stage, rows, validated_at)
    for article, source_file, _, check, column, expectation, value in set_aside_articles(settings, stage):
        log.warning("%s: article %s (%s) set aside: %s.%s broke %s (%s)", stage, article, source_file, check,
                    column, expectation, value)
    return result


def _set_aside(con, stage: str, rows: list[tuple], at: datetime) -> None:
    """Keep `rows` (article, stage, check, expectation, column, value) as the articles the stage sets aside. The
    raw and extract stages see every article's rows, so what they found replaces what they found before; the
    marts no longer hold the articles set aside, so their findings add up until an article is restored or
    removed (`claimhouse articles`)."""
    con.execute("create temporary table found (article_id varchar, stage varchar, check_name varchar, "
                "expectation varchar, column_name varchar, unexpected_value varchar)")
    insert_rows(con, "found", ("article_id", "stage", "check_name", "expectation", "column_name",
                               "unexpected_value"), rows)
    key = "(article_id, stage, check_name, expectation, coalesce(column_name, ''))"
    if stage != "marts":
        con.execute(f"delete from {SET_ASIDE} where stage = ? and {key} not in (select {key} from found)", [stage])
    con.execute(f"""insert into {SET_ASIDE} by name
                    select f.*, a.source_file, ? as set_aside_at, ? as run_id from found f
                    left join raw.articles a using (article_id)
                    where {key} not in (select {key} from {SET_ASIDE})""",
                [at, os.environ.get("AIRFLOW_CTX_DAG_RUN_ID")])
    con.execute("drop table found")


def set_aside_articles(settings: Settings, stage: str | None = None) -> list[tuple]:
    """The articles set aside (by `stage`, or by any): article, source file, stage, check, column, expectation,
    the value that broke it."""
    with connect(settings.build_db_path) as con:
        con.execute(AUDIT_SCHEMA)
        return con.execute(f"""select article_id, source_file, stage, check_name, column_name, expectation,
                                      unexpected_value
                               from {SET_ASIDE} where stage = coalesce(?, stage) order by all""", [stage]).fetchall()


def dbt_build(settings: Settings | None = None) -> dict:
    """`dbt build` (seeds, models, tests) of dbt_project/ against the build database.

    dbt runs as its own process: dbt-duckdb keeps its database handle open for the life of the
    process, and the file must be free for the validation that follows.
    """
    settings = settings or load_settings()
    if done_before(settings, "dbt_build")[0]:
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
    record_done(settings, "dbt_build", current_fingerprint(settings, "dbt_build"))  # with what it built
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


class NotValidated(RuntimeError):
    """The build database is not in the state the marts' validation passed: it must not be published."""


def publish_warehouse(settings: Settings | None = None) -> str:
    """Publish the build database, exactly as the marts' last validation passed it, after recording the row
    counts the next run's validations may not go below. Nothing to do when that state is published already."""
    settings = settings or load_settings()
    validated = current_fingerprint(settings, "validate_marts")
    if recorded_fingerprint(settings, "validate_marts") != validated:
        raise NotValidated(f"the build database {settings.build_db_path} changed since its marts were last "
                           "validated (or they never were): run the pipeline again, so that it validates them "
                           "before they are published")
    if is_published(settings, validated):
        log.info("publish: %s holds what was validated; nothing to do", settings.warehouse_path)
        return str(settings.warehouse_path)
    from expectations.validate import record_published_counts

    with connect(settings.build_db_path) as con:
        record_published_counts(con)
    path = publish(settings.build_db_path, settings.warehouse_path)
    record_done(settings, "publish", published_state(settings, validated))
    log.info("published %s", path)
    return str(path)


def published_state(settings: Settings, validated: str) -> str:
    """What `publish` records: the validated fingerprint, and the identity of the file it wrote (a file
    removed, replaced or rewritten by hand is another)."""
    try:
        stat = settings.warehouse_path.stat()
    except FileNotFoundError:
        return f"{validated}:missing"
    return f"{validated}:{stat.st_size}:{stat.st_mtime_ns}:{stat.st_ino}"


def is_published(settings: Settings, validated: str) -> bool:
    """Whether the published file is the one the last publication wrote, from the state `validated`."""
    return recorded_fingerprint(settings, "publish") == published_state(settings, validated)


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
            select stage, expectations, failed, set_aside_failures from audit.validation_results
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
            "validations": [{"stage": s, "expectations": n, "failed": f, "set_aside_failures": a}
                            for s, n, f, a in validations],
            "set_aside": con.execute(f"""
                select article_id, any_value(source_file),
                       string_agg(distinct stage || ': ' || check_name || '.' || coalesce(column_name, '') || ' broke '
                                  || expectation || ' (' || unexpected_value || ')', '; ')
                from {SET_ASIDE} group by article_id order by article_id""").fetchall(),
        }
