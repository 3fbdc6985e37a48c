"""What the helpers tell a learner about their own code."""

from __future__ import annotations

import os
import sysconfig
import traceback

# Frames that are not the learner's: these helpers, the standard library, installed packages (Flask...).
_NOT_THE_LEARNERS = tuple(
    os.path.abspath(folder) + os.sep
    for folder in (os.path.dirname(__file__), os.path.dirname(os.__file__), sysconfig.get_paths()["purelib"])
)


def learner_line(error: BaseException) -> str:
    """Where the learner's code raised `error`: the last frame outside these helpers, the standard
    library and installed packages."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not os.path.abspath(frame.filename).startswith(_NOT_THE_LEARNERS)
    ]
    if not frames:  # nothing of the learner's ran: the call itself failed (arguments, __init__'s return...)
        return "none of yours: the call itself failed, so check the parameters and the return value of what is called"
    return f"line {frames[-1].lineno}: {frames[-1].line}"


def message_of(error: BaseException) -> str:
    """str(error), even for a learner's exception whose __str__ itself raises."""
    try:
        return str(error)
    except Exception:  # noqa: BLE001 - the learner's __str__ may raise anything
        return f"<a {type(error).__name__} whose message cannot be shown>"


__all__ = ["learner_line", "message_of"]
