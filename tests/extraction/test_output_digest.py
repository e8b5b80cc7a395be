"""The extraction's output on the seed corpus is, row for row, the output recorded for its RULES_VERSION.

An article already extracted is extracted again only when the extractor version changes, so a change
that alters any row without a new RULES_VERSION would leave the articles extracted before it with the
old rows. A change made to go faster must leave every row as it was. After a deliberate change of the
output, bump RULES_VERSION and record the new digests. The reference data the rules read is part of the
extractor version by its digest: an edit of it that changes these rows extracts every article again by
itself, and wants its digests recorded too:

    CLAIMHOUSE_RECORD_DIGESTS=1 .venv/bin/pytest -m integration tests/extraction/test_output_digest.py
"""

import hashlib
import json
import os
from pathlib import Path

import duckdb
import pytest

from extraction import RULES_VERSION
from extraction.run import TABLES, extractor_version

pytestmark = pytest.mark.integration
DIGESTS = Path(__file__).with_name("output_digests.json")
NOT_OUTPUT = {"processed_at", "extractor_version"}  # when and by what, not what


def table_digests(con) -> dict[str, dict]:
    digests = {}
    for table, columns in TABLES.items():
        kept = [name for name, _ in columns if name not in NOT_OUTPUT]
        rows = con.execute(f"select {', '.join(kept)} from extract.{table} order by all").fetchall()
        digest = hashlib.sha256(json.dumps(rows, default=str).encode()).hexdigest()
        digests[table] = {"rows": len(rows), "sha256": digest}
    return digests


def test_the_seeds_extract_to_the_rows_recorded_for_this_rules_version(built_warehouse):
    version = extractor_version(built_warehouse.spacy_model)
    with duckdb.connect(str(built_warehouse.build_db_path), read_only=True) as con:
        found = table_digests(con)
    if os.environ.get("CLAIMHOUSE_RECORD_DIGESTS"):
        DIGESTS.write_text(json.dumps({"extractor_version": version, "tables": found}, indent=2) + "\n",
                           encoding="utf-8")
        pytest.skip(f"recorded the digests of {version} in {DIGESTS.name}")
    recorded = json.loads(DIGESTS.read_text(encoding="utf-8"))
    recorded_rules = recorded["extractor_version"].split("+")[0]
    assert recorded_rules == f"rules-{RULES_VERSION}", (
        f"RULES_VERSION is {RULES_VERSION}; the digests are those of {recorded_rules}: record them again (see "
        "this module's docstring)")
    recorded_model, model = recorded["extractor_version"].split("+")[-1], version.split("+")[-1]
    if recorded_model != model:
        pytest.skip(f"digests recorded with {recorded_model}, not {model} (another model)")
    changed = {table: (recorded["tables"][table], digest) for table, digest in found.items()
               if recorded["tables"].get(table) != digest}
    assert not changed, ("the extraction's output changed: without a new RULES_VERSION, or by reference data "
                         f"edited since {recorded['extractor_version']} (record again; recorded, found): {changed}")
