"""Mutation testing of every exercise's checks: each mutant of the solution is rejected by the
checks or declared equivalent with a reason, and a wrong-shaped solution gets a message, never a
crash (courseware/mutation.py; `make mutation` prints the whole report)."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess

import pytest

from courseware.exercise import discover_slugs
from courseware.mutation import EQUIVALENTS_FILE
from courseware.project import PROJECT_ROOT
from tests.support.messages import HINT

SLUGS = discover_slugs()


@pytest.fixture(scope="session")
def mutation_results(exercise_python, pytestconfig, tmp_path_factory) -> dict[str, dict]:
    """One run over every exercise (or the one `--exercise` names), two processes at a time, in the
    browser-parity environment. Each xdist worker has its own session: the first to get here makes
    the run and leaves its result for the others, which wait on the lock instead of running it again."""
    only = [pytestconfig.getoption("--exercise")] if pytestconfig.getoption("--exercise") else []
    worker = os.environ.get("PYTEST_XDIST_WORKER")  # each worker's temporary folder sits in the run's own
    shared = tmp_path_factory.getbasetemp().parent if worker else tmp_path_factory.getbasetemp()
    result_file = shared / f"mutation-{'-'.join(only).replace('/', '_') or 'all'}.json"
    with open(shared / "mutation.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result_file.exists():
            done = subprocess.run(
                [str(exercise_python), "-m", "courseware.mutation", *only, "--json", "--jobs", "2"],
                cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=1800,
            )  # fmt: skip
            lines = [line for line in done.stdout.splitlines() if line.startswith("[")]
            assert lines, f"the mutation run gave no result (exit {done.returncode}):\n{done.stderr[-3000:]}"
            result_file.write_text(lines[-1], encoding="utf-8")
        results = json.loads(result_file.read_text(encoding="utf-8"))
    return {result["slug"]: result for result in results}


@pytest.mark.parametrize("slug", [pytest.param(s, marks=pytest.mark.exercise(s)) for s in SLUGS])
def test_every_mutant_is_killed_or_declared_equivalent(slug, mutation_results):
    result = mutation_results[slug]
    assert not result["problems"], f"{slug}:\n" + "\n".join(result["problems"])
    survivors = "\n\n".join(f"{s['id']}\n{s['diff']}" for s in result["survivors"])
    assert not result["survivors"], (
        f"{slug}: {len(result['survivors'])} mutants of the solution pass every check. Kill each with a check, "
        f"or, if it changes nothing the exercise asks for, declare it in {EQUIVALENTS_FILE} "
        f"('<id>  # <why>'):\n\n{survivors}"
    )


@pytest.mark.parametrize("slug", [pytest.param(s, marks=pytest.mark.exercise(s)) for s in SLUGS])
def test_a_wrong_shaped_solution_gets_a_message_not_a_crash(slug, mutation_results):
    crashes = mutation_results[slug]["crashes"]
    assert not crashes, (
        f"{slug}: with a function of the solution returning None, raising or returning the wrong type, the checks "
        f"crash instead of failing with a message and a {HINT!r} (use course_helpers.checks.call/returning):\n"
        + "\n".join(f"{c['id']}: at {c['stage']}: {c['error']}" for c in crashes)
    )
