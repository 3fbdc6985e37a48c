"""Call what the learner wrote from the checks, so that whatever it does becomes a message.

A check that calls `choose(header, AVAILABLE)` directly crashes inside the checks when the
learner's `choose` raises, or returns None where a str was due (`None.split` ...): the learner
then reads a traceback of the checks, not advice. Through these helpers, the same mistakes are
failed checks that name the call, say what happened and give a hint:

    from course_helpers.checks import call, returning

    router = call(Router)                                   # what Router() raises is a message
    found = returning(str, choose, "text/html", AVAILABLE)  # and so is a result that is not a str
"""

from __future__ import annotations

from course_helpers.feedback import learner_line, message_of


def _described(function, args, kwargs) -> str:
    name = getattr(function, "__qualname__", None) or getattr(function, "__name__", None) or repr(function)
    shown = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    text = f"{name}({', '.join(shown)})"
    return text if len(text) <= 120 else text[:117] + "..."


def call(function, *args, described_as: str | None = None, advice: str = "", **kwargs):
    """Call `function(*args, **kwargs)`, written by the learner; return what it returns.

    An exception it raises becomes an AssertionError naming the call, the exception and the
    learner's line that raised it. `described_as` names the call in that message (e.g.
    "GET /books/1"); `advice` is added to its hint."""
    try:
        return function(*args, **kwargs)
    except Exception as error:  # noqa: BLE001 - the learner's code may raise anything
        what = described_as or _described(function, args, kwargs)
        raise AssertionError(
            f"{what} raised {type(error).__name__}: {message_of(error)}\n"
            f"Hint: the line that raised it is {learner_line(error)}. {advice}".rstrip()
        ) from None


def returning(kind, function, *args, described_as: str | None = None, advice: str = "", **kwargs):
    """Like `call`, and the result must be an instance of `kind` (a type or a tuple of types).

    A result of another type, None above all (a path of the function that ends without
    `return`), becomes an AssertionError that says what came back and what was due."""
    value = call(function, *args, described_as=described_as, advice=advice, **kwargs)
    if not isinstance(value, kind) or (isinstance(value, bool) and bool not in _types(kind)):
        what = described_as or _described(function, args, kwargs)
        due = " or ".join(t.__name__ for t in _types(kind))
        returned = "None" if value is None else f"{_short(value)}, a {type(value).__name__}"
        raise AssertionError(
            f"{what} returned {returned}; a {due} was due.\n"
            f"Hint: make every path of the function end with `return` of a {due} "
            f"(a function that ends without return gives None). {advice}".rstrip()
        )
    return value


def _types(kind) -> tuple:
    return kind if isinstance(kind, tuple) else (kind,)


def _short(value) -> str:
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


__all__ = ["call", "returning"]
