"""A malformed exercise, an unknown slug or a learner's hostile code gets a clear error."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from courseware.exercise import ExerciseError, discover_slugs, load
from tests.support.checks import run_check

GOOD = """\
# --- PYODIDE:env --- #
LIMIT = 3
# --- PYODIDE:code --- #
def double(x):
    ...
# --- PYODIDE:corr --- #
def double(x):
    return 2 * x
# --- PYODIDE:tests --- #
assert double(2) == 4, "double(2) should be 4"
# --- PYODIDE:secrets --- #
assert double(-5) == -10, "double(-5) should be -10"
"""
WRONG = "# expect: double(-5) should be -10\ndef double(x):\n    return abs(2 * x)\n"


@pytest.fixture
def exercises_root(tmp_path) -> Path:
    """A scratch exercises/ folder holding one well-formed exercise, practice/double."""
    folder = tmp_path / "practice" / "double"
    folder.mkdir(parents=True)
    (folder / "exo.py").write_text(GOOD)
    (folder / "statement.md").write_text("### Double it\n")
    (folder / "exo_REM.md").write_text("Multiply by two.\n")
    (folder / "wrong_abs.py").write_text(WRONG)
    (folder / "wrong_plus_two.py").write_text("# expect: double(2) should be 4\ndef double(x):\n    return x + 3\n")
    return tmp_path


def test_a_well_formed_exercise_loads(exercises_root):
    exercise = load("practice/double", exercises_root)
    assert set(exercise.sections) == {"env", "code", "corr", "tests", "secrets"}
    assert exercise.sections["corr"].first_line == 7, "section line numbers must match the file, for tracebacks"
    assert [w.expect for w in exercise.wrong_answers] == ["double(-5) should be -10", "double(2) should be 4"]
    assert discover_slugs(exercises_root) == ["practice/double"]


@pytest.mark.parametrize(
    ("breakage", "named", "said"),
    [
        (
            lambda f: (f / "exo.py").write_text(GOOD.replace("# --- PYODIDE:secrets --- #\n", "")),
            "exo.py",
            "missing or empty section(s): secrets",
        ),
        (lambda f: (f / "exo.py").write_text(GOOD.replace("return 2 * x", "return 2 *")), "exo.py:8", "syntax error"),
        (
            lambda f: (f / "exo.py").write_text(GOOD.replace("PYODIDE:env", "PYODIDE:setup")),
            "exo.py:1",
            "unknown PMT section 'setup'",
        ),
        (lambda f: (f / "exo.py").write_text("x = 1\n" + GOOD), "exo.py:1", "code before the first section header"),
        (
            lambda f: (f / "wrong_abs.py").write_text(WRONG.split("\n", 1)[1]),
            "wrong_abs.py",
            "first line must be '# expect:",
        ),
        (lambda f: (f / "wrong_abs.py").write_text(WRONG + "def (:\n"), "wrong_abs.py", "syntax error"),
        (lambda f: (f / "exo_REM.md").unlink(), "exo_REM.md", "missing"),
        (lambda f: (f / "statement.md").unlink(), "statement.md", "missing"),
        (lambda f: (f / "wrong_plus_two.py").unlink(), "double", "at least 2 are needed"),
    ],
    ids=[
        "missing-section",
        "syntax-error",
        "unknown-section",
        "code-before-header",
        "no-expect-line",
        "wrong-answer-syntax",
        "no-remark",
        "no-statement",
        "one-wrong-answer",
    ],
)
def test_a_malformed_exercise_is_named(exercises_root, breakage, named, said):
    breakage(exercises_root / "practice" / "double")
    with pytest.raises(ExerciseError) as raised:
        load("practice/double", exercises_root)
    assert named in str(raised.value) and said in str(raised.value), f"unclear error: {raised.value}"


@pytest.mark.parametrize(
    ("slug", "said"),
    [
        ("practice/halve", "unknown exercise 'practice/halve'"),
        ("Practice/Double", "snake_case"),
        ("double", "'<chapter>/<name>'"),
    ],
)
def test_an_unknown_or_badly_written_slug_is_refused(exercises_root, slug, said):
    with pytest.raises(ExerciseError) as raised:
        load(slug, exercises_root)
    assert said in str(raised.value)


def test_unknown_slug_lists_the_known_ones(exercises_root):
    with pytest.raises(ExerciseError, match="Known exercises: practice/double"):
        load("practice/triple", exercises_root)


@pytest.mark.parametrize(
    ("code", "error", "said"),
    [
        ("while True:\n    pass\n", "Timeout", "ran for more than"),
        ("import os\nos._exit(0)\n", "NoResult", "ended without a result"),
        ("import sys\nsys.exit('bye')\n", "SystemExit", "bye"),
        ("raise MemoryError('too big')\n", "MemoryError", "too big"),
    ],
)
def test_hostile_code_gets_a_clear_failure(exercises_root, code, error, said):
    folder = exercises_root / "practice" / "double"
    (folder / "wrong_hostile.py").write_text("# expect: nothing\n" + code)
    outcome = run_check(Path(sys.executable), folder, "wrong_hostile.py", timeout=3)
    assert not outcome["passed"] and outcome["error"] == error and said in outcome["message"], outcome
    assert (folder / "exo.py").read_text() == GOOD, "a learner's code must not touch the exercise files"


def test_the_runner_passes_and_fails_a_scratch_exercise(exercises_root):
    folder = exercises_root / "practice" / "double"
    assert run_check(Path(sys.executable), folder, "corr")["passed"]
    outcome = run_check(Path(sys.executable), folder, "wrong_abs.py")
    assert (outcome["passed"], outcome["stage"], outcome["message"]) == (False, "secrets", "double(-5) should be -10")
    assert f'{folder / "exo.py"}", line 12' in outcome["traceback"], (
        "tracebacks must point at the exercise file's own lines"
    )


def test_top_level_await_runs_as_in_the_browser(exercises_root):
    """PMT runs env and secrets with runPythonAsync: an awaited install or coroutine works there."""
    folder = exercises_root / "practice" / "double"
    exo = folder / "exo.py"
    exo.write_text(exo.read_text().replace("LIMIT = 3\n", "import asyncio\nawait asyncio.sleep(0)\nLIMIT = 3\n"))
    assert run_check(Path(sys.executable), folder, "corr")["passed"]
