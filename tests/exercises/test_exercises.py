"""Every exercise, discovered from exercises/: its solution passes, its starter fails, and
each known-wrong answer gets the feedback it declares. Each check runs in a fresh
interpreter of the environment that mirrors the learner's browser."""

from __future__ import annotations

import ast
import json
import subprocess

import pytest

from courseware.exercise import EXERCISES_DIR, discover_slugs, load
from tests.support.messages import HINT, lacking_hints

SLUGS = discover_slugs()
WRONG_ANSWERS = [(slug, w.path.name) for slug in SLUGS for w in load(slug).wrong_answers]


def test_exercises_are_found():
    assert SLUGS, f"no exercise found under {EXERCISES_DIR} (expected <chapter>/<name>/exo.py)"


@pytest.mark.parametrize("slug", SLUGS)
def test_solution_passes(slug, check):
    outcome = check(EXERCISES_DIR / slug, "corr")
    assert outcome["passed"], (
        f"{slug}: the solution (corr) fails at {outcome['stage']}:\n{outcome['traceback'] or outcome['message']}"
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_starter_does_not_pass(slug, check):
    outcome = check(EXERCISES_DIR / slug, "code")
    assert not outcome["passed"], (
        f"{slug}: the starter code (code) already passes every test; the exercise asks nothing"
    )
    assert outcome["error"] not in ("Timeout", "NoResult"), (
        f"{slug}: the starter must fail cleanly: {outcome['message']}"
    )


@pytest.mark.parametrize(("slug", "wrong_file"), WRONG_ANSWERS, ids=[f"{s}/{w}" for s, w in WRONG_ANSWERS])
def test_wrong_answer_gets_its_feedback(slug, wrong_file, check):
    exercise = load(slug)
    wrong = next(w for w in exercise.wrong_answers if w.path.name == wrong_file)
    outcome = check(exercise.folder, wrong_file)
    assert not outcome["passed"], f"{wrong.path}: this wrong answer passes every check; add a check that catches it"
    assert outcome["assertion"], (
        f"{wrong.path}: expected a failed assertion, got {outcome['error']} at {outcome['stage']}: {outcome['message']}"
    )
    assert wrong.expect in outcome["message"], (
        f"{wrong.path}: the learner would see\n  {outcome['message']!r}\nwhich does not contain the declared\n  {wrong.expect!r}"
    )
    assert HINT in outcome["message"], (
        f"{wrong.path}: the learner would see\n  {outcome['message']!r}\nwhich says what is wrong but not how to fix it (no {HINT!r})"
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_wrong_answers_get_distinct_feedback(slug, check):
    exercise = load(slug)
    messages = {w.path.name: check(exercise.folder, w.path.name)["message"] for w in exercise.wrong_answers}
    repeated = {name: m for name, m in messages.items() if list(messages.values()).count(m) > 1}
    assert not repeated, f"{slug}: different mistakes get the same feedback, so it cannot guide the learner: {repeated}"


def _assertions(section):
    return [node for node in ast.walk(ast.parse(section.source)) if isinstance(node, ast.Assert)]


@pytest.mark.parametrize("slug", SLUGS)
def test_every_assertion_explains_itself(slug):
    """Each failure a learner can meet says what went wrong and, literally, how to fix it:
    a helper that builds messages writes the "Hint:" itself, so the check can see it."""
    exercise = load(slug)
    lacking = [
        f"{exercise.exo_file}:{section.first_line + line - 1}: {missing}"
        for name in ("tests", "secrets")
        for section in [exercise.sections[name]]
        for line, missing in lacking_hints(section.source)
    ]
    assert not lacking, (
        f"{slug}: failures that leave the learner without a message, or without a {HINT!r} saying how to fix it:\n"
        + "\n".join(lacking)
    )


@pytest.mark.parametrize("slug", SLUGS)
def test_secrets_do_not_repeat_public_tests(slug):
    exercise = load(slug)
    public = {ast.unparse(node) for node in _assertions(exercise.sections["tests"])}
    repeated = [ast.unparse(node) for node in _assertions(exercise.sections["secrets"]) if ast.unparse(node) in public]
    assert not repeated, f"{slug}: secrets repeat public tests (check other inputs instead): {repeated}"


@pytest.mark.parametrize("slug", SLUGS)
def test_runs_in_the_browser(slug, runtime):
    problems = runtime.problems(load(slug))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("slug", SLUGS)
def test_checked_at_the_browser_versions(slug, runtime, exercise_python):
    """Each package the exercise imports is installed for the checks at the browser's version."""
    probe = (
        "import sys, json, importlib.metadata as m\n"
        "names = json.loads(sys.argv[1])\n"
        "found = {}\n"
        "for n in names:\n"
        "    try: found[n] = m.version(n)\n"
        "    except m.PackageNotFoundError: found[n] = None\n"
        "print(json.dumps({'python': '%d.%d' % sys.version_info[:2], 'found': found}))\n"
    )
    modules = {m.split(".")[0] for m in load(slug).imported_modules()}
    wanted = {d.name: d.version for d in map(runtime.resolve, modules) if d and d.source != "pyodide-stdlib"}
    done = subprocess.run(
        [str(exercise_python), "-c", probe, json.dumps(sorted(wanted))], capture_output=True, text=True, check=True
    )
    seen = json.loads(done.stdout)
    assert seen["python"] == runtime.python_version, (
        f"the checks run Python {seen['python']}, the browser {runtime.python_version}"
    )
    wrong = {name: (seen["found"][name], version) for name, version in wanted.items() if seen["found"][name] != version}
    assert not wrong, (
        f"{slug}: packages at another version than in the browser (checks, browser): {wrong}; run make test"
    )
