"""Every page of the site: it loads without errors, asks nothing it should not, and has no
serious or critical accessibility finding (axe-core, every rule, the whole page)."""

from __future__ import annotations

import pytest

from courseware.project import PROJECT_ROOT
from tests.support.browser import assert_clean_traffic
from tests.support.ide import wait_for_pyodide
from tests.support.site import page_url

AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
PAGES = [
    page_url(p.relative_to(PROJECT_ROOT / "docs").as_posix()) for p in sorted((PROJECT_ROOT / "docs").rglob("*.md"))
]
PAGES.append("404.html")  # GitHub Pages serves it for any unknown address


def axe_findings(page, impacts=("serious", "critical")) -> list[str]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
        if v["impact"] in impacts
    ]


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_cleanly_and_is_accessible(learner, site, traffic, path):
    learner.goto(site.base_url + path)
    if learner.locator(".py_mk_ide").count():
        wait_for_pyodide(learner)
    learner.wait_for_load_state("networkidle")
    findings = axe_findings(learner)
    assert not findings, f"{path}: accessibility findings:\n" + "\n".join(findings)
    assert_clean_traffic(traffic, site)
