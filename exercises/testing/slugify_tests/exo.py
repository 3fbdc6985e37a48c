# --- PYODIDE:env --- #
from course_helpers.pytest_runner import Bug, changed, check_tests_catch, check_tests_pass, provide_module, use_pytest

await use_pytest()

CORRECT = '''
import re
import unicodedata


def slugify(title):
    """The part of a URL that names a page, made from its title."""
    ascii_text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
'''


BUGS = [
    Bug(
        "slugify keeps capital letters ('Hello' gives 'Hello')",
        changed(CORRECT, ("ascii_text.lower()", "ascii_text")),
        "test a title with capitals, such as 'Hello World', and assert the whole slug.",
    ),
    Bug(
        "slugify drops accented letters instead of their accents ('Crème' gives 'crme')",
        changed(CORRECT, ('normalize("NFKD", title)', 'normalize("NFKC", title)')),
        "test a title with accented letters, such as 'Crème brûlée', and assert the letters are kept without accents.",
    ),
    Bug(
        "slugify makes one hyphen per character ('a  b' gives 'a--b')",
        changed(CORRECT, ('r"[^a-z0-9]+"', 'r"[^a-z0-9]"')),
        "test a title with several spaces or punctuation marks in a row, such as 'Hello,  world!'.",
    ),
    Bug(
        "slugify leaves hyphens at both ends (' Hello! ' gives '-hello-')",
        changed(CORRECT, ('.strip("-")', "")),
        "test a title that starts or ends with a space or a punctuation mark.",
    ),
    Bug(
        "slugify drops digits ('Top 10' gives 'top')",
        changed(CORRECT, ("[^a-z0-9]+", "[^a-z]+")),
        "test a title with digits in it, such as 'Top 10 tips'.",
    ),
    Bug(
        "slugify names an empty title 'untitled'",
        changed(CORRECT, ('.strip("-")', '.strip("-") or "untitled"')),
        "test the empty title: the statement says it gives an empty slug.",
    ),
    Bug(
        "slugify keeps underscores ('snake_case' gives 'snake_case')",
        changed(CORRECT, ('r"[^a-z0-9]+"', 'r"[\\W]+"')),
        "test a title with an underscore: it is not a letter or a digit either.",
    ),
]

provide_module("slugs", CORRECT)  # what `from slugs import slugify` gives the ▶ button

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
check_tests_pass("slugs", CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy slugify must make at least one of your tests fail.
check_tests_catch("slugs", CORRECT, BUGS)
