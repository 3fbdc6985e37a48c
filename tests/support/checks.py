"""Run one exercise check in a fresh interpreter and read its outcome."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from courseware.project import PROJECT_ROOT
from courseware.run_check import TIME_LIMIT_SECONDS


def run_check(python: Path, folder: Path, candidate: str, time_limit: float = TIME_LIMIT_SECONDS) -> dict:
    """Validate `candidate` of the exercise in `folder` in a fresh interpreter; return the outcome."""
    command = [
        str(python),
        "-m",
        "courseware.run_check",
        str(folder),
        candidate,
        "--json",
        "--time-limit",
        str(time_limit),
    ]
    timeout = time_limit + 15
    try:
        done = subprocess.run(command, cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:  # the child stops a runaway candidate itself: this one stopped answering
        return _failure(candidate, "Timeout", f"{folder.name}/{candidate} ran for more than {timeout} s")
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if done.returncode == 2 or not lines:
        return _failure(
            candidate,
            "NoResult",
            f"{folder.name}/{candidate}: the check ended without a result (exit {done.returncode}): "
            f"{done.stderr.strip()[-800:]}",
        )
    return json.loads(lines[-1])


def _failure(candidate: str, error: str, message: str) -> dict:
    return {"candidate": candidate, "passed": False, "stage": None, "error": error, "assertion": False,
            "message": message, "traceback": "", "output": "", "expect": None, "problem": message}  # fmt: skip
