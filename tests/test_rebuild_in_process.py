"""A process that builds again (`mkdocs serve`) keeps the last build's articles and extractions in memory, and
still reads every edit: a changed article, one changed without its size or modification time moving, a metadata
file added beside it. What it builds is what a build from nothing builds."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from generator.build import cache as extraction_cache
from generator.build import pipeline
from generator.build.cache import BuildInputs
from generator.build.pipeline import build_outputs
from tests.conftest import ROOT, SEEDS, STORY

ARTICLE = "000_a5c0679ffe64ab60"


def _from_nothing(inputs: BuildInputs) -> dict[str, str]:
    pipeline._KEPT_ARTICLES.clear()
    extraction_cache._LAST_BUILD.clear()
    return build_outputs(inputs).files


def test_a_rebuild_in_one_process_reads_every_edit_and_builds_what_a_fresh_build_does(tmp_path: Path) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    inputs = BuildInputs(seeds, STORY, ROOT / "templates", tmp_path / "cache", jobs=1)
    page = f"sources/{ARTICLE}.md"
    first = build_outputs(inputs).files
    assert "Geneva" in first[page] and "Genova" not in first[page]
    assert pipeline._KEPT_ARTICLES and extraction_cache._LAST_BUILD  # kept for the next build

    article = seeds / f"{ARTICLE}.txt"
    before = article.stat()
    article.write_text(article.read_text(encoding="utf-8").replace("Geneva", "Genova"), encoding="utf-8")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same modification time
    assert article.stat().st_size == before.st_size
    second = build_outputs(inputs).files
    assert "Genova" in second[page] and "Geneva" not in second[page]

    (seeds / f"{ARTICLE}.yml").write_text("outlet: The Example Gazette\n", encoding="utf-8")
    third = build_outputs(inputs).files
    assert "The Example Gazette" in third[page]
    assert third == _from_nothing(inputs)

    (seeds / f"{ARTICLE}.yml").unlink()
    assert build_outputs(inputs).files == second
