"""Run one exercise the way the browser validates it, and print the outcome as JSON.

    python -m courseware.run_check <exercise folder> <candidate>

<candidate> is `corr` (the solution), `code` (the starter) or the file name of a wrong answer
(`wrong_<mistake>.py`), which stands in for the solution. As PMT does on "validate", the
sections env, candidate, tests, secrets and post run one after the other in one namespace.
The test suite starts this in a fresh interpreter of the browser-parity environment for
every check, so no state leaks from one check to the next.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import sys
import traceback
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make `courseware` importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courseware.exercise import ExerciseError, Section, read_wrong_answer, split_sections

STAGES = ("env", "candidate", "tests", "secrets", "post")


def run(folder: Path, candidate: str) -> dict:
    exo_file = folder / "exo.py"
    sections = split_sections(exo_file)
    if candidate in ("corr", "code"):
        chosen, chosen_file = sections[candidate], exo_file
    else:
        wrong = read_wrong_answer(folder / candidate)
        chosen, chosen_file = wrong.as_section(), wrong.path
    plan: list[tuple[str, Section | None, Path]] = [
        ("env", sections.get("env"), exo_file),
        ("candidate", chosen, chosen_file),
        ("tests", sections["tests"], exo_file),
        ("secrets", sections["secrets"], exo_file),
        ("post", sections.get("post"), exo_file),
    ]
    namespace: dict = {"__name__": "__main__", "__builtins__": __builtins__}
    for stage, section, filename in plan:
        if section is None:
            continue
        try:
            code = section.compiled(filename)
            if code.co_flags & inspect.CO_COROUTINE:  # top-level await (env, secrets)
                asyncio.run(eval(code, namespace))
            else:
                exec(code, namespace)
        except BaseException as error:  # noqa: BLE001 - a learner's code may raise anything
            return {
                "passed": False,
                "stage": stage,
                "error": type(error).__name__,
                "assertion": isinstance(error, AssertionError),
                "message": str(error),
                "traceback": "".join(traceback.format_exception(error)),
            }
    return {"passed": True, "stage": None, "error": None, "assertion": False, "message": "", "traceback": ""}


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    try:
        outcome = run(Path(argv[0]), argv[1])
    except (ExerciseError, OSError) as error:
        print(f"run_check: {error}", file=sys.stderr)
        return 2
    # One line of JSON, after whatever the exercise printed: the caller reads the last line.
    print("\n" + json.dumps(outcome))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
