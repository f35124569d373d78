"""Hostile and broken input: each case processed with a warning or refused with one clear line."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from generator.build.outdir import MARKER
from tests.conftest import SEEDS, build_project, copy_project, in_process
from tests.test_safety import _Collector, visible_text

HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
GOOD = SEEDS / "000_a5c0679ffe64ab60.txt"


@pytest.fixture(scope="module")
def ok_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    base = tmp_path_factory.mktemp("hostile-ok")
    project = copy_project(base / "project", seeds=HOSTILE / "ok", story="title: Hostile input\n")
    result = build_project(project, base / "site", quiet=False)
    assert result.returncode == 0, result.stderr
    return base / "site", result


def test_accepted_cases_build_and_say_what_happened(ok_build) -> None:  # type: ignore[no-untyped-def]
    _site, result = ok_build
    log = result.stderr
    for expected in (
        "empty.txt: no article text (the file is empty or whitespace only); skipped",
        "whitespace.txt: no article text",
        "latin1.txt:1: not UTF-8; read as Windows-1252",
        "windows1252.txt:1: not UTF-8; read as Windows-1252",
        "duplicate-b.txt: same text as duplicate-a.txt; counted once",
        "near-duplicate-b.txt: nearly the same text as near-duplicate-a.txt; counted once",
        "punctuation-title.txt: the title has no letters or digits",
    ):
        assert expected in log, expected
    assert "Traceback" not in log


def test_accepted_cases_show_their_text_correctly(ok_build) -> None:  # type: ignore[no-untyped-def]
    site, _result = ok_build
    sources = site / "sources"
    assert "The café in the capital reopened" in visible_text(sources / "latin1.html")
    assert "“Smart quotes” from Word" in visible_text(sources / "windows1252.html")
    assert "Untitled (punctuation-title)" in visible_text(sources / "punctuation-title.html")
    assert "Jo | Smith" in visible_text(sources / "table-breakers.html")
    assert not (sources / "duplicate-b.html").exists() and not (sources / "near-duplicate-b.html").exists()
    assert not (sources / "empty.html").exists()
    assert visible_text(sources / "long-paragraph.html").count("Delegates met for round") == 340


def test_no_executable_content_anywhere_in_the_hostile_site(ok_build) -> None:  # type: ignore[no-untyped-def]
    site, _result = ok_build
    for page in sorted(site.rglob("*.html")):
        collector = _Collector()
        collector.feed(page.read_text(encoding="utf-8"))
        assert collector.problems == [], f"{page.name}: {collector.problems}"
    text = visible_text(site / "sources" / "markdown-attacks.html")
    assert "Template {{ 7*7 }} and {% include 'secrets' %} and {# comment #} stay text" in text
    assert '--8<-- "mkdocs.yml"' in text and '{: onclick="alert(11)" }' in text
    assert ">49<" not in (site / "sources" / "markdown-attacks.html").read_text(encoding="utf-8")


def _refused(tmp_path: Path, bad: Path) -> tuple[subprocess.CompletedProcess[str], Path]:
    seeds = tmp_path / "seeds"
    seeds.mkdir(parents=True)
    shutil.copy(GOOD, seeds)
    shutil.copy(bad, seeds / bad.name) if bad.exists() else None
    project = copy_project(tmp_path / "project", seeds=seeds)
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the previous site", encoding="utf-8")
    (out / MARKER).write_text("made by an earlier build", encoding="utf-8")
    return build_project(project, out), out


@pytest.mark.parametrize("name", ["image.txt", "undecodable.txt"])
def test_refused_files_stop_the_build_with_one_line(tmp_path: Path, name: str) -> None:
    result, out = _refused(tmp_path, HOSTILE / "refused" / name)
    assert result.returncode != 0
    errors = [line for line in result.stderr.splitlines() if "error" in line.lower()]
    assert len(errors) == 1 and name in errors[0], result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "the previous site"


def test_a_20_mb_article_is_refused(tmp_path: Path) -> None:
    huge = tmp_path / "huge.txt"
    huge.write_text("Huge\n" + ("All talk and no deal. " * 1_000_000), encoding="utf-8")
    assert huge.stat().st_size > 20_000_000
    result, out = _refused(tmp_path / "case", huge)
    assert result.returncode != 0 and "huge.txt: 22 MB is over the 5 MB limit" in result.stderr
    assert (out / "index.html").read_text(encoding="utf-8") == "the previous site"


STORIES = sorted((HOSTILE / "stories").glob("*.yml"))


@pytest.mark.parametrize("story", STORIES, ids=[p.stem for p in STORIES])
def test_story_file_mistakes_name_file_and_line_and_write_nothing(
    tmp_path: Path, story: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run in this process (as `python -m generator`): the story file is read before anything else."""
    text = story.read_text(encoding="utf-8")
    line = int(re.search(r"expect line (\d+)", text).group(1))  # type: ignore[union-attr]
    result = in_process(
        "build", "--seeds", str(SEEDS), "--story", str(story), "--out", str(tmp_path / "out"),
        "--cache", str(tmp_path / "cache"),  # not the project's: no waiting
        cwd=Path.cwd(), monkeypatch=monkeypatch, capsys=capsys,
    )  # fmt: skip
    assert result.returncode == 2
    assert re.fullmatch(rf"error: {re.escape(str(story))}:{line}: [^\n]+; [^\n]+\n", result.stderr), result.stderr
    assert not (tmp_path / "out").exists()


def test_cli_failure_leaves_previous_output_untouched(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.md").write_text("previous", encoding="utf-8")
    result = in_process("build", "--seeds", str(HOSTILE / "refused"), "--out", str(out), cwd=Path.cwd(),
                        monkeypatch=monkeypatch, capsys=capsys)  # fmt: skip
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert (out / "keep.md").read_text(encoding="utf-8") == "previous"


def test_two_builds_are_byte_identical_and_dated_by_the_news(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    first, second = tmp_path / "one", tmp_path / "two"
    assert build_project(project, first, site_url="https://example.org/", fresh=True).returncode == 0  # its own
    assert build_project(project, second, site_url="https://example.org/").returncode == 0  # string-hashing seed
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(f) for f in files if (first / f).read_bytes() != (second / f).read_bytes()]
    assert different == []
    sitemap = (first / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))  # each page's own latest date, never today
    assert max(dates) == "2025-11-30" and all(d.startswith("2025-11-") for d in dates)
