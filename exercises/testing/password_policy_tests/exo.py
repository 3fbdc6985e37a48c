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
COMMON_PASSWORDS = ("password1234", "qwerty123456", "iloveyou2024", "welcome12345", "letmein123456")


def check_password(password, username):
    """The names of the rules `password` breaks, in the statement's order: [] when it is accepted."""
    broken = []
    if len(password) < 12:
        broken.append("length")
    if not any(character in "0123456789" for character in password):
        broken.append("digit")
    if not any(character.isalpha() for character in password):
        broken.append("letter")
    if username.lower() in password.lower():
        broken.append("username")
    if password.lower() in COMMON_PASSWORDS:
        broken.append("common")
    return broken
'''


_BUGS = [
    _Bug(
        "check_password refuses a password of exactly 12 characters (it wants 13)",
        _changed(_CORRECT, ("len(password) < 12", "len(password) <= 12")),
        "test a password of exactly 12 characters that follows every other rule: it must give [].",
    ),
    _Bug(
        "check_password accepts a password of 11 characters",
        _changed(_CORRECT, ("len(password) < 12", "len(password) < 11")),
        "test a password one character too short, and assert the exact list it gives.",
    ),
    _Bug(
        "check_password counts a space as a digit ('blue sky' is said to have one)",
        _changed(_CORRECT, ('not any(character in "0123456789" for character in password)', "password.isalpha()")),
        "test a password made of letters and spaces or punctuation, without any digit.",
    ),
    _Bug(
        "check_password does not count capital letters as letters ('ABC-1234' is said to have none)",
        _changed(_CORRECT, ("character.isalpha()", "character.islower()")),
        "test a password whose only letters are capitals.",
    ),
    _Bug(
        "check_password finds the username only in the same case ('robin' is missed in 'ROBIN-hood-12')",
        _changed(_CORRECT, ("username.lower() in password.lower()", "username in password")),
        "test a password that holds the username written with other capitals.",
    ),
    _Bug(
        "check_password lowers the password but not the username (user 'Robin' may use 'robin-hood-12')",
        _changed(_CORRECT, ("username.lower() in password.lower()", "username in password.lower()")),
        "test a username that has capitals itself, such as 'Robin', inside a password in small letters.",
    ),
    _Bug(
        "check_password finds a common password only in small letters ('Password1234' is accepted)",
        _changed(_CORRECT, ("password.lower() in COMMON_PASSWORDS", "password in COMMON_PASSWORDS")),
        "test a password from COMMON_PASSWORDS written with some capitals.",
    ),
    _Bug(
        "check_password reports only the first rule broken ('blue sky' gives ['length'])",
        _changed(_CORRECT, ("    return broken\n", "    return broken[:1]\n")),
        "test a password that breaks two rules, and assert the whole list.",
    ),
]

_provide_module("passwords", _CORRECT)  # what `from passwords import check_password` gives the ▶ button

# --- PYODIDE:code --- #
from passwords import check_password


def test_check_password_returns_a_list():
    assert isinstance(check_password("blue7harbour", "robin"), list)


# --- PYODIDE:corr --- #
import pytest

from passwords import check_password

USERNAME = "Robin"


@pytest.mark.parametrize(
    ("password", "broken"),
    [
        ("blue7harbour", []),
        ("blue7harbou", ["length"]),
        ("blue sky", ["length", "digit"]),
        ("ABC-1234", ["length"]),
        ("robin7hats", ["length", "username"]),
        ("LetMeIn123456", ["common"]),
    ],
)
def test_check_password(password, broken):
    assert check_password(password, USERNAME) == broken


# --- PYODIDE:tests --- #
# Your tests must pass on the check_password of the statement.
_check_tests_pass("passwords", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy check_password must make at least one of your tests fail.
_check_tests_catch("passwords", _CORRECT, _BUGS)
