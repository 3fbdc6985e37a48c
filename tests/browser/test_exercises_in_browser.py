"""Every exercise, on its page, as a learner meets it: in Chromium, through PMT's editor."""

from __future__ import annotations

import pytest

from courseware.exercise import embeds, load, page_url
from tests.support.browser import ONLINE, assert_clean_traffic
from tests.support.ide import Ide, shows, succeeded, wait_for_pyodide
from tests.support.mirror import Mirror

EMBEDDED = [(page, index, slug) for page, slugs in embeds().items() for index, slug in enumerate(slugs)]
IDS = [slug for _, _, slug in EMBEDDED]


def test_exercise_pages_are_found():
    assert EMBEDDED, "no page embeds an exercise: nothing for the browser suite to check"


def open_exercise(learner, site, page, index, slug) -> Ide:
    if not ONLINE:
        gap = Mirror().offline_gap(load(slug))
        if gap:
            pytest.skip(f"{slug} offline: {gap}")
    learner.goto(site.base_url + page_url(page))
    wait_for_pyodide(learner)
    return Ide(learner, index)


@pytest.mark.parametrize(("page", "index", "slug"), EMBEDDED, ids=IDS)
def test_starter_and_wrong_answers_get_their_feedback(learner, site, traffic, page, index, slug):
    exercise = load(slug)
    ide = open_exercise(learner, site, page, index, slug)
    output = ide.validate()
    assert 'File "<env>"' not in output, f"{slug}: the exercise's env section fails in the browser:\n{output}"
    assert not succeeded(output), f"{slug}: the starter code validates in the browser"
    for wrong in exercise.wrong_answers:
        ide.paste(wrong.source)
        output = ide.validate()
        assert not succeeded(output), f"{wrong.path.name}: validates in the browser"
        assert shows(output, wrong.expect), (
            f"{wrong.path.name}: expected {wrong.expect!r} in the terminal, got:\n{output}"
        )
    assert_clean_traffic(traffic, site)


@pytest.mark.parametrize(("page", "index", "slug"), EMBEDDED, ids=IDS)
def test_typed_solution_validates_and_survives_a_reload(learner, site, traffic, page, index, slug):
    solution = load(slug).sections["corr"].source.strip("\n")
    ide = open_exercise(learner, site, page, index, slug)
    ide.type(solution)
    assert ide.code.strip("\n") == solution, f"{slug}: the editor holds something else than what was typed:\n{ide.code}"
    output = ide.validate()
    assert succeeded(output) and "You have passed all the tests" in output, (
        f"{slug}: the typed solution fails:\n{output}"
    )

    learner.reload()
    wait_for_pyodide(learner)
    assert Ide(learner, index).code.strip("\n") == solution, (
        f"{slug}: after a reload the editor lost the learner's code"
    )
    assert_clean_traffic(traffic, site)
