"""The site builds strictly, embeds every exercise once, and works under a sub-path."""

from __future__ import annotations

import collections
import concurrent.futures
import importlib
import inspect
import re
from html.parser import HTMLParser
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from courseware.exercise import Exercise, discover_slugs
from courseware.project import PROJECT_ROOT, build_inputs
from tests.support.site import DOCS, SUB_PATH, build_site, copy_project, embeds, page_url

BUILD_URL = f"http://127.0.0.1:8000{SUB_PATH}"


def pages_embedding() -> dict[str, list[str]]:
    """slug -> the pages that embed it."""
    found = collections.defaultdict(list)
    for page, slugs in embeds(DOCS).items():
        for slug in slugs:
            found[slug].append(page)
    return found


def test_the_build_logs_no_warning(site):
    """What `mkdocs build --strict` would refuse: the served build's own log, kept by the fixture."""
    assert not site.log, "the build logged problems:\n" + "\n".join(site.log)


def test_the_strict_build_passes(tmp_path):
    """`make build`, as the Pages workflow runs it."""
    done = build_site(BUILD_URL, tmp_path / "site", strict=True)
    assert done.returncode == 0, f"mkdocs build --strict failed:\n{done.stderr[-4000:]}"


@pytest.mark.parametrize("slug", [pytest.param(slug, marks=pytest.mark.exercise(slug)) for slug in discover_slugs()])
def test_embedded_in_exactly_one_page(slug):
    pages = pages_embedding().get(slug, [])
    assert len(pages) == 1, (
        f"{slug} is embedded in {pages or 'no page'}: each exercise belongs to exactly one page, "
        f'on a line of its own: {{{{ exercise("{slug}") }}}}'
    )


def test_every_embed_names_an_exercise():
    unknown = {slug: pages for slug, pages in pages_embedding().items() if slug not in discover_slugs()}
    assert not unknown, f"embeds of exercises that do not exist: {unknown}"


def test_each_embed_becomes_an_editor_and_its_statement(site):
    for page, slugs in embeds(DOCS).items():
        html = (site.root / page_url(page) / "index.html").read_text(encoding="utf-8")
        editors = re.findall(r'class="[^"]*\bpy_mk_ide\b', html)
        assert len(editors) == len(slugs), f"{page}: {len(slugs)} exercises embedded, {len(editors)} editors built"
        headings = {
            " ".join(heading.get_text().split()) for heading in BeautifulSoup(html, "html.parser").find_all("h3")
        }
        for slug in slugs:
            title = Exercise.at(slug).statement_file.read_text(encoding="utf-8").splitlines()[0]
            shown = title.removeprefix("### ").replace("`", "")  # `select()` is shown as code
            assert any(shown in heading for heading in headings), f"{page}: the statement of {slug} is missing"


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


def project_files() -> set:
    """The project's top level and everything a build reads, bytecode caches aside (other tests write those)."""
    found = set(PROJECT_ROOT.iterdir())
    for name in build_inputs():
        found.update(p for p in (PROJECT_ROOT / name).rglob("*") if "__pycache__" not in p.parts)
    return found


def test_the_build_leaves_the_project_alone(tmp_path):
    """A build works in a copy: nothing appears in, or vanishes from, the project meanwhile."""
    before = project_files()
    done = build_site(BUILD_URL, tmp_path / "site", strict=False)
    assert done.returncode == 0, done.stderr[-2000:]
    after = project_files()
    assert after == before, f"a build changed the project: added {after - before}, removed {before - after}"


def test_two_builds_run_at_once(tmp_path):
    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        builds = list(pool.map(lambda name: build_site(BUILD_URL, tmp_path / name, strict=True), ["one", "two"]))
    assert [b.returncode for b in builds] == [0, 0], "\n".join(b.stderr[-1500:] for b in builds)
    assert (tmp_path / "one" / "course_helpers.zip").is_file() and (tmp_path / "two" / "course_helpers.zip").is_file()


def test_a_copy_holds_what_the_build_reads(tmp_path):
    copy = copy_project(tmp_path)
    for needed in ("mkdocs.yml", "docs/index.md", "hooks/exercises.py", "course_helpers/__init__.py", "samples"):
        assert (copy / needed).exists(), f"{needed} is missing from the build's copy: add it to mkdocs.yml's watch list"


def with_page(line: str):
    """A change to a build's copy: its home page holds `line`."""

    def change(root):
        index = root / "docs" / "index.md"
        index.write_text(index.read_text() + f"\n{line}\n")

    return change


@pytest.mark.parametrize(
    ("line", "said"),
    [
        ('{{ exercise("wsgi_asgi/no_such_exercise") }}', "unknown exercise 'wsgi_asgi/no_such_exercise'"),
        ('Try {{ exercise("wsgi_asgi/hello_wsgi") }} now.', "must stand alone on its own line"),
        ('{{ exercise("wsgi_asgi/hello_wsgi") }}', "embed each exercise once"),
    ],
    ids=["unknown", "inline", "twice"],
)
def test_a_bad_embed_fails_the_strict_build_with_a_clear_message(tmp_path, line, said):
    done = build_site(BUILD_URL, tmp_path / "site", strict=True, change=with_page(line))
    assert done.returncode != 0, "the build should fail"
    assert said in done.stderr, f"the build failed without saying {said!r}:\n{done.stderr[-3000:]}"


def test_a_broken_exercise_shows_its_error_in_its_page_and_spares_the_rest(tmp_path):
    """What `make serve` shows an author: the problem where the exercise would be; every other
    exercise still built. The strict build refuses the same change."""

    def break_one(root):
        exo = root / "exercises" / "wsgi_asgi" / "hello_wsgi" / "exo.py"
        exo.write_text(exo.read_text().replace("# --- PYODIDE:secrets --- #", "# --- PYODIDE:secret --- #"))

    done = build_site(BUILD_URL, tmp_path / "site", strict=False, change=break_one)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "unknown PMT section 'secret'" in done.stderr, done.stderr[-3000:]
    page = (tmp_path / "site" / "wsgi-asgi" / "index.html").read_text(encoding="utf-8")
    assert "cannot be shown" in page and "unknown PMT section" in page, "the page does not show the problem"
    editors = len(re.findall(r'class="[^"]*\bpy_mk_ide\b', page))
    assert editors == len(embeds(DOCS)["wsgi-asgi/index.md"]) - 1, "the other exercises of the page must still be built"
    strict = build_site(BUILD_URL, tmp_path / "strict", strict=True, change=break_one)
    assert strict.returncode != 0, "the strict build must refuse a broken exercise"


def test_the_authors_reference_documents_every_public_helper(site):
    html = (site.root / "authors" / "index.html").read_text(encoding="utf-8")
    for path in sorted((PROJECT_ROOT / "course_helpers").glob("*.py")):
        if path.stem == "__init__":
            continue
        module = importlib.import_module(f"course_helpers.{path.stem}")
        for name in module.__all__:
            value = getattr(module, name)
            assert f'id="course_helpers.{path.stem}.{name}"' in html, (
                f"course_helpers.{path.stem}.{name} is not in the reference"
            )
            doc = inspect.getdoc(value) if callable(value) else None
            if doc:
                first_words = " ".join(doc.split()[:4])
                assert first_words.split("`")[0] in " ".join(html.split()), f"{name}: its docstring is not shown"


def without_a_docstring(root):
    feedback = root / "course_helpers" / "feedback.py"
    text = feedback.read_text()
    start = text.index('    """Where the learner')
    end = text.index('"""', start + 7) + 3
    feedback.write_text(text[:start] + "    pass" + text[end:])


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (with_page('{{ helpers_reference("no_such_module") }}'), "No module named 'course_helpers.no_such_module'"),
        (without_a_docstring, "course_helpers.feedback.learner_line has no docstring"),
    ],
    ids=["unknown-module", "no-docstring"],
)
def test_the_reference_fails_the_build_on_what_it_cannot_show(tmp_path, change, said):
    done = build_site(BUILD_URL, tmp_path / "site", strict=True, change=change)
    assert done.returncode != 0 and said in done.stderr, done.stderr[-2000:]


def test_the_404_page_leads_back_to_the_home_page_and_every_chapter(site):
    """GitHub Pages serves 404.html at any unknown address: its links must work from anywhere."""
    html = (site.root / "404.html").read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(html)
    targets = set(parser.urls)
    assert SUB_PATH in targets, "no link to the home page"
    chapters = {SUB_PATH + page_url(p.relative_to(DOCS).as_posix()) for p in DOCS.glob("*/index.md")}
    assert chapters <= targets, f"chapters missing from the 404 page: {chapters - targets}"


def test_pmt_waits_long_enough_for_a_slow_pyodide(site):
    """hooks/pmt_fixes.py: the MathJax subscription waits two minutes, not ten seconds."""
    script = (site.root / "js-scripts" / "subscriptions.js").read_text(encoding="utf-8")
    assert "maxTries: 600," in script and "maxTries: 50," not in script
