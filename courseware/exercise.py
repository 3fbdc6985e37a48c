"""One exercise = one folder: read it, check its shape, find them all.

Standard library only: the build hook, the test suite and the exercise runner (which runs
under the browser-parity interpreter) all import this module.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass, field
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]
EXERCISES_DIR = PROJECT_ROOT / "exercises"

# PMT's own section header pattern (pyodide-mkdocs-theme 5.7), e.g. "# --- PYODIDE:corr --- #".
SECTION_HEADER = re.compile(r"^#[\t ]*-+[\t ]*(?:PMT|PYODIDE)[\t ]*:[\t ]*(\w+)[\t ]*-+[\t ]*#[\t ]*$")
KNOWN_SECTIONS = ("ignore", "env", "env_term", "code", "corr", "tests", "secrets", "post_term", "post")
REQUIRED_SECTIONS = ("code", "corr", "tests", "secrets")
REQUIRED_FILES = ("statement.md", "exo.py", "exo_REM.md")
MIN_WRONG_ANSWERS = 2
EXPECT_LINE = re.compile(r"^#\s*expect:\s*(\S.*?)\s*$", re.IGNORECASE)
SLUG = re.compile(r"^[a-z][a-z0-9_]*/[a-z][a-z0-9_]*$")
# A page embeds an exercise with this line, alone on its line (hooks/exercises.py rewrites it).
EMBED_LINE = re.compile(
    r"""^(?P<indent>[ \t]*)\{\{\s*exercise\(\s*(?P<q>["'])(?P<slug>[^"']*)(?P=q)\s*\)\s*\}\}[ \t]*$""", re.M
)


class ExerciseError(Exception):
    """An exercise folder or file that does not follow the format; the message names it."""


@dataclass(frozen=True)
class Section:
    name: str
    source: str
    first_line: int  # line of the file where the section's body starts (1-based)

    def compiled(self, filename: str | Path):
        """Compile with the file's own line numbers, so tracebacks point into exo.py.

        Top-level `await` is accepted, as PMT runs env and secrets with runPythonAsync.
        """
        padded = "\n" * (self.first_line - 1) + self.source
        return compile(padded, str(filename), "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT)


@dataclass(frozen=True)
class WrongAnswer:
    path: Path
    expect: str
    source: str

    @property
    def mistake(self) -> str:
        return self.path.stem.removeprefix("wrong_")

    def as_section(self) -> Section:
        return Section("corr", self.source, 1)


@dataclass(frozen=True)
class Exercise:
    slug: str  # "<chapter>/<name>"
    folder: Path
    sections: dict[str, Section] = field(repr=False)
    wrong_answers: tuple[WrongAnswer, ...] = field(repr=False)

    @property
    def exo_file(self) -> Path:
        return self.folder / "exo.py"

    @property
    def statement_file(self) -> Path:
        return self.folder / "statement.md"

    @property
    def sources(self) -> list[str]:
        """Every piece of Python of the exercise: its sections and its wrong answers."""
        return [s.source for s in self.sections.values()] + [w.source for w in self.wrong_answers]

    def imported_modules(self) -> set[str]:
        """Every module name imported anywhere in the exercise, dotted names included."""
        return imported_modules(self.sources)


def imported_modules(sources: list[str]) -> set[str]:
    """Module names imported by these sources; `from a import b` gives both `a` and `a.b`."""
    names: set[str] = set()
    for source in sources:
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def split_sections(path: Path) -> dict[str, Section]:
    """Split a PMT exercise file into its sections; raise ExerciseError naming the file."""
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    sections: dict[str, Section] = {}
    current, start, body = None, 0, []
    for number, line in enumerate(lines, start=1):
        header = SECTION_HEADER.match(line.rstrip("\n"))
        if header:
            if current:
                sections[current] = Section(current, "".join(body), start)
            current, start, body = header.group(1), number + 1, []
            if current not in KNOWN_SECTIONS:
                raise ExerciseError(
                    f"{path}:{number}: unknown PMT section {current!r}; known: {', '.join(KNOWN_SECTIONS)}"
                )
            if current in sections:
                raise ExerciseError(f"{path}:{number}: section {current!r} appears twice")
        elif current:
            body.append(line)
        elif line.strip():
            raise ExerciseError(
                f"{path}:{number}: code before the first section header (e.g. '# --- PYODIDE:env --- #')"
            )
    if current:
        sections[current] = Section(current, "".join(body), start)
    missing = [name for name in REQUIRED_SECTIONS if not sections.get(name) or not sections[name].source.strip()]
    if missing:
        raise ExerciseError(f"{path}: missing or empty section(s): {', '.join(missing)}")
    for section in sections.values():
        _check_syntax(path, section.source, section.first_line)
    return sections


def read_wrong_answer(path: Path) -> WrongAnswer:
    source = path.read_text(encoding="utf-8")
    first_line = source.lstrip().splitlines()[0] if source.strip() else ""
    expect = EXPECT_LINE.match(first_line)
    if not expect:
        raise ExerciseError(f"{path}: the first line must be '# expect: <part of the feedback this answer gets>'")
    _check_syntax(path, source, 1)
    return WrongAnswer(path, expect.group(1), source)


def load(slug: str, root: Path = EXERCISES_DIR) -> Exercise:
    """Read and check the exercise `<chapter>/<name>` under root."""
    if not SLUG.match(slug):
        raise ExerciseError(
            f"exercise slug {slug!r}: expected '<chapter>/<name>' in snake_case, e.g. 'wsgi_asgi/hello_wsgi'"
        )
    folder = root / slug
    if not folder.is_dir():
        known = ", ".join(discover_slugs(root)) or "none"
        raise ExerciseError(f"unknown exercise {slug!r}: no folder {folder}. Known exercises: {known}")
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            raise ExerciseError(f"{folder / name}: missing; every exercise folder has {', '.join(REQUIRED_FILES)}")
    wrong = tuple(read_wrong_answer(p) for p in sorted(folder.glob("wrong_*.py")))
    if len(wrong) < MIN_WRONG_ANSWERS:
        raise ExerciseError(
            f"{folder}: has {len(wrong)} wrong_<mistake>.py file(s); at least {MIN_WRONG_ANSWERS} are needed"
        )
    return Exercise(slug, folder, split_sections(folder / "exo.py"), wrong)


def discover_slugs(root: Path = EXERCISES_DIR) -> list[str]:
    """Every folder that holds an exo.py, as '<chapter>/<name>'."""
    return sorted(p.parent.relative_to(root).as_posix() for p in root.glob("*/*/exo.py"))


def embeds(docs_dir: Path = PROJECT_ROOT / "docs") -> dict[str, list[str]]:
    """Page (path under docs_dir) -> the slugs it embeds, in page order."""
    found = {}
    for page in sorted(docs_dir.rglob("*.md")):
        slugs = [m["slug"] for m in EMBED_LINE.finditer(page.read_text(encoding="utf-8"))]
        if slugs:
            found[page.relative_to(docs_dir).as_posix()] = slugs
    return found


def page_url(src_path: str) -> str:
    """The URL, relative to the site root, MkDocs gives the page docs/<src_path>."""
    stem = src_path.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def _check_syntax(path: Path, source: str, first_line: int) -> None:
    try:
        Section(path.name, source, first_line).compiled(path)
    except SyntaxError as error:
        raise ExerciseError(f"{path}:{error.lineno}: syntax error: {error.msg}") from None
