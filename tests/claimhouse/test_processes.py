"""The processes that end once their work is done keep what they loaded out of the garbage collector's
reach: `claimhouse` (the console script) and `claimhouse.dbt_process`. Each keeps its command's exit code."""

import subprocess
import sys

import pytest

# What a process of `claimhouse.cli.entry_point` says of its collector as it exits (atexit runs after
# entry_point's freeze): how many objects are out of reach, and the code `main` returned.
ENTRY_POINT = """
import atexit, gc, sys
from claimhouse import cli
atexit.register(lambda: print("frozen", gc.get_freeze_count(), flush=True))
sys.argv = ["claimhouse", *sys.argv[1:]]
cli.entry_point()
"""


def test_the_console_script_exits_with_mains_code_and_its_objects_frozen(tmp_path):
    done = subprocess.run([sys.executable, "-c", ENTRY_POINT, "eval", "--gold", str(tmp_path / "none.jsonl")],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2, done.stderr  # no gold file: main's own exit code for bad input
    assert "not found" in done.stderr
    assert int(done.stdout.split("frozen")[-1]) > 10_000


@pytest.mark.parametrize(("arguments", "code"), [(["--version"], 0), (["no-such-command"], 2)])
def test_the_dbt_process_is_dbts_command_line_with_its_exit_codes(arguments, code):
    done = subprocess.run([sys.executable, "-m", "claimhouse.dbt_process", *arguments], capture_output=True,
                          text=True, check=False)
    assert done.returncode == code, done.stdout + done.stderr
    if code == 0:
        assert "dbt" in done.stdout.lower() and "duckdb" in done.stdout.lower()
