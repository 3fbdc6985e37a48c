"""One exercise = one folder: read it, check its shape, find them all.

Reading is lazy and each part fails on its own: a broken wrong answer does not stop the
solution from being checked, and a broken exercise does not stop the others. `problems()`
lists everything wrong with a folder at once; `load()` is the strict reader the build uses.

Standard library only: the build hook, the test suite and the exercise runner (which runs
under the browser-parity interpreter) all import this module.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from courseware.project import PROJECT_ROOT
from courseware.wrong_answers import PREFIX, SUFFIX, PatchError, read_patch

EXERCISES_DIR = PROJECT_ROOT / "exercises"

# PMT's own section header pattern (pyodide-mkdocs-theme 5.7), e.g. "# --- PYODIDE:corr --- #".
SECTION_HEADER = re.compile(r"^#[\t ]*-+[\t ]*(?:PMT|PYODIDE)[\t ]*:[\t ]*(\w+)[\t ]*-+[\t ]*#[\t ]*$")
KNOWN_SECTIONS = ("ignore", "env", "env_term", "code", "corr", "tests", "secrets", "post_term", "post")
REQUIRED_SECTIONS = ("code", "corr", "tests", "secrets")
REQUIRED_FILES = ("statement.md", "exo.py", "exo_REM.md")
MIN_WRONG_ANSWERS = 2
SLUG = re.compile(r"^[a-z][a-z0-9_]*/[a-z][a-z0-9_]*$")
STATEMENT_TITLE = re.compile(r"^### \S")
# An attack list of the hidden checks: `SQL_PAYLOADS = [...]` at the top level of secrets.
PAYLOAD_LIST = re.compile(r"^[A-Z][A-Z0-9_]*_PAYLOADS$")
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

        Top-level `await` is accepted, as PMT runs env and secrets with runPythonAsync. The code
        inherits no `__future__` import of this module (dont_inherit): annotations, for one, are
        evaluated, as they are in the browser.
        """
        padded = "\n" * (self.first_line - 1) + self.source
        return compile(padded, str(filename), "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)


@dataclass(frozen=True)
class WrongAnswer:
    path: Path  # wrong_<mistake>.patch
    expect: str  # what the learner's feedback must contain
    source: str  # the full answer: the solution with the patch applied

    @property
    def mistake(self) -> str:
        return self.path.name.removeprefix(PREFIX).removesuffix(SUFFIX)

    def as_section(self) -> Section:
        return Section("corr", self.source, 1)


@dataclass(frozen=True)
class Exercise:
    slug: str  # "<chapter>/<name>"
    folder: Path

    @classmethod
    def at(cls, slug: str, root: Path = EXERCISES_DIR) -> Exercise:
        """The exercise `<chapter>/<name>` under root; reads nothing but the folder's existence."""
        if not SLUG.match(slug):
            raise ExerciseError(
                f"exercise slug {slug!r}: expected '<chapter>/<name>' in snake_case, e.g. 'wsgi_asgi/hello_wsgi'"
            )
        folder = root / slug
        if not folder.is_dir():
            known = ", ".join(discover_slugs(root)) or "none"
            raise ExerciseError(f"unknown exercise {slug!r}: no folder {folder}. Known exercises: {known}")
        return cls(slug, folder)

    @classmethod
    def find(cls, slug_or_folder: str) -> Exercise:
        """The exercise named `<chapter>/<name>`, or the one in a folder given by its path."""
        folder = Path(slug_or_folder)
        if folder.is_dir() and (folder / "exo.py").is_file():
            folder = folder.resolve()
            return cls(f"{folder.parent.name}/{folder.name}", folder)
        return cls.at(slug_or_folder)

    @property
    def exo_file(self) -> Path:
        return self.folder / "exo.py"

    @property
    def statement_file(self) -> Path:
        return self.folder / "statement.md"

    @cached_property
    def sections(self) -> dict[str, Section]:
        return split_sections(self.exo_file)

    @property
    def wrong_answer_files(self) -> list[Path]:
        return sorted(self.folder.glob(f"{PREFIX}*{SUFFIX}"))

    @cached_property
    def wrong_answers(self) -> tuple[WrongAnswer, ...]:
        return tuple(self.wrong_answer(path.name) for path in self.wrong_answer_files)

    def wrong_answer(self, file_name: str) -> WrongAnswer:
        """The wrong answer stored in `file_name`, applied to the solution."""
        path = self.folder / file_name
        try:
            patch = read_patch(path)
            source = patch.apply(self.sections["corr"].source)
        except PatchError as error:
            raise ExerciseError(str(error)) from None
        except FileNotFoundError:
            raise ExerciseError(f"{path}: no such wrong answer in {self.slug}") from None
        try:
            Section("corr", source, 1).compiled(path)
        except SyntaxError as error:
            raise ExerciseError(
                f"{path}: the answer it gives has a syntax error on its line {error.lineno}: {error.msg}"
            ) from None
        return WrongAnswer(path, patch.expect, source)

    @property
    def sources(self) -> list[str]:
        """Every piece of Python of the exercise: its sections and its wrong answers."""
        return [s.source for s in self.sections.values()] + [w.source for w in self.wrong_answers]

    def imported_modules(self) -> set[str]:
        """Every module name imported anywhere in the exercise, dotted names included, but the
        modules its env section makes itself (provided_modules)."""
        provided = self.provided_modules()
        return {name for name in imported_modules(self.sources) if name.split(".")[0] not in provided}

    def provided_modules(self) -> set[str]:
        """The modules env makes at run time, `provide_module("slugs", CORRECT)` (pytest_runner):
        the learner imports them, no package brings them."""
        env = self.sections.get("env")
        if env is None:
            return set()
        return {
            node.args[0].value
            for node in ast.walk(ast.parse(env.source))
            if isinstance(node, ast.Call)
            and str(getattr(node.func, "id", getattr(node.func, "attr", ""))).lstrip("_") == "provide_module"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        }

    def page_problems(self) -> list[str]:
        """What keeps this exercise out of its page: its statement, exo.py and remark (empty: none)."""
        found = []
        for name in REQUIRED_FILES:
            if not (self.folder / name).is_file():
                found.append(f"{self.folder / name}: missing; every exercise folder has {', '.join(REQUIRED_FILES)}")
        if self.statement_file.is_file():
            statement = self.statement_file.read_text(encoding="utf-8").lstrip()
            if not STATEMENT_TITLE.match(statement):
                found.append(f"{self.statement_file}:1: must start with a '### <title>' heading")
        if self.exo_file.is_file():
            try:
                _ = self.sections  # parsed here so that its problems are listed with the rest
            except ExerciseError as error:
                found.append(str(error))
            else:
                found.extend(self.payload_problems())
        return found

    def payloads(self) -> dict[str, list]:
        """The attack lists of the hidden checks, by name: each `<NAME>_PAYLOADS = [...]` assigned at
        the top level of secrets. A list that is not a literal is an ExerciseError: the remark must
        be able to show it as it is."""
        secrets = self.sections.get("secrets")
        if secrets is None:
            return {}
        found = {}
        for node in ast.parse(secrets.source).body:
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            for target in targets:
                if isinstance(target, ast.Name) and PAYLOAD_LIST.match(target.id) and node.value is not None:
                    line = secrets.first_line + node.lineno - 1
                    try:
                        value = ast.literal_eval(node.value)
                    except ValueError:
                        raise ExerciseError(
                            f"{self.exo_file}:{line}: {target.id} must be a literal list (strings, tuples, "
                            "dicts), so that the remark can show each payload; build computed attacks apart"
                        ) from None
                    if not isinstance(value, list):
                        raise ExerciseError(f"{self.exo_file}:{line}: {target.id} must be a list")
                    found[target.id] = value
        return found

    def payload_problems(self) -> list[str]:
        """What the remark misses of the attack lists: every payload, as its repr(), and their total,
        in words such as "your code stopped these 14 payloads" (empty: nothing missing)."""
        try:
            payloads = self.payloads()
        except ExerciseError as error:
            return [str(error)]
        remark_file = self.folder / "exo_REM.md"
        if not payloads or not remark_file.is_file():
            return []
        remark = remark_file.read_text(encoding="utf-8")
        total = sum(len(items) for items in payloads.values())
        found = []
        if not re.search(rf"\bthese {total}\b", remark):
            found.append(
                f"{remark_file}: must name the number of attack payloads the checks send, as 'these {total} "
                f"payloads' ({', '.join(payloads)} hold {total})"
            )
        for name, items in payloads.items():
            missing = [repr(item) for item in items if repr(item) not in remark]
            if missing:
                found.append(
                    f"{remark_file}: does not show {len(missing)} payload(s) of {name}, each as its repr() "
                    f"in a text block: {', '.join(missing)}"
                )
        return found

    def problems(self) -> list[str]:
        """Everything that keeps this folder from being a well-formed exercise (empty: none):
        what its page needs, and its known-wrong answers."""
        found = self.page_problems()
        for stray in sorted(self.folder.glob(f"{PREFIX}*.py")):
            found.append(
                f"{stray}: a wrong answer is stored as a patch against the solution: "
                f"python -m courseware.wrong_answers save {self.slug} {stray}"
            )
        if found:
            return found  # the wrong answers are patches of a solution that cannot be read yet
        count = len(self.wrong_answer_files)
        if count < MIN_WRONG_ANSWERS:
            found.append(
                f"{self.folder}: has {count} wrong_<mistake>{SUFFIX} file(s); at least {MIN_WRONG_ANSWERS} are needed"
            )
        for path in self.wrong_answer_files:
            try:
                self.wrong_answer(path.name)
            except ExerciseError as error:
                found.append(str(error))
        shared = self.names_a_learner_may_reuse()
        if shared:
            found.append(
                f"{self.exo_file}: the checks define {', '.join(shared)}, in the namespace the learner's code shares "
                "in the page: a correct answer defining one of them breaks the checks. Prefix them with '_' "
                "(CONTRIBUTING.md, 'one namespace'), or show them to the learner in the statement's code"
            )
        return found

    def names_a_learner_may_reuse(self) -> list[str]:
        """The global names env, tests and secrets define that the statement does not hand to the learner
        (in its code) and that do not start with '_': a learner may define the same name, for something else."""
        statement = self.statement_file.read_text(encoding="utf-8")
        shown = set(
            re.findall(r"\w+", " ".join(block + inline for block, inline in CODE_IN_MARKDOWN.findall(statement)))
        )
        defined: set[str] = set()
        for name in ("env", "tests", "secrets"):
            if name in self.sections:
                defined |= global_names(self.sections[name].source)
        return sorted(
            name for name in defined if not name.startswith("_") and not PAYLOAD_LIST.match(name) and name not in shown
        )


# What a statement shows as code: fenced blocks (not their "```python" line) and inline `code`.
CODE_IN_MARKDOWN = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.S)


def global_names(source: str) -> set[str]:
    """The names a section binds at module level: definitions, assignments, loop and `with` targets, and
    imports, at any depth of its top-level blocks (if, for, try...), never inside a function or class."""
    found: set[str] = set()
    pending = list(ast.parse(source).body)
    while pending:
        node = pending.pop()
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            found.add(node.name)
            continue  # its body has a scope of its own
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            found |= {(alias.asname or alias.name).split(".")[0] for alias in node.names if alias.name != "*"}
            continue
        if isinstance(node, (ast.Lambda, ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            continue
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            found.add(node.id)
        if isinstance(node, ast.ExceptHandler) and node.name:
            found.add(node.name)
        pending.extend(ast.iter_child_nodes(node))
    return found


def load(slug: str, root: Path = EXERCISES_DIR, *, for_page: bool = False) -> Exercise:
    """Read the exercise `<chapter>/<name>` under root, strictly: ExerciseError lists every problem
    (with `for_page`, only those that keep it out of its page)."""
    exercise = Exercise.at(slug, root)
    problems = exercise.page_problems() if for_page else exercise.problems()
    if problems:
        raise ExerciseError("\n".join(problems))
    return exercise


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
    """Split a PMT exercise file into its sections; raise ExerciseError naming the file and line."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    except FileNotFoundError:
        raise ExerciseError(f"{path}: missing; every exercise folder has {', '.join(REQUIRED_FILES)}") from None
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


def discover_slugs(root: Path = EXERCISES_DIR) -> list[str]:
    """Every folder that holds an exo.py, as '<chapter>/<name>'."""
    return sorted(p.parent.relative_to(root).as_posix() for p in root.glob("*/*/exo.py"))


def _check_syntax(path: Path, source: str, first_line: int) -> None:
    try:
        Section(path.name, source, first_line).compiled(path)
    except SyntaxError as error:
        raise ExerciseError(f"{path}:{error.lineno}: syntax error: {error.msg}") from None
