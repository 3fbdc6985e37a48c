"""A malformed exercise, an unknown slug or a learner's hostile code gets a clear error."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from courseware.exercise import Exercise, ExerciseError, discover_slugs, load
from courseware.project import PROJECT_ROOT
from tests.support.checks import run_check
from tests.support.scratch import EXO, write_exercise


@pytest.fixture
def exercises_root(tmp_path) -> Path:
    """A scratch exercises/ folder holding one well-formed exercise, practice/double."""
    write_exercise(tmp_path / "practice" / "double")
    return tmp_path


def test_a_well_formed_exercise_loads(exercises_root):
    exercise = load("practice/double", exercises_root)
    assert set(exercise.sections) == {"env", "code", "corr", "tests", "secrets"}
    assert exercise.sections["corr"].first_line == 7, "section line numbers must match the file, for tracebacks"
    assert [w.expect for w in exercise.wrong_answers] == ["double(-5) should be -10", "double(2) should be 4"]
    assert exercise.wrong_answers[0].source == "def double(x):\n    return abs(2 * x)\n"
    assert discover_slugs(exercises_root) == ["practice/double"]


def rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new))


@pytest.mark.parametrize(
    ("breakage", "named", "said"),
    [
        (lambda f: (f / "exo.py").write_text(EXO.replace("# --- PYODIDE:secrets --- #\n", "")), "exo.py", "missing or empty section(s): secrets"),
        (lambda f: (f / "exo.py").write_text(EXO.replace("return 2 * x", "return 2 *")), "exo.py:8", "syntax error"),
        (lambda f: (f / "exo.py").write_text(EXO.replace("PYODIDE:env", "PYODIDE:setup")), "exo.py:1", "unknown PMT section 'setup'"),
        (lambda f: (f / "exo.py").write_text("x = 1\n" + EXO), "exo.py:1", "code before the first section header"),
        (lambda f: rewrite(f / "wrong_abs.patch", "# expect: ", "# hope: "), "wrong_abs.patch:1", "first line must be '# expect:"),
        (lambda f: rewrite(f / "wrong_abs.patch", "+    return abs(2 * x)", "+    return abs(2 * x"), "wrong_abs.patch", "syntax error on its line 2"),
        (lambda f: rewrite(f / "wrong_abs.patch", "-    return 2 * x", "-    return 3 * x"), "wrong_abs.patch:4", "hunk 1 (@@ -1,2 +1,2 @@) does not apply"),
        (lambda f: rewrite(f / "wrong_abs.patch", "@@ -1,2 +1,2 @@", "@@ -1,3 +1,2 @@"), "wrong_abs.patch:4", "announces 3 old and 2 new lines"),
        (lambda f: (f / "wrong_abs.py").write_text("# expect: x\nx = 1\n"), "wrong_abs.py", "stored as a patch"),
        (lambda f: (f / "exo_REM.md").unlink(), "exo_REM.md", "missing"),
        (lambda f: (f / "statement.md").unlink(), "statement.md", "missing"),
        (lambda f: (f / "statement.md").write_text("Double it\n"), "statement.md:1", "'### <title>' heading"),
        (lambda f: (f / "wrong_plus_two.patch").unlink(), "double", "at least 2 are needed"),
        (lambda f: rewrite(f / "exo.py", "_LIMIT = 3", "LIMIT = 3"), "exo.py", "the checks define LIMIT, in the namespace"),
    ],
    ids=["missing-section", "syntax-error", "unknown-section", "code-before-header", "no-expect-line",
         "wrong-answer-syntax", "hunk-no-longer-applies", "hunk-cut", "full-copy-wrong-answer", "no-remark",
         "no-statement", "no-title", "one-wrong-answer", "checks-name-without-underscore"],
)  # fmt: skip
def test_a_malformed_exercise_is_named(exercises_root, breakage, named, said):
    breakage(exercises_root / "practice" / "double")
    with pytest.raises(ExerciseError) as raised:
        load("practice/double", exercises_root)
    assert named in str(raised.value) and said in str(raised.value), f"unclear error: {raised.value}"


def test_a_name_the_statement_gives_the_learner_needs_no_underscore(exercises_root):
    """`LIMIT` shown in the statement's code is the learner's to use: the checks may define it."""
    folder = exercises_root / "practice" / "double"
    rewrite(folder / "exo.py", "_LIMIT = 3", "LIMIT = 3")
    with pytest.raises(ExerciseError, match="the checks define LIMIT"):
        load("practice/double", exercises_root)
    (folder / "statement.md").write_text("### Double it\n\nReturn twice `x`, at most `LIMIT` times.\n")
    assert load("practice/double", exercises_root).names_a_learner_may_reuse() == []


def test_every_problem_is_listed_at_once(exercises_root):
    folder = exercises_root / "practice" / "double"
    (folder / "exo_REM.md").unlink()
    (folder / "statement.md").write_text("no title\n")
    problems = Exercise.at("practice/double", exercises_root).problems()
    assert len(problems) == 2 and "exo_REM.md" in problems[0] and "statement.md" in problems[1], problems


def test_a_page_needs_no_wrong_answers(exercises_root):
    """Wrong answers are the suite's business: a draft without them still shows in its page."""
    for patch in (exercises_root / "practice" / "double").glob("wrong_*.patch"):
        patch.unlink()
    assert load("practice/double", exercises_root, for_page=True).sections["corr"]
    with pytest.raises(ExerciseError, match="at least 2 are needed"):
        load("practice/double", exercises_root)


PAYLOADS = 'NUMBER_PAYLOADS = [-5, "7"]\nfor _payload in NUMBER_PAYLOADS:\n    assert double(_payload) is not None, "None. Hint: return."\n'
SHOWN = "Your code stopped these 2 payloads:\n\n```text\n-5\n'7'\n```\n"


def with_payloads(folder: Path, remark: str, payloads: str = PAYLOADS) -> None:
    exo = folder / "exo.py"
    exo.write_text(exo.read_text() + payloads)
    (folder / "exo_REM.md").write_text(remark)


def test_the_remark_shows_the_attack_payloads(exercises_root):
    folder = exercises_root / "practice" / "double"
    with_payloads(folder, SHOWN)
    exercise = load("practice/double", exercises_root)
    assert exercise.payloads() == {"NUMBER_PAYLOADS": [-5, "7"]}


@pytest.mark.parametrize(
    ("remark", "payloads", "said"),
    [
        (SHOWN.replace("'7'", "7"), PAYLOADS, "does not show 1 payload(s) of NUMBER_PAYLOADS, each as its repr() in a text block: '7'"),
        (SHOWN.replace("these 2", "these"), PAYLOADS, "as 'these 2 payloads' (NUMBER_PAYLOADS hold 2)"),
        (SHOWN, PAYLOADS.replace('[-5, "7"]', '[-5, str(7)]'), "NUMBER_PAYLOADS must be a literal list"),
        (SHOWN, PAYLOADS.replace('[-5, "7"]', '"-5"'), "NUMBER_PAYLOADS must be a list"),
    ],
    ids=["payload-not-shown", "count-not-named", "computed-list", "not-a-list"],
)  # fmt: skip
def test_a_remark_missing_a_payload_is_named(exercises_root, remark, payloads, said):
    with_payloads(exercises_root / "practice" / "double", remark, payloads)
    with pytest.raises(ExerciseError) as raised:
        load("practice/double", exercises_root, for_page=True)
    assert said in str(raised.value), f"unclear error: {raised.value}"


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
        ("while True:\n    pass\n", "TimeLimit", "ran for more than"),
        ("import os\nos._exit(0)\n", "NoResult", "ended without a result"),
        ("import sys\nsys.exit('bye')\n", "SystemExit", "bye"),
        ("raise MemoryError('too big')\n", "MemoryError", "too big"),
        ("class E(Exception):\n    def __str__(self):\n        raise ValueError\nraise E()\n", "E", "cannot be shown"),
    ],
)
def test_hostile_code_gets_a_clear_failure(exercises_root, code, error, said):
    folder = exercises_root / "practice" / "double"
    hostile = exercises_root / "hostile.py"
    hostile.write_text(code)
    outcome = run_check(Path(sys.executable), folder, str(hostile), time_limit=2)
    assert not outcome["passed"] and outcome["error"] == error and said in outcome["message"], outcome
    assert (folder / "exo.py").read_text() == EXO, "a learner's code must not touch the exercise files"


def test_the_runner_passes_and_fails_a_scratch_exercise(exercises_root):
    folder = exercises_root / "practice" / "double"
    assert run_check(Path(sys.executable), folder, "corr")["passed"]
    outcome = run_check(Path(sys.executable), folder, "wrong_abs.patch")
    assert (outcome["passed"], outcome["stage"]) == (False, "secrets")
    assert outcome["message"] == "double(-5) should be -10. Hint: no abs()."
    assert f'{folder / "exo.py"}", line 12' in outcome["traceback"], (
        "tracebacks must point at the exercise file's own lines"
    )


def test_top_level_await_runs_as_in_the_browser(exercises_root):
    """PMT runs env and secrets with runPythonAsync: an awaited install or coroutine works there."""
    folder = exercises_root / "practice" / "double"
    rewrite(folder / "exo.py", "_LIMIT = 3\n", "import asyncio as _asyncio\nawait _asyncio.sleep(0)\n_LIMIT = 3\n")
    assert run_check(Path(sys.executable), folder, "corr")["passed"]


def run_check_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "courseware.run_check", *args], cwd=PROJECT_ROOT, capture_output=True, text=True
    )


def test_run_check_reports_and_exits_zero_when_every_candidate_behaves(exercises_root):
    done = run_check_command(str(exercises_root / "practice" / "double"))
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[0] == "practice/double" and len(lines) == 1 + 5, done.stdout  # corr, code, examples, 2 wrong answers
    assert all(" ok " in line for line in lines[1:]), done.stdout


def test_run_check_exits_one_when_a_wrong_answer_gets_other_feedback(exercises_root):
    folder = exercises_root / "practice" / "double"
    rewrite(folder / "wrong_abs.patch", "# expect: double(-5) should be -10", "# expect: something else")
    done = run_check_command(str(folder))
    assert done.returncode == 1, done.stdout
    assert "its feedback does not contain the declared 'something else'" in done.stdout
    assert "the learner would see:" in done.stdout and "double(-5) should be -10" in done.stdout


def test_run_check_exits_one_when_a_wrong_answer_passes(exercises_root):
    folder = exercises_root / "practice" / "double"
    rewrite(folder / "exo.py", 'assert double(-5) == -10, "double(-5) should be -10. Hint: no abs()."', "pass")
    done = run_check_command(str(folder), "wrong_abs.patch", "--json")
    outcome = json.loads(done.stdout.splitlines()[-1])
    assert done.returncode == 1 and outcome["passed"] and "add a check that catches it" in outcome["problem"]


def test_run_check_refuses_an_unreadable_exercise_with_exit_two(exercises_root):
    folder = exercises_root / "practice" / "double"
    (folder / "exo.py").write_text(EXO.replace("return 2 * x", "return 2 *"))
    done = run_check_command(str(folder))
    assert done.returncode == 2 and "syntax error" in done.stderr


def test_the_editor_is_joined_and_split_as_pmt_does_it():
    """PMT's editor holds the learner's code, its English tests token, then the public tests; the
    checker builds the same text, and pytest_runner finds the learner's part by PMT's own pattern."""
    from pyodide_mkdocs_theme.pyodide_macros.messages.en_lang import LangEn

    from course_helpers.pytest_runner import TESTS_TOKEN
    from courseware.run_check import PMT_TESTS_TOKEN

    assert LangEn.tests.msg == PMT_TESTS_TOKEN
    pmt_pattern = re.compile(LangEn.tests.as_pattern.pattern, re.I | re.M)
    for line in ["# Tests", "#Tests", "# tests", "#  TESTS  "]:
        assert bool(pmt_pattern.match(line)) == bool(TESTS_TOKEN.match(line)), line
