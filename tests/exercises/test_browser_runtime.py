"""The browser's Python, as read from Pyodide's own files, and what an exercise may import."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

from course_helpers.packages import PINS, normalise
from courseware.browser_runtime import CPYTHON_ONLY_PINS, python_libs_sources
from courseware.exercise import Exercise, Section, imported_modules
from courseware.project import PROJECT_ROOT, python_libs
from tests.support import scratch


def test_the_browser_runs_the_python_of_pyodides_lock(runtime):
    lock_python = runtime.lock["info"]["python"]
    assert lock_python.startswith(runtime.python_version + "."), (runtime.python_version, lock_python)


def test_the_project_runs_the_browsers_python(runtime):
    """pyproject.toml's requires-python follows the browser (Pyodide's lock), not the other way round."""
    pyproject = (PROJECT_ROOT / "pyproject.toml").read_text()
    assert f'requires-python = "=={runtime.python_version}.*"' in pyproject


@pytest.mark.parametrize(
    "module", ["json", "wsgiref.validate", "urllib.parse", "math", "asyncio", "sys", "course_helpers.wsgi"]
)
def test_standard_library_and_our_helpers_need_nothing_installed(runtime, module):
    assert runtime.resolve(module) is None


@pytest.mark.parametrize("module", ["jinja2", "sqlalchemy.orm", "markupsafe", "pydantic"])
def test_lock_packages_resolve_to_the_version_in_the_lock(runtime, module):
    dist = runtime.resolve(module)
    key, entry = next(
        (k, e) for k, e in runtime.lock["packages"].items() if module.split(".")[0] in e.get("imports", ())
    )
    assert (dist.name, dist.version, dist.source) == (key, entry["version"], "pyodide-lock")


@pytest.mark.parametrize("name", sorted(PINS))
def test_micropip_packages_resolve_to_our_pin(runtime, name):
    dist = runtime.resolve(name.replace("-", "_"))  # imported under its normalised name
    assert (dist.version, dist.source) == (PINS[name], "micropip-pin")


def test_requirements_follow_the_lock_dependencies(runtime, exercise_importing):
    """Each imported package at the browser's version, with what the lock says it depends on."""
    exercise = exercise_importing("jinja2", "sqlalchemy", "json")
    lines = runtime.requirements([exercise])
    packages = runtime.lock["packages"]
    expected = {"jinja2", "sqlalchemy"}
    pending = list(expected)
    while pending:
        for dep in packages[pending.pop()].get("depends", ()):
            if packages[dep].get("package_type") != "cpython_module" and dep not in expected:
                expected.add(dep)
                pending.append(dep)
    pins = {normalise(name): version for name, version in PINS.items()}
    wanted = {f"{name}=={pins.get(normalise(name), packages[name]['version'])}" for name in expected}
    assert wanted <= set(lines), f"missing: {wanted - set(lines)}"


def test_requirements_include_what_our_python_libs_import(runtime, exercise_importing):
    needed = {m.split(".")[0] for m in imported_modules(python_libs_sources())}
    lines = runtime.requirements([exercise_importing("json")])
    for module in needed:
        dist = runtime.resolve(module)
        if dist and dist.source == "pyodide-lock":
            assert f"{dist.name}=={dist.version}" in lines, (module, lines)


@pytest.mark.parametrize(
    ("module", "said"),
    [
        ("celery", "does not exist in the browser"),
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
    exercise.sections["corr"] = Section("corr", corr.source + "asyncio.run(main())\n", corr.first_line)
    assert any("asyncio.run" in p for p in runtime.problems(exercise))


def test_course_helpers_run_in_the_browser(runtime):
    sources = python_libs_sources()
    assert not runtime.source_problems("course_helpers", imported_modules(sources), sources)


def test_python_libs_are_read_from_mkdocs_yml():
    from mkdocs.config import load_config

    config = load_config(str(PROJECT_ROOT / "mkdocs.yml"))
    shipped = tuple(Path(p).name for p in config.plugins["pyodide_macros"].config.build.python_libs)
    assert python_libs() == shipped


def test_a_pinned_package_must_be_required_in_env(runtime, exercise_importing):
    exercise = exercise_importing("flask")
    problems = runtime.problems(exercise)
    assert len(problems) == 1 and "await require('flask')" in problems[0], problems
    exercise.sections["env"] = Section(
        "env", "from course_helpers.packages import require\nawait require('flask')\n", 1
    )
    assert runtime.problems(exercise) == []


def test_constraints_hold_every_browser_version(runtime):
    constraints = set(runtime.constraints())
    versions = {normalise(c.split("==")[0]): c.split("==")[1] for c in constraints}
    pins = {normalise(name): version for name, version in PINS.items()}
    for entry in runtime.lock["packages"].values():
        name = normalise(entry["name"])
        if entry.get("package_type") == "cpython_module":
            assert name not in versions, f"{entry['name']} is not a pip package"
        else:  # the lock's version, unless we pin another (typing-extensions: FastAPI needs a newer one)
            assert versions[name] == pins.get(name, entry["version"]), (entry["name"], versions[name])
    assert {f"{name}=={version}" for name, version in PINS.items()} <= constraints


def test_the_exercise_environment_is_built_from_the_lock(runtime, exercise_python):
    """What pip installed for the checks is what the browser has: every package the exercise
    environment holds that the lock also ships is at the lock's version (but pip and setuptools,
    which `python -m venv` puts there for itself)."""
    probe = "import json, importlib.metadata as m; print(json.dumps({d.metadata['Name'].lower(): d.version for d in m.distributions()}))"
    installed = json.loads(
        subprocess.run([str(exercise_python), "-c", probe], capture_output=True, text=True, check=True).stdout
    )
    installed = {normalise(name): version for name, version in installed.items()}  # typing_extensions
    lock = {normalise(e["name"]): e["version"] for e in runtime.lock["packages"].values()}
    pins = {normalise(name): version for name, version in PINS.items()}
    drift = {
        name: (version, pins.get(name) or lock.get(name))
        for name, version in installed.items()
        if name in lock | pins and name not in ("pip", "setuptools") and version != (pins.get(name) or lock.get(name))
    }
    assert not drift, (
        f"exercise environment packages at other versions than the browser's (installed, browser): {drift}"
    )
    unpinned = {
        name: version
        for name, version in installed.items()
        if name not in lock | pins
        and name not in ("pip", "setuptools")
        and CPYTHON_ONLY_PINS.get(name) != version  # keys normalised already
    }
    assert not unpinned, f"exercise environment packages pinned nowhere (add them to CPYTHON_ONLY_PINS): {unpinned}"


def test_a_module_env_provides_is_not_looked_for_in_the_browser(runtime, tmp_path):
    """pytest_runner.provide_module("greetings", ...) in env makes the module the learner imports."""
    folder = scratch.write_exercise(tmp_path / "testing" / "greetings_tests", prelude="from greetings import hello\n")
    exo = folder / "exo.py"
    exo.write_text(exo.read_text().replace("_LIMIT = 3", 'provide_module("greetings", "def hello(): pass")'))
    exercise = Exercise.at("testing/greetings_tests", tmp_path)
    assert exercise.provided_modules() == {"greetings"}
    assert "greetings" not in exercise.imported_modules()
    assert runtime.problems(exercise) == []
    exo.write_text(exo.read_text().replace('provide_module("greetings"', 'provide_module("other"'))
    assert any("greetings" in problem for problem in runtime.problems(Exercise.at("testing/greetings_tests", tmp_path)))


def test_env_imports_a_pinned_package_only_by_name(runtime, exercise_importing):
    """PMT installs what env's import statements name before env runs: the latest release, not the pin."""
    exercise = exercise_importing()
    exercise.sections["env"] = Section(
        "env", "from course_helpers.packages import require\nawait require('flask')\nfrom flask import Flask\n", 1
    )
    assert any("env imports flask with an import statement" in p for p in runtime.problems(exercise))
    exercise.sections["env"] = Section(
        "env",
        "import importlib\nfrom course_helpers.packages import require\nawait require('flask')\n"
        "Flask = importlib.import_module('flask').Flask\n",
        1,
    )
    assert runtime.problems(exercise) == []
