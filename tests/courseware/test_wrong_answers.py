"""Wrong answers as patches: written from an edited copy, applied strictly, refused loudly."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from courseware.exercise import Exercise
from courseware.project import PROJECT_ROOT
from courseware.wrong_answers import PatchError, make_patch, read_patch
from tests.support.scratch import write_exercise

# Lines of code as sections hold them: a small alphabet makes repeated lines (ambiguous places) likely.
LINES = st.lists(st.sampled_from(["x = 1", "    return x", "", "def f(x):", "y = [x]", "pass", "# note"]), max_size=30)


def text(lines: list[str]) -> str:
    return "".join(line + "\n" for line in lines)


def patch_file(tmp_path, solution: str, wrong: str, expect: str = "feedback. Hint: fix"):
    path = tmp_path / "wrong_case.patch"
    path.write_text(make_patch(solution, wrong, "case", expect))
    return read_patch(path)


@settings(max_examples=300, deadline=None)
@given(solution=LINES, wrong=LINES)
def test_a_patch_gives_back_the_wrong_answer_exactly(tmp_path_factory, solution, wrong):
    if text(solution).rstrip("\n") == text(wrong).rstrip("\n"):
        return
    patch = patch_file(tmp_path_factory.mktemp("p"), text(solution), text(wrong))
    # The answer ends with the solution's trailing blank lines (sections end with some): no hunk for that.
    assert patch.apply(text(solution)).rstrip("\n") == text(wrong).rstrip("\n")


@settings(max_examples=200, deadline=None)
@given(solution=LINES, wrong=LINES, above=st.lists(st.sampled_from(["import os", "", "z = 2"]), min_size=1, max_size=5))
def test_a_patch_still_applies_when_lines_are_added_above_it(tmp_path_factory, solution, wrong, above):
    """Editing the solution elsewhere moves a hunk; the hunk still applies where its lines are."""
    if text(solution).rstrip("\n") == text(wrong).rstrip("\n"):
        return
    patch = patch_file(tmp_path_factory.mktemp("p"), text(solution), text(wrong))
    moved_solution = text(above + solution).splitlines(keepends=True)
    if all(occurrences(moved_solution, hunk.old) == 1 for hunk in patch.hunks):
        assert patch.apply(text(above + solution)).rstrip("\n") == text(above + wrong).rstrip("\n")
    else:  # where a hunk's lines stand more than once, it applies at its stated place or is refused
        with contextlib.suppress(PatchError):
            patch.apply(text(above + solution))


def occurrences(lines: list[str], block: tuple[str, ...]) -> int:
    return sum(tuple(lines[p : p + len(block)]) == block for p in range(len(lines) - len(block) + 1)) if block else 2


def test_a_changed_line_under_a_hunk_is_refused_with_file_and_hunk(tmp_path):
    patch = patch_file(tmp_path, "a = 1\nb = 2\nc = 3\n", "a = 1\nb = 20\nc = 3\n")
    with pytest.raises(PatchError) as refused:
        patch.apply("a = 1\nb = 5\nc = 3\n")
    message = str(refused.value)
    assert "wrong_case.patch:4" in message and "hunk 1 (@@ -1,3 +1,3 @@) does not apply" in message
    assert "b = 2" in message, "the learner-facing lines that went missing are shown"


def test_the_expect_line_and_the_mistake_are_read(tmp_path):
    patch = patch_file(tmp_path, "a = 1\n", "a = 2\n", expect="a should be 1. Hint: one")
    assert (patch.expect, patch.mistake) == ("a should be 1. Hint: one", "case")


def test_a_wrong_answer_equal_to_the_solution_is_refused():
    with pytest.raises(PatchError, match="identical to the solution"):
        make_patch("a = 1\n", "a = 1\n\n\n", "same", "x")


def test_a_patch_with_no_hunk_is_refused(tmp_path):
    path = tmp_path / "wrong_empty.patch"
    path.write_text("# expect: x\n--- corr\n+++ wrong_empty\n")
    with pytest.raises(PatchError, match="no hunk"):
        read_patch(path)


def run_tool(*args):
    return subprocess.run(
        [sys.executable, "-m", "courseware.wrong_answers", *args], cwd=PROJECT_ROOT, capture_output=True, text=True
    )


def test_edit_then_save_round_trips_through_the_commands(tmp_path):
    """The author's loop: `edit` writes the full answer, `save` turns the edited copy into a patch."""
    folder = write_exercise(tmp_path / "scratch_chapter" / f"double_{tmp_path.name[-6:].replace('-', '_')}")
    exercise = Exercise.find(str(folder))
    edited = tmp_path / "wrong_minus.py"
    edited.write_text("# expect: double(2) should be 4\ndef double(x):\n    return 2 - x\n")
    assert run_tool("save", str(folder), str(edited)).returncode == 0
    saved = exercise.wrong_answer("wrong_minus.patch")
    assert saved.source == "def double(x):\n    return 2 - x\n" and saved.expect == "double(2) should be 4"
    copy = PROJECT_ROOT / "build" / "wrong-answers" / exercise.slug / "wrong_minus.py"
    try:
        done = run_tool("edit", str(folder), "minus")
        assert done.returncode == 0 and str(copy.relative_to(PROJECT_ROOT)) in done.stdout
        assert copy.read_text() == edited.read_text()
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
    assert run_tool("refresh", str(folder)).returncode == 0
    assert exercise.wrong_answer("wrong_minus.patch").source == saved.source


def test_the_command_explains_its_use_and_refuses_bad_input():
    assert run_tool().returncode == 2
    done = run_tool("save", "routing/no_such_exercise", "x.py")
    assert done.returncode == 1 and "unknown exercise" in done.stderr


def test_edit_of_a_stale_patch_starts_from_the_solution_and_shows_the_old_patch(tmp_path):
    folder = write_exercise(tmp_path / "scratch_chapter" / f"stale_{tmp_path.name[-6:].replace('-', '_')}")
    exo = folder / "exo.py"
    exo.write_text(exo.read_text().replace("return 2 * x", "return x * 2"))  # under both patches' hunks
    exercise = Exercise.find(str(folder))
    copy = PROJECT_ROOT / "build" / "wrong-answers" / exercise.slug / "wrong_abs.py"
    try:
        done = run_tool("edit", str(folder), "abs")
        assert done.returncode == 0, done.stderr
        assert "does not apply" in done.stdout and "-    return 2 * x" in done.stdout, done.stdout
        assert copy.read_text() == "# expect: double(-5) should be -10\ndef double(x):\n    return x * 2\n"
    finally:
        shutil.rmtree(copy.parent, ignore_errors=True)
