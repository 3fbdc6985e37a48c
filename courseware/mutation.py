"""Mutation testing of the exercises' checks: small changes of a solution that the checks must reject.

    python -m courseware.mutation [<chapter>/<name> ...] [--jobs N] [--json] [--show-survivors]

For each exercise, mutants of its `corr` section are generated (below) and validated as the
browser does (env, mutant, tests, secrets), in this interpreter: run it with the environment
that mirrors the browser (`make mutation` does). A mutant that passes every check is a
**survivor**: a wrong solution a learner would be told is right. Each survivor is either killed
by a new check, or declared **equivalent** (it changes nothing the exercise asks for) in the
exercise's `equivalent_mutants.txt`, one per line: `<mutant id>  # <why it is equivalent>`.

Shape mutants replace a whole function of the solution by one that returns None, raises, or
returns a value of the wrong type: the learner must get a failed check with a message and a
`Hint:`, never a crash inside the checks.

Why not mutmut or cosmic-ray: both mutate files of an importable package and run a test
command per mutant (cosmic-ray: a process per mutant, about a second each), and neither
removes calls, arguments or whole statements as asked here. A solution is a section of
exo.py run by exec(), so mutants are made from its syntax tree with the usual operators of
the mutation-testing literature (relational, arithmetic and logical operator replacement,
constants, statement deletion) and run in-process, about 10 ms each.
"""

from __future__ import annotations

import ast
import contextlib
import copy
import io
import json
import re
import sys
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from courseware.exercise import Exercise, ExerciseError, Section, discover_slugs
from courseware.run_check import HINT, run_sections

EQUIVALENTS_FILE = "equivalent_mutants.txt"
COMPARE_SWAPS = {
    ast.Lt: ast.LtE, ast.LtE: ast.Lt, ast.Gt: ast.GtE, ast.GtE: ast.Gt, ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq, ast.In: ast.NotIn, ast.NotIn: ast.In, ast.Is: ast.IsNot, ast.IsNot: ast.Is,
}  # fmt: skip
BINOP_SWAPS = {
    ast.Add: ast.Sub, ast.Sub: ast.Add, ast.Mult: ast.Div, ast.Div: ast.Mult, ast.FloorDiv: ast.Div,
    ast.Mod: ast.FloorDiv, ast.Pow: ast.Mult, ast.BitOr: ast.BitAnd, ast.BitAnd: ast.BitOr,
}  # fmt: skip
MAX_ELEMENTS = 8  # containers larger than this are data, not logic: their elements are not dropped one by one


@dataclass(frozen=True)
class Mutant:
    id: str  # "<operator> <detail> @<line>:<column>", stable while the solution's line does not change
    source: str
    shape: bool = False  # a whole-function replacement: the checks must answer it with a message


def _paths(node: ast.AST, path=()) -> Iterator[tuple[tuple, ast.AST]]:
    """Every node under `node` with the path of fields and indexes that reaches it."""
    yield path, node
    for name, value in ast.iter_fields(node):
        if isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, ast.AST):
                    yield from _paths(item, (*path, (name, index)))
        elif isinstance(value, ast.AST):
            yield from _paths(value, (*path, (name, None)))


def _at(tree: ast.AST, path: tuple) -> ast.AST:
    for name, index in path:
        tree = getattr(tree, name) if index is None else getattr(tree, name)[index]
    return tree


def _replace(tree: ast.AST, path: tuple, new) -> None:
    """Put `new` (a node, or None to delete a list item) where `path` leads."""
    parent, (name, index) = _at(tree, path[:-1]), path[-1]
    if index is None:
        setattr(parent, name, new)
    elif new is None:
        del getattr(parent, name)[index]
    else:
        getattr(parent, name)[index] = new


def _docstrings(tree: ast.AST) -> set[int]:
    """ids of the string constants that are docstrings (their text changes nothing a check sees)."""
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.body:
            first = node.body[0]
            if (
                isinstance(first, ast.Expr)
                and isinstance(first.value, ast.Constant)
                and isinstance(first.value.value, str)
            ):
                found.add(id(first.value))
                found.add(id(first))
    return found


def _edits(tree: ast.AST) -> Iterator[tuple[str, tuple, object]]:
    """(name, path, edit) for every mutation of `tree`; edit(node) returns the new node, or None to delete it."""
    docstrings = _docstrings(tree)
    for path, node in _paths(tree):
        if isinstance(node, ast.Compare):
            for i, op in enumerate(node.ops):
                if type(op) in COMPARE_SWAPS:
                    new = COMPARE_SWAPS[type(op)]
                    yield f"compare {type(op).__name__}->{new.__name__}", path, _set_op(i, new)
        elif isinstance(node, ast.BoolOp):
            other = ast.Or if isinstance(node.op, ast.And) else ast.And
            yield f"boolop {type(node.op).__name__}->{other.__name__}", path, _with(op=other())
            for i in range(len(node.values)):
                yield f"boolop drop operand {i + 1}", path, _drop_operand(i)
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not):
            yield "not removed", path, lambda n: n.operand
        elif isinstance(node, (ast.BinOp, ast.AugAssign)) and type(node.op) in BINOP_SWAPS:
            new = BINOP_SWAPS[type(node.op)]
            yield f"binop {type(node.op).__name__}->{new.__name__}", path, _with(op=new())
        elif isinstance(node, ast.Constant) and id(node) not in docstrings:
            yield from _constant_edits(path, node)
        elif isinstance(node, ast.Return) and node.value is not None and not _is_none(node.value):
            yield "return None", path, _with(value=ast.Constant(None))
        elif isinstance(node, ast.Call):
            yield from _call_edits(path, node)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)) and 1 < len(node.elts) <= MAX_ELEMENTS:
            for i in range(len(node.elts)):
                yield f"drop element {i + 1}", path, _drop_element("elts", i)
        elif isinstance(node, ast.Dict) and 1 < len(node.keys) <= MAX_ELEMENTS and None not in node.keys:
            for i in range(len(node.keys)):
                yield f"drop key {i + 1}", path, _drop_key(i)
        elif isinstance(node, (ast.If, ast.IfExp, ast.While)):
            yield "condition True", path, _with(test=ast.Constant(True))
            yield "condition False", path, _with(test=ast.Constant(False))
        elif isinstance(node, (ast.For, ast.AsyncFor)):
            yield "zero iterations", path, _with(iter=ast.List(elts=[], ctx=ast.Load()))
        if _deletable(node, docstrings) and path and path[-1][1] is not None:
            yield f"delete {type(node).__name__}", path, lambda n: ast.Pass()


def _constant_edits(path, node: ast.Constant):
    value = node.value
    if isinstance(value, bool):
        yield f"constant {value}->{not value}", path, _with(value=not value)
    elif isinstance(value, (int, float)):
        yield f"constant {value!r}->{value + 1!r}", path, _with(value=value + 1)
        yield f"constant {value!r}->{value - 1!r}", path, _with(value=value - 1)
    elif isinstance(value, str):
        if value:
            yield f"constant {_short(value)}->''", path, _with(value="")
            yield f"constant {_short(value)}->XX", path, _with(value="XX" + value + "XX")
        else:
            yield "constant ''->'XX'", path, _with(value="XX")
    elif isinstance(value, bytes):
        yield f"constant {_short(value)}->b''", path, _with(value=b"" if value else b"XX")


def _call_edits(path, node: ast.Call):
    if len(node.args) == 1 and not node.keywords and not isinstance(node.args[0], ast.Starred):
        yield f"unwrap {_short(ast.unparse(node.func))}()", path, lambda n: n.args[0]
    if len(node.args) >= 2 and not any(isinstance(a, ast.Starred) for a in node.args[:2]):
        yield f"swap arguments of {_short(ast.unparse(node.func))}()", path, _swap_first_arguments
    for i, keyword in enumerate(node.keywords):
        if keyword.arg is not None:
            yield f"drop {keyword.arg}= of {_short(ast.unparse(node.func))}()", path, _drop_keyword(i)


def _deletable(node, docstrings) -> bool:
    return (
        isinstance(node, ast.stmt)
        and id(node) not in docstrings
        and not isinstance(
            node, (ast.Pass, ast.Import, ast.ImportFrom, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)
        )
    )


def _short(text) -> str:
    text = repr(text) if not isinstance(text, str) else text
    return text if len(text) <= 24 else text[:21] + "..."


def _is_none(node) -> bool:
    return isinstance(node, ast.Constant) and node.value is None


def _with(**fields):
    def edit(node):
        for name, value in fields.items():
            setattr(node, name, value)
        return node

    return edit


def _set_op(index, new):
    def edit(node):
        node.ops[index] = new()
        return node

    return edit


def _drop_operand(index):
    def edit(node):
        del node.values[index]
        return node if len(node.values) > 1 else node.values[0]

    return edit


def _drop_element(name, index):
    def edit(node):
        del getattr(node, name)[index]
        return node

    return edit


def _drop_key(index):
    def edit(node):
        del node.keys[index]
        del node.values[index]
        return node

    return edit


def _drop_keyword(index):
    def edit(node):
        del node.keywords[index]
        return node

    return edit


def _swap_first_arguments(node):
    node.args[0], node.args[1] = node.args[1], node.args[0]
    return node


def _shape_edits(tree: ast.Module) -> Iterator[tuple[str, tuple, object]]:
    """Replace each function of the solution (and each method of its classes) by a wrong shape."""
    for path, node in _paths(tree):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            for label, body in (
                ("returns None", "return None"),
                ("raises", "raise RuntimeError('a bug in the learner code')"),
                ("returns an int", "return 42"),
            ):
                yield f"shape {node.name}() {label}", path, _with(body=ast.parse(body).body)


def mutants(source: str) -> list[Mutant]:
    """Every mutant of `source`, deterministic, without duplicates or mutants equal to `source`."""
    tree = ast.parse(source)
    original = ast.unparse(tree)
    found: dict[str, Mutant] = {}
    for generator, shape in ((_edits, False), (_shape_edits, True)):
        for name, path, edit in list(generator(tree)):
            mutated = copy.deepcopy(tree)
            node = _at(mutated, path)
            where = f"@{node.lineno}:{node.col_offset}" if hasattr(node, "lineno") else "@module"
            _replace(mutated, path, edit(node))
            ast.fix_missing_locations(mutated)
            try:
                text = ast.unparse(mutated)
                compile(text, "<mutant>", "exec", flags=ast.PyCF_ALLOW_TOP_LEVEL_AWAIT, dont_inherit=True)
            except (SyntaxError, ValueError):
                continue  # e.g. a body left empty
            if text != original and text not in {m.source for m in found.values()}:
                mutant_id = f"{name} {where}"
                found.setdefault(mutant_id, Mutant(mutant_id, text, shape))
    return list(found.values())


@dataclass
class Result:
    slug: str
    mutants: int = 0
    killed: int = 0
    timeouts: int = 0  # killed by the time limit (an endless loop)
    equivalent: int = 0
    survivors: list[dict] = field(default_factory=list)  # {"id", "diff"}
    crashes: list[dict] = field(default_factory=list)  # shape mutants answered without a message
    problems: list[str] = field(default_factory=list)  # stale or wrong equivalence declarations
    seconds: float = 0.0

    @property
    def score(self) -> float:
        relevant = self.mutants - self.equivalent
        return self.killed / relevant if relevant else 1.0

    @property
    def ok(self) -> bool:
        return not self.survivors and not self.crashes and not self.problems


def read_equivalents(exercise: Exercise) -> dict[str, str]:
    """Declared equivalent mutants: id -> reason. A line without a reason is an error."""
    path = exercise.folder / EQUIVALENTS_FILE
    if not path.is_file():
        return {}
    declared = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        mutant_id, _, reason = line.partition("  # ")
        if not reason.strip():
            raise ExerciseError(f"{path}:{number}: write '<mutant id>  # <why it is equivalent>'")
        declared[mutant_id.strip()] = reason.strip()
    return declared


def mutate_exercise(slug_or_folder: str) -> Result:
    """Generate and run every mutant of one exercise, in this interpreter."""
    started = time.monotonic()
    exercise = Exercise.find(slug_or_folder)
    result = Result(exercise.slug)
    solution = exercise.sections["corr"]
    baseline = time.monotonic()
    with contextlib.redirect_stderr(io.StringIO()):
        reference = run_sections(exercise, "corr", solution, exercise.exo_file)
    if not reference.passed:
        result.problems.append(f"the solution itself fails ({reference.error}: {reference.message}): fix it first")
        return result
    limit = max(2.0, 20 * (time.monotonic() - baseline))
    declared = read_equivalents(exercise)
    generated = mutants(solution.source)
    known = {m.id for m in generated}
    result.problems += [
        f"{EQUIVALENTS_FILE}: {i!r} is no mutant of today's solution: remove it" for i in declared if i not in known
    ]
    for mutant in generated:
        result.mutants += 1
        with contextlib.redirect_stderr(io.StringIO()):  # what the mutant's app logs is not the report's
            outcome = run_sections(
                exercise, mutant.id, Section("corr", mutant.source, 1), Path(f"<mutant {mutant.id}>"), time_limit=limit
            )
        if outcome.passed:
            if mutant.id in declared:
                result.equivalent += 1
            else:
                result.survivors.append({"id": mutant.id, "diff": _diff(solution.source, mutant.source)})
            continue
        if mutant.id in declared:
            result.problems.append(
                f"{EQUIVALENTS_FILE}: {mutant.id!r} is killed by the checks, so not equivalent: remove it"
            )
        result.killed += 1
        result.timeouts += outcome.error == "TimeLimit"
        if mutant.shape and (not outcome.assertion or HINT not in outcome.message):
            result.crashes.append(
                {"id": mutant.id, "stage": outcome.stage, "error": f"{outcome.error}: {outcome.message}"[:400]}
            )
    result.seconds = round(time.monotonic() - started, 2)
    return result


def _diff(before: str, after: str) -> str:
    import difflib

    old = ast.unparse(ast.parse(before)).splitlines()
    return "\n".join(difflib.unified_diff(old, after.splitlines(), "solution", "mutant", n=1, lineterm=""))


def _in_fresh_process(slug: str) -> dict:
    """One exercise in a process of its own (a mutant may leave state behind in the interpreter)."""
    import resource

    # A mutant that grows a list forever meets this before it meets the machine's memory.
    resource.setrlimit(resource.RLIMIT_AS, (4 * 1024**3, 4 * 1024**3))
    try:
        return asdict(mutate_exercise(slug))
    except ExerciseError as error:
        return asdict(Result(slug, problems=[str(error)]))


def run_all(slugs: list[str], jobs: int) -> list[Result]:
    with ProcessPoolExecutor(max_workers=jobs, max_tasks_per_child=1) as pool:
        return [Result(**fields) for fields in pool.map(_in_fresh_process, slugs)]


def report(results: list[Result], show_survivors: bool = True) -> str:
    width = max([len(r.slug) for r in results] + [8])
    lines = [f"{'exercise':<{width}}  mutants  killed  survivors  equivalent  score    time"]
    for r in results:
        lines.append(
            f"{r.slug:<{width}}  {r.mutants:>7}  {r.killed:>6}  {len(r.survivors):>9}  {r.equivalent:>10}  "
            f"{r.score:>6.1%}  {r.seconds:>5.1f}s"
        )
    for r in results:
        for problem in r.problems:
            lines.append(f"PROBLEM {r.slug}: {problem}")
        for crash in r.crashes:
            lines.append(
                f"CRASH {r.slug}: {crash['id']}: at {crash['stage']}, {crash['error']} (expected a message with a hint)"
            )
        for survivor in r.survivors if show_survivors else ():
            lines.append(f"SURVIVOR {r.slug}: {survivor['id']}\n" + re.sub(r"(?m)^", "    ", survivor["diff"]))
    killed = sum(r.killed for r in results)
    relevant = sum(r.mutants - r.equivalent for r in results)
    lines.append(f"mutation score: {killed}/{relevant} = {killed / relevant if relevant else 1:.1%}")
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    as_json = "--json" in argv
    jobs = int(argv[argv.index("--jobs") + 1]) if "--jobs" in argv else 2
    slugs = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or argv[i - 1] != "--jobs")]
    unknown = [s for s in slugs if s not in discover_slugs() and not Path(s).is_dir()]
    if unknown:
        print(
            f"mutation: unknown exercise(s) {', '.join(unknown)}; known: {', '.join(discover_slugs())}", file=sys.stderr
        )
        return 2
    results = run_all(slugs or discover_slugs(), jobs)
    print(json.dumps([asdict(r) for r in results]) if as_json else report(results))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
