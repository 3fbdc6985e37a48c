"""A throwaway, well-formed exercise for tests of the tools around exercises."""

from __future__ import annotations

from pathlib import Path

from courseware.exercise import Exercise, load


def exercise_importing(root: Path, *modules: str) -> Exercise:
    """Write scratch/imports under root, whose solution imports `modules`, and load it."""
    folder = root / "scratch" / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    imports = "".join(f"import {m}\n" for m in modules)
    (folder / "exo.py").write_text(
        "# --- PYODIDE:code --- #\nx = 0\n# --- PYODIDE:corr --- #\n" + imports + "x = 1\n"
        "# --- PYODIDE:tests --- #\nassert x, 'x'\n# --- PYODIDE:secrets --- #\nassert x == 1, 'x is 1'\n"
    )
    for name in ("statement.md", "exo_REM.md"):
        (folder / name).write_text("### Scratch\n")
    for mistake in ("a", "b"):
        (folder / f"wrong_{mistake}.py").write_text("# expect: x is 1\nx = 2\n")
    return load("scratch/imports", root)
