"""`python -m generator events FILE...`: each dated event with its frame, placed in the file's text."""

from __future__ import annotations

import json
from pathlib import Path

from tests.commands import python_m
from tests.conftest import SEEDS

FIELDS = {"file", "start", "end", "sentence", "trigger", "lemma", "subject", "object", "place", "date", "end_date",
          "after", "before", "precision", "role", "kind", "headline"}  # fmt: skip


def events(*args: str) -> list[dict]:
    result = python_m("generator", "events", *args, "--format", "jsonl", timeout=300)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def test_an_arrest_is_read_as_a_frame_with_its_date(tmp_path: Path) -> None:
    article = tmp_path / "raid.txt"
    article.write_text(
        "Two arrested after raid\n\n"
        "Police in Graz arrested two former managers of the fund on Thursday, prosecutors said.\n\n"
        "The fund had reported the missing money on Monday.\n",
        encoding="utf-8",
    )
    found = events(str(article), "--published", "2026-03-14")
    assert all(set(record) == FIELDS for record in found)
    arrest = next(r for r in found if r["lemma"] == "arrest")
    assert arrest["trigger"] == "arrested" and arrest["subject"] == "Police in Graz"
    assert arrest["object"] == "two former managers of the fund"
    assert (arrest["date"], arrest["precision"]) == ("2026-03-12", "day")
    report = next(r for r in found if r["lemma"] == "report")
    assert (report["date"], report["subject"]) == ("2026-03-09", "The fund")
    text = article.read_text(encoding="utf-8")
    assert all(text[r["start"] : r["end"]] == r["sentence"] for r in found)


def test_every_seed_event_is_placed_on_its_sentence() -> None:
    paths = sorted(SEEDS.glob("*.txt"))
    found = events(*map(str, paths))
    assert len(found) >= 10
    texts = {str(p): p.read_text(encoding="utf-8") for p in paths}
    for record in found:
        assert texts[record["file"]][record["start"] : record["end"]] == record["sentence"], record
    geneva = [r for r in found if r["date"] == "2025-11-23" and "Geneva" in r["sentence"]]
    assert geneva and all(r["precision"] == "day" for r in geneva)
    assert all(r["date"] is None for r in found if r["precision"] == "approx")  # a window, never a day it invents
