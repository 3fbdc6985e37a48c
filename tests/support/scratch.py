"""A throwaway, well-formed exercise for tests of the tools around exercises."""

from __future__ import annotations

from pathlib import Path

from courseware.exercise import Exercise, load
from courseware.wrong_answers import make_patch

SOLUTION = "def double(x):\n    return 2 * x\n"
EXO = f"""\
# --- PYODIDE:env --- #
_LIMIT = 3
# --- PYODIDE:code --- #
def double(x):
    ...
# --- PYODIDE:corr --- #
{SOLUTION}# --- PYODIDE:tests --- #
assert double(2) == 4, "double(2) should be 4. Hint: multiply by two."
# --- PYODIDE:secrets --- #
assert double(-5) == -10, "double(-5) should be -10. Hint: no abs()."
"""
WRONG = {  # mistake -> (expected feedback, the wrong answer)
    "abs": ("double(-5) should be -10", "def double(x):\n    return abs(2 * x)\n"),
    "plus_two": ("double(2) should be 4", "def double(x):\n    return x + 3\n"),
}


def write_exercise(folder: Path, prelude: str = "") -> Path:
    """A well-formed exercise in `folder`; `prelude` goes before the solution and each wrong answer."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "exo.py").write_text(EXO.replace(SOLUTION, prelude + SOLUTION))
    (folder / "statement.md").write_text("### Double it\n\nReturn twice `x`.\n")
    (folder / "exo_REM.md").write_text("Multiply by two.\n")
    for mistake, (expect, answer) in WRONG.items():
        patch = make_patch(prelude + SOLUTION, prelude + answer, mistake, expect)
        (folder / f"wrong_{mistake}.patch").write_text(patch)
    return folder


def exercise_importing(root: Path, *modules: str) -> Exercise:
    """Write scratch/imports under root, whose solution imports `modules`, and load it."""
    write_exercise(root / "scratch" / "imports", "".join(f"import {m}\n" for m in modules))
    return load("scratch/imports", root)
