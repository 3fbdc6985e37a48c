# --- PYODIDE:env --- #
from course_helpers.pytest_runner import (
    Bug as _Bug,
    changed as _changed,
    check_tests_catch as _check_tests_catch,
    check_tests_pass as _check_tests_pass,
    provide_module as _provide_module,
    use_pytest as _use_pytest,
)

await _use_pytest()

_CORRECT = '''
def paginate(items, page, per_page):
    """The items shown on page `page` (pages are numbered from 1), `per_page` items to a page."""
    if page < 1:
        raise ValueError(f"pages are numbered from 1, not {page}")
    start = (page - 1) * per_page
    if start >= len(items) and page > 1:
        raise ValueError(f"page {page} is past the last page")
    return items[start : start + per_page]


def page_count(total, per_page):
    """How many pages `total` items fill, `per_page` items to a page."""
    if total == 0:
        return 1  # an empty list still has one page, an empty one
    return (total + per_page - 1) // per_page
'''


_BUGS = [
    _Bug(
        "paginate counts pages from 0 (page 1 of 'abcde', 2 to a page, gives ['c', 'd'])",
        _changed(_CORRECT, ("start = (page - 1) * per_page", "start = page * per_page")),
        "assert the exact items of page 1: they are the first ones of the list.",
    ),
    _Bug(
        "paginate forgets where a page ends (page 1 of 'abcde', 2 to a page, gives all five items)",
        _changed(_CORRECT, ("items[start : start + per_page]", "items[start:]")),
        "test a page that is not the last one, and assert its exact items.",
    ),
    _Bug(
        "paginate refuses a last page that is not full (page 3 of 'abcde', 2 to a page, raises ValueError)",
        _changed(_CORRECT, ("if start >= len(items) and page > 1:", "if start + per_page > len(items) and page > 1:")),
        "test the last page of a list that does not fill it, and assert the items left over.",
    ),
    _Bug(
        "paginate refuses page 1 of an empty list (it raises ValueError instead of returning [])",
        _changed(_CORRECT, ("if start >= len(items) and page > 1:", "if start >= len(items):")),
        "test page 1 of an empty list: the statement says it exists and is empty.",
    ),
    _Bug(
        "paginate accepts page 0 (it returns [] instead of raising ValueError)",
        _changed(_CORRECT, ("if page < 1:", "if page < 0:")),
        "check with pytest.raises that page 0 is refused: it is the first number before page 1.",
    ),
    _Bug(
        "paginate accepts the page after the last full page (page 3 of 'abcd', 2 to a page, gives [])",
        _changed(_CORRECT, ("if start >= len(items) and page > 1:", "if start > len(items) and page > 1:")),
        "check with pytest.raises the page just after the last one, on a list whose length is a multiple of "
        "per_page: that is where 'past the end' begins.",
    ),
    _Bug(
        "page_count forgets the last page when it is not full (5 items, 2 to a page, give 2 pages)",
        _changed(_CORRECT, ("(total + per_page - 1) // per_page", "total // per_page")),
        "test page_count on a number of items that is not a multiple of per_page.",
    ),
    _Bug(
        "page_count gives 0 pages for no items (the statement says 1)",
        _changed(_CORRECT, ("return 1  # an empty list still has one page, an empty one", "return 0")),
        "test page_count with 0 items.",
    ),
]

_provide_module("pages", _CORRECT)  # what `from pages import paginate, page_count` gives the ▶ button

# --- PYODIDE:code --- #
from pages import page_count, paginate


def test_paginate_returns_a_list():
    assert isinstance(paginate(["a", "b", "c"], 1, 2), list)


# --- PYODIDE:corr --- #
import pytest

from pages import page_count, paginate

ITEMS = list("abcde")  # 2 to a page: ['a', 'b'], ['c', 'd'], ['e']
PER_PAGE = 2


@pytest.mark.parametrize(("page", "expected"), [(1, ["a", "b"]), (3, ["e"])])
def test_paginate(page, expected):
    assert paginate(ITEMS, page, PER_PAGE) == expected


def test_an_empty_list_has_one_empty_page():
    assert paginate([], 1, PER_PAGE) == []


@pytest.mark.parametrize(("items", "page"), [(ITEMS, 0), (ITEMS[:4], 3)])
def test_pages_out_of_range_are_refused(items, page):
    with pytest.raises(ValueError):
        paginate(items, page, PER_PAGE)


@pytest.mark.parametrize(("total", "count"), [(5, 3), (0, 1)])
def test_page_count(total, count):
    assert page_count(total, PER_PAGE) == count


# --- PYODIDE:tests --- #
# Your tests must pass on the paginate and page_count of the statement.
_check_tests_pass("pages", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy version must make at least one of your tests fail.
_check_tests_catch("pages", _CORRECT, _BUGS)
