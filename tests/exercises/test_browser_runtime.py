"""The browser's Python, as read from Pyodide's own files, and what an exercise may import."""

from __future__ import annotations

from pathlib import Path

import pytest

from courseware.browser_runtime import PYTHON_LIBS
from courseware.exercise import PROJECT_ROOT, Section, imported_modules


def test_the_browser_runs_python_3_11(runtime):
    assert runtime.python_version == "3.11"


@pytest.mark.parametrize(
    "module", ["json", "wsgiref.validate", "urllib.parse", "math", "asyncio", "sys", "course_helpers.wsgi"]
)
def test_standard_library_and_our_helpers_need_nothing_installed(runtime, module):
    assert runtime.resolve(module) is None


def test_lock_packages_resolve_to_the_lock_version(runtime):
    jinja = runtime.resolve("jinja2")
    assert (jinja.name, jinja.version, jinja.source) == ("jinja2", "3.1.2", "pyodide-lock")
    assert runtime.resolve("sqlalchemy.orm").version == "2.0.20"


def test_micropip_packages_resolve_to_our_pin(runtime):
    flask = runtime.resolve("flask")
    assert (flask.version, flask.source) == ("3.1.3", "micropip-pin")


def test_requirements_follow_the_lock_dependencies(runtime, exercise_importing):
    exercise = exercise_importing("jinja2", "sqlalchemy", "flask", "json")
    assert runtime.requirements([exercise]) == [
        "flask==3.1.3",
        "jinja2==3.1.2",
        "markupsafe==2.1.3",
        "sqlalchemy==2.0.20",
        "typing-extensions==4.7.1",
    ]


@pytest.mark.parametrize(
    ("module", "said"),
    [
        ("django", "does not exist in the browser"),
        ("tkinter", "does not exist in the browser"),
        ("threading", "no threads"),
        ("wsgiref.simple_server", "socket server"),
        ("subprocess", "cannot start processes"),
    ],
)
def test_modules_the_browser_lacks_or_cannot_run_are_reported(runtime, exercise_importing, module, said):
    problems = runtime.problems(exercise_importing(module))
    assert len(problems) == 1 and said in problems[0] and module in problems[0], problems


def test_asyncio_run_is_reported(runtime, exercise_importing):
    exercise = exercise_importing("asyncio")
    corr = exercise.sections["corr"]
    object.__setattr__(corr, "source", corr.source + "asyncio.run(main())\n")
    assert any("asyncio.run" in p for p in runtime.problems(exercise))


def test_course_helpers_run_in_the_browser(runtime):
    sources = [p.read_text() for p in (PROJECT_ROOT / "course_helpers").glob("*.py")]
    assert not runtime.source_problems("course_helpers", imported_modules(sources), sources)


def test_course_helpers_are_shipped_to_the_browser():
    from mkdocs.config import load_config

    config = load_config(str(PROJECT_ROOT / "mkdocs.yml"))
    shipped = [Path(p).name for p in config.plugins["pyodide_macros"].config.build.python_libs]
    assert tuple(shipped) == PYTHON_LIBS, f"mkdocs.yml python_libs {shipped} must match PYTHON_LIBS {PYTHON_LIBS}"


def test_a_pinned_package_must_be_required_in_env(runtime, exercise_importing):
    exercise = exercise_importing("flask")
    problems = runtime.problems(exercise)
    assert len(problems) == 1 and "await require('flask')" in problems[0], problems
    exercise.sections["env"] = Section(
        "env", "from course_helpers.packages import require\nawait require('flask')\n", 1
    )
    assert runtime.problems(exercise) == []


def test_constraints_hold_every_browser_version(runtime):
    constraints = runtime.constraints()
    assert "Jinja2==3.1.2" in constraints and "flask==3.1.3" in constraints and "sqlalchemy==2.0.20" in constraints
    assert not [c for c in constraints if c.startswith("sqlite3==")], "Pyodide's own stdlib builds are not pip packages"
