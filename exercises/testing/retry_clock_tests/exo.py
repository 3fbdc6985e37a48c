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
def retry(operation, attempts, wait, sleep):
    """Call operation() until it returns, at most `attempts` times, and return what it returned.
    After a failure that is not the last one, sleep(wait), then sleep(2 * wait), sleep(4 * wait)...
    After the last failure, raise its exception again."""
    for attempt in range(attempts):
        try:
            return operation()
        except Exception:
            if attempt == attempts - 1:
                raise
            sleep(wait * 2**attempt)
'''


_LAST_CALL_APART = """
def retry(operation, attempts, wait, sleep):
    for attempt in range(attempts - 1):
        try:
            return operation()
        except Exception:
            sleep(wait * 2**attempt)
    operation()
"""

_REFUSES_ONE = """
def retry(operation, attempts, wait, sleep):
    if attempts < 2:
        raise ValueError("a retry needs at least 2 attempts")
    for attempt in range(attempts):
        try:
            return operation()
        except Exception:
            if attempt == attempts - 1:
                raise
            sleep(wait * 2**attempt)
"""

_BUGS = [
    _Bug(
        "retry makes one attempt too many (attempts=3 calls the operation 4 times)",
        _changed(
            _CORRECT, ("range(attempts)", "range(attempts + 1)"), ("attempt == attempts - 1", "attempt == attempts")
        ),
        "make an operation that always fails, and check how many times retry calls it, or how many times it sleeps.",
    ),
    _Bug(
        "retry makes one attempt too few (attempts=3 calls the operation twice)",
        _changed(_CORRECT, ("range(attempts)", "range(1, attempts)"), ("2**attempt", "2 ** (attempt - 1)")),
        "count the calls of an operation that keeps failing, or let it succeed on the last attempt allowed.",
    ),
    _Bug(
        "retry sleeps after the last failure too (attempts=3 sleeps wait, 2*wait and 4*wait)",
        _changed(
            _CORRECT,
            (
                "            if attempt == attempts - 1:\n                raise\n            sleep(wait * 2**attempt)\n",
                "            sleep(wait * 2**attempt)\n            if attempt == attempts - 1:\n                raise\n",
            ),
        ),
        "let an operation fail on every attempt and compare the whole list of delays your fake sleep recorded.",
    ),
    _Bug(
        "retry backs off linearly (wait, 2*wait, 3*wait instead of wait, 2*wait, 4*wait)",
        _changed(_CORRECT, ("wait * 2**attempt", "wait * (attempt + 1)")),
        "make retry sleep at least three times: the first two delays are the same as with a linear back-off.",
    ),
    _Bug(
        "retry's first delay is 0 (it sleeps 0, 2*wait, 4*wait...)",
        _changed(_CORRECT, ("wait * 2**attempt", "wait * 2 * attempt")),
        "assert the exact list of delays from the first one, not only the last one or their number.",
    ),
    _Bug(
        "retry swallows the last exception and returns None",
        _changed(_CORRECT, ("                raise\n", "                return None\n")),
        "when every attempt fails, retry must raise: use pytest.raises around the call.",
    ),
    _Bug(
        "retry returns None when the operation only succeeds on the last attempt allowed",
        _LAST_CALL_APART,
        "let the operation fail on every attempt but the last one, and assert what retry returns.",
    ),
    _Bug(
        "retry refuses attempts=1 with a ValueError instead of making one plain call",
        _REFUSES_ONE,
        "test attempts=1: one call, and the operation's own exception when it fails.",
    ),
]

_provide_module("retries", _CORRECT)  # what `from retries import retry` gives the ▶ button

# --- PYODIDE:code --- #
from retries import retry


def test_returns_the_result():
    assert retry(lambda: "done", attempts=3, wait=1, sleep=lambda seconds: None) == "done"


# --- PYODIDE:corr --- #
import pytest

from retries import retry

WAIT = 0.5


class FakeSleep:
    """Records the delays it is asked for, and returns at once."""

    def __init__(self):
        self.delays = []

    def __call__(self, seconds):
        self.delays.append(seconds)


class Operation:
    """A fake operation: its n-th call raises or returns the n-th outcome it was given."""

    def __init__(self, *outcomes):
        self.outcomes = outcomes
        self.calls = 0

    def __call__(self):
        outcome = self.outcomes[self.calls]
        self.calls += 1
        if isinstance(outcome, Exception):
            raise outcome
        return outcome


def test_gives_up_after_the_last_attempt():
    sleep = FakeSleep()
    with pytest.raises(ConnectionError):
        retry(Operation(ConnectionError(), ConnectionError(), ConnectionError()), attempts=3, wait=WAIT, sleep=sleep)
    assert sleep.delays == [0.5, 1]


def test_succeeds_on_the_last_attempt():
    sleep = FakeSleep()
    operation = Operation(ConnectionError(), ConnectionError(), ConnectionError(), "done")
    assert retry(operation, attempts=4, wait=WAIT, sleep=sleep) == "done"
    assert sleep.delays == [0.5, 1, 2]


def test_one_attempt_is_one_call():
    with pytest.raises(ConnectionError):
        retry(Operation(ConnectionError()), attempts=1, wait=WAIT, sleep=FakeSleep())


# --- PYODIDE:tests --- #
# Your tests must pass on the retry of the statement.
_check_tests_pass("retries", _CORRECT)

# --- PYODIDE:secrets --- #
# Each buggy retry must make at least one of your tests fail.
_check_tests_catch("retries", _CORRECT, _BUGS)
