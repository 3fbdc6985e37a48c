"""Run the learner's tests with real pytest, in the page and in CPython alike, against the code
the statement describes and against buggy versions of it.

In an exercise where the learner writes tests, the editor holds a test module: it imports the
code under test from a module the exercise provides (`from slugs import slugify`) and defines
`test_...` functions. The checks run that module with pytest, once against the correct code (every
test must pass) and once against each buggy version (at least one test must fail):

    # --- PYODIDE:env --- #
    from course_helpers import pytest_runner as _runner   # the checks' names start with "_": the
    await _runner.use_pytest()                            # learner's code shares their namespace
    _CORRECT = '''def slugify(text): ...'''
    _runner.provide_module("slugs", _CORRECT)      # what the learner's `from slugs import slugify` finds

    # --- PYODIDE:tests --- #
    _runner.check_tests_pass("slugs", _CORRECT)

    # --- PYODIDE:secrets --- #
    _KEEPS_CAPITALS = _runner.changed(_CORRECT, ("title.lower()", "title"))
    _runner.check_tests_catch(
        "slugs", _CORRECT, [_runner.Bug("slugify keeps capital letters", _KEEPS_CAPITALS, "test a title with ...")]
    )

Where the learner's test module comes from: the editor. PMT puts the learner's code, a line
`# Tests`, then the public tests in it; the learner's module is what is above the last such line
(all of it if the learner removed the line). In the page it is read from the editor itself; PMT
also copies it into `__USER_CODE__`, but with its backslashes interpreted ("\\n" becomes a new
line), so that copy serves only outside the page, where courseware.run_check puts the exact text.
"""

from __future__ import annotations

import builtins
import codecs
import contextlib
import io
import os
import re
import shutil
import sys
import tempfile
import types
from dataclasses import dataclass, field
from pathlib import Path

from course_helpers.packages import load_from_pyodide

# PMT's separator between the learner's code and the public tests in the editor (its English
# messages: TestsToken("\n# Tests\n")), matched as PMT matches it.
TESTS_TOKEN = re.compile(r"^#\s*Tests\s*$", re.I | re.M)
TEST_FILE = "test_yours.py"


async def use_pytest() -> None:
    """Make pytest importable (in the page: Pyodide's pytest 7.2.2, loaded the first time)."""
    await load_from_pyodide("pytest", "pytest", "pytest")


def provide_module(name: str, source: str) -> types.ModuleType:
    """Make `import <name>` give a module made from `source` (a fresh one each call)."""
    module = types.ModuleType(name)
    module.__file__ = f"<{name}>"
    sys.modules[name] = module  # before it runs, as an import does: a @dataclass looks its module up
    # dont_inherit: not this file's `from __future__ import annotations`
    exec(compile(source, f"<{name}>", "exec", dont_inherit=True), module.__dict__)
    return module


def editor_text() -> str:
    """What the editor of the exercise being run holds."""
    if sys.platform == "emscripten":
        import js  # the page: PMT names the running editor in its CONFIG

        return str(js.eval("ace.edit(CONFIG.runningInfos.htmlId).getValue()"))
    return getattr(builtins, "__USER_CODE__", "")


def learner_tests_source() -> str:
    """The learner's test module: the editor's text above its last `# Tests` line."""
    text = editor_text()
    tokens = list(TESTS_TOKEN.finditer(text))
    return text[: tokens[-1].start()] if tokens else text


@dataclass
class SuiteRun:
    """What pytest made of the learner's module against one version of the code."""

    passed: list[str] = field(default_factory=list)  # test ids, e.g. "test_spaces[a b-a-b]"
    failed: dict[str, str] = field(default_factory=dict)  # test id -> pytest's last line about it
    errors: list[str] = field(default_factory=list)  # collection errors and fixture errors
    output: str = ""  # pytest's report, as it printed it

    @property
    def collected(self) -> int:
        """How many tests ran (passed or failed)."""
        return len(self.passed) + len(self.failed)


class _Recorder:
    def __init__(self, run: SuiteRun, reverse: bool = False):
        self.run = run
        self.reverse = reverse

    def pytest_collection_modifyitems(self, items):
        if self.reverse:
            items.reverse()

    def pytest_runtest_logreport(self, report):
        name = _readable(report.nodeid.split("::", 1)[-1])
        if report.when == "call" and report.passed:
            self.run.passed.append(name)
        elif report.failed and report.when == "call":
            self.run.failed[name] = _last_line(report.longreprtext)
        elif report.failed:  # a fixture that raised, in setup or teardown
            self.run.errors.append(f"{name} ({report.when}): {_last_line(report.longreprtext)}")

    def pytest_collectreport(self, report):
        if report.failed:
            self.run.errors.append(_last_line(report.longreprtext))


def _readable(test_id: str) -> str:
    """A test id as the learner wrote its parameters: pytest escapes what is not ASCII ('Cr\\xe8me')."""
    try:
        return codecs.decode(test_id, "unicode_escape") if "\\" in test_id else test_id
    except UnicodeDecodeError:
        return test_id


def _last_line(text: str) -> str:
    """pytest's line that says what failed (the `E ...` lines, else the last one), shortened."""
    errors = [line[1:].strip() for line in text.splitlines() if line.startswith("E ")]
    line = " ".join(errors[:3]) if errors else (text.strip().splitlines() or [""])[-1]
    return line if len(line) <= 300 else line[:297] + "..."


def run_tests(source: str, module_name: str, implementation: str, *, reverse: bool = False) -> SuiteRun:
    """Run the test module `source` with pytest, `import <module_name>` giving `implementation`;
    with `reverse`, its tests in the opposite order."""
    import pytest

    run = SuiteRun()
    folder = Path(tempfile.mkdtemp(prefix="learner-tests-"))
    (folder / TEST_FILE).write_text(source, encoding="utf-8")
    (folder / "pytest.ini").write_text("[pytest]\n", encoding="utf-8")  # no project settings
    provide_module(module_name, implementation)
    sys.modules.pop(TEST_FILE.removesuffix(".py"), None)  # the learner's module, imported afresh
    writes_bytecode = sys.dont_write_bytecode
    sys.dont_write_bytecode = True  # no cached rewrite of an older version of the module
    arguments = [str(folder / TEST_FILE), "-c", str(folder / "pytest.ini"), f"--rootdir={folder}"]
    arguments += [f"--confcutdir={folder}", "-p", "no:cacheprovider", "-p", "no:faulthandler", "--capture=sys"]
    printed = io.StringIO()
    # Only pytest's own plugins, as in the page: none installed beside it (the test suite's are).
    autoload = os.environ.get("PYTEST_DISABLE_PLUGIN_AUTOLOAD")
    os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = "1"
    try:
        with contextlib.redirect_stdout(printed):
            pytest.main(arguments, plugins=[_Recorder(run, reverse)])
    finally:
        if autoload is None:
            del os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"]
        else:
            os.environ["PYTEST_DISABLE_PLUGIN_AUTOLOAD"] = autoload
        sys.dont_write_bytecode = writes_bytecode
        sys.modules.pop(TEST_FILE.removesuffix(".py"), None)
        shutil.rmtree(folder, ignore_errors=True)
    run.output = printed.getvalue()
    return run


def changed(source: str, *changes: tuple[str, str]) -> str:
    """`source` with each (old, new) replaced: the correct code turned into a buggy version. An old
    text that is not in the source is the author's mistake, said at once (ValueError)."""
    for old, new in changes:
        if old not in source:
            raise ValueError(f"changed(): {old!r} is not in the source")
        source = source.replace(old, new)
    return source


@dataclass
class Bug:
    """A buggy version of the code under test: what it gets wrong, as a clause shown to the learner
    when their tests miss it ("slugify keeps capital letters"), its source, and the advice to give."""

    behaviour: str
    source: str
    advice: str


def check_tests_pass(module_name: str, correct: str, *, at_least: int = 1) -> SuiteRun:
    """The learner's tests, run against the correct code: they must import, be found, and pass."""
    run = run_tests(learner_tests_source(), module_name, correct)
    provide_module(module_name, correct)
    if run.errors:
        raise AssertionError(
            f"pytest could not run your tests: {run.errors[0]}. Hint: run them with the ▶ button and fix "
            "the first error; import what you test from the module the statement names."
        )
    if run.collected < at_least:
        raise AssertionError(
            f"pytest found {run.collected} test{'s' if run.collected != 1 else ''} in your module, at least "
            f"{at_least} expected. Hint: pytest collects the functions whose name starts with test_, "
            "defined at the top level of the module."
        )
    if run.failed:
        name, line = next(iter(run.failed.items()))
        raise AssertionError(
            f"Your test {name} fails on the correct code of the module {module_name}: {line}. Hint: a test must pass on code "
            "that does what the statement says; check the expected value against the statement's examples."
        )
    backwards = run_tests(learner_tests_source(), module_name, correct, reverse=True)
    provide_module(module_name, correct)
    if backwards.failed or backwards.errors:
        name = next(iter(backwards.failed), None) or backwards.errors[0]
        raise AssertionError(
            f"Your tests pass in the order you wrote them, but {name} fails when they run in the opposite "
            "order: one test depends on what another left behind. Hint: give each test its own fresh state, "
            "built by a fixture (a new app, a new list, a new database) instead of one shared at module level."
        )
    return run


def check_tests_catch(module_name: str, correct: str, bugs: list[Bug]) -> None:
    """Each buggy version must make at least one of the learner's tests fail."""
    source = learner_tests_source()
    missed = []
    try:
        for bug in bugs:
            run = run_tests(source, module_name, bug.source)
            if not run.failed and not run.errors:
                missed.append(bug)
    finally:
        provide_module(module_name, correct)
    if missed and len(missed) == len(bugs) and len(bugs) > 1:
        raise AssertionError(
            f"Your tests pass on every buggy version of the module {module_name} the checks tried ({len(bugs)}): they "
            "check almost nothing. Hint: assert the exact result for each rule of the statement, on ordinary "
            "input and on its edge cases, not only that the code runs."
        )
    if missed:
        bug = missed[0]
        raise AssertionError(
            f"Your tests all pass on a buggy version of the module {module_name}: {bug.behaviour}"
            f"{f' (and on {len(missed) - 1} more buggy versions)' if len(missed) > 1 else ''}. Hint: {bug.advice}"
        )


__all__ = [
    "Bug",
    "SuiteRun",
    "changed",
    "check_tests_catch",
    "check_tests_pass",
    "editor_text",
    "learner_tests_source",
    "provide_module",
    "run_tests",
    "use_pytest",
]
