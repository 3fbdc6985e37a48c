"""The site builds strictly, embeds every exercise once, and works under a sub-path."""

from __future__ import annotations

import collections
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from courseware.exercise import PROJECT_ROOT, discover_slugs, embeds, load, page_url
from tests.support.site import SUB_PATH, build_site

DOCS = PROJECT_ROOT / "docs"


def pages_embedding() -> dict[str, list[str]]:
    """slug -> the pages that embed it."""
    found = collections.defaultdict(list)
    for page, slugs in embeds(DOCS).items():
        for slug in slugs:
            found[slug].append(page)
    return found


def test_every_exercise_is_embedded_in_exactly_one_page():
    pages = pages_embedding()
    wrong = {slug: pages.get(slug, []) for slug in discover_slugs() if len(pages.get(slug, [])) != 1}
    assert not wrong, f"each exercise belongs to exactly one page (slug: pages): {wrong}"


def test_every_embed_names_an_exercise():
    unknown = {slug: pages for slug, pages in pages_embedding().items() if slug not in discover_slugs()}
    assert not unknown, f"embeds of exercises that do not exist: {unknown}"


def test_each_embed_becomes_an_editor_and_its_statement(site):
    for page, slugs in embeds(DOCS).items():
        html = (site.root / page_url(page) / "index.html").read_text(encoding="utf-8")
        editors = re.findall(r'class="[^"]*\bpy_mk_ide\b', html)
        assert len(editors) == len(slugs), f"{page}: {len(slugs)} exercises embedded, {len(editors)} editors built"
        for slug in slugs:
            title = load(slug).statement_file.read_text(encoding="utf-8").splitlines()[0]
            assert title.removeprefix("### ") in html, f"{page}: the statement of {slug} is missing"


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
    netloc = urlsplit(site.base_url).netloc
    pages = sorted(site.root.rglob("*.html"))
    assert len(pages) >= 3, f"too few pages built: {pages}"
    for page in pages:
        page_path = "/" + page.relative_to(site.root).as_posix()
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for url in parser.urls:
            parts = urlsplit(url)
            if (
                parts.scheme in ("http", "https")
                and parts.netloc != netloc
                or parts.scheme in ("mailto", "data", "javascript")
            ):
                continue
            if not parts.path:
                continue  # a fragment on the same page
            target = urlsplit(urljoin(site.base_url + page_path.lstrip("/"), url)).path
            if not target.startswith(SUB_PATH):
                broken.append(f"{page_path}: {url} leaves the site's sub-path {SUB_PATH}")
                continue
            local = site.root / unquote(target.removeprefix(SUB_PATH))
            if local.is_dir():
                local /= "index.html"
            if not local.is_file():
                broken.append(f"{page_path}: {url} -> {target} does not exist")
    assert not broken, "\n".join(broken[:30])


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('{{ exercise("wsgi_asgi/no_such_exercise") }}', "unknown exercise 'wsgi_asgi/no_such_exercise'"),
        ('Try {{ exercise("wsgi_asgi/hello_wsgi") }} now.', "must stand alone on its own line"),
        (
            '{{ exercise("wsgi_asgi/hello_wsgi") }}\n\n{{ exercise("wsgi_asgi/hello_wsgi") }}',
            "embed each exercise once",
        ),
    ],
)
def test_a_bad_embed_fails_the_build_with_a_clear_message(tmp_path, line, said):
    # PMT wants docs_dir below the working directory and finds macros/ beside the config:
    # so the scratch config sits in the project root and its docs in the ignored build/.
    # Unique names: pytest workers running other cases of this test share the project root.
    (PROJECT_ROOT / "build").mkdir(exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix="scratch-", dir=PROJECT_ROOT / "build"))
    config = PROJECT_ROOT / f"mkdocs-{scratch.name}.yml"
    try:
        (scratch / "docs").mkdir()
        (scratch / "docs" / "index.md").write_text(f"# Scratch\n\n{line}\n")
        config.write_text(
            f"INHERIT: mkdocs.yml\ndocs_dir: {scratch.relative_to(PROJECT_ROOT)}/docs\nnav:\n  - index.md\n"
        )
        done = build_site(f"http://127.0.0.1:8000{SUB_PATH}", tmp_path / "site", config)
    finally:
        config.unlink(missing_ok=True)
        shutil.rmtree(scratch, ignore_errors=True)
    assert done.returncode != 0, "the build should fail"
    assert said in done.stderr, f"the build failed without saying {said!r}:\n{done.stderr[-3000:]}"
