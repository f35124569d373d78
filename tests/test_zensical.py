"""The second builder: Zensical builds, from the same mkdocs.yml and seeds, the site a reader gets from MkDocs.

Both builds are compared for what a reader meets: the same pages, titles, links and citation anchors, the same
head metadata (Open Graph, JSON-LD, canonical address) and sitemap, and a search that works in Chromium. The
differences that remain are listed in the README ("Building with Zensical").
"""

from __future__ import annotations

import functools
import html
import http.server
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.commands import python_m
from tests.conftest import ROOT, _QuietHandler, build_project, copy_project

SITE_URL = "https://example.org/explainer/"
HREF = re.compile(r'\bhref="([^"]*)"')
ANCHOR = re.compile(r'\bid="(?!__)([^"]+)"')  # the theme's own anchors ('__skip') are the builders' business
HEAD_META = re.compile(r'<meta (?:property|name)="(og:[^"]+|twitter:[^"]+|description)" content="([^"]*)"')


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The seeds' site built by MkDocs and by Zensical, from one copy of the project, with a public address."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    mkdocs = build_project(project, project / "site-mkdocs", site_url=SITE_URL)
    assert mkdocs.returncode == 0, mkdocs.stderr
    env = dict(os.environ, SITE_URL=SITE_URL)
    env.pop("SOURCE_DATE_EPOCH", None)
    zensical = python_m("generator", "zensical", "--site-dir", "site-zensical", cwd=project, env=env)
    assert zensical.returncode == 0, zensical.stderr
    assert "built" in zensical.stdout and "Traceback" not in zensical.stderr
    return project / "site-mkdocs", project / "site-zensical"


def _pages(site: Path) -> dict[str, str]:
    """Every page a reader can open (not the theme's own files), by path."""
    return {
        str(p.relative_to(site)): p.read_text(encoding="utf-8")
        for p in sorted(site.rglob("*.html"))
        if p.relative_to(site).parts[0] != "assets"
    }


def _link(href: str) -> str:
    return html.unescape(href).removeprefix("./")


def _article(page: str) -> str:
    """The page's content: from the theme's content article to the end of main (entries are articles too)."""
    start = page.find('<article class="md-content__inner')
    return page[start : page.find("</main>", start)] if start >= 0 else ""


def _title(page: str) -> str:
    found = re.search(r"<title>(.*?)</title>", page, re.S)
    return html.unescape(found.group(1)) if found else ""


def test_the_same_pages_with_the_same_titles(builds: tuple[Path, Path]) -> None:
    mkdocs, zensical = (_pages(site) for site in builds)
    assert set(mkdocs) == set(zensical)
    assert {"index.html", "timeline.html", "plan.html", "comparison.html", "about.html"} <= set(zensical)
    assert any(p.startswith("actors/") for p in zensical) and any(p.startswith("sources/") for p in zensical)
    assert {p: _title(t) for p, t in mkdocs.items()} == {p: _title(t) for p, t in zensical.items()}
    assert _title(zensical["timeline.html"]).startswith("Timeline - ")


def test_the_same_links_and_citation_anchors_in_every_page(builds: tuple[Path, Path]) -> None:
    mkdocs, zensical = (_pages(site) for site in builds)
    for path, page in mkdocs.items():
        ours, theirs = _article(page), _article(zensical[path])
        assert sorted(map(_link, HREF.findall(ours))) == sorted(map(_link, HREF.findall(theirs))), path
        assert sorted(ANCHOR.findall(ours)) == sorted(ANCHOR.findall(theirs)), path
    timeline = _article(zensical["timeline.html"])
    assert "Geneva" in timeline and "23 Nov 2025" in timeline  # the content itself, not only its frame


def test_the_same_head_metadata_and_sitemap(builds: tuple[Path, Path]) -> None:
    mkdocs_site, zensical_site = builds
    mkdocs, zensical = _pages(mkdocs_site), _pages(zensical_site)
    for path in ("index.html", "timeline.html", "sources/index.html"):
        ours = {k: html.unescape(v) for k, v in HEAD_META.findall(mkdocs[path])}
        theirs = {k: html.unescape(v) for k, v in HEAD_META.findall(zensical[path])}
        assert ours == theirs and ours["og:url"] == f"{SITE_URL}{path}", path
        jsonld = [
            re.findall(r'<script type="application/ld\+json">(.*?)</script>', p[path], re.S) for p in (mkdocs, zensical)
        ]
        assert jsonld[0] == jsonld[1] and jsonld[0], path
    sitemaps = [html.unescape((site / "sitemap.xml").read_text(encoding="utf-8")) for site in builds]
    assert sitemaps[0] == sitemaps[1]
    assert f"<loc>{SITE_URL}timeline.html</loc>" in sitemaps[1] and "<lastmod>2025-" in sitemaps[1]
    for name in ("feed.xml", "data/timeline.json", "data/timeline.ics"):
        assert (mkdocs_site / name).read_bytes() == (zensical_site / name).read_bytes(), name


def test_a_second_zensical_build_gives_the_same_bytes(builds: tuple[Path, Path], tmp_path: Path) -> None:
    _mkdocs, first = builds
    project = first.parent
    again = python_m("generator", "zensical", "--site-dir", str(tmp_path / "again"), cwd=project,
                     env=dict(os.environ, SITE_URL=SITE_URL), fresh=True)  # fmt: skip  (another hashing seed)
    assert again.returncode == 0, again.stderr
    for path, text in _pages(first).items():
        assert (tmp_path / "again" / path).read_text(encoding="utf-8") == text, path


def test_a_broken_config_is_one_line_and_the_site_stays(builds: tuple[Path, Path], tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("previous", encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", project / "broken.yml")
    with (project / "broken.yml").open("a", encoding="utf-8") as config:
        config.write("plugins: [search, {explainer: {seeds: 12}}]\n")
    done = python_m("generator", "zensical", "--config-file", "broken.yml", "--site-dir", "site", cwd=project)
    assert done.returncode != 0 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1 and "broken.yml" in done.stderr and "seeds" in done.stderr
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "previous"


@pytest.fixture(scope="module")
def served_zensical(builds: tuple[Path, Path]) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(builds[1]))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.mark.browser
def test_search_works_in_chromium_on_the_zensical_site(served_zensical: str) -> None:
    playwright_api = pytest.importorskip("playwright.sync_api")
    from tests.test_browser import CHROMIUM, FLAGS

    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        page = browser.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"{served_zensical}/index.html")
        page.locator(".md-search__button").click()
        box = page.locator('dialog[aria-label="Search"] input[role="combobox"]')  # in Zensical's shadow DOM
        box.press_sequentially("Ryabkov", delay=30)
        results = page.locator('dialog[aria-label="Search"] ol[role="listbox"] li')
        results.first.wait_for(timeout=30_000)
        assert "Ryabkov" in page.locator('dialog[aria-label="Search"] ol[role="listbox"]').inner_text()
        results.first.click()
        page.wait_for_load_state()
        assert "Ryabkov" in page.locator("article.md-content__inner").inner_text()
        browser.close()
    assert errors == [], errors


def test_the_pages_workflow_can_publish_either_builder() -> None:
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    dispatch = workflow[True]["workflow_dispatch"]["inputs"]["builder"]  # YAML 1.1 reads the key 'on' as True
    assert dispatch["options"] == ["mkdocs", "zensical"] and dispatch["default"] == "mkdocs"
    build = next(s for s in workflow["jobs"]["build"]["steps"] if s.get("name", "").startswith("Build the site"))
    assert "make site-zensical" in build["run"] and "make site" in build["run"]
    assert "vars.SITE_BUILDER" in build["env"]["BUILDER"]
    assert "site-zensical:" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_config_variant_keeps_what_zensical_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build.mkdocs_yml import plugin_options, read_config
    from generator.build.zensical import _prepare

    (tmp_path / "mkdocs.yml").write_text(
        "site_name: X\nsite_url: !ENV [EXPLAINER_TEST_URL, '']\ntheme: {name: material, custom_dir: templates/theme}\n"
        "plugins: [search, {explainer: {seeds: articles, watch: poll}}]\n"
        "markdown_extensions:\n  - pymdownx.emoji:\n"
        "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EXPLAINER_TEST_URL", "https://example.org/")
    config = read_config(tmp_path / "mkdocs.yml")
    assert config["site_url"] == "https://example.org/" and plugin_options(config, tmp_path).seeds == "articles"
    assert plugin_options(config, tmp_path).watch == "poll"  # an option of `mkdocs serve`, read by both builders
    work = tmp_path / ".zensical"
    work.mkdir()
    _prepare(tmp_path, work, config, {"index.md": "# Home\n"})
    written = (work / "mkdocs.yml").read_text(encoding="utf-8")
    assert "explainer" not in written and "- search" in written
    assert "!!python/name:material.extensions.emoji.twemoji" in written
    assert "custom_dir: ../templates/theme" in written and (work / "docs" / "index.md").is_file()
