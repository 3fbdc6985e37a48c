"""samples/testing/coverage_and_mutants.py: two tests cover every line and branch yet let a mutant
survive; the boundary test kills every mutant of the rule."""

import ast
import inspect
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

from samples.testing import coverage_and_mutants
from samples.testing.coverage_and_mutants import shipping_cents

WEAK = ["test_a_small_order_pays_shipping", "test_a_big_order_ships_free"]
ALL = [*WEAK, "test_the_threshold_itself"]
PROJECT = Path(coverage_and_mutants.__file__).resolve().parents[2]  # where `samples` can be imported from
COMPARISONS = [ast.Gt, ast.GtE, ast.Lt, ast.LtE, ast.Eq, ast.NotEq]


def mutants():
    """Each small change a mutation tool would make to shipping_cents: another comparison, a constant off by one."""
    source = textwrap.dedent(inspect.getsource(shipping_cents))
    tree = ast.parse(source)
    nodes = list(ast.walk(tree))
    for index, node in enumerate(nodes):
        if isinstance(node, ast.Compare):
            for op in COMPARISONS:
                if not isinstance(node.ops[0], op):
                    yield (
                        f"{type(node.ops[0]).__name__}->{op.__name__}",
                        index,
                        lambda n, op=op: setattr(n, "ops", [op()]),
                    )
        if isinstance(node, ast.Constant) and isinstance(node.value, int):
            for delta in (-1, 1):
                yield f"{node.value}->{node.value + delta}", index, lambda n, d=delta: setattr(n, "value", n.value + d)


def build(index, change):
    tree = ast.parse(textwrap.dedent(inspect.getsource(shipping_cents)))
    change(list(ast.walk(tree))[index])
    namespace = {"FREE_SHIPPING_FROM": coverage_and_mutants.FREE_SHIPPING_FROM}
    exec(compile(ast.fix_missing_locations(tree), "<mutant>", "exec"), namespace)
    return namespace["shipping_cents"]


def survives(mutant, tests, monkeypatch):
    monkeypatch.setattr(coverage_and_mutants, "shipping_cents", mutant)
    try:
        for name in tests:
            getattr(coverage_and_mutants, name)()
    except AssertionError:
        return False
    finally:
        monkeypatch.undo()
    return True


def test_the_sample_tests_pass():
    for name in ALL:
        getattr(coverage_and_mutants, name)()


def test_the_weak_tests_let_the_boundary_mutant_survive_and_the_full_set_kills_every_mutant(monkeypatch):
    results = {label: build(index, change) for label, index, change in mutants()}
    assert len(results) == 5 + 2 + 2  # five other comparisons, two returned constants moved by one
    survivors = {label for label, mutant in results.items() if survives(mutant, WEAK, monkeypatch)}
    assert survivors == {"GtE->Gt"}
    assert not [label for label, mutant in results.items() if survives(mutant, ALL, monkeypatch)]


def test_the_weak_tests_reach_full_line_and_branch_coverage(tmp_path):
    report = tmp_path / "coverage.json"
    script = f"""
import coverage
cov = coverage.Coverage(branch=True, data_file=None, config_file=False)
cov.start()
from samples.testing import coverage_and_mutants as sample
for name in {WEAK!r}:
    getattr(sample, name)()
cov.stop()
cov.json_report(morfs=[sample.__file__], outfile={str(report)!r})
"""
    env = {key: value for key, value in os.environ.items() if not key.startswith("COV")}
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, cwd=PROJECT, check=True
    )
    assert done.returncode == 0
    (measured,) = json.loads(report.read_text())["files"].values()
    start = shipping_cents.__code__.co_firstlineno
    rule = range(start, start + 4)  # the def line and the three lines of its body
    assert [line for line in measured["missing_lines"] if line in rule] == []
    assert [arc for arc in measured["missing_branches"] if arc[0] in rule] == []
    assert {line for line in measured["executed_lines"] if line in rule} == set(rule)
