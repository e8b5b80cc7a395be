"""The DuckDB files: the build database the pipeline writes, and the published copy users read.

A DuckDB file takes one writer or many readers. The pipeline writes only the build database; users
and BI tools read only the published copy, which `publish` replaces in one atomic rename after every
validation passed. A reader that has the old copy open keeps reading it until it reconnects.
"""

from __future__ import annotations

import os
import shutil
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb
import pandas as pd

from claimhouse.config import load_settings


@contextmanager
def connect(path: Path, read_only: bool = False) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open `path` for the length of a `with` block, and always close it (so the next task can write)."""
    if read_only and not path.exists():
        raise FileNotFoundError(f"no warehouse at {path}: run `claimhouse run` first")
    path.parent.mkdir(parents=True, exist_ok=True)
    con = duckdb.connect(str(path), read_only=read_only)
    # DuckDB keeps the pages it read or wrote in memory up to 80 % of the machine's by default: the
    # resident memory of a run would grow with the warehouse. Beyond the limit it evicts, or spills to disk.
    con.execute(f"set memory_limit = '{load_settings().duckdb_memory_mb}MB'")
    try:
        yield con
    finally:
        con.close()


@contextmanager
def transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """All the writes of a `with` block, or none of them if it raises."""
    con.execute("begin transaction")
    try:
        yield con
    except BaseException:
        con.execute("rollback")
        raise
    con.execute("commit")


def table_exists(con: duckdb.DuckDBPyConnection, schema: str, table: str) -> bool:
    return bool(con.execute("select count(*) from duckdb_tables() where schema_name = ? and table_name = ?",
                            [schema, table]).fetchone()[0])


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    """Insert `rows` (tuples in the order of `columns`) into `table` in one statement, not row by row."""
    if not rows:
        return
    con.register("rows_to_insert", pd.DataFrame(rows, columns=list(columns)))
    try:
        con.execute(f"insert into {table} by name select * from rows_to_insert")
    finally:
        con.unregister("rows_to_insert")


def publish(build_path: Path, published_path: Path) -> Path:
    """Copy the build database over the published one atomically, read-only for everyone."""
    with connect(build_path) as con:
        con.execute("checkpoint")
    published_path.parent.mkdir(parents=True, exist_ok=True)
    staging = published_path.with_name(f".{published_path.name}.publishing")
    shutil.copyfile(build_path, staging)
    os.chmod(staging, stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    os.replace(staging, published_path)
    return published_path
