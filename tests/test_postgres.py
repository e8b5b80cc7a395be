"""Without the PostgreSQL the production-topology test needs, a test run stops before any test, saying in one
line what to start."""

import os
import subprocess
import sys

from tests.conftest import REPO_ROOT
from tests.test_production_topology import free_port


def test_a_run_without_postgresql_stops_at_once_saying_what_to_start():
    port = free_port()  # nothing listens on it, and no cluster of the machine is set up for it
    done = subprocess.run([sys.executable, "-m", "pytest", "-m", "integration", "-p", "no:cacheprovider",
                           "tests/test_production_topology.py"], cwd=REPO_ROOT, capture_output=True, text=True,
                          env={**os.environ, "PGPORT": str(port)}, timeout=120)
    assert done.returncode != 0
    assert (f"PostgreSQL is not running on 127.0.0.1:{port}, which tests/test_production_topology.py needs: "
            "start it with `sudo service postgresql start`") in done.stdout
    assert " passed" not in done.stdout and " failed" not in done.stdout
