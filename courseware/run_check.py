"""Validate an exercise's candidates the way the browser does, and say whether each behaves as it must.

    python -m courseware.run_check <chapter>/<name> [candidate ...] [--json] [--time-limit SECONDS]

A candidate is `corr` (the solution), `code` (the starter), a wrong answer (`wrong_<mistake>.patch`,
or just `<mistake>`), the path of any Python file, which stands in for the solution, or `examples`:
the `pycon` examples of the statement, run as doctests after env, the solution and the public
tests. With no candidate, all of the exercise's are checked. As PMT does on "Validate", the sections run one
after the other in one namespace: env; the candidate followed by the public tests, as the
learner's editor holds them; the public tests again; secrets; post.

What each must do: the solution passes; the starter fails with an assertion; a wrong answer
fails with an assertion whose message holds its `# expect:` text and a `Hint:`. The exit status
is 0 when every candidate did, 1 when one did not, 2 when the exercise cannot be read.
`--json` prints one JSON object per candidate instead of the report (the test suite reads it).
"""

from __future__ import annotations

import asyncio
import builtins
import contextlib
import doctest
import inspect
import io
import json
import linecache
import re
import signal
import sys
import traceback
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `courseware` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from course_helpers.feedback import message_of
from courseware.exercise import Exercise, ExerciseError, Section
from courseware.wrong_answers import PREFIX, SUFFIX

PMT_TESTS_TOKEN = "\n# Tests\n"  # between the learner's code and the public tests in the editor (PMT, English)
HINT = "Hint:"  # how every failure message introduces its advice (CONTRIBUTING.md)
TIME_LIMIT_SECONDS = 30


class TimeLimit(BaseException):
    """The candidate ran longer than TIME_LIMIT_SECONDS (a BaseException: learner code catching
    Exception must not swallow it)."""


@dataclass
class Outcome:
    candidate: str
    passed: bool
    stage: str | None = None  # where it stopped: env, candidate, tests, secrets, post
    error: str | None = None  # the exception's class name
    assertion: bool = False  # whether that was a failed check (AssertionError), not a crash
    message: str = ""
    traceback: str = ""
    output: str = ""  # what the code printed
    expect: str | None = None  # for a wrong answer: what its feedback must contain

    @property
    def as_expected(self) -> bool:
        return not self.problem

    @property
    def problem(self) -> str:
        """Why this outcome is not what the candidate must give ('' when it is)."""
        if self.candidate in ("corr", "examples"):
            return "" if self.passed else f"the solution fails at {self.stage}: {self.error}: {self.message}"
        if self.passed:
            return "passes every check: add a check that catches it" if self.expect else "passes every check"
        if not self.assertion:
            return (
                f"crashes at {self.stage} with {self.error} instead of failing a check with a message: {self.message}"
            )
        if self.expect is not None and self.expect not in self.message:
            return f"its feedback does not contain the declared {self.expect!r}"
        if HINT not in self.message:
            return f"its feedback says what is wrong but not how to fix it (no {HINT!r})"
        return ""


def run(exercise: Exercise, candidate: str, time_limit: float = TIME_LIMIT_SECONDS) -> Outcome:
    """Validate one candidate of `exercise` in this interpreter (its state is changed: use a fresh one)."""
    sections = exercise.sections
    expect = None
    if candidate == "examples":
        return run_examples(exercise, time_limit)
    if candidate in ("corr", "code"):
        chosen, chosen_file = sections[candidate], exercise.exo_file
    elif Path(candidate).suffix == ".py":
        path = Path(candidate)
        chosen, chosen_file = Section("corr", path.read_text(encoding="utf-8"), 1), path
    else:
        name = candidate if candidate.endswith(SUFFIX) else f"{PREFIX}{candidate.removeprefix(PREFIX)}{SUFFIX}"
        wrong = exercise.wrong_answer(name)
        chosen, chosen_file, expect, candidate = wrong.as_section(), wrong.path, wrong.expect, name
    return run_sections(exercise, candidate, chosen, chosen_file, expect, time_limit)


def run_sections(
    exercise: Exercise, label: str, chosen: Section, chosen_file: Path, expect=None, time_limit=TIME_LIMIT_SECONDS
) -> Outcome:
    sections = exercise.sections
    tests = sections["tests"]
    plan = [
        ("env", sections.get("env"), exercise.exo_file),
        # PMT shows the public tests in the editor, under the learner's code and its "# Tests" line,
        # and runs the editor's text on "Validate" before it runs the public tests again: twice, in
        # one namespace.
        ("candidate", chosen, chosen_file),
        ("candidate", tests, exercise.exo_file),
        ("tests", tests, exercise.exo_file),
        ("secrets", sections["secrets"], exercise.exo_file),
        ("post", sections.get("post"), exercise.exo_file),
    ]
    # And it keeps the editor's text in __USER_CODE__ while the run lasts (course_helpers.pytest_runner).
    builtins.__USER_CODE__ = f"{chosen.source}{PMT_TESTS_TOKEN}{tests.source}"
    if chosen_file != exercise.exo_file:
        # A wrong answer (a patch) or a mutant has no file of its own lines: give them to linecache,
        # so that tracebacks, and the helpers' "the line that raised it", can quote the learner's line.
        lines = chosen.source.splitlines(keepends=True)
        linecache.cache[str(chosen_file)] = (len(chosen.source), None, lines, str(chosen_file))
    namespace: dict = {"__name__": "__main__", "__builtins__": __builtins__}
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed), _time_limit(time_limit):
        for stage, section, filename in plan:
            if section is None:
                continue
            try:
                run_as_the_page_does(section.compiled(filename), namespace)
            except BaseException as error:  # noqa: BLE001 - a learner's code may raise anything
                return Outcome(
                    label,
                    passed=False,
                    stage=stage,
                    error=type(error).__name__,
                    assertion=isinstance(error, AssertionError),
                    message=message_of(error),
                    traceback="".join(traceback.format_exception(error)),
                    output=printed.getvalue(),
                    expect=expect,
                )
    return Outcome(label, passed=True, output=printed.getvalue(), expect=expect)


PYCON_BLOCK = re.compile(r"^```pycon[^\n]*\n(.*?)^```", re.M | re.S)


def run_examples(exercise: Exercise, time_limit: float = TIME_LIMIT_SECONDS) -> Outcome:
    """The statement's `pycon` blocks, as doctests, in the namespace env + corr + tests leave."""
    statement = exercise.statement_file.read_text(encoding="utf-8")
    blocks = PYCON_BLOCK.findall(statement)
    sections = exercise.sections
    namespace: dict = {"__name__": "__main__", "__builtins__": __builtins__}
    printed = io.StringIO()
    failures = io.StringIO()
    with contextlib.redirect_stdout(printed), _time_limit(time_limit):
        for name in ("env", "corr"):
            if name in sections:
                run_as_the_page_does(sections[name].compiled(exercise.exo_file), namespace)
        runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
        parser = doctest.DocTestParser()
        for number, block in enumerate(blocks, start=1):
            test = parser.get_doctest(block, namespace, f"example {number}", str(exercise.statement_file), 0)
            runner.run(test, out=failures.write, clear_globs=False)
    results = doctest.TestResults(runner.failures, runner.tries)
    if results.failed:
        return Outcome("examples", passed=False, stage="examples", error="DocTestFailure", message=failures.getvalue())
    return Outcome("examples", passed=True, output=f"{results.attempted} example lines hold")


def run_as_the_page_does(code, namespace: dict) -> None:
    """Run one compiled section as the page runs it. Under Pyodide an event loop is marked running
    at all times (its WebLoop marks itself so when it is created): a section with top-level await
    (env, secrets) runs as a task of that loop, any other runs as plain code while the loop is still
    marked running. Here too, then: `asyncio.run()` fails in every section, as in the page, and so
    does Django's refusal of database calls "from an async context" (django_setup deals with it)."""
    if code.co_flags & inspect.CO_COROUTINE:
        asyncio.run(eval(code, namespace))
        return
    loop = asyncio.new_event_loop()
    asyncio._set_running_loop(loop)  # noqa: SLF001 - what pyodide.webloop.WebLoop.__init__ does
    try:
        exec(code, namespace)
    finally:
        asyncio._set_running_loop(None)  # noqa: SLF001
        loop.close()


@contextlib.contextmanager
def _time_limit(seconds: float):
    """Stop a runaway candidate (an endless loop) with TimeLimit; where signals work (Unix, main thread)."""
    usable = hasattr(signal, "setitimer") and _in_main_thread()
    if not usable:
        yield
        return

    def expire(signum, frame):
        raise TimeLimit(f"ran for more than {seconds} s: an endless loop?")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _in_main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


def all_candidates(exercise: Exercise) -> list[str]:
    return ["corr", "code", "examples"] + [path.name for path in exercise.wrong_answer_files]


def report(slug: str, outcomes: list[Outcome]) -> str:
    width = max(len(o.candidate) for o in outcomes)
    lines = [slug]
    for outcome in outcomes:
        if outcome.problem:
            verdict = f"PROBLEM  {outcome.problem}"
        elif outcome.passed:
            verdict = "ok       passes every check"
        else:
            verdict = f"ok       fails at {outcome.stage}: {outcome.message.splitlines()[0] if outcome.message else outcome.error}"
        lines.append(f"  {outcome.candidate:<{width}}  {verdict}")
        if outcome.problem and not outcome.passed:
            lines.append("    the learner would see:")
            lines.extend("      " + line for line in (outcome.message or outcome.error or "").splitlines())
            if not outcome.assertion:
                lines.extend("      " + line for line in outcome.traceback.rstrip().splitlines()[-8:])
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    time_limit = TIME_LIMIT_SECONDS
    if "--time-limit" in args:
        at = args.index("--time-limit")
        time_limit = float(args[at + 1])
        del args[at : at + 2]
    if not args:
        print(__doc__, file=sys.stderr)
        return 2
    slug, candidates = args[0], args[1:]
    try:
        exercise = Exercise.find(slug)
        exercise.sections  # noqa: B018 - read now, so that a malformed exo.py is reported as such
        outcomes = []
        for candidate in candidates or all_candidates(exercise):
            if len(candidates) != 1:  # each candidate needs a fresh interpreter: one per process
                outcomes.append(_in_child(exercise, candidate, time_limit))
            else:
                outcomes.append(run(exercise, candidate, time_limit))
    except (ExerciseError, OSError) as error:
        print(f"run_check: {error}", file=sys.stderr)
        return 2
    if as_json:
        for outcome in outcomes:
            print(json.dumps(asdict(outcome) | {"problem": outcome.problem}))
    else:
        print(report(exercise.slug, outcomes))
    return 0 if all(o.as_expected for o in outcomes) else 1


def _in_child(exercise: Exercise, candidate: str, time_limit: float) -> Outcome:
    """Run one candidate in a fresh interpreter (this one), so no state leaks between candidates."""
    import subprocess

    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "courseware.run_check",
            str(exercise.folder),
            candidate,
            "--json",
            "--time-limit",
            str(time_limit),
        ],
        capture_output=True,
        text=True,
        cwd=Path(__file__).resolve().parents[1],
        timeout=time_limit + 30,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    if not lines:
        return Outcome(candidate, passed=False, error="NoResult", message=done.stderr.strip()[-800:])
    fields = json.loads(lines[-1])
    fields.pop("problem")
    return Outcome(**fields)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
