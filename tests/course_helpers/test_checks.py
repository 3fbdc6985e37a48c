"""course_helpers.checks: what the learner's function raises or wrongly returns is a message with a hint."""

from __future__ import annotations

import pytest

from course_helpers.checks import call, returning
from tests.support.messages import HINT


def choose(header, available):
    return header.split(",")[0] if header else None


def explode(*args, **kwargs):
    raise KeyError("missing")


class Unprintable(Exception):
    def __str__(self):
        raise ValueError("no")


def unprintable():
    raise Unprintable()


def test_a_good_call_returns_what_the_function_returns():
    assert call(choose, "text/html, */*", ["text/html"]) == "text/html"
    assert returning(str, choose, "a,b", []) == "a"
    assert returning((str, type(None)), choose, "", []) is None


@pytest.mark.parametrize(
    ("attempt", "said"),
    [
        (lambda: call(explode, 1, b=2), ["explode(1, b=2) raised KeyError: 'missing'", "line"]),
        (lambda: call(explode, described_as="GET /books/1"), ["GET /books/1 raised KeyError"]),
        (lambda: call(unprintable), ["Unprintable: <a Unprintable whose message cannot be shown>"]),
        (
            lambda: returning(str, choose, "", []),
            ["choose('', []) returned None; a str was due", "without return gives None"],
        ),
        (lambda: returning(int, choose, "a", []), ["returned 'a', a str; a int was due"]),
        (lambda: returning(int, lambda: True), ["returned True, a bool; a int was due"]),
        (lambda: call(explode, advice="Look the key up with .get()."), ["Look the key up with .get()."]),
    ],
    ids=["raises", "described", "unprintable", "returns-none", "wrong-type", "bool-is-not-int", "advice"],
)
def test_each_wrong_shape_is_a_message_with_a_hint(attempt, said):
    with pytest.raises(AssertionError) as failure:
        attempt()
    message = str(failure.value)
    assert HINT in message and all(text in message for text in said), message
