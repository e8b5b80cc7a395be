"""Every `make` command the README gives is a target of the Makefile."""

import re
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]


def test_every_make_command_of_the_readme_is_a_target():
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    makefile = (REPO_ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w-]*):", makefile, re.M))
    commands = set(re.findall(r"\bmake ([a-z][\w-]*)", readme))
    assert {"run", "test", "lock", "bench"} <= commands
    assert commands <= targets, f"the README names make targets the Makefile lacks: {commands - targets}"
