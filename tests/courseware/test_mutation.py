"""courseware.mutation: the mutants it makes, how it judges them, and what it reports."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from courseware.mutation import EQUIVALENTS_FILE, mutants, mutate_exercise, report
from courseware.project import PROJECT_ROOT
from tests.support.scratch import write_exercise


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = a < b\n", "compare Lt->LtE"),
        ("x = a and b\n", "boolop And->Or"),
        ("x = not a\n", "not removed"),
        ("x = a + 1\n", "binop Add->Sub"),
        ("x = 10\n", "constant 10->11"),
        ("x = 10\n", "constant 10->9"),
        ("x = 'text'\n", "constant text->''"),
        ("def f():\n    return g()\n", "return None"),
        ("y = sorted(x)\n", "unwrap sorted()"),
        ("y = f(a, b)\n", "swap arguments of f()"),
        ("y = f(a, safe='')\n", "drop safe= of f()"),
        ("h = [('A', '1'), ('B', '2')]\n", "drop element 2"),
        ("d = {'a': 1, 'b': 2}\n", "drop key 1"),
        ("if a:\n    b()\n", "condition True"),
        ("for a in b:\n    c()\n", "zero iterations"),
        ("def f():\n    a()\n    b()\n", "delete Expr"),
        ("def f():\n    return 1\n", "shape f() raises"),
    ],
)
def test_the_mutation_operators(source, expected):
    made = mutants(source)
    assert any(m.id.startswith(expected) for m in made), [m.id for m in made]
    assert all(m.source != source for m in made) and len({m.source for m in made}) == len(made), "duplicates or no-ops"


def test_docstrings_imports_and_definitions_are_left_alone():
    made = mutants('"""Doc."""\nimport os\n\n\ndef f():\n    """Doc."""\n    return os.sep\n')
    assert not [m for m in made if "Doc" not in m.source or "import os" not in m.source or "def f" not in m.source]


WEAK_EXO = """\
# --- PYODIDE:code --- #
def clamp(x): ...
# --- PYODIDE:corr --- #
def clamp(x):
    return x if x < 10 else 10
# --- PYODIDE:tests --- #
assert clamp(3) == 3, "clamp(3) is 3. Hint: small values pass."
# --- PYODIDE:secrets --- #
assert clamp(-4) == -4, "clamp(-4) is -4. Hint: negative values pass."
"""


@pytest.fixture
def scratch(tmp_path):
    """practice/clamp: `x if x < 10 else 10`, checked only below 10: weak on purpose."""
    folder = write_exercise(tmp_path / "practice" / "clamp")
    (folder / "exo.py").write_text(WEAK_EXO)
    return folder


def test_a_weak_check_lets_mutants_survive_and_the_report_shows_them(scratch):
    result = mutate_exercise(str(scratch))
    survivors = {s["id"] for s in result.survivors}
    assert "constant 10->11 @2:28" in survivors, survivors  # clamp(x) for x >= 10 is never checked
    assert result.mutants == result.killed + len(survivors) and not result.problems
    shown = report([result])
    assert all(f"SURVIVOR practice/clamp: {s}" in shown for s in survivors)
    assert shown.splitlines()[-1].startswith(f"mutation score: {result.killed}/{result.mutants} = ")


def test_a_declared_equivalent_is_counted_and_a_stale_or_killed_one_is_a_problem(scratch):
    first = mutate_exercise(str(scratch))
    survivor = first.survivors[0]["id"]
    killed = next(
        m.id for m in mutants("def double(x):\n    return 2 * x\n") if m.id not in {s["id"] for s in first.survivors}
    )
    (scratch / EQUIVALENTS_FILE).write_text(
        f"{survivor}  # a reason\n{killed}  # wrongly declared\nconstant 7->8 @1:1  # no such mutant\n"
    )
    result = mutate_exercise(str(scratch))
    assert result.equivalent == 1 and survivor not in {s["id"] for s in result.survivors}
    assert any("no mutant of today's solution" in p for p in result.problems)
    assert any(f"{killed!r} is killed by the checks" in p for p in result.problems)


def test_a_declaration_without_a_reason_is_refused(scratch):
    (scratch / EQUIVALENTS_FILE).write_text("constant 10->11 @2:28\n")
    from courseware.exercise import ExerciseError

    with pytest.raises(ExerciseError, match="<why it is equivalent>"):
        mutate_exercise(str(scratch))


def test_a_wrong_shape_that_crashes_the_checks_is_reported(scratch):
    """The scratch checks call clamp() directly: a clamp() that raises crashes them."""
    result = mutate_exercise(str(scratch))
    assert any(c["id"].startswith("shape clamp() raises") for c in result.crashes), result.crashes


def test_the_command_reports_and_exits_one_on_a_survivor(scratch):
    done = subprocess.run(
        [sys.executable, "-m", "courseware.mutation", str(scratch), "--json", "--jobs", "1"],
        cwd=PROJECT_ROOT, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert json.loads(done.stdout)[0]["slug"] == "practice/clamp"


def test_the_command_refuses_an_unknown_exercise():
    done = subprocess.run(
        [sys.executable, "-m", "courseware.mutation", "nowhere/nothing"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2 and "unknown exercise" in done.stderr
