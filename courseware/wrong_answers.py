"""Known-wrong answers, stored as small unified diffs against the exercise's solution.

A wrong answer is what a learner would write instead of `corr`. Most differ from the
solution by a line or two, so each is kept as `wrong_<mistake>.patch`:

    # expect: Content-Length must count bytes
    --- corr
    +++ wrong_length_in_characters
    @@ -4,7 +4,7 @@
    ...

The `# expect:` line says what the learner's feedback must contain; the rest is a unified
diff whose line numbers count from the first line of the `corr` section. Applying is strict:
every context and removed line must be found as written (a hunk may have moved, as when
lines were added above it, but never changed); a hunk that no longer applies is an error
naming the file and the hunk.

    python -m courseware.wrong_answers edit <chapter>/<name> <mistake>
        write the full wrong answer (today's solution when the mistake is new) to
        build/wrong-answers/<chapter>/<name>/wrong_<mistake>.py, for editing
    python -m courseware.wrong_answers save <chapter>/<name> <edited file.py>
        turn an edited copy of the solution (first line `# expect: ...`) into
        exercises/<chapter>/<name>/wrong_<mistake>.patch, named after the file
    python -m courseware.wrong_answers refresh <chapter>/<name>
        rewrite every patch of the exercise against today's solution (after editing corr)

Standard library only: the build, the checks and the browser-parity interpreter import it.
"""

from __future__ import annotations

import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

EXPECT_LINE = re.compile(r"^#\s*expect:\s*(\S.*?)\s*$", re.IGNORECASE)
HUNK_HEADER = re.compile(r"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@")
SUFFIX = ".patch"
PREFIX = "wrong_"
EDIT_DIR = Path("build") / "wrong-answers"


class PatchError(Exception):
    """A wrong answer's patch that cannot be read or applied; the message names the file and hunk."""


@dataclass(frozen=True)
class Hunk:
    number: int  # 1-based, in the order of the file
    header: str
    line: int  # line of the header in the patch file
    old_start: int  # 1-based line of corr where the hunk starts
    old: tuple[str, ...]  # context and removed lines, as in corr
    new: tuple[str, ...]  # context and added lines, as in the wrong answer


@dataclass(frozen=True)
class Patch:
    path: Path
    expect: str
    hunks: tuple[Hunk, ...]

    @property
    def mistake(self) -> str:
        return self.path.name.removeprefix(PREFIX).removesuffix(SUFFIX)

    def apply(self, solution: str) -> str:
        """The wrong answer: `solution` with every hunk applied, or PatchError."""
        lines = solution.splitlines(keepends=True)
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        out: list[str] = []
        cursor = offset = 0
        for hunk in self.hunks:
            expected = hunk.old_start - 1 + offset
            try:
                found = _find(lines, hunk.old, cursor, expected)
            except _Ambiguous as ambiguous:
                lines_at = ", ".join(str(p + 1) for p in ambiguous.places)
                raise PatchError(
                    f"{self.path}:{hunk.line}: hunk {hunk.number} ({hunk.header}) could apply at lines {lines_at} "
                    "of the solution: rewrite it from an edited copy (python -m courseware.wrong_answers edit/save)"
                ) from None
            if found is None:
                shown = "".join("    " + line for line in hunk.old[:6]) or "    (nothing)\n"
                raise PatchError(
                    f"{self.path}:{hunk.line}: hunk {hunk.number} ({hunk.header}) does not apply: the solution no "
                    f"longer has these lines, in this order, after line {cursor}:\n{shown}"
                    "Rewrite it from an edited copy: python -m courseware.wrong_answers edit/save (CONTRIBUTING.md)"
                )
            out.extend(lines[cursor:found])
            out.extend(hunk.new)
            cursor = found + len(hunk.old)
            offset = found - (hunk.old_start - 1)
        out.extend(lines[cursor:])
        return "".join(out)


def _find(lines: list[str], old: tuple[str, ...], start: int, expected: int) -> int | None:
    """Where `old` stands in `lines`, at or after `start`: at `expected` if it is there, else at its
    one other place. None when it is nowhere; PatchError when it is at several other places."""
    size = len(old)
    if size == 0:  # a pure insertion with no context: only its stated place is known
        return max(start, min(expected, len(lines)))
    if expected >= start and tuple(lines[expected : expected + size]) == old:
        return expected
    places = [p for p in range(start, len(lines) - size + 1) if tuple(lines[p : p + size]) == old]
    if len(places) > 1:
        raise _Ambiguous(places)
    return places[0] if places else None


class _Ambiguous(Exception):
    def __init__(self, places):
        self.places = places


def read_patch(path: Path) -> Patch:
    """Read `wrong_<mistake>.patch`; PatchError naming the file and line when malformed."""
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    first = lines[0].rstrip("\n") if lines else ""
    expect = EXPECT_LINE.match(first)
    if not expect:
        raise PatchError(f"{path}:1: the first line must be '# expect: <part of the feedback this answer gets>'")
    hunks: list[Hunk] = []
    number = 1
    while number < len(lines) and not lines[number].startswith("@@"):
        number += 1  # the header: '--- corr', '+++ wrong_...', comments
    while number < len(lines):
        header_line = lines[number].rstrip("\n")
        match = HUNK_HEADER.match(header_line)
        if not match:
            raise PatchError(
                f"{path}:{number + 1}: expected a hunk header like '@@ -3,7 +3,7 @@', found {header_line!r}"
            )
        old_start, old_count = int(match[1]), int(match[2] if match[2] is not None else 1)
        new_count = int(match[4] if match[4] is not None else 1)
        old: list[str] = []
        new: list[str] = []
        header_at = number + 1
        number += 1
        while number < len(lines) and (len(old) < old_count or len(new) < new_count):
            line = lines[number]
            tag, body = line[:1], line[1:]
            if line.startswith("\\"):  # "\ No newline at end of file"
                number += 1
                continue
            if tag == " " or line in ("\n",):  # an empty context line may lose its space
                body = body if tag == " " else "\n"
                old.append(body)
                new.append(body)
            elif tag == "-":
                old.append(body)
            elif tag == "+":
                new.append(body)
            else:
                raise PatchError(
                    f"{path}:{number + 1}: a hunk line starts with ' ', '-' or '+', found {line.rstrip()!r}"
                )
            number += 1
        if (len(old), len(new)) != (old_count, new_count):
            raise PatchError(
                f"{path}:{header_at}: hunk {len(hunks) + 1} ({header_line}) announces {old_count} old and {new_count} "
                f"new lines but has {len(old)} and {len(new)}: the patch was cut or edited by hand"
            )
        hunks.append(Hunk(len(hunks) + 1, header_line, header_at, old_start, tuple(old), tuple(new)))
        while number < len(lines) and lines[number].startswith("\\"):
            number += 1
    if not hunks:
        raise PatchError(f"{path}: no hunk: this wrong answer would be the solution itself")
    return Patch(path, expect[1], tuple(hunks))


def make_patch(solution: str, wrong: str, mistake: str, expect: str) -> str:
    """The text of wrong_<mistake>.patch turning `solution` into `wrong`."""
    # The answer ends as the solution does (a section ends with blank lines): no hunk for that.
    tail = len(solution) - len(solution.rstrip("\n"))
    wrong = wrong.rstrip("\n") + "\n" * max(tail, 1)
    before = _lines(solution)
    after = _lines(wrong)
    diff = list(difflib.unified_diff(before, after, "corr", PREFIX + mistake, n=2))
    if not diff:
        raise PatchError(f"wrong_{mistake}: identical to the solution; a wrong answer must differ from it")
    return f"# expect: {expect}\n" + "".join(diff)


def _lines(text: str) -> list[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n"
    return lines


def split_expect(text: str, path: Path) -> tuple[str, str]:
    """(expect, answer) from an edited wrong answer whose first line is '# expect: ...'."""
    first, _, rest = text.partition("\n")
    expect = EXPECT_LINE.match(first)
    if not expect:
        raise PatchError(f"{path}:1: the first line must be '# expect: <part of the feedback this answer gets>'")
    return expect[1], rest


def _cli(argv: list[str]) -> int:
    from courseware.exercise import PROJECT_ROOT, Exercise, ExerciseError

    usage = __doc__.split("\n\n")[3]
    if len(argv) < 2 or argv[0] not in ("edit", "save", "refresh"):
        print(usage, file=sys.stderr)
        return 2
    command, slug, *rest = argv
    try:
        exercise = Exercise.find(slug)
        solution = exercise.sections["corr"].source
        if command == "edit" and len(rest) == 1:
            mistake = rest[0].removeprefix(PREFIX).removesuffix(".py").removesuffix(SUFFIX)
            existing = exercise.folder / f"{PREFIX}{mistake}{SUFFIX}"
            if existing.is_file():
                patch = read_patch(existing)
                try:
                    text = f"# expect: {patch.expect}\n" + patch.apply(solution)
                except PatchError as stale:
                    # The solution changed under the patch: start from today's solution, and show
                    # what the patch changed, so that the mistake can be made again by hand.
                    text = f"# expect: {patch.expect}\n" + solution
                    print(f"{stale}\n\nThe copy holds today's solution; the old patch, to redo by hand:\n")
                    print(existing.read_text(encoding="utf-8"))
            else:
                text = "# expect: <part of the feedback this answer must get>\n" + solution
            target = PROJECT_ROOT / EDIT_DIR / exercise.slug / f"{PREFIX}{mistake}.py"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            print(
                f"edit {target.relative_to(PROJECT_ROOT)}, then: python -m courseware.wrong_answers save {slug} {target.relative_to(PROJECT_ROOT)}"
            )
        elif command == "save" and len(rest) == 1:
            edited = Path(rest[0])
            if not edited.name.startswith(PREFIX) or edited.suffix != ".py":
                raise PatchError(f"{edited}: name the edited copy wrong_<mistake>.py; the patch takes its name")
            expect, answer = split_expect(edited.read_text(encoding="utf-8"), edited)
            mistake = edited.stem.removeprefix(PREFIX)
            target = exercise.folder / f"{PREFIX}{mistake}{SUFFIX}"
            target.write_text(make_patch(solution, answer, mistake, expect), encoding="utf-8")
            print(f"wrote {target}")
        elif command == "refresh" and not rest:
            for path in sorted(exercise.folder.glob(PREFIX + "*" + SUFFIX)):
                patch = read_patch(path)
                path.write_text(
                    make_patch(solution, patch.apply(solution), patch.mistake, patch.expect), encoding="utf-8"
                )
                print(f"rewrote {path}")
        else:
            print(usage, file=sys.stderr)
            return 2
    except (PatchError, ExerciseError, OSError) as error:
        print(f"wrong_answers: {error}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(_cli(sys.argv[1:]))
