"""Output folders: only ours are replaced, the swap is atomic, leftovers go, and one build runs at a time."""

from __future__ import annotations

import os
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from generator.build.outdir import MARKER, check_target, remove_leftovers, staging_folder, swap_into_place, write_tree
from generator.core.errors import BuildError
from tests.commands import python_m
from tests.conftest import build_project, copy_project
from tests.test_careless_inputs import generator, small_project


def test_only_a_folder_we_made_is_replaced(tmp_path: Path) -> None:
    ours, empty, earlier_site, foreign = (tmp_path / n for n in ("ours", "empty", "site", "photos"))
    for folder in (ours, empty, earlier_site, foreign):
        folder.mkdir()
    (ours / MARKER).write_text("x", encoding="utf-8")
    for sign in ("sitemap.xml", "search/search_index.json", "404.html"):  # MkDocs built it before the marker
        (earlier_site / sign).parent.mkdir(parents=True, exist_ok=True)
        (earlier_site / sign).write_text("{}", encoding="utf-8")
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    for folder in (ours, empty, earlier_site, tmp_path / "new"):
        check_target(folder, {}, [])
    with pytest.raises(BuildError, match="a folder with files this generator did not make"):
        check_target(foreign, {}, [])
    hugo = tmp_path / "hugo"
    hugo.mkdir()
    (hugo / "sitemap.xml").write_text("<urlset/>", encoding="utf-8")  # another generator's site: not ours
    with pytest.raises(BuildError, match="a folder with files this generator did not make"):
        check_target(hugo, {}, [])
    (ours / ".git").mkdir()  # a gh-pages checkout: replacing the folder whole would delete its history
    with pytest.raises(BuildError, match=r"holds \.git, which a build would delete"):
        check_target(ours, {}, [])
    (ours / ".git").rmdir()
    with pytest.raises(BuildError, match=r"overlaps .*seeds, which the build reads"):
        check_target(ours, {}, [ours / "seeds"])  # the output may not hold the articles either
    (tmp_path / "link").symlink_to(ours)
    with pytest.raises(BuildError, match=r"link is a symbolic link \(to .*\); a build would write the output there"):
        check_target(tmp_path / "link", {}, [])
    with pytest.raises(BuildError, match="replacing it would delete the project folder"):
        check_target(tmp_path, {"the project folder": tmp_path / "project"}, [])


def test_the_swap_replaces_the_whole_folder_in_one_step(tmp_path: Path) -> None:
    out = tmp_path / "generated"
    write_tree({"a.md": "one", "old.md": "gone soon"}, out)
    inode = out.stat().st_ino
    write_tree({"a.md": "two", "sub/b.md": "new"}, out)
    assert out.stat().st_ino != inode  # a new folder took the old one's name; nothing was edited in place
    assert sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file()) == [MARKER, "a.md", "sub/b.md"]
    assert (out / "a.md").read_text(encoding="utf-8") == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["generated"]  # no staging folder, no previous output left
    assert oct(out.stat().st_mode & 0o777) == oct(0o777 & ~_umask())


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_leftovers_of_a_killed_build_are_cleaned_and_a_half_swap_is_undone(tmp_path: Path) -> None:
    out = tmp_path / "site"
    write_tree({"index.html": "complete"}, out)
    stale = staging_folder(out)
    (stale / "half.html").write_text("half", encoding="utf-8")
    remove_leftovers(out)
    assert not stale.exists() and (out / "index.html").read_text(encoding="utf-8") == "complete"
    # killed between the two renames of the fallback swap: the previous output is only under its retired name
    retired = tmp_path / ".site.old-123"
    out.rename(retired)
    remove_leftovers(out)
    assert (out / "index.html").read_text(encoding="utf-8") == "complete" and not retired.exists()


def test_swap_into_a_new_place(tmp_path: Path) -> None:
    staging = staging_folder(tmp_path / "fresh")
    (staging / "x.html").write_text("x", encoding="utf-8")
    swap_into_place(staging, tmp_path / "fresh")
    assert (tmp_path / "fresh" / "x.html").is_file() and not staging.exists()


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project (p/) built once by MkDocs into site/ beside it."""
    base = tmp_path_factory.mktemp("built")
    result = build_project(copy_project(base / "p", story="title: T\n"), base / "site")
    assert result.returncode == 0, result.stderr
    return base


@pytest.fixture
def built(built_once: Path, tmp_path: Path) -> Path:
    """The built project and its site copied here: a previous site, and a warm cache."""
    shutil.copytree(built_once, tmp_path, symlinks=True, dirs_exist_ok=True)
    return tmp_path / "p"


def test_mkdocs_refuses_a_site_dir_that_is_not_ours_and_leaves_it(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", story="title: T\n")
    foreign = tmp_path / "photos"
    foreign.mkdir()
    (foreign / "holiday.jpg").write_bytes(b"\xff\xd8\xff")
    result = build_project(project, foreign)
    assert result.returncode == 1 and "a folder with files this generator did not make" in result.stderr
    assert [p.name for p in foreign.iterdir()] == ["holiday.jpg"]


def test_mkdocs_builds_beside_the_site_and_swaps_it_in(built: Path, tmp_path: Path) -> None:
    project, site = built, tmp_path / "site"
    first = site.stat().st_ino
    (site / "stray.html").write_text("from before", encoding="utf-8")
    assert build_project(project, site).returncode == 0
    assert site.stat().st_ino != first and not (site / "stray.html").exists()
    assert (site / MARKER).is_file() and (site / "search" / "search_index.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".site")) == [".site.lock"]


def test_two_generator_builds_at_once_both_succeed(tmp_path: Path) -> None:
    project = small_project(tmp_path, {})
    with ThreadPoolExecutor(2) as pool:  # two processes at once
        runs = [pool.submit(python_m, "generator", "build", cwd=project) for _ in range(2)]
        outcomes = [(run.result().returncode, run.result().stderr) for run in runs]
    assert [code for code, _err in outcomes] == [0, 0], outcomes
    assert (project / "generated" / "index.md").is_file() and (project / "generated" / MARKER).is_file()
    assert not [p for p in project.iterdir() if ".building-" in p.name or ".old-" in p.name]
    again = generator("build", cwd=project)
    assert again.returncode == 0, again.stderr


def test_two_mkdocs_builds_at_once_both_succeed(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", story="title: T\n")
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    command = ["build", "-q", "-f", str(project / "mkdocs.yml")]
    with ThreadPoolExecutor(2) as pool:  # two processes at once
        runs = [pool.submit(python_m, "mkdocs", *command, env=env) for _ in range(2)]
        outcomes = [(run.result().returncode, run.result().stderr) for run in runs]
    assert [code for code, _err in outcomes] == [0, 0], outcomes
    assert (project / "site" / "index.html").is_file() and (project / "site" / "sitemap.xml").is_file()
    assert not [p for p in project.iterdir() if ".building-" in p.name or ".old-" in p.name]


def test_a_build_that_strict_mode_fails_leaves_the_previous_site(built: Path, tmp_path: Path) -> None:
    project, site = built, tmp_path / "site"
    before = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee [the plan](missing.md).\n", encoding="utf-8")
    result = build_project(project, site, quiet=False)  # (with -q MkDocs counts no warnings)
    assert result.returncode == 1 and "missing.md" in result.stderr  # a warning, fatal under --strict
    assert {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()} == before
    assert not [p for p in tmp_path.iterdir() if ".building-" in p.name]
