"""`mkdocs serve --dirty`: a rebuild passes by the generated pages it would write as they are, and the site it
leaves is byte for byte the one a full build of the same articles writes (search index and sitemap included).
MkDocs' warning that a dirty build may be wrong is said once as what the plugin does, so `--strict` still builds."""

from __future__ import annotations

import gc
import os
import shutil
import sys
import weakref
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from generator import plugin
from generator.build import collector, site_cache
from generator.build.page_cache import PageCache
from tests.commands import python_m
from tests.conftest import ROOT, build_project, copy_project, stored_site_has

URL = "http://127.0.0.1:8000/"
EDIT = "On November 30, 2025, the negotiators met again to revise the framework."  # no one new: no new page
NEWCOMER = "Halvard Brekke, a mediator from Oslo, also sat at the table."  # no date: new pages, the rest as it was


pytestmark = pytest.mark.usefixtures("forget_rebuilds")


class _Server:
    """MkDocs' serve command as it builds: one configuration loaded per build, its plugins kept between them."""

    def __init__(self, project: Path, dirty: bool, site: Path) -> None:
        self.project, self.dirty, self.site = project, dirty, site  # `site`: where the server builds
        self.config = self._config()
        self.config.plugins.on_startup(command="serve", dirty=dirty)
        self.build(self.config)

    def _config(self):  # type: ignore[no-untyped-def]
        config = load_config(config_file=str(self.project / "mkdocs.yml"), site_dir=str(self.site), strict=True)
        config.site_url = URL
        return config

    def build(self, config=None) -> None:  # type: ignore[no-untyped-def]
        build(config or self._config(), serve_url=URL, dirty=self.dirty)

    def files(self) -> dict[str, bytes]:
        return {str(p.relative_to(self.site)): p.read_bytes() for p in sorted(self.site.rglob("*")) if p.is_file()}

    def stamps(self) -> dict[str, int]:
        return {str(p.relative_to(self.site)): p.stat().st_mtime_ns for p in self.site.rglob("*.html")}

    def stop(self) -> None:
        self.config.plugins.on_shutdown()


def _renders(project: Path) -> int:
    """The page renders the page cache holds on disk."""
    entries = (project / ".cache" / "explainer" / "pages").glob("??/*.json")
    return sum(1 for path in entries if '"html"' in path.read_text(encoding="utf-8")[:20])


def _site_from_nothing(project: Path, tmp_path: Path) -> dict[str, bytes]:
    """What a server started afresh builds: in a process of its own (MkDocs keeps plugins between builds), from a
    copy of the project whose cache holds the extractions only (no rendered page or theme output to agree with)."""
    number = len(list(tmp_path.glob("fresh-*-site")))
    fresh, out = tmp_path / f"fresh-{number}", tmp_path / f"fresh-{number}-site"
    shutil.copytree(project, fresh, ignore=shutil.ignore_patterns("pages", "site", "site-*.json"))
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    done = python_m("tests.test_serve_dirty", str(fresh), str(out), cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    built = out / "built"
    return {str(p.relative_to(built)): p.read_bytes() for p in sorted(built.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("address", [None, "https://example.org/site/"], ids=["no-address", "address"])
def test_a_dirty_rebuild_writes_only_what_changed_and_leaves_the_site_a_full_build_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, address: str | None
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)  # the plugin sets it for the build's process
    if address is None:  # served with none, as built; with one, the server's: its sitemap lists every page
        monkeypatch.delenv("SITE_URL", raising=False)
    else:
        monkeypatch.setenv("SITE_URL", address)
    project = copy_project(tmp_path / "project")
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee [the timeline](timeline.md).\n", encoding="utf-8")
    article, removed = sorted((project / "seeds").glob("*.txt"))
    server = _Server(project, dirty=True, site=tmp_path / "served")
    story = (project / "story.yml").read_text(encoding="utf-8")
    (project / "story.yml").write_text("title: [unclosed\n", encoding="utf-8")
    removed.unlink()  # while the build is broken: the next good one still removes its source page
    with pytest.raises(Abort):
        server.build()
    (project / "story.yml").write_text(story, encoding="utf-8")
    server.build()
    served = server.files()
    assert f"sources/{removed.stem}.html" not in served
    assert served == _site_from_nothing(project, tmp_path)  # the search index not merged with the failed build's

    before = server.stamps()
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("\n\n", f"\n\n{EDIT}\n\n", 1), encoding="utf-8")
    taken: list[str] = []  # pages whose Markdown changed in their raw HTML blocks alone: not converted again
    skeleton = PageCache.skeleton
    monkeypatch.setattr(PageCache, "skeleton", lambda cache, page, *rest: (
        (hit := skeleton(cache, page, *rest)) and taken.append(page.file.src_uri)) or hit)  # fmt: skip
    server.build()
    assert not stored_site_has(project, "met again to revise")  # a rebuild's site is stored when the server stops
    after = server.stamps()
    untouched = [path for path, stamp in after.items() if before.get(path) == stamp]
    assert any(path.startswith("actors/") for path in taken)  # an entry they show changed: only their blocks did
    assert not {path.replace(".md", ".html") for path in taken} & set(untouched)  # each written anew (compared below)
    assert any(path.startswith("actors/") for path in untouched), "no actor page was passed by"
    assert after[f"sources/{article.stem}.html"] != before[f"sources/{article.stem}.html"]
    assert after["notes.html"] == before["notes.html"]  # the same files: a page that links is passed by too
    served = server.files()
    assert "met again to revise" in served["timeline.html"].decode()
    assert served == _site_from_nothing(project, tmp_path)  # every byte, the search index and the sitemap too

    gone = next(path for path in untouched if path.startswith("actors/"))
    (server.site / gone).unlink()  # removed behind the server's back: the next rebuild writes it again
    article.write_text(article.read_text(encoding="utf-8").replace(EDIT, f"{EDIT} {NEWCOMER}"), encoding="utf-8")
    server.build()  # new pages: the others are passed by, but for one whose Markdown links to files
    server.stop()
    assert stored_site_has(project, "Halvard Brekke")
    again = server.stamps()
    assert "actors/halvard-brekke.html" in again and "actors/halvard-brekke.html" not in after
    actors = [path for path in after if path.startswith("actors/")]
    untouched = [path for path in actors if again[path] == after[path]]
    assert len(untouched) >= len(actors) // 2, "a page added elsewhere rendered the other actor pages again"
    assert again["notes.html"] != after["notes.html"]
    assert server.files() == _site_from_nothing(project, tmp_path)
    sitemap = server.files()["sitemap.xml"].decode()
    assert (f"<loc>{URL}actors/halvard-brekke.html</loc>" in sitemap) == (address is not None)  # the new page
    assert _renders(project) == _renders(tmp_path / "fresh-2")  # the pages passed by keep their renders cached


def test_a_server_started_after_a_build_gives_back_the_stored_site_and_its_renders(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A server listens on an address of its own, which MkDocs makes the site's: the generator's pages are built
    with the configured one, and a site configured with none is served with none, so a server started after
    `mkdocs build` makes no page again, and serves the very pages the build wrote."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)  # as `build_project` builds it
    project = copy_project(tmp_path / "project")
    assert build_project(project, tmp_path / "built").returncode == 0
    warmed: list[bool] = []
    monkeypatch.setattr(site_cache, "after_first_build", lambda inputs, whole: warmed.append(whole))
    rendered: list[str] = []
    store = PageCache.store
    monkeypatch.setattr(PageCache, "store", lambda cache, page, *rest: rendered.append(page.file.src_uri) or store(
        cache, page, *rest))  # fmt: skip
    themed: list[str] = []  # pages run through the theme's template
    plan = plugin.theme_plan

    def planning(*args):  # type: ignore[no-untyped-def]
        planned = plan(*args)
        themed.extend(uri for uri, (_key, stored) in planned.items() if stored is None)
        return planned

    monkeypatch.setattr(plugin, "theme_plan", planning)
    server = _Server(project, dirty=True, site=tmp_path / "served")
    server.stop()
    assert warmed == [True] and rendered == [] and themed == []  # the stored site given back whole, all from caches
    built = {str(p.relative_to(tmp_path / "built")): p.read_bytes() for p in (tmp_path / "built").rglob("*")
             if p.is_file() and p.name != ".explainer-output"}  # fmt: skip
    assert "sitemap.xml" in built and "search/search_index.json" in built and "feed.xml" in built
    assert server.files() == built  # every byte: pages, canonical links, sitemap, search index, feeds


def test_a_server_interrupted_while_it_saves_its_page_cache_still_lets_its_locks_go() -> None:
    from generator.plugin import ExplainerPlugin

    class Interrupted:  # a second Ctrl-C while the page cache is written
        def save(self) -> None:
            raise KeyboardInterrupt

    plugin = ExplainerPlugin()
    plugin.on_startup(command="serve", dirty=False)
    released: list[bool] = []
    plugin.locks.callback(released.append, True)  # stands for the build's lock files
    plugin.kept, plugin.unsaved = Interrupted(), True  # type: ignore[assignment]
    with pytest.raises(KeyboardInterrupt):
        plugin.on_shutdown()
    assert released == [True] and plugin.kept is None and not plugin.unsaved


def test_a_subtitle_changed_in_the_navigation_reaches_the_pages_a_rebuild_passes_by(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Material's navigation shows a page's icon, subtitle and status from its front matter, on every page: a
    rebuild that sees one changed (the title and address as they were) builds every page again."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.delenv("SITE_URL", raising=False)
    project = copy_project(tmp_path / "project")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("  - About: about.md\n",
                      "  - About: about.md\n  - Notes: notes.md\n"), encoding="utf-8")  # fmt: skip
    notes = project / "docs" / "notes.md"
    notes.write_text("---\nsubtitle: First drafts\n---\n# Notes\n\nA page of notes.\n", encoding="utf-8")
    server = _Server(project, dirty=True, site=tmp_path / "served")
    notes.write_text("---\nsubtitle: Second thoughts\n---\n# Notes\n\nA page of notes.\n", encoding="utf-8")
    server.build()
    server.stop()
    served = server.files()
    actor = next(path for path in served if path.startswith("actors/") and path != "actors/index.html")
    assert "Second thoughts" in served[actor].decode() and "First drafts" not in served[actor].decode()
    assert served == _site_from_nothing(project, tmp_path)


def test_a_servers_build_holds_nothing_past_the_next_one_that_only_the_whole_heaps_walk_frees(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What a build hooked into Material's search index (each hook refers back to the index) is taken off it when
    the build ends: once the next build replaces the index, the last one is freed at once, with no collection. Had
    the cycle stayed, the server's idle collection would have set it aside, with the page cache it reaches, until the
    whole heap is walked (a walk of 1.5-2 s at 1,000 articles)."""
    for wait in ("IDLE_AFTER", "WHOLE_AFTER", "RESTED_AFTER"):
        monkeypatch.setattr(collector, wait, 3600.0)  # no collection between the builds
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    server = _Server(copy_project(tmp_path / "project"), dirty=True, site=tmp_path / "served")
    try:
        search = server.config.plugins["material/search"]
        first = weakref.ref(search.search_index)
        assert not {"add_entry_from_context", "generate_search_index"} & set(vars(search.search_index))
        server.build(server.config)
        assert not gc.isenabled() and search.search_index is not first()
        assert first() is None
    finally:
        server.stop()


if __name__ == "__main__":  # `_site_from_nothing`: python -m tests.test_serve_dirty PROJECT OUT
    _Server(Path(sys.argv[1]), dirty=False, site=Path(sys.argv[2]) / "built").stop()
