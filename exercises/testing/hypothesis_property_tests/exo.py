# --- PYODIDE:env --- #
from course_helpers.packages import import_after_require as _import_after_require, require as _require
from course_helpers.pytest_runner import (
    Bug as _Bug,
    changed as _changed,
    check_tests_catch as _check_tests_catch,
    check_tests_pass as _check_tests_pass,
    provide_module as _provide_module,
    use_pytest as _use_pytest,
)

await _use_pytest()
await _require("hypothesis")
# The same inputs at every run, here and in the checks: a property test that finds a bug always finds it.
_settings = _import_after_require("hypothesis", "settings")
_settings.register_profile("course", derandomize=True, database=None, deadline=None, max_examples=50)
_settings.load_profile("course")

_CORRECT = '''
from urllib.parse import quote, unquote


def build_query(params):
    """The query string of a dict of text keys and values: key=value pairs joined by '&'."""
    return "&".join(f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in params.items())


def parse_query(query):
    """The dict that build_query encoded."""
    params = {}
    if not query:
        return params
    for pair in query.split("&"):
        key, _, value = pair.partition("=")
        params[unquote(key)] = unquote(value)
    return params
'''


_BUGS = [
    _Bug(
        "build_query sends a space as '+' (as HTML forms do), which parse_query reads back as a '+'",
        _changed(_CORRECT, ("quote(value, safe='')", "quote(value, safe='').replace('%20', '+')")),
        "generate values with spaces in them: st.text() does, if you let it.",
    ),
    _Bug(
        "parse_query reads the empty query as {'': ''}",
        _changed(_CORRECT, ("    if not query:\n        return params\n", "")),
        "the empty dict is a dict too: make sure your strategy can generate it.",
    ),
    _Bug(
        "parse_query drops the keys whose value is empty",
        _changed(
            _CORRECT,
            ("params[unquote(key)] = unquote(value)", "if value:\n            params[unquote(key)] = unquote(value)"),
        ),
        "generate empty values: st.text() includes the empty string.",
    ),
    _Bug(
        "parse_query decodes as Latin-1, so 'é' comes back as 'Ã©'",
        _changed(_CORRECT, ("unquote(value)", "unquote(value, encoding='latin-1')")),
        "generate values beyond ASCII: st.text() does unless you restrict its alphabet.",
    ),
    _Bug(
        "build_query leaves the keys as they are, so a key holding '=' or '&' breaks the query",
        _changed(_CORRECT, ("{quote(key, safe='')}=", "{key}=")),
        "generate the keys as freely as the values: any text, punctuation included.",
    ),
    _Bug(
        "parse_query strips the spaces around each value",
        _changed(_CORRECT, ("params[unquote(key)] = unquote(value)", "params[unquote(key)] = unquote(value).strip()")),
        "generate values that start or end with a space.",
    ),
]

_provide_module("querystrings", _CORRECT)  # what `from querystrings import ...` gives the ▶ button

# --- PYODIDE:code --- #
from querystrings import build_query, parse_query


def test_one_parameter():
    assert parse_query(build_query({"q": "python"})) == {"q": "python"}


# --- PYODIDE:corr --- #
from hypothesis import given
from hypothesis import strategies as st

from querystrings import build_query, parse_query


@given(st.dictionaries(st.text(), st.text()))
def test_parse_undoes_build(params):
    assert parse_query(build_query(params)) == params


# --- PYODIDE:tests --- #
# Your tests must pass on the querystrings module of the statement.
_check_tests_pass("querystrings", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy querystrings module must make at least one of your tests fail.
_check_tests_catch("querystrings", _CORRECT, _BUGS)
