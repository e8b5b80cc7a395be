"""Run a stage's Great Expectations suite against the build database and write Data Docs.

The data is read from DuckDB into pandas by each check's query (inside one read-only connection),
then validated by GX's pandas engine: GX on DuckDB through SQLAlchemy reads results after closing
the connection, which DuckDB does not allow.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import math
import os
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, time
from pathlib import Path

from claimhouse.warehouse import connect, table_exists
from expectations.suites import PUBLISHED_FLOORS, STAGES, TableCheck, is_row_level

os.environ.setdefault("GX_ANALYTICS_ENABLED", "False")
logging.getLogger("great_expectations").setLevel(logging.WARNING)

import great_expectations as gx  # noqa: E402  (after the settings above, which it reads on import)
import great_expectations.expectations as gxe  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
from great_expectations.core.run_identifier import RunIdentifier  # noqa: E402
from great_expectations.data_context.types.base import ProgressBarsConfig  # noqa: E402
from great_expectations.data_context.types.resource_identifiers import ExpectationSuiteIdentifier  # noqa: E402
from pandas.api.types import union_categoricals  # noqa: E402
from pandas.errors import OutOfBoundsDatetime  # noqa: E402

logging.getLogger("great_expectations").setLevel(logging.WARNING)  # again: importing it reset the level

log = logging.getLogger(__name__)
COLUMN_ARGUMENTS = ("column", "column_A", "column_B")
IDENTIFIER = re.compile(r"[A-Za-z_]\w*")
QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
DATA_SOURCE = "claimhouse_warehouse"
DOCS_SITE = "claimhouse"
# GX's objects hold reference cycles, so a check's rows are freed by a full garbage collection; one takes
# ~0.4 s in Airflow's process, worth it only when the rows are many.
COLLECT_AFTER_ROWS = 100_000
CHUNK_VECTORS = 256  # DuckDB vectors (2,048 rows each) read at a time: half a million rows
ARTICLE_KEY = "article_id"  # the column that names a row's article, read with every check whose rows have it


class ValidationFailed(RuntimeError):
    """A stage's data broke expectations; what depends on that stage must not run."""


@dataclass(frozen=True)
class Failure:
    table: str
    expectation: str
    column: str | None
    unexpected: object
    # a row-level failure whose rows all name their article: each article → the first value of its that broke
    # the expectation. Those articles are set aside and the stage goes on; a failure without them blocks it.
    articles: dict[str, str] | None = None

    def __str__(self) -> str:
        where = f"{self.table}.{self.column}" if self.column else self.table
        return f"{where}: {self.expectation} failed (unexpected: {self.unexpected})"


@dataclass(frozen=True)
class StageResult:
    stage: str
    evaluated: int
    failures: list[Failure] = field(default_factory=list)
    docs_index: Path | None = None

    @property
    def blocking(self) -> list[Failure]:
        """The failures that stop the stage: those not confined to the rows of some articles."""
        return [f for f in self.failures if f.articles is None]

    @property
    def set_aside(self) -> list[Failure]:
        """The row-level failures, each with the articles whose rows broke it."""
        return [f for f in self.failures if f.articles is not None]

    @property
    def success(self) -> bool:
        return not self.blocking

    def __str__(self) -> str:
        passed = self.evaluated - len(self.failures)
        articles = {article for f in self.set_aside for article in f.articles}
        aside = f", {len(articles)} article(s) set aside by the others" if articles else ""
        return f"suite {self.stage}: {passed}/{self.evaluated} expectations passed{aside}"

    def raise_if_failed(self) -> None:
        if self.blocking:
            raise ValidationFailed(f"{self}:\n" + "\n".join(f"  - {f}" for f in self.blocking)
                                   + f"\nData Docs: {self.docs_index}")


def _context(docs_dir: Path):
    """A file-backed GX project in `docs_dir`/../gx (results of every stage and run are kept), whose
    Data Docs site is `docs_dir`."""
    context = gx.get_context(mode="file", project_root_dir=docs_dir.parent)
    context.variables.progress_bars = ProgressBarsConfig(globally=False, metric_calculations=False)
    site_config = {
        "class_name": "SiteBuilder",
        "store_backend": {"class_name": "TupleFilesystemStoreBackend", "base_directory": str(docs_dir)},
        "site_index_builder": {"class_name": "DefaultSiteIndexBuilder"},
    }
    if DOCS_SITE in context.get_config().data_docs_sites:
        context.update_data_docs_site(site_name=DOCS_SITE, site_config=site_config)
    else:
        context.add_data_docs_site(site_name=DOCS_SITE, site_config=site_config)
    return context


def read_stage(stage: str, db_path: Path) -> tuple[dict[str, pd.DataFrame], dict[str, object]]:
    """What the stage's checks validate (a DataFrame per check) and the values of their parameters."""
    with connect(db_path, read_only=True) as con:
        return {check.name: read_check(con, check) for check in STAGES[stage]}, run_parameters(con)


def read_check(con, check: TableCheck) -> pd.DataFrame:
    """The rows of a check's query, with only the columns its expectations look at, text as categories: a
    warehouse of 100,000 articles has millions of entity mentions, each naming its article by a 64-digit
    hash; as Python strings those took a gigabyte, as categories (one string per article) a few dozen MB.
    Rows are read half a million at a time, so the strings of all of them are never in memory at once."""
    described = [(column, kind) for column, kind, *_ in con.execute(f"describe {check.query}").fetchall()]
    expectations = check.expectations()
    used = columns_used(expectations) | {ARTICLE_KEY}
    kept = [(column, kind) for column, kind in described if column in used] or described[:1]  # a row count
    texts = [column for column, kind in kept if kind == "VARCHAR"]
    result = con.execute(f"select {', '.join(column for column, _ in kept)} from ({check.query})")
    as_categories = {column: "category" for column in texts}
    chunks = [result.fetch_df_chunk(CHUNK_VECTORS).astype(as_categories)]  # a chunk's strings as it comes
    while len(chunks[-1]):
        chunks.append(result.fetch_df_chunk(CHUNK_VECTORS).astype(as_categories))
    chunks = chunks[:-1] or chunks  # the empty chunk after the last row (the only one when there is none)
    frame = pd.concat([chunk.drop(columns=texts) for chunk in chunks], ignore_index=True)
    for column in texts:  # chunks' categories differ: their union, not concat (which falls back to strings)
        frame[column] = union_categoricals([chunk[column] for chunk in chunks])
    return _widened_for_ranges(frame[[column for column, _ in kept]], expectations)


def _widened_for_ranges(frame: pd.DataFrame, expectations: list) -> pd.DataFrame:
    """The frame with the columns of range expectations in the types GX compares in numpy
    (int64, datetime64[ns]): it compares any other type value by value in Python, and DuckDB's INTEGER
    (int32) and DATE or TIMESTAMP (datetime64[us]) are other types (at 2,000 articles, three quarters of a
    million spans and dates took 0.9 s). Every value stays the same; a date nanoseconds cannot hold (after
    the year 2262) leaves its column as it was."""
    ranged = {e.column for e in expectations if isinstance(e, gxe.ExpectColumnValuesToBeBetween)}
    for column in ranged & set(frame.columns):
        dtype = frame[column].dtype
        if not isinstance(dtype, np.dtype):  # pandas' own types (nullable Int64, categories): left as they are
            continue
        if dtype.kind in "iu" and dtype.itemsize < 8:
            frame[column] = frame[column].astype(np.int64)
        elif dtype.kind == "M" and dtype != np.dtype("datetime64[ns]"):
            with contextlib.suppress(OutOfBoundsDatetime):
                frame[column] = frame[column].astype("datetime64[ns]")
    return frame


def columns_used(expectations: list) -> set[str]:
    """The names an expectation's column arguments and row condition hold (and maybe a few more words)."""
    used: set[str] = set()
    for expectation in expectations:
        used.update(filter(None, (getattr(expectation, name, None) for name in COLUMN_ARGUMENTS)))
        used.update(getattr(expectation, "column_list", None) or [])
        condition = getattr(expectation, "row_condition", None)
        if condition:
            used.update(IDENTIFIER.findall(QUOTED.sub("", str(condition))))
    return used


def validate_stage(stage: str, db_path: Path, docs_dir: Path) -> StageResult:
    """Validate every table of `stage` and write Data Docs; the result says what failed."""
    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}: choose one of {', '.join(STAGES)}")
    context = _context(docs_dir)
    failures: list[Failure] = []
    evaluated = 0
    with connect(db_path, read_only=True) as con:
        parameters = run_parameters(con)
    run_id = RunIdentifier(run_name=f"claimhouse-{stage}", run_time=datetime.now(UTC))
    suite_ids = []
    for check in STAGES[stage]:
        suite_id, outcomes, rows = _validate_check(context, stage, check, db_path, parameters, run_id)
        if rows >= COLLECT_AFTER_ROWS:  # the check's rows go before the next check's are read
            gc.collect()
        suite_ids.append(suite_id)
        for outcome in outcomes:
            evaluated += 1
            if not outcome.success:
                config = outcome.expectation_config
                failures.append(Failure(check.name, config.type, config.kwargs.get("column")
                                        or config.kwargs.get("column_A"), _unexpected(outcome),
                                        _articles_of(outcome)))
    # The pages of this run's suites and results (and the index): rendering every result kept since the
    # first run took 15 ms a result, so a daily run's validations would have grown slower every day.
    results = [key for key in context.validation_results_store.list_keys()
               if key.run_id.to_tuple() == run_id.to_tuple()]
    context.build_data_docs(site_names=[DOCS_SITE], resource_identifiers=[*suite_ids, *results])
    docs_index = docs_dir / "index.html"
    stage_result = StageResult(stage, evaluated, failures, docs_index)
    log.info("%s; Data Docs: %s", stage_result, docs_index)
    return stage_result


def _validate_check(context, stage: str, check: TableCheck, db_path: Path, parameters: dict, run_id: RunIdentifier):
    """One check's suite run on its rows; the outcome of each expectation. The rows live only here: GX's
    pandas data source keeps every DataFrame it validated (its execution engine caches batches), so each
    check gets a data source of its own, dropped when it is done; kept, the frames of a 100,000-article
    warehouse's checks added up to 2.4 GB."""
    with connect(db_path, read_only=True) as con:
        frame = read_check(con, check)
    # every broken row with its article, where the rows have one (GX's pandas engine lists them all)
    result_format = ({"result_format": "COMPLETE", "unexpected_index_column_names": [ARTICLE_KEY]}
                     if ARTICLE_KEY in frame.columns else "SUMMARY")
    source = context.data_sources.add_or_update_pandas(name=DATA_SOURCE)
    batch = source.add_dataframe_asset(name=check.name).add_batch_definition_whole_dataframe("all_rows")
    suite = context.suites.add_or_update(gx.ExpectationSuite(name=f"{stage}.{check.name}",
                                                             expectations=check.expectations()))
    definition = context.validation_definitions.add_or_update(
        gx.ValidationDefinition(name=f"{stage}.{check.name}", data=batch, suite=suite))
    result = definition.run(batch_parameters={"dataframe": frame}, expectation_parameters=parameters,
                            result_format=result_format, run_id=run_id)
    context.data_sources.delete(DATA_SOURCE)
    return ExpectationSuiteIdentifier(name=suite.name), result.results, len(frame)


PUBLISHED_COUNTS = """
create schema if not exists audit;
create table if not exists audit.published_counts (
    published_at timestamp not null,
    table_key varchar not null,
    row_count bigint not null
);
"""


def record_published_counts(con) -> None:
    """Keep the row counts of the tables with a floor, as the warehouse about to be published has them."""
    con.execute(PUBLISHED_COUNTS)
    now = datetime.now()
    for key, (table, _) in PUBLISHED_FLOORS.items():
        con.execute("insert into audit.published_counts select ?, ?, count(*) from " + table, [now, key])


def run_parameters(con) -> dict[str, object]:
    """The values the suites' `$PARAMETER`s take in this run: the time now, and for each table with a floor
    the least row count it may have (a share of its count in the last published warehouse, less the articles
    that may have left it since: removed, or set aside by a validation; 0 before the first publication)."""
    parameters: dict[str, object] = {"now": datetime.now()}
    last: dict[str, int] = {}
    if table_exists(con, "audit", "published_counts"):
        last = dict(con.execute("""select table_key, row_count from audit.published_counts
                                   qualify published_at = max(published_at) over ()""").fetchall())
    removed = _count(con, "audit", "removed_articles", """
        select count(*) from audit.removed_articles
        where removed_at > (select max(published_at) from audit.published_counts)""") if last else 0
    set_aside = _count(con, "audit", "articles_set_aside",
                       "select count(distinct article_id) from audit.articles_set_aside")
    leaving = {"raw_articles": removed, "dim_articles": removed + set_aside}
    for key, (_, share) in PUBLISHED_FLOORS.items():
        parameters[f"published_floor_{key}"] = max(0, math.floor(last.get(key, 0) * share) - leaving.get(key, 0))
    return parameters


def _count(con, schema: str, table: str, query: str) -> int:
    """What `query` counts, or 0 where `schema.table` (and so what it counts) does not exist yet."""
    return con.execute(query).fetchone()[0] if table_exists(con, schema, table) else 0


def _articles_of(outcome) -> dict[str, str] | None:
    """For a failed row-level expectation whose every broken row names its article: article → the first
    value of its that broke it. None for any other failure (it blocks the stage)."""
    config = outcome.expectation_config
    rows = (outcome.result or {}).get("unexpected_index_list")
    if not is_row_level(config.type, config.meta) or not rows or (outcome.exception_info or {}).get("raised_exception"):
        return None
    columns = [config.kwargs[name] for name in COLUMN_ARGUMENTS if config.kwargs.get(name)]
    articles: dict[str, str] = {}
    for row in rows:
        article = row.get(ARTICLE_KEY)
        if article is None or (isinstance(article, float) and math.isnan(article)):
            return None
        articles.setdefault(str(article), ", ".join(f"{column}={_plain(row.get(column))}" for column in columns))
    return articles


def _plain(value: object) -> object:
    """A value as a person reads it: numpy's scalars as the Python numbers they hold, dates as dates."""
    if isinstance(value, tuple):
        return tuple(_plain(part) for part in value)
    if isinstance(value, np.datetime64):
        value = pd.Timestamp(value)
    elif isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and value.is_integer():  # a count read into a float column
        return int(value)
    if isinstance(value, datetime):  # pandas' Timestamp too
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    return value


def _unexpected(outcome) -> object:
    """What a failed expectation saw: how many rows broke it, with examples, or the error it raised."""
    info = outcome.exception_info or {}
    if info.get("raised_exception"):
        return f"error: {info.get('exception_message')}"
    summary = outcome.result or {}
    if "unexpected_count" in summary:
        examples = [_plain(value) for value in summary.get("partial_unexpected_list", [])[:3]]
        return f"{summary['unexpected_count']} rows, e.g. {examples}"
    return f"observed {summary.get('observed_value')}"
