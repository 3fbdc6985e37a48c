"""The code is linted and formatted by ruff, as pyproject.toml configures it (exercises included)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from courseware.project import PROJECT_ROOT

RUFF = Path(sys.executable).with_name("ruff")


@pytest.mark.parametrize(
    ("command", "fix"),
    [(["check", "."], "ruff check --fix ."), (["format", "--check", "."], "ruff format .")],
    ids=["lint", "format"],
)
def test_ruff_finds_nothing(command, fix):
    done = subprocess.run([str(RUFF), *command], cwd=PROJECT_ROOT, capture_output=True, text=True)
    assert done.returncode == 0, f"{done.stdout}{done.stderr}\nFix with `.venv/bin/{fix}` (and read what it changed)."
