"""MkDocs hook: `{{ exercise("<chapter>/<name>") }}` on a line of its own embeds a whole exercise.

The line becomes the exercise's statement followed by a literal PMT `IDE(...)` call with the
page-relative path of its exo.py. PMT must see the `IDE` call written in the page (a macro
that calls IDE itself fails), so this runs before the macros plugin: hence the priority.
An unknown slug, a malformed exercise or an exercise embedded twice fails the build.
"""
from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from courseware.exercise import EMBED_LINE, ExerciseError, load  # noqa: E402

STATEMENT_TITLE = re.compile(r"^### \S")

_embedded_in: dict[str, str] = {}


def on_pre_build(config):
    _embedded_in.clear()


@event_priority(100)
def on_page_markdown(markdown, page, config, files):
    page_dir = Path(page.file.abs_src_path).parent
    return EMBED_LINE.sub(lambda m: _embed(m, page.file.src_uri, page_dir), markdown)


def _embed(match: re.Match, page_uri: str, page_dir: Path) -> str:
    slug = match["slug"]
    try:
        exercise = load(slug)
    except ExerciseError as error:
        raise PluginError(f"{page_uri}: {error}") from None
    if slug in _embedded_in:
        raise PluginError(f"{page_uri}: exercise {slug!r} is already embedded in {_embedded_in[slug]}; embed each exercise once")
    _embedded_in[slug] = page_uri
    statement = exercise.statement_file.read_text(encoding="utf-8").strip()
    if not STATEMENT_TITLE.match(statement):
        raise PluginError(f"{exercise.statement_file}: must start with a '### <title>' heading")
    # PMT keys a learner's saved code by this path: keep exercise folders and pages where they are.
    ide_path = Path(os.path.relpath(exercise.folder / "exo", page_dir)).as_posix()
    body = f'{statement}\n\n{{{{ IDE("{ide_path}") }}}}\n'
    return "".join(match["indent"] + line if line.strip() else line for line in body.splitlines(keepends=True))
