import os

import duckdb
import pytest

from claimhouse.warehouse import connect, publish


def build(path, value):
    with connect(path) as con:
        con.execute("create or replace table facts as select ? as value", [value])


def test_publish_makes_a_read_only_copy(tmp_path):
    build_db, published = tmp_path / "build" / "w.duckdb", tmp_path / "w.duckdb"
    build(build_db, 1)
    publish(build_db, published)
    assert not os.access(published, os.W_OK) or os.geteuid() == 0  # root may write anyway
    assert oct(published.stat().st_mode & 0o777) == "0o444"
    with connect(published, read_only=True) as con:
        assert con.execute("select value from facts").fetchone() == (1,)
        with pytest.raises(duckdb.Error):
            con.execute("insert into facts values (2)")


def test_a_reader_of_the_old_copy_is_not_disturbed_by_a_new_publication(tmp_path):
    build_db, published = tmp_path / "build" / "w.duckdb", tmp_path / "w.duckdb"
    build(build_db, 1)
    publish(build_db, published)
    reader = duckdb.connect(str(published), read_only=True)
    build(build_db, 2)
    publish(build_db, published)
    assert reader.execute("select value from facts").fetchone() == (1,)
    reader.close()
    with connect(published, read_only=True) as con:
        assert con.execute("select value from facts").fetchone() == (2,)
    assert not list(tmp_path.glob(".*publishing"))


def test_reading_a_warehouse_that_does_not_exist_says_what_to_do(tmp_path):
    with pytest.raises(FileNotFoundError, match="claimhouse run"), connect(tmp_path / "none.duckdb", read_only=True):
        pass


def test_a_transaction_keeps_all_writes_or_none(tmp_path):
    from claimhouse.warehouse import transaction

    with connect(tmp_path / "t.duckdb") as con:
        con.execute("create table facts (value integer)")
        with transaction(con):
            con.execute("insert into facts values (1)")
        with pytest.raises(RuntimeError), transaction(con):
            con.execute("insert into facts values (2)")
            raise RuntimeError("crash halfway")
        assert con.execute("select list(value) from facts").fetchone() == ([1],)
