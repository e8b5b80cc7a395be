"""The PostgreSQL the production-topology test needs, on 127.0.0.1:$PGPORT (default 5432): started from the
machine's cluster on that port if it is not running, or one line saying what to start."""

from __future__ import annotations

import os
import socket
import subprocess

HOST = "127.0.0.1"
PORT = int(os.environ.get("PGPORT", "5432"))


def running(port: int = PORT) -> bool:
    with socket.socket() as s:
        s.settimeout(5)
        return s.connect_ex((HOST, port)) == 0


def cluster_on(port: int) -> list[str] | None:
    """The machine's cluster set up for `port` (Debian's pg_lsclusters: ['15', 'main']), if there is one."""
    try:
        listed = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    for version, name, cluster_port, *_ in (line.split() for line in listed.stdout.splitlines()):
        if cluster_port == str(port):
            return [version, name]
    return None


def ensure_running(port: int = PORT) -> str | None:
    """None once PostgreSQL accepts connections on `port` (its cluster started here if need be); else what
    to do, in one line."""
    if running(port):
        return None
    cluster = cluster_on(port)
    if cluster is None:
        how = "`sudo service postgresql start`"
    else:
        # pg_ctl itself, not systemd (absent in containers); it waits until the server accepts connections
        started = subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", *cluster, "start"],
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        if started.returncode == 0 and running(port):
            return None
        said = " ".join(started.stdout.split())
        how = (f"`pg_ctlcluster {' '.join(cluster)} start` as root or postgres (starting it here, pg_ctlcluster "
               f"exited with {started.returncode}: {said})")
    return (f"PostgreSQL is not running on {HOST}:{port}, which tests/test_production_topology.py needs: "
            f"start it with {how}, or set PGPORT to the port of one that runs")
