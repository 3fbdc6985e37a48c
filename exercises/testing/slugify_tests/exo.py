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
import re
import unicodedata


def slugify(title):
    """The part of a URL that names a page, made from its title."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
'''


_BUGS = [
    _Bug(
        "slugify keeps capital letters ('Hello' gives 'Hello')",
        _changed(_CORRECT, ("ascii_text.lower()", "ascii_text")),
        "test a title with capitals, such as 'Hello World', and assert the whole slug.",
    ),
    _Bug(
        "slugify drops accented letters instead of their accents ('Crème' gives 'crme')",
        _changed(_CORRECT, ('normalize("NFKD", title)', 'normalize("NFKC", title)')),
        "test a title with accented letters, such as 'Crème brûlée', and assert the letters are kept without accents.",
    ),
    _Bug(
        "slugify makes one hyphen per character ('a  b' gives 'a--b')",
        _changed(_CORRECT, ('r"[^a-z0-9]+"', 'r"[^a-z0-9]"')),
        "test a title with several spaces or punctuation marks in a row, such as 'Hello,  world!'.",
    ),
    _Bug(
        "slugify leaves hyphens at both ends (' Hello! ' gives '-hello-')",
        _changed(_CORRECT, ('.strip("-")', "")),
        "test a title that starts or ends with a space or a punctuation mark.",
    ),
    _Bug(
        "slugify drops digits ('Top 10' gives 'top')",
        _changed(_CORRECT, ("[^a-z0-9]+", "[^a-z]+")),
        "test a title with digits in it, such as 'Top 10 tips'.",
    ),
    _Bug(
        "slugify names an empty title 'untitled'",
        _changed(_CORRECT, ('.strip("-")', '.strip("-") or "untitled"')),
        "test the empty title: the statement says it gives an empty slug.",
    ),
    _Bug(
        "slugify keeps underscores ('snake_case' gives 'snake_case')",
        _changed(_CORRECT, ('r"[^a-z0-9]+"', 'r"[\\W]+"')),
        "test a title with an underscore: it is not a letter or a digit either.",
    ),
]

_provide_module("slugs", _CORRECT)  # what `from slugs import slugify` gives the ▶ button

# --- PYODIDE:code --- #
from slugs import slugify


def test_slugify_returns_text():
    assert isinstance(slugify("Hello"), str)


# --- PYODIDE:corr --- #
import pytest

from slugs import slugify


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Hello World", "hello-world"),
        ("crème brûlée", "creme-brulee"),
        ("hello,  world!", "hello-world"),
        (" top 10 tips ", "top-10-tips"),
        ("snake_case", "snake-case"),
        ("", ""),
    ],
)
def test_slugify(title, slug):
    assert slugify(title) == slug


# --- PYODIDE:tests --- #
# Your tests must pass on the slugify of the statement.
_check_tests_pass("slugs", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy slugify must make at least one of your tests fail.
_check_tests_catch("slugs", _CORRECT, _BUGS)
