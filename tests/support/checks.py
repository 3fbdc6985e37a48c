"""Run one exercise check in a fresh interpreter and read its outcome."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from courseware.exercise import PROJECT_ROOT

EXERCISE_PYTHON = PROJECT_ROOT / ".venv-exercises" / "bin" / "python"
CHECK_TIMEOUT_SECONDS = 30


def run_check(python: Path, folder: Path, candidate: str, timeout: float = CHECK_TIMEOUT_SECONDS) -> dict:
    """Validate `candidate` of the exercise in `folder` in a fresh interpreter; return the outcome."""
    command = [str(python), "-m", "courseware.run_check", str(folder), candidate]
    try:
        done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return {
            "passed": False,
            "stage": None,
            "error": "Timeout",
            "assertion": False,
            "message": f"{folder.name}/{candidate} ran for more than {timeout} s",
            "traceback": "",
        }
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines or not lines[-1].startswith("{"):
        return {
            "passed": False,
            "stage": None,
            "error": "NoResult",
            "assertion": False,
            "message": f"{folder.name}/{candidate}: the check ended without a result (exit {done.returncode}): "
            f"{done.stderr.strip()[-500:]}",
            "traceback": done.stderr,
        }
    return json.loads(lines[-1])
