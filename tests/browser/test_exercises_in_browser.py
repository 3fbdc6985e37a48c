"""Every exercise, on its page, as a learner meets it: in Chromium, through PMT's editor.

A page is loaded once per test process (all its tests go to one pytest worker): each exercise's
test drives its own editor there (starter, each wrong answer, the solution, validated in turn),
then the page's test types one solution with the real keyboard, reloads the page and checks
that every editor kept its code.
"""

from __future__ import annotations

import functools

import pytest

from courseware.browser_runtime import BrowserRuntime
from courseware.exercise import Exercise
from tests.support.browser import ONLINE, assert_clean_traffic
from tests.support.ide import shows, succeeded
from tests.support.mirror.download import Downloads
from tests.support.mirror.plan import Plan
from tests.support.site import embeds

EMBEDS = embeds()
EXERCISES = [
    pytest.param(page, index, slug, id=slug, marks=[pytest.mark.exercise(slug), pytest.mark.xdist_group(page)])
    for page, slugs in EMBEDS.items()
    for index, slug in enumerate(slugs)
]
PAGES = [
    pytest.param(page, id=page, marks=[pytest.mark.exercise(*slugs), pytest.mark.xdist_group(page)])
    for page, slugs in EMBEDS.items()
]


@functools.cache
def offline_gap(slug: str) -> str | None:
    """Why `slug` cannot run in this run of the browser suite (None: it can)."""
    if ONLINE:
        return None
    downloads = Downloads()
    return Plan(BrowserRuntime(), downloads.requires_dist).offline_gap(Exercise.at(slug))


def source(slug: str, section: str) -> str:
    return Exercise.at(slug).sections[section].source.strip("\n")


def test_exercise_pages_are_found():
    assert EMBEDS, "no page embeds an exercise: nothing for the browser suite to check"


@pytest.mark.parametrize(("page", "index", "slug"), EXERCISES)
def test_only_the_solution_validates(exercise_page, site, page, index, slug):
    if offline_gap(slug):
        pytest.skip(f"{slug} offline: {offline_gap(slug)}")
    learner = exercise_page(page)
    learner.traffic.clear()
    site.missing.clear()
    ide = learner.ide(index)
    first = learner.first_codes[index]
    assert first.startswith(source(slug, "code")), f"{slug}: the editor did not open with the starter code:\n{first}"
    # Below the starter, PMT shows the public tests: a learner's answer keeps them.
    public_tests = first[len(source(slug, "code")) :]

    ide.paste(first)
    output = ide.validate()
    assert 'File "<env>"' not in output, f"{slug}: the exercise's env section fails in the browser:\n{output}"
    assert not succeeded(output), f"{slug}: the starter code validates in the browser"
    solution = source(slug, "corr") + public_tests
    ide.paste(solution)
    output = ide.validate()  # first success, before the attempts run out: PMT congratulates
    assert succeeded(output) and "You have passed all the tests" in output, f"{slug}: the solution fails:\n{output}"
    for wrong in Exercise.at(slug).wrong_answers:
        ide.paste(wrong.source.rstrip("\n") + public_tests)
        output = ide.validate()
        assert not succeeded(output), f"{wrong.path}: validates in the browser"
        assert shows(output, wrong.expect), f"{wrong.path}: expected {wrong.expect!r} in the terminal, got:\n{output}"
    ide.paste(solution)
    ide.save()  # the page's own test reloads it and expects the solution back
    assert_clean_traffic(learner.traffic, site)


@pytest.mark.parametrize("page", PAGES)
def test_typed_solution_validates_and_every_editor_survives_a_reload(exercise_page, site, page):
    runnable = [(index, slug) for index, slug in enumerate(EMBEDS[page]) if not offline_gap(slug)]
    if not runnable:
        pytest.skip(f"{page} offline: every exercise on it needs what the mirror cannot serve")
    learner = exercise_page(page)
    learner.traffic.clear()
    site.missing.clear()
    solutions = {index: source(slug, "corr") for index, slug in runnable}
    # The Ace path, proven on the shortest solution of the page: the keyboard, as a learner types.
    typed = min(solutions, key=lambda index: len(solutions[index]))
    ide = learner.ide(typed)
    ide.type(solutions[typed])
    assert ide.code.strip("\n") == solutions[typed], (
        f"{page}: the editor holds something else than what was typed:\n{ide.code}"
    )
    output = ide.validate()
    assert succeeded(output), f"{page}: the typed solution of {EMBEDS[page][typed]} fails:\n{output}"
    kept = {}
    for index in solutions:
        other = learner.ide(index)
        if other.code == learner.first_codes[index]:  # untouched: this test runs without the exercises' own
            other.paste(solutions[index])
            other.save()
        kept[index] = other.code

    learner.reload()
    # PMT restores a saved code with a final newline: compare without the newlines around it.
    lost = [
        EMBEDS[page][index] for index, code in kept.items() if learner.ide(index).code.strip("\n") != code.strip("\n")
    ]
    assert not lost, f"{page}: after a reload these editors lost the learner's code: {lost}"
    assert_clean_traffic(learner.traffic, site)
