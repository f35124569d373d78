"""Careless and hostile inputs: each is refused with one line and exit 2, or read correctly.

Every refusal leaves the previous output as it was. The accepted cases are built once, with MkDocs,
and their pages read back.
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from itertools import repeat
from pathlib import Path
from xml.etree import ElementTree

import pytest

from generator.build.cache import BuildInputs
from generator.build.outdir import MARKER
from generator.build.site_cache import inputs_key
from tests.commands import python_m
from tests.conftest import ROOT, build_project, copy_project, in_process
from tests.test_safety import visible_text

ARTICLE = "Envoys meet in Geneva\nDelegations met in Geneva on November 23, 2025, to discuss the plan in detail.\n"
FRONT = "---\n{}\n---\n# Envoys meet\n\nDelegations met in Geneva on November 23, 2025, to talk for hours.\n"


def generator(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return python_m("generator", *args, cwd=cwd, env=dict(os.environ, **(env or {})))


def small_project(base: Path, files: dict[str, str | bytes], story: str = "title: T\n") -> Path:
    """A project with one short article plus `files` in seeds/, its templates and a story file."""
    seeds = base / "seeds"
    seeds.mkdir(parents=True)
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    for name, content in files.items():
        target = seeds / name
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    shutil.copytree(ROOT / "templates", base / "templates")
    (base / "story.yml").write_text(story, encoding="utf-8")
    return base


def previous_output(project: Path) -> Path:
    out = project / "generated"
    out.mkdir()
    (out / MARKER).write_text("an earlier build\n", encoding="utf-8")
    (out / "index.md").write_text("the previous pages\n", encoding="utf-8")
    return out


def assert_one_line_refusal(result: subprocess.CompletedProcess[str], expected: str) -> None:
    assert result.returncode == 2, result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: "), result.stderr
    assert expected in result.stderr, result.stderr


def assert_untouched(project: Path, out: Path) -> None:
    assert sorted(p.name for p in out.iterdir()) == [MARKER, "index.md"]
    assert (out / "index.md").read_text(encoding="utf-8") == "the previous pages\n"
    assert not [p.name for p in project.iterdir() if ".building-" in p.name or ".old-" in p.name]


REFUSED = {
    "story: duplicate top-level key": (
        {}, "title: T\nactors:\n  - name: A\n  - name: C\nactors:\n  - name: B\n",
        "story.yml:5: 'actors' is given twice (lines 2 and 5); merge them into one",
    ),
    "story: duplicate nested key": (
        {}, "actors:\n  - name: A\n    kind: person\n    kind: country\n",
        "story.yml:4: 'kind' is given twice (lines 3 and 4)",
    ),
    "front matter: duplicate key": (
        {"x.md": FRONT.format("outlet: A\noutlet: B")}, "title: T\n",
        "seeds/x.md:3: 'outlet' is given twice (lines 2 and 3)",
    ),
    "sidecar: duplicate key": (
        {"a.yml": "outlet: A\nurl: https://a.org/x\noutlet: B\n"}, "title: T\n",
        "seeds/a.yml:3: 'outlet' is given twice (lines 1 and 3)",
    ),
    "story: impossible date unquoted": (
        {}, "sources:\n  a:\n    published: 2025-11-31\n",
        "story.yml:3: sources.a.published: 2025-11-31 is not a calendar date (day is out of range for month)",
    ),
    "front matter: impossible date": (
        {"x.md": FRONT.format("outlet: A\npublished: 2025-11-31")}, "title: T\n",
        "seeds/x.md:3: published: 2025-11-31 is not a calendar date",
    ),
    "sidecar: impossible quoted date": (
        {"a.yml": 'published: "2025-13-45"\n'}, "title: T\n", "seeds/a.yml:1: published: 2025-13-45 is not a calendar",
    ),
    "sidecar: the last day there is": (
        {"a.yml": "published: 9999-12-31\n"}, "title: T\n", "seeds/a.yml:1: published: 9999-12-31 is outside 1000–9000",
    ),
    "front matter: the first day there is": (
        {"x.md": FRONT.format("published: 0001-01-01")}, "title: T\n", "seeds/x.md:2: published: 0001-01-01 is outside",
    ),
    "sidecar: nested 1,000 deep": (
        {"a.yml": "outlet: " + "[" * 1000 + "]" * 1000 + "\n"}, "title: T\n",
        "seeds/a.yml:1: nested more than 40 levels deep",
    ),
    "story: a 5,000-digit number": (
        {}, "reference_year: " + "9" * 5000 + "\n",
        "story.yml:1: '99999999999999999999…' cannot be read (too many digits)",
    ),
    "sidecar: outlet as a list": (
        {"a.yml": "outlet: [Reuters, AP]\n"}, "title: T\n", "seeds/a.yml:1: outlet: must be text, not a list",
    ),
    "front matter: title as a mapping": (
        {"x.md": FRONT.format("title: {x: 1}")}, "title: T\n", "seeds/x.md:2: title: must be text, not a mapping",
    ),
    "sidecar: a script address": (
        {"a.yml": "url: javascript:alert(1)\n"}, "title: T\n",
        "seeds/a.yml:1: url: must be a web address starting http:// or https://",
    ),
    "story: alias expansion bomb": (
        {}, "title: &a '" + "x" * 100_000 + "'\nactors:\n  - name: A\n    aliases: [" + "*a, " * 20_000 + "]\n",
        "story.yml:4: aliases (*a) expand the file to over 1,800,490 characters; write the values out",
    ),
    "story: an alias inside itself": (
        {}, "actors: &a\n  - name: A\n    aliases: *a\n", "story.yml:3: *a refers to the value that contains it",
    ),
    "story: a phrase with 12 gaps": (
        {}, "plan:\n  provisions:\n    - id: p\n      title: T\n      phrases: ['" + "a .. " * 12 + "b']\n",
        "story.yml:5: plan.provisions.0.phrases: phrase 'a .. a .. a .. a .. a .. a .. a .. a .. ' is too loose: "
        "at most 3 '..' gaps",
    ),
    "file name with a line break": ({"bad\nname.txt": ARTICLE}, "title: T\n", "the file name has a line break"),
    "sidecar: an explicit tag PyYAML cannot build": (
        {"a.yml": "outlet: !!bool maybe\n"}, "title: T\n", "seeds/a.yml:1: 'maybe…' cannot be read (KeyError)",
    ),
    "front matter: an explicit timestamp": (
        {"x.md": FRONT.format("published: !!timestamp 2024-01-01 10:00:00")}, "title: T\n",
        "seeds/x.md:2: the tag timestamp is not used here; remove it",
    ),
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_refused_with_one_line_and_the_previous_output_untouched(
    tmp_path: Path, case: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Run in this process (the entry point `python -m generator` calls), which the other tests here run as a
    command: forty interpreters fewer."""
    files, story, expected = REFUSED[case]
    project = small_project(tmp_path, files, story)
    out = previous_output(project)
    run = functools.partial(in_process, cwd=project, monkeypatch=monkeypatch, capsys=capsys)
    assert_one_line_refusal(run("build", "--no-cache"), expected)
    assert_untouched(project, out)
    assert_one_line_refusal(run("check"), expected)


def test_a_symlink_out_of_the_seeds_folder_is_refused_by_build_check_and_mkdocs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project(tmp_path / "p", {})
    (project / "seeds" / "passwd.txt").symlink_to("/etc/passwd")
    (project / "seeds" / "inside.txt").symlink_to(project / "seeds" / "a.txt")  # a link within the folder is fine
    out = previous_output(project)
    expected = "seeds/passwd.txt: a symbolic link to a file outside the seeds folder (/etc/passwd)"
    run = functools.partial(in_process, cwd=project, monkeypatch=monkeypatch, capsys=capsys)
    assert_one_line_refusal(run("build"), expected)
    assert_one_line_refusal(run("check"), expected)
    assert_untouched(project, out)
    site_project = copy_project(tmp_path / "site-project", story="title: T\n")
    (site_project / "seeds" / "passwd.txt").symlink_to("/etc/passwd")
    result = build_project(site_project, tmp_path / "site")
    assert result.returncode != 0 and expected in result.stderr
    assert not (tmp_path / "site").exists()


def test_a_sidecar_symlink_out_of_the_seeds_folder_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project(tmp_path, {})
    (project / "seeds" / "a.yml").symlink_to("/etc/hostname")
    result = in_process("build", cwd=project, monkeypatch=monkeypatch, capsys=capsys)
    assert_one_line_refusal(result, "seeds/a.yml: a symbolic link to a file outside")


def test_option_mistakes_name_the_option(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    project = small_project(tmp_path, {})
    out = previous_output(project)
    cases = {
        ("build", "--templates", "/nonexistent"): "--templates /nonexistent: no such folder of page templates",
        ("build", "--out", "story.yml/sub"): "is a file, not a folder; give a folder for the output",
        ("build", "--seeds", "story.yml"): "--seeds story.yml: is a file, not a folder of articles",
        ("build", "--out", "."): "--out .: replacing it would delete the project folder",
        ("build", "--out", ".."): "--out ..: replacing it would delete the project folder",
        ("build", "--out", "seeds"): "--out seeds: overlaps seeds, which the build reads",
        ("build", "--out", "templates"): "--out templates: overlaps templates, which the build reads",
        ("export", "--out", "docs"): "--out docs: overlaps docs, which the build reads",
        ("add", "seeds/a.txt", "--seeds", "story.yml"): "--seeds story.yml: not a folder",
    }
    (project / "docs").mkdir()
    (project / "docs" / "hand-written.md").write_text("kept\n", encoding="utf-8")
    for args, expected in cases.items():  # in this process: each is refused before a build starts
        assert_one_line_refusal(in_process(*args, cwd=project, monkeypatch=monkeypatch, capsys=capsys), expected)
    assert_untouched(project, out)
    assert sorted(p.name for p in (project / "seeds").iterdir()) == ["a.txt"]
    assert (project / "docs" / "hand-written.md").read_text(encoding="utf-8") == "kept\n"
    assert (project / "story.yml").is_file() and (project / "templates" / "home.md.j2").is_file()


def test_jobs_from_the_environment_must_be_a_number(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "p", story="title: T\n")
    env = dict(os.environ, EXPLAINER_JOBS="two", NO_MKDOCS_2_WARNING="1")
    result = python_m("mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(tmp_path / "s"), env=env)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().splitlines() == [
        "ERROR   -  EXPLAINER_JOBS='two': give a whole number of processes from 0 (automatic) to 64"
    ]


def test_an_unexpected_failure_is_one_line_and_debug_shows_the_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """In this process (`cli.main` says what failed): the model is loaded three times, the interpreter not at all."""
    project = small_project(tmp_path, {})
    (project / "templates" / "about.md.j2").write_text("{{ 1 // 0 }}\n", encoding="utf-8")
    run = functools.partial(in_process, cwd=project, monkeypatch=monkeypatch, capsys=capsys)
    monkeypatch.delenv("EXPLAINER_DEBUG", raising=False)
    plain = run("build", "--no-cache")
    assert plain.returncode == 1 and plain.stderr.count("\n") == 1
    assert "unexpected failure (ZeroDivisionError: integer division or modulo by zero)" in plain.stderr
    assert "--debug" in plain.stderr
    with_flag = run("--debug", "build", "--no-cache")
    monkeypatch.setenv("EXPLAINER_DEBUG", "1")
    for debug in (with_flag, run("build", "--no-cache")):
        assert debug.returncode == 1 and "Traceback (most recent call last)" in debug.stderr
        assert "ZeroDivisionError" in debug.stderr


def test_a_panic_from_an_extension_is_one_line(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture) -> None:
    from generator import cli

    class PanicException(BaseException):  # what a Rust extension raises (pyo3_runtime.PanicException)
        pass

    def panic(**_kwargs: object) -> None:
        raise PanicException("called `Result::unwrap()` on an `Err` value\nat src/lib.rs:12")

    monkeypatch.setattr(cli.cli, "main", panic)
    monkeypatch.setattr(sys, "argv", ["generator", "build"])
    monkeypatch.delenv("EXPLAINER_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    assert exit_info.value.code == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unexpected failure (PanicException: called `Result::unwrap()`" in err


def test_a_corrupted_cache_is_a_miss(tmp_path: Path) -> None:
    project = small_project(tmp_path, {})
    first = generator("build", cwd=project)
    assert first.returncode == 0, first.stderr
    pages = {p.relative_to(project / "generated"): p.read_bytes() for p in (project / "generated").rglob("*.md")}
    entries = sorted((project / ".cache").rglob("*.json"))
    assert len(entries) >= 2  # one article's extraction and the whole site
    for index, entry in enumerate(entries):
        entry.write_bytes([b"", b"\x80\x05garbage", b"{\"not\": \"an entry\"}"][index % 3])
    second = generator("build", cwd=project)
    assert second.returncode == 0, second.stderr
    generated = project / "generated"
    assert {p.relative_to(generated): p.read_bytes() for p in generated.rglob("*.md")} == pages


def test_a_huge_file_that_is_no_article_is_never_read(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    with (seeds / "recording.mp4").open("wb") as video:
        video.truncate(1024**3)  # 1 GB, sparse: costs no disk, but reading it would cost 1 GB of memory
    tracemalloc.start()
    inputs_key(BuildInputs(seeds, None, ROOT / "templates"))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 20 * 1024**2


def test_a_big_article_is_hashed_without_being_read_whole(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "big.txt").write_bytes(b"word " * 2_000_000)  # 10 MB: over the article limit, but still hashed
    tracemalloc.start()
    key = inputs_key(BuildInputs(seeds, None, ROOT / "templates"))
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 5 * 1024**2
    (seeds / "big.txt").write_bytes(b"word " * 1_999_999 + b"wore ")
    assert inputs_key(BuildInputs(seeds, None, ROOT / "templates")) != key


# ── accepted: read correctly, with a warning where something was changed ──────────────────────────

MOJIBAKE = "Ukraine\xc3\xa2\xc2\x80\xc2\x99s".encode("latin-1").decode("utf-8")  # C1 controls inside
ACCEPTED: dict[str, str | bytes] = {
    "controls.txt": (
        f"Talks\x7f in\x0cGeneva\ufffe resume\n{MOJIBAKE} envoy\x85said the talks\x0bwould resume"
        " on November 24, 2025.\n"
    ),
    "nul-late.txt": ("Late NUL headline\n" + "Plain text of the article goes on. " * 300 + "\x00Tail text.\n"),
    "utf16.txt": "\ufeffWide headline\nThe text was saved as UTF-16 by a word processor on November 25, 2025.\n".encode(
        "utf-16-le"
    ),
    "utf16-nobom.txt": "Narrow headline\nThis text is UTF-16 without a byte order mark, read all the same.\n".encode(
        "utf-16-le"
    ),
    "unclosed.md": "---\noutlet: Open Wire\npublished: 2025-11-26\n\n# Front matter left open\n\nThe body text.\n",
    "comment.html": "<h1>Comment headline</h1><p>Visible paragraph of the article.</p><!-- <p>hidden, never closed</p>",
    "index.txt": "The index article\nAn article that happens to be called index must not replace the list.\n",
    "page-2.txt": "The page two article\nAn article called page-2 must not replace the second page of sources.\n",
    "a#b?c=1&d%20e.txt": "Awkward name headline\nA file name with a hash, a question mark and a percent sign.\n",
    ("n" * 251) + ".txt": "Long name headline\nThe file name is 255 bytes long, the most a file system allows.\n",
    "typo.txt": "Typo headline\nThe metadata beside this article misspells a key, which is reported.\n",
    "rule.md": "---\nThe talks: a summary. Officials met: on Monday.\n\nA paragraph after a horizontal rule.\n",
    "script.htm": '<h1>Script headline</h1><script>document.write("<!--")</script><p>Text after the script.</p>',
    "utf16-quotes.txt": ("Quoted headline\n“Smart” quotes — in UTF-16 without a byte order mark. " * 3).encode(
        "utf-16-le"
    ),
    "stray-nul.txt": b"Stray headline\nA short text with one \x00 stray NUL byte in it.\n",
    "typo.yml": "outlet: Typo Times\npubished: 2025-11-27\n",
}


@pytest.fixture(scope="module")
def accepted_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    base = tmp_path_factory.mktemp("careless")
    seeds = base / "seeds"
    seeds.mkdir()
    for name, content in ACCEPTED.items():
        (seeds / name).write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    project = copy_project(base / "project", seeds=seeds, story="title: Careless input\n")
    result = build_project(project, base / "site", quiet=False, site_url="https://example.org/x/")
    assert result.returncode == 0, result.stderr
    return base / "site", result.stderr


def test_control_characters_are_removed_and_reported(accepted_site: tuple[Path, str]) -> None:
    site, log = accepted_site
    assert "seeds/controls.txt:1: 7 control characters (page breaks, NUL, C1 or non-characters) removed" in log
    text = visible_text(site / "sources" / "controls.html")
    assert "Talks in Geneva resume" in text and "Ukraineâs envoy said the talks would resume" in text
    page = (site / "sources" / "controls.html").read_text(encoding="utf-8")
    assert "<title>Talks in Geneva resume" in page  # the front matter held: title and JSON-LD are there
    assert '"@type":"NewsArticle"' in page.replace(" ", "")
    for char in "\x7f\x0c\x0b\x85\x80\x99\ufffe":
        assert all(char not in p.read_text(encoding="utf-8") for p in site.rglob("*.html")), repr(char)
    ElementTree.parse(site / "feed.xml")  # valid XML
    assert all(c not in (site / "data" / "timeline.ics").read_text(encoding="utf-8") for c in "\x0b\x0c")


def test_a_late_nul_is_removed_and_wide_text_is_decoded(accepted_site: tuple[Path, str]) -> None:
    site, log = accepted_site
    assert "\x00" not in (site / "sources" / "nul-late.html").read_text(encoding="utf-8")
    assert "Tail text." in visible_text(site / "sources" / "nul-late.html")
    assert "seeds/nul-late.txt:2: 1 control character" in log
    assert "saved as UTF-16 by a word processor" in visible_text(site / "sources" / "utf16.html")
    assert "seeds/utf16.txt:1: UTF-16 text; read it, but re-save it as UTF-8" in log
    assert "UTF-16 without a byte order mark" in visible_text(site / "sources" / "utf16-nobom.html")


def test_unclosed_front_matter_and_comment_are_read_sensibly(accepted_site: tuple[Path, str]) -> None:
    site, log = accepted_site
    assert "seeds/unclosed.md:1: the front matter never closes" in log
    page = visible_text(site / "sources" / "unclosed.html")
    assert "Front matter left open" in page and "Open Wire" in page and "outlet:" not in page
    assert "seeds/comment.html:1: an HTML comment '<!--' never closes" in log
    comment = visible_text(site / "sources" / "comment.html")
    assert "Visible paragraph of the article." in comment and "hidden, never closed" not in comment
    assert "<!--" not in comment


def test_article_pages_never_replace_index_pages(accepted_site: tuple[Path, str]) -> None:
    site, _log = accepted_site
    index = visible_text(site / "sources" / "index.html")
    assert "The index article" in index and "Awkward name headline" in index  # the list is still the list
    assert "An article that happens to be called index" in visible_text(site / "sources" / "index-article.html")
    assert "must not replace the second page" in visible_text(site / "sources" / "page-2-article.html")
    sources = json.loads((site / "data" / "sources.json").read_text(encoding="utf-8"))
    ids = {s["id"] for s in (sources["sources"] if isinstance(sources, dict) else sources)}
    assert {"index-article", "page-2-article", "a-b-c-1-d-20e", "n" * 80} <= ids


def test_awkward_file_names_give_working_links(accepted_site: tuple[Path, str]) -> None:
    site, _log = accepted_site
    assert "A file name with a hash" in visible_text(site / "sources" / "a-b-c-1-d-20e.html")
    assert "The file name is 255 bytes long" in visible_text(site / "sources" / f"{'n' * 80}.html")
    index = (site / "sources" / "index.html").read_text(encoding="utf-8")
    assert 'href="a-b-c-1-d-20e.html"' in index and "%" not in "".join(
        line for line in index.splitlines() if "a-b-c-1" in line
    )


def test_unknown_metadata_keys_are_reported_with_the_closest_key(accepted_site: tuple[Path, str]) -> None:
    site, log = accepted_site
    assert "seeds/typo.yml:2: unknown key 'pubished' is ignored; did you mean 'published'?" in log
    assert "Typo Times" in visible_text(site / "sources" / "typo.html")


def test_the_404_page_links_stay_on_the_site(accepted_site: tuple[Path, str]) -> None:
    site, _log = accepted_site
    page = (site / "404.html").read_text(encoding="utf-8")
    assert 'href="/x/feed.xml"' in page and "https://example.org/x/assets/social.png" in page
    assert '"//' not in page


def test_the_same_input_in_two_folders_gives_the_same_bytes(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (seeds / "empty.txt").write_text("\n", encoding="utf-8")  # a warning that names a file, on the About page
    one = copy_project(tmp_path / "one" / "deep" / "project", seeds=seeds, story="title: T\n")
    two = copy_project(tmp_path / "elsewhere", seeds=seeds, story="title: T\n")
    with ThreadPoolExecutor(2) as pool:  # at once: two projects, two caches, two string-hashing seeds
        built = list(pool.map(build_project, (one, two), (tmp_path / "site-one", tmp_path / "site-two"),
                              repeat(True), repeat(None), (True, False)))  # fmt: skip
    assert [result.returncode for result in built] == [0, 0], [result.stderr for result in built]
    files = sorted(p.relative_to(tmp_path / "site-one") for p in (tmp_path / "site-one").rglob("*") if p.is_file())
    for name in files:
        assert (tmp_path / "site-one" / name).read_bytes() == (tmp_path / "site-two" / name).read_bytes(), name
    about = visible_text(tmp_path / "site-one" / "about.html")
    assert "seeds/empty.txt: no article text" in about and str(tmp_path) not in about
    assert str(tmp_path) not in (tmp_path / "site-one" / "search" / "search_index.json").read_text(encoding="utf-8")


def test_a_paragraph_past_the_models_limit_is_read_in_pieces(tmp_path: Path) -> None:
    """spaCy refuses texts over 1,000,000 characters: a longer paragraph is cut at sentence ends first."""
    # long words: past the limit in characters with few tokens and sentences (the model's time goes by the token)
    word = "Intergovernmental" * 6
    sentence = "Intergovernmental delegations reconvened " + " ".join([word] * 9) + ", round {}."
    count = 1_084
    paragraph = " ".join(sentence.format(i) for i in range(count))
    assert len(paragraph) > 1_050_000
    project = small_project(tmp_path, {"long.txt": "One long paragraph\n" + paragraph + "\n"})
    result = generator("build", "--no-cache", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "generated" / "sources" / "long.md").read_text(encoding="utf-8")
    spans = r'<span class="sentence" id="[^"]+">Intergovernmental delegations [^<]*, round (\d+)\.</span>'
    told = re.findall(spans, page)
    assert told == [str(i) for i in range(count)]  # every sentence, each once, in order


def test_model_chunks_cut_after_sentence_ends_and_keep_every_character() -> None:
    from generator.nlp.batches import model_chunks

    text = "First sentence here. Second one follows! " * 5_000
    pieces = model_chunks(text, limit=1_000)
    assert "".join(pieces) == text and max(map(len, pieces)) <= 1_000
    assert all(piece.rstrip().endswith((".", "!")) for piece in pieces)
    assert model_chunks("x" * 2_500, limit=1_000) == ["x" * 1_000, "x" * 1_000, "x" * 500]  # no break anywhere


def test_review_cases_are_read_sensibly(accepted_site: tuple[Path, str]) -> None:
    site, log = accepted_site
    assert "seeds/rule.md:1: a '---' line opens the file but no front matter follows; read as text" in log
    assert "A paragraph after a horizontal rule." in visible_text(site / "sources" / "rule.html")
    assert "Text after the script." in visible_text(site / "sources" / "script.html")  # '<!--' in a script
    assert "without a byte order mark" in visible_text(site / "sources" / "utf16-quotes.html")
    assert "one stray NUL byte" in visible_text(site / "sources" / "stray-nul.html").replace("  ", " ")
