"""Every exercise, discovered from exercises/: it follows the format, its solution passes, its
starter fails, each known-wrong answer gets the feedback it declares and the examples of its
statement hold. Each check runs in a fresh interpreter of the environment that mirrors the
learner's browser.

Tests are listed from file names only, so that a broken exercise fails its own tests while
every other exercise is still checked.
"""

from __future__ import annotations

import ast
import json
import subprocess

import pytest

from courseware.exercise import EXERCISES_DIR, Exercise, discover_slugs
from courseware.project import PROJECT_ROOT
from tests.support.messages import HINT, lacking_hints
from tests.support.site import embeds

SLUGS = discover_slugs()
WRONG_ANSWERS = [(slug, path.name) for slug in SLUGS for path in Exercise.at(slug).wrong_answer_files]


def per_exercise(cases, slug_of=lambda case: case):
    """Parametrize over `cases`, each marked with its exercise (`make check EXERCISE=...` selects by it)."""
    return [
        pytest.param(*(case if isinstance(case, tuple) else (case,)), marks=pytest.mark.exercise(slug_of(case)))
        for case in cases
    ]


def test_exercises_are_found():
    assert SLUGS, f"no exercise found under {EXERCISES_DIR} (expected <chapter>/<name>/exo.py)"


@pytest.mark.parametrize("slug", per_exercise(SLUGS))
def test_follows_the_exercise_format(slug):
    problems = Exercise.at(slug).problems()
    assert not problems, f"{slug} is not a well-formed exercise (CONTRIBUTING.md, 'Add an exercise'):\n" + "\n".join(
        problems
    )


@pytest.mark.parametrize("slug", per_exercise(SLUGS))
def test_solution_passes(slug, check):
    outcome = check(EXERCISES_DIR / slug, "corr")
    assert outcome["passed"], (
        f"{slug}: the solution (corr) fails at {outcome['stage']}:\n{outcome['traceback'] or outcome['message']}"
    )


@pytest.mark.parametrize("slug", per_exercise(SLUGS))
def test_starter_fails_with_a_message(slug, check):
    outcome = check(EXERCISES_DIR / slug, "code")
    assert not outcome["passed"], (
        f"{slug}: the starter code (code) already passes every test; the exercise asks nothing"
    )
    assert outcome["assertion"] and HINT in outcome["message"], (
        f"{slug}: the starter must fail a check with a message and a hint, as a learner's first try would; "
        f"it fails at {outcome['stage']} with {outcome['error']}: {outcome['message']}"
    )


@pytest.mark.parametrize(
    ("slug", "wrong_file"),
    per_exercise(WRONG_ANSWERS, lambda case: case[0]),
    ids=[f"{slug}/{name}" for slug, name in WRONG_ANSWERS],
)
def test_wrong_answer_gets_its_feedback(slug, wrong_file, check):
    outcome = check(EXERCISES_DIR / slug, wrong_file)
    where = f"exercises/{slug}/{wrong_file}"
    assert outcome["error"] != "NoResult", f"{where}: {outcome['message']}"
    assert not outcome["passed"], f"{where}: this wrong answer passes every check; add a check that catches it"
    assert outcome["assertion"], (
        f"{where}: expected a failed assertion, got {outcome['error']} at {outcome['stage']}: {outcome['message']}"
    )
    assert outcome["expect"] in outcome["message"], (
        f"{where}: the learner would see\n  {outcome['message']!r}\nwhich does not contain the declared\n  {outcome['expect']!r}"
    )
    assert HINT in outcome["message"], (
        f"{where}: the learner would see\n  {outcome['message']!r}\nwhich says what is wrong but not how to fix it (no {HINT!r})"
    )


@pytest.mark.parametrize("slug", per_exercise(SLUGS))
def test_wrong_answers_get_distinct_feedback(slug, check):
    messages = {
        path.name: check(EXERCISES_DIR / slug, path.name)["message"] for path in Exercise.at(slug).wrong_answer_files
    }
    repeated = {name: m for name, m in messages.items() if list(messages.values()).count(m) > 1}
    assert not repeated, f"{slug}: different mistakes get the same feedback, so it cannot guide the learner: {repeated}"


@pytest.mark.parametrize("slug", per_exercise(SLUGS))
def test_statement_examples_hold(slug, check):
    """Each `pycon` block of the statement runs as a doctest after env and the solution."""
    outcome = check(EXERCISES_DIR / slug, "examples")
    assert outcome["passed"], (
        f"{slug}: an example of statement.md does not hold for the solution:\n{outcome['message']}"
    )


def _assertions(section):
    return [node for node in ast.walk(ast.parse(section.source)) if isinstance(node, ast.Assert)]


@pytest.mark.parametrize("slug", per_exercise(SLUGS))
def test_every_assertion_explains_itself(slug):
    """Each failure a learner can meet says what went wrong and, literally, how to fix it:
    a helper that builds messages writes the "Hint:" itself, so the check can see it."""
    exercise = Exercise.at(slug)
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


@pytest.mark.parametrize("slug", per_exercise(SLUGS))
def test_secrets_do_not_repeat_public_tests(slug):
    exercise = Exercise.at(slug)
    public = {ast.unparse(node) for node in _assertions(exercise.sections["tests"])}
    repeated = [ast.unparse(node) for node in _assertions(exercise.sections["secrets"]) if ast.unparse(node) in public]
    assert not repeated, f"{slug}: secrets repeat public tests (check other inputs instead): {repeated}"


@pytest.mark.parametrize("slug", per_exercise(SLUGS))
def test_runs_in_the_browser(slug, runtime):
    problems = runtime.problems(Exercise.at(slug))
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("slug", per_exercise(SLUGS))
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
    modules = {m.split(".")[0] for m in Exercise.at(slug).imported_modules()}
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


# The page's Python lives as long as the page: its exercises run one after the other in one
# interpreter, and each may be run again. Run every solution of a page in its order, twice, in
# one interpreter: what a run leaves behind (models, tables, routes, settings) must not break
# the next run of the same exercise or of its neighbour.
ONE_PAGE = """
import json, sys
from courseware.exercise import Exercise
from courseware.run_check import run
failures = []
for round in (1, 2):
    for slug in json.loads(sys.argv[1]):
        outcome = run(Exercise.at(slug), "corr")
        if not outcome.passed:
            failures.append(f"round {round}, {slug}, at {outcome.stage}: {outcome.error}: {outcome.message}")
print(json.dumps(failures))
"""


@pytest.mark.parametrize(
    ("page", "slugs"),
    [pytest.param(page, slugs, id=page, marks=pytest.mark.exercise(*slugs)) for page, slugs in embeds().items()],
)
def test_a_pages_solutions_run_in_one_interpreter_again_and_again(page, slugs, exercise_python):
    done = subprocess.run(
        [str(exercise_python), "-c", ONE_PAGE, json.dumps(slugs)],
        capture_output=True, text=True, cwd=PROJECT_ROOT, timeout=600,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    failures = json.loads(done.stdout.splitlines()[-1])
    assert not failures, f"{page}: a solution fails when its page's exercises ran before it:\n" + "\n".join(failures)
