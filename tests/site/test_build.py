"""The site builds strictly, embeds every exercise once, and works under a sub-path."""
from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from courseware.exercise import PROJECT_ROOT, discover_slugs

sys.path.insert(0, str(PROJECT_ROOT / "hooks"))
from exercises import EMBED  # noqa: E402  (hooks/exercises.py: the embed line the build rewrites)

MKDOCS = PROJECT_ROOT / ".venv" / "bin" / "mkdocs"
SUB_PATH = "/reliable-python-web/"  # as on GitHub Pages: https://<owner>.github.io/<repo>/
DOCS = PROJECT_ROOT / "docs"


def build(tmp: Path, config: Path = PROJECT_ROOT / "mkdocs.yml") -> subprocess.CompletedProcess:
    env = {**os.environ, "SITE_URL": f"http://127.0.0.1:8000{SUB_PATH}", "PMT_PROJECT_IDS_LOCAL_FILE": str(tmp / "ids.json")}
    return subprocess.run([str(MKDOCS), "build", "--strict", "-f", str(config), "-d", str(tmp / "site")],
                          cwd=PROJECT_ROOT, env=env, capture_output=True, text=True, timeout=300)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("build")
    done = build(tmp)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr[-4000:]}"
    problems = [line for line in done.stderr.splitlines() if re.match(r"(WARNING|ERROR)\b", line)]
    assert not problems, "the strict build logged problems:\n" + "\n".join(problems)
    return tmp / "site"


def embeds() -> dict[str, list[str]]:
    """slug -> pages embedding it, read from the Markdown sources."""
    found = collections.defaultdict(list)
    for page in sorted(DOCS.rglob("*.md")):
        for match in EMBED.finditer(page.read_text(encoding="utf-8")):
            found[match["slug"]].append(page.relative_to(DOCS).as_posix())
    return found


def test_every_exercise_is_embedded_in_exactly_one_page():
    pages = embeds()
    wrong = {slug: pages.get(slug, []) for slug in discover_slugs() if len(pages.get(slug, [])) != 1}
    assert not wrong, f"each exercise belongs to exactly one page (slug: pages): {wrong}"


def test_every_embed_names_an_exercise():
    unknown = {slug: pages for slug, pages in embeds().items() if slug not in discover_slugs()}
    assert not unknown, f"embeds of exercises that do not exist: {unknown}"


def test_each_embed_becomes_an_editor_and_its_statement(site):
    for page, slugs in _pages_with_embeds().items():
        html = (site / page.removesuffix(".md").removesuffix("index").strip("/") / "index.html").read_text(encoding="utf-8")
        editors = re.findall(r'class="[^"]*\bpy_mk_ide\b', html)
        assert len(editors) == len(slugs), f"{page}: {len(slugs)} exercises embedded, {len(editors)} editors built"
        for slug in slugs:
            title = (PROJECT_ROOT / "exercises" / slug / "statement.md").read_text(encoding="utf-8").splitlines()[0]
            assert title.removeprefix("### ") in html, f"{page}: the statement of {slug} is missing"


def _pages_with_embeds() -> dict[str, list[str]]:
    pages = collections.defaultdict(list)
    for slug, where in embeds().items():
        for page in where:
            pages[page].append(slug)
    return pages


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.urls.append(value)


def test_every_internal_link_and_asset_resolves_under_the_sub_path(site):
    broken = []
    pages = sorted(site.rglob("*.html"))
    assert len(pages) >= 3, f"too few pages built: {pages}"
    for page in pages:
        page_url = "/" + page.relative_to(site).as_posix()
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") and parts.netloc != "127.0.0.1:8000" or parts.scheme in ("mailto", "data", "javascript"):
                continue
            if not parts.path:
                continue  # a fragment on the same page
            target = parts.path if parts.path.startswith("/") else _join(SUB_PATH + page_url.lstrip("/"), parts.path)
            if not target.startswith(SUB_PATH):
                broken.append(f"{page_url}: {url} leaves the site's sub-path {SUB_PATH}")
                continue
            local = site / unquote(target.removeprefix(SUB_PATH))
            if local.is_dir():
                local /= "index.html"
            if not local.is_file():
                broken.append(f"{page_url}: {url} -> {target} does not exist")
    assert not broken, "\n".join(broken[:30])


def _join(base: str, relative: str) -> str:
    parts = base.split("/")[:-1] + relative.split("/")
    resolved = []
    for part in parts:
        if part == "..":
            resolved = resolved[:-1]
        elif part != ".":
            resolved.append(part)
    return "/".join(resolved) if resolved[0] == "" else "/" + "/".join(resolved)


@pytest.mark.parametrize(("line", "said"), [
    ('{{ exercise("wsgi_asgi/no_such_exercise") }}', "unknown exercise 'wsgi_asgi/no_such_exercise'"),
    ('Try {{ exercise("wsgi_asgi/hello_wsgi") }} now.', "must stand alone on its own line"),
    ('{{ exercise("wsgi_asgi/hello_wsgi") }}\n\n{{ exercise("wsgi_asgi/hello_wsgi") }}', "embed each exercise once"),
])
def test_a_bad_embed_fails_the_build_with_a_clear_message(tmp_path, line, said):
    # PMT wants docs_dir below the working directory and finds macros/ beside the config:
    # so the scratch config sits in the project root and its docs in the ignored build/.
    scratch = PROJECT_ROOT / "build" / f"scratch-{tmp_path.name}"
    config = PROJECT_ROOT / f"mkdocs-scratch-{tmp_path.name}.yml"
    try:
        (scratch / "docs").mkdir(parents=True)
        (scratch / "docs" / "index.md").write_text(f"# Scratch\n\n{line}\n")
        config.write_text(f"INHERIT: mkdocs.yml\ndocs_dir: {scratch.relative_to(PROJECT_ROOT)}/docs\nnav:\n  - index.md\n")
        done = build(tmp_path, config)
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
    assert done.returncode != 0, "the build should fail"
    assert said in done.stderr, f"the build failed without saying {said!r}:\n{done.stderr[-3000:]}"
