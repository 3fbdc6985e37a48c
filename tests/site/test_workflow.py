"""The GitHub Pages workflow is valid, safe, tests before it publishes, and uses the official actions."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from courseware.exercise import PROJECT_ROOT

BIN = PROJECT_ROOT / ".venv" / "bin"
WORKFLOWS = sorted((PROJECT_ROOT / ".github" / "workflows").glob("*.yml"))
# Commit SHAs of actions cannot be looked up offline, so unpinned versions are the one finding allowed.
ALLOWED_FINDINGS = {"unpinned-uses"}


def test_there_is_a_workflow():
    assert WORKFLOWS, "no workflow in .github/workflows"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_matches_githubs_workflow_schema(workflow):
    done = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows", str(workflow)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_zizmor_finds_nothing_at_medium_or_higher():
    done = subprocess.run(
        [str(BIN / "zizmor"), "--offline", "--format", "json", str(PROJECT_ROOT / ".github" / "workflows")],
        capture_output=True,
        text=True,
    )
    findings = json.loads(done.stdout)
    serious = [
        f"{f['ident']} ({f['determinations']['severity']}): {f['desc']} at "
        + ", ".join(
            f"{loc['symbolic']['key']['Local']['verbatim_path']}:{loc['concrete']['location']['start_point']['row'] + 1}"
            for loc in f["locations"]
        )
        for f in findings
        if f["determinations"]["severity"] in ("Medium", "High") and f["ident"] not in ALLOWED_FINDINGS
    ]
    assert not serious, "\n".join(serious)


def test_pages_workflow_tests_then_deploys_with_the_official_actions():
    workflow = yaml.safe_load((PROJECT_ROOT / ".github" / "workflows" / "pages.yml").read_text())
    jobs = workflow["jobs"]
    used = {step.get("uses", "").split("@")[0] for job in jobs.values() for step in job["steps"]}
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= used
    assert any(step.get("run") == "make test" for step in jobs["test"]["steps"]), (
        "the workflow must run the README's `make test`"
    )
    assert any(step.get("env", {}).get("BROWSER_ASSETS") == "online" for step in jobs["test"]["steps"]), (
        "on GitHub the browser suite runs against the real CDN and PyPI"
    )
    assert jobs["build"]["needs"] == "test" and jobs["deploy"]["needs"] == "build", "publish only what passed the tests"
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert workflow["permissions"] == {}, "no job gets more than it declares"
