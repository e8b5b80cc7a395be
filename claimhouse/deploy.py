"""One-time setup of a server deployment (docker compose's `airflow-init`, or the same topology natively).

Migrates Airflow's metadata database, creates the one-slot warehouse pool, and writes the web UI's
admin password, taken from the environment, where Airflow's simple auth manager reads it.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from pathlib import Path

from claimhouse.airflow_local import ensure_pool, migrate_metadata_db

log = logging.getLogger(__name__)
PASSWORDS_FILE_SETTING = "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"


def write_admin_password() -> Path | None:
    """Write {user: password} for the simple auth manager; None when no passwords file is configured."""
    target = os.environ.get(PASSWORDS_FILE_SETTING)
    if not target:
        return None
    password = os.environ.get("AIRFLOW_ADMIN_PASSWORD")
    if not password:
        raise RuntimeError("AIRFLOW_ADMIN_PASSWORD is not set: put it in .env (see .env.example)")
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({os.environ.get("AIRFLOW_ADMIN_USER", "admin"): password}), encoding="utf-8")
    path.chmod(0o600)
    return path


def main() -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    migrate_metadata_db()
    ensure_pool()
    written = write_admin_password()
    log.info("Airflow is set up for claimhouse%s", f"; admin password written to {written}" if written else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
