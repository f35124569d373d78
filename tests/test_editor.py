"""The editor's tools as an editor runs them: `check`, `add` and `explain`, with their exit codes."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from generator.config import load_story
from generator.ingest.articles import read_article
from tests.commands import python_m
from tests.conftest import ROOT, SEEDS, STORY

GENEVA_SENTENCE = "000_a5c0679ffe64ab60#s-a51a906f"


def run(*args: str, cwd: Path = ROOT, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = python_m("generator", *args, cwd=cwd, input=stdin, text=False)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode(), result.stderr.decode())


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(SEEDS, tmp_path / "seeds")
    shutil.copy(STORY, tmp_path / "story.yml")
    return tmp_path


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """The seeds and story file, and what `check` said of them with an empty cache: it filled their cache, so a
    copy of the folder does not extract the seeds again."""
    folder = tmp_path_factory.mktemp("checked")
    shutil.copytree(SEEDS, folder / "seeds")
    shutil.copy(STORY, folder / "story.yml")
    return folder, run("check", cwd=folder)


@pytest.fixture
def warm_project(checked: tuple[Path, subprocess.CompletedProcess[str]], tmp_path: Path) -> Path:
    """A copy of the checked folder, its cache and all."""
    return shutil.copytree(checked[0], tmp_path / "project", symlinks=True)


def test_check_lists_what_to_review_and_passes_on_the_seeds(
    checked: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    project, result = checked
    assert result.returncode == 0, result.stdout + result.stderr
    assert "unused alias: Sergey Ryabkov: “Sergei Ryabkov” appears in no article" in result.stdout
    assert "unmentioned provision: amnesty:" in result.stdout
    assert "unused alias: Marco Rubio: “Rubio”" not in result.stdout  # "Rubio" is in the text, inside a longer name
    strict = run("check", "--strict", cwd=project)
    assert strict.returncode == 1 and "to review" in strict.stdout.splitlines()[-1]


def test_check_lists_an_actor_the_story_file_does_not_know_and_fails_only_when_strict(warm_project: Path) -> None:
    project = warm_project
    (project / "seeds" / "new.txt").write_text(
        "New talks\n\nForeign Minister Annika Lindqvist said on December 2, 2025 that the talks would resume.\n",
        encoding="utf-8",
    )
    result = run("check", cwd=project)
    assert "found actor: Annika Lindqvist: found in new; add it to story.yml to correct it" in result.stdout
    assert run("check", "--strict", cwd=project).returncode == 1


def test_check_stops_on_a_broken_story_file_with_one_line(project: Path) -> None:
    (project / "story.yml").write_text("title: x\nactors:\n  - name: [unclosed\n", encoding="utf-8")
    result = run("check", cwd=project)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("error: story.yml:") and len(result.stderr.strip().splitlines()) == 1


def test_add_normalises_an_article_and_writes_its_metadata(project: Path, tmp_path: Path) -> None:
    source = tmp_path / "download.html"
    source.write_bytes(
        b"<html><head><title>Envoys meet again</title></head><body><h1>Envoys meet again</h1>"
        b"<p>On December 4, 2025, envoys met again in Geneva.   </p>\r\n<p>They agreed to talk again.</p></body></html>"
    )
    result = run("add", str(source), "--outlet", "Reuters", "--url", "https://example.com/a",
                 "--published", "2025-12-04", "--seeds", "seeds", cwd=project)  # fmt: skip
    assert result.returncode == 0, result.stderr
    written = [Path(line.removeprefix("wrote ")) for line in result.stdout.splitlines() if line.startswith("wrote ")]
    (article,) = (project / p for p in written)  # a saved page becomes Markdown: its metadata, then its body
    assert article.name.startswith("2025-12-04-envoys-meet-again-") and article.suffix == ".md"
    text = article.read_text(encoding="utf-8")
    header, body = text.removeprefix("---\n").split("---\n", 1)
    assert yaml.safe_load(header) == {"title": "Envoys meet again", "outlet": "Reuters", "published": "2025-12-04",
                                      "url": "https://example.com/a"}  # fmt: skip
    paragraphs = ["# Envoys meet again", "On December 4, 2025, envoys met again in Geneva.",
                  "They agreed to talk again."]  # fmt: skip
    assert body == "\n" + "\n\n".join(paragraphs) + "\n"
    read = read_article(article, load_story(STORY))
    assert read.meta.outlet == "Reuters" and read.meta.published == "2025-12-04" and read.title == "Envoys meet again"
    again = run("add", str(source), "--seeds", "seeds", cwd=project)  # the same text again is refused
    assert again.returncode == 2 and "already in the seeds folder as seeds/" + article.name in again.stderr


def test_add_reads_standard_input_and_refuses_bad_metadata(project: Path) -> None:
    text = b"Ceasefire holds\n\nOn December 5, 2025, the ceasefire held for a second day.\n"
    result = run("add", "-", "--outlet", "Kyiv Independent", "--seeds", "seeds", stdin=text, cwd=project)
    assert result.returncode == 0 and "undated-ceasefire-holds-" in result.stdout
    bad_date = run("add", "-", "--published", "5 Dec", "--seeds", "seeds", stdin=b"Other\n\nText here.\n", cwd=project)
    assert bad_date.stderr == "error: --published 5 Dec: must be a date written YYYY-MM-DD\n"
    assert bad_date.returncode == 2
    stdin = b"Other\n\nText here.\n"
    newline_url = run("add", "-", "--url", "https://x.org/a\nb", "--seeds", "seeds", stdin=stdin, cwd=project)
    assert newline_url.returncode == 2
    assert newline_url.stderr == "error: --url 'https://x.org/a\\nb': the address must be on one line\n"
    script_url = run("add", "-", "--url", "javascript:alert(1)", "--seeds", "seeds", stdin=stdin, cwd=project)
    assert script_url.returncode == 2 and "must be a web address starting http:// or https://" in script_url.stderr
    not_a_folder = run("add", "-", "--seeds", "story.yml", stdin=stdin, cwd=project)
    assert not_a_folder.stderr == "error: --seeds story.yml: not a folder; give the folder of article files\n"
    assert not_a_folder.returncode == 2
    binary = run("add", "-", "--seeds", "seeds", stdin=b"\x89PNG\r\n\x1a\n\x00\x00", cwd=project)
    assert binary.returncode == 2 and "binary data" in binary.stderr
    assert len(list((project / "seeds").glob("undated-*.txt"))) == 1  # nothing written for the refused ones


def test_explain_shows_each_fact_of_a_sentence_with_its_rule(project: Path) -> None:
    result = run("explain", f"sources/{GENEVA_SENTENCE.replace('#', '.html#')}", cwd=project)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1].startswith("“By November 23, representatives of Ukraine")
    assert "date      “November 23” → 23 Nov 2025 (rule month-day, year inferred; role when)" in lines
    assert any(line.startswith("actor     “US Secretary of State Marco Rubio” → Marco Rubio") for line in lines)
    assert any(line.startswith("event     23 Nov 2025 [event]") for line in lines)
    missing = run("explain", "000_a5c0679ffe64ab60#s-00000000", cwd=project)
    assert missing.returncode == 2 and "no sentence s-00000000" in missing.stderr
    malformed = run("explain", "Geneva", cwd=project)
    assert malformed.returncode == 2 and "SOURCE#s-XXXXXXXX" in malformed.stderr


@pytest.mark.parametrize("command", ["build", "export", "check", "add", "explain", "keydates"])
def test_every_command_has_help_with_examples(command: str) -> None:
    result = run(command, "--help")
    assert result.returncode == 0 and "Usage:" in result.stdout
    assert "Examples:" in result.stdout and f"python -m generator {command}" in result.stdout


def test_export_writes_every_data_file_without_building_the_site(warm_project: Path) -> None:
    project = warm_project
    templates = str(ROOT / "templates")
    result = run(
        "export", "--out", "out", "--site-url", "https://example.org/x/", "--templates", templates, cwd=project
    )
    assert result.returncode == 0, result.stderr
    written = sorted(str(p.relative_to(project / "out")) for p in (project / "out").rglob("*") if p.is_file())
    assert written == sorted([
        ".explainer-output", "actors.csv", "actors.json", "comparison.json", "feed.xml", "figures.csv", "keydates.json",
        "plan.json", "provisions.csv",
        "schema/actors.schema.json", "schema/comparison.schema.json", "schema/keydates.schema.json",
        "schema/plan.schema.json",
        "schema/sources.schema.json", "schema/timeline.schema.json", "sources.json", "timeline.csv", "timeline.ics",
        "timeline.json", "timelinejs.json",
    ])  # fmt: skip
    assert "https://example.org/x/timeline.html#e-" in (project / "out" / "timeline.ics").read_text()
