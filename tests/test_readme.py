"""Every SQL example of the README answers on the sample corpus, through the command the run summary prints."""

import json
import re
import subprocess

import pytest

from claimhouse.cli import query_command
from tests.conftest import REPO_ROOT

EXAMPLES = re.findall(r"^```sql\n(.*?)^```", (REPO_ROOT / "README.md").read_text(encoding="utf-8"), re.M | re.S)


def test_the_readme_has_its_sql_examples():
    assert len(EXAMPLES) >= 5


@pytest.mark.integration
@pytest.mark.parametrize("sql", EXAMPLES, ids=[f"example{i + 1}" for i in range(len(EXAMPLES))])
def test_a_readme_query_returns_rows_on_the_sample_corpus(built_warehouse, sql):
    done = subprocess.run([*query_command(built_warehouse.build_db_path), "-json", "-c", sql],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"the README's query failed:\n{sql}\n{done.stderr}"
    assert json.loads(done.stdout), f"the README's query returns no rows on the sample corpus:\n{sql}"
