"""The failure messages a learner can meet, read from source: exercise checks and course_helpers."""

from __future__ import annotations

import ast
from collections.abc import Iterator

HINT = "Hint:"  # how every failure message introduces its advice
FAILURES = {"AssertionError", "BrokenRule"}  # what checks raise (BrokenRule: course_helpers.asgi)


def failure_messages(source: str) -> Iterator[tuple[int, str | None]]:
    """(line, message source) for each `assert` and each `raise AssertionError(...)`-like
    statement in `source`; the message is None when there is none."""
    for node in ast.walk(ast.parse(source)):
        message = None
        if isinstance(node, ast.Assert):
            message = node.msg
        elif (
            isinstance(node, ast.Raise)
            and isinstance(node.exc, ast.Call)
            and getattr(node.exc.func, "id", "") in FAILURES
        ):
            message = node.exc.args[0] if node.exc.args else None
        else:
            continue
        yield node.lineno, None if message is None else ast.get_source_segment(source, message)


def lacking_hints(source: str) -> list[tuple[int, str]]:
    """(line, what is missing) for each failure without a message, or whose message has no hint."""
    return [
        (line, "no message" if message is None else "no hint")
        for line, message in failure_messages(source)
        if message is None or HINT not in message
    ]
