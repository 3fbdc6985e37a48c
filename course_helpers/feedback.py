"""What the helpers tell a learner about their own code."""

from __future__ import annotations

import os
import traceback

_HELPERS = os.path.dirname(os.path.abspath(__file__))
_STDLIB = os.path.dirname(os.__file__)


def learner_line(error: BaseException) -> str:
    """Where the learner's code raised `error`: the last frame outside these helpers and the stdlib."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if not os.path.abspath(frame.filename).startswith((_HELPERS + os.sep, _STDLIB + os.sep))
    ]
    return f"line {frames[-1].lineno}: {frames[-1].line}" if frames else "inside the app"


__all__ = ["learner_line"]
