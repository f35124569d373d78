"""A warm build places the page cache's theme outputs in its new site by hard link (`build.placed`): the pages are
the cache's files, byte for byte the cold build's, with MkDocs' own mode; a page rewritten in place through the site
is not given back; a system that cannot link gets the text written."""

from __future__ import annotations

import errno
import os
import shutil
import stat
from pathlib import Path
from types import SimpleNamespace

import pytest

from generator.build import placed as placed_module
from generator.build.outdir import UMASK
from generator.build.page_cache import PLACED, PageCache
from generator.build.placed import SITE_MODE, may_place
from tests.conftest import build_project, copy_project
from tests.test_page_cache import tree


@pytest.fixture(scope="module")
def cold(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project built once with an empty cache into cold/."""
    base = tmp_path_factory.mktemp("placed")
    built = build_project(copy_project(base / "project"), base / "cold")
    assert built.returncode == 0, built.stderr
    return base


def outputs(project: Path) -> dict[int, Path]:
    """The cache's theme outputs by inode."""
    return {p.stat().st_ino: p for p in (project / ".cache" / "explainer" / "pages").glob("??/*.html")}


def test_a_warm_build_places_the_caches_outputs_and_a_page_changed_in_place_is_drawn_again(
    cold: Path, tmp_path: Path
) -> None:
    project = cold / "project"
    warm = build_project(project, tmp_path / "warm", quiet=False)
    assert warm.returncode == 0, warm.stderr
    assert "Page skipped" not in warm.stderr  # MkDocs' line for an empty output: not shown for a placed page
    assert tree(tmp_path / "warm") == tree(cold / "cold")
    cached = outputs(project)
    pages = sorted(p for p in (tmp_path / "warm").rglob("*.html") if p.stat().st_ino in cached)
    assert len(pages) >= 20 and tmp_path / "warm" / "timeline.html" in pages
    assert tmp_path / "warm" / "404.html" not in pages  # written by MkDocs (no page of its own to place)
    modes = {stat.S_IMODE(p.stat().st_mode) for p in pages}
    assert modes == {stat.S_IMODE((tmp_path / "warm" / "404.html").stat().st_mode)} == {0o666 & ~UMASK}
    timeline = tmp_path / "warm" / "timeline.html"
    text = timeline.read_text(encoding="utf-8")
    changed = text.replace("<title>", "<TITLE>", 1)  # the same size: only the digest tells it from the output
    assert changed != text and len(changed.encode()) == len(text.encode())
    with timeline.open("w", encoding="utf-8") as rewritten:  # in place, as a tool rewriting pages might
        rewritten.write(changed)
    assert cached[timeline.stat().st_ino].read_text(encoding="utf-8") == changed  # the cache's file too
    again = build_project(project, tmp_path / "again")
    assert again.returncode == 0, again.stderr
    assert tree(tmp_path / "again") == tree(cold / "cold")  # drawn again, and the cache's file written anew
    assert "<TITLE>" not in (tmp_path / "again" / "timeline.html").read_text(encoding="utf-8")
    third = build_project(project, tmp_path / "third")
    assert third.returncode == 0, third.stderr
    assert tree(tmp_path / "third") == tree(cold / "cold")
    assert (tmp_path / "third" / "timeline.html").stat().st_ino in outputs(project)


def test_a_cache_copied_elsewhere_is_placed_from_and_one_without_its_index_is_read(cold: Path, tmp_path: Path) -> None:
    project, cache = cold / "project", cold / "project" / ".cache"  # (a theme output's key holds the site's folders)
    shutil.copytree(cache, tmp_path / "cache", symlinks=True)
    shutil.rmtree(cache)
    shutil.copytree(tmp_path / "cache", cache, symlinks=True)  # restored as a CI cache is: times kept, inodes new
    first = build_project(project, tmp_path / "first")
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "first" / "timeline.html").stat().st_ino in outputs(project)
    (project / ".cache" / "explainer" / "placed.json").unlink()
    second = build_project(project, tmp_path / "second")
    assert second.returncode == 0, second.stderr
    assert tree(tmp_path / "second") == tree(cold / "cold")
    assert (tmp_path / "second" / "timeline.html").stat().st_ino not in outputs(project)  # read and written
    assert (project / ".cache" / "explainer" / "placed.json").is_file()  # ... and known again
    third = build_project(project, tmp_path / "third")
    assert third.returncode == 0 and (tmp_path / "third" / "timeline.html").stat().st_ino in outputs(project)


def test_where_no_link_can_be_made_the_output_is_given_to_mkdocs_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = PageCache(tmp_path / "cache")
    key = "ab" + "0" * 38
    cache.use(key, "<html>page</html>", stored=False, uri="page.md")
    cache.save()
    cache = PageCache(tmp_path / "cache")
    assert not cache.linkable(key)  # a build that is not placing files (a server's)
    cache.placed.start()
    assert cache.linkable(key)
    assert stat.S_IMODE(os.stat(cache._path(key, ".html")).st_mode) == SITE_MODE
    page = SimpleNamespace(file=SimpleNamespace(src_uri="page.md", abs_dest_path=str(tmp_path / "site" / "page.html")))

    def refused(source: str, target: str) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(placed_module.os, "link", refused)
    assert cache.output(key, PLACED, "", page) == "<html>page</html>"  # type: ignore[arg-type]
    monkeypatch.undo()
    other = SimpleNamespace(file=SimpleNamespace(src_uri="other.md", abs_dest_path=str(tmp_path / "site" / "o.html")))
    assert cache.output(key, PLACED, "", other) == ""  # type: ignore[arg-type]
    assert (tmp_path / "site" / "o.html").read_text(encoding="utf-8") == "<html>page</html>"
    cache.save()


def test_only_a_build_whose_page_outputs_no_other_plugin_reads_places_files(tmp_path: Path) -> None:
    def config(*origins: str, after: tuple[str, ...] = ("material/search",)) -> SimpleNamespace:
        handlers, built = [object() for _ in origins], [object() for _ in after]
        names = dict(zip(handlers + built, origins + after, strict=True))
        events = {"post_page": handlers, "post_build": built}
        return SimpleNamespace(plugins=SimpleNamespace(_event_origins=names, events=events))

    (tmp_path / "site").mkdir()
    (tmp_path / "cache").mkdir()
    assert may_place(config("explainer"), tmp_path / "site", tmp_path / "cache")  # type: ignore[arg-type]
    assert not may_place(config("explainer", "minify"), tmp_path / "site", tmp_path / "cache")  # type: ignore[arg-type]
    rewrites = config("explainer", after=("material/search", "explainer", "postprocess"))  # once the site is built
    assert not may_place(rewrites, tmp_path / "site", tmp_path / "cache")  # type: ignore[arg-type]
    assert not may_place(config("explainer"), tmp_path / "gone", tmp_path / "cache")  # type: ignore[arg-type]


def test_a_server_holding_an_output_whose_file_changed_writes_it_again_and_a_blank_one_is_not_kept(
    tmp_path: Path,
) -> None:
    folder, key, blank = tmp_path / "cache", "cd" + "1" * 38, "ef" + "2" * 38
    cache = PageCache(folder)
    cache.use(key, "<html>page</html>", stored=False, uri="page.md")
    cache.use(blank, " \n", stored=False, uri="blank.md")
    cache.save()
    path = Path(cache._path(key, ".html"))
    assert not Path(cache._path(blank, ".html")).exists() and blank not in cache.placed.seen
    path.write_text("<html>PAGE</html>", encoding="utf-8")  # in place, through a site's link, say
    os.utime(path, ns=(1, 1))
    server = PageCache.load(folder, keep=True)  # a server gives the page from memory: it does not read the file
    server.use(key, "<html>page</html>", stored=True, uri="page.md")
    server.save()
    assert path.read_text(encoding="utf-8") == "<html>page</html>"  # written again: the index vouches for no other
    build = PageCache(folder)
    build.placed.start()
    assert build.linkable(key)
    build.placed.save()
