"""Security basics: no secrets in the repository; the published warehouse can only be read by the users
BI tools run as; nothing an input says (its name, its metadata) decides where a file is written."""

import json
import os
import re
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO_ROOT

# What a secret committed by mistake looks like; placeholders (CHANGE_ME, ${VAR}) are not secrets.
SECRET_PATTERNS = {
    "private key": re.compile(r"-----BEGIN (?:RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
    "AWS access key": re.compile(r"\bAKIA[0-9A-Z]{16}\b"),
    "GitHub token": re.compile(r"\bgh[pousr]_[A-Za-z0-9]{36}\b"),
    "Slack token": re.compile(r"\bxox[abprs]-[A-Za-z0-9-]{10,}"),
    "Fernet key": re.compile(r"(?i)fernet_key\s*[=:]\s*['\"]?[A-Za-z0-9_-]{43}="),
    "password in a URL": re.compile(r"://[^\s:/@$]+:(?!\$\{)[^\s@/$]{3,}@"),
    # a literal value given to a password or secret: quoted, no spaces, not a variable's name or a path
    "password assignment": re.compile(r"(?i)\b\w*(?:password|passwd|secret|token)\s*[=:]\s*(['\"])"
                                      r"(?!CHANGE_ME)(?!(?-i:[A-Z0-9_]+)\1)[^\s'\"/$]{8,}\1"),
    "secret in an env file": re.compile(r"(?m)^\s*[A-Z_]*(?:PASSWORD|SECRET|TOKEN|FERNET_KEY)[A-Z_]*\s*=\s*"
                                        r"(?!CHANGE_ME|[$'\"])\S{6,}\s*$"),
}


def tracked_files():
    listed = subprocess.run(["git", "ls-files", "-z"], cwd=REPO_ROOT, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip("not a git checkout")
    return [REPO_ROOT / name for name in listed.stdout.decode().split("\0") if name]


def test_no_secret_is_committed():
    found = []
    for path in tracked_files():
        if path.suffix in (".csv", ".jsonl", ".lock") or not path.is_file():
            continue
        text = path.read_text(encoding="utf-8", errors="ignore")
        for kind, pattern in SECRET_PATTERNS.items():
            found += [f"{path.relative_to(REPO_ROOT)}: {kind}: {m.group(0)[:40]}" for m in pattern.finditer(text)]
    assert found == []


@pytest.mark.parametrize("secret", ["postgresql://airflow:" + "s3cr3t-Pa55@db:5432/airflow",
                                    "AIRFLOW_ADMIN_PASSWORD=hunter2hunter2", "password = \"hunter2hunter2\"",
                                    "-----BEGIN RSA " + "PRIVATE KEY-----"])
def test_the_secret_patterns_find_a_secret(secret):  # (written in pieces, so this file holds none)
    assert any(pattern.search(secret) for pattern in SECRET_PATTERNS.values())


def test_the_env_example_holds_placeholders_and_env_is_ignored():
    example = (REPO_ROOT / ".env.example").read_text(encoding="utf-8")
    values = [line.split("=", 1)[1] for line in example.splitlines() if "=" in line and not line.startswith("#")]
    secret_values = [v for v in values if any(w in v.upper() for w in ("CHANGE_ME",))]
    assert secret_values, "the .env.example should mark the secrets to fill in"
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=REPO_ROOT, check=False)
    assert ignored.returncode == 0


@pytest.mark.integration
def test_input_names_and_metadata_never_decide_where_files_are_written(tmp_path, monkeypatch):
    from claimhouse import pipeline
    from claimhouse.config import load_settings

    landing, warehouse_dir = tmp_path / "landing", tmp_path / "warehouse"
    landing.mkdir()
    hostile = {"title": "../../../outside.txt", "outlet": "/etc/cron.d/x", "url": "file:///etc/passwd",
               "source_file": "../../escaped.duckdb", "published": "2020-10-05",
               "text": "The ministry said 3 drones were downed near Tartar on 4 October."}
    (landing / "weird ..name.jsonl").write_text(json.dumps(hostile) + "\n{bad line ../../x\n", encoding="utf-8")
    (landing / "%2e%2e%2fhidden.txt").write_bytes(b"")
    monkeypatch.setenv("CLAIMHOUSE_INPUT", str(landing))
    monkeypatch.setenv("CLAIMHOUSE_WAREHOUSE", str(warehouse_dir / "claimhouse.duckdb"))
    before = {p for p in tmp_path.rglob("*")}
    settings = load_settings()
    pipeline.ingest(settings)
    pipeline.extract(settings)
    pipeline.dbt_build(settings)
    pipeline.validate("marts", settings)
    pipeline.publish_warehouse(settings)
    written = {p for p in tmp_path.rglob("*")} - before
    assert written and all(warehouse_dir in p.parents or p == warehouse_dir for p in written)
    assert not any(p.name in ("outside.txt", "escaped.duckdb", "x", "hidden.txt") for p in written)
    with duckdb.connect(str(settings.warehouse_path), read_only=True) as con:
        assert con.execute("select title, source_file from raw.articles").fetchone() == (
            "../../../outside.txt", "weird ..name.jsonl")


@pytest.fixture
def shared_folder():
    """A folder other users may enter (pytest's own are private to the user running it)."""
    folder = Path(tempfile.mkdtemp(prefix="claimhouse-published-"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder)


def test_the_published_warehouse_is_read_only_for_the_users_bi_tools_run_as(shared_folder):
    from claimhouse.warehouse import publish

    tmp_path = shared_folder
    build = tmp_path / "build.duckdb"
    with duckdb.connect(str(build)) as con:
        con.execute("create table facts as select 1 as n")
    published = publish(build, tmp_path / "published" / "claimhouse.duckdb")
    assert stat.S_IMODE(published.stat().st_mode) == 0o444
    with duckdb.connect(str(published), read_only=True) as con:
        assert con.execute("select n from facts").fetchone() == (1,)
        with pytest.raises(duckdb.Error, match="read-only"):
            con.execute("insert into facts values (2)")
    if os.geteuid() != 0 or shutil.which("setpriv") is None:
        pytest.skip("needs root to run a reader as another user")
    # a BI tool running as its own user (here: nobody) can open the file to read, and not to write
    probe = 'cat "$1" > /dev/null && echo readable; (: >> "$1") 2> /dev/null && echo writable || echo not writable'
    done = subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "sh", "-c", probe, "sh",
                           str(published)], capture_output=True, text=True, check=False)
    assert done.stdout.splitlines() == ["readable", "not writable"], done.stderr
