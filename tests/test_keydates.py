"""The story in its key dates: the days a reader would pick, each told by cited sentences (issue 26)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.core.model import Site
from generator.core.refs import sentence_key
from tests.commands import python_m
from tests.conftest import ROOT, SEEDS


def keydates(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return python_m("generator", "keydates", *args, timeout=300, cwd=cwd)


def test_the_seeds_key_dates_are_the_ones_a_reader_would_pick(site: Site) -> None:
    days = [k.date for k in site.key_dates]
    assert days == sorted(days)
    assert {"2025-11-23", "2025-11-27"} <= set(days)  # the Geneva talks, the deadline
    assert {"2025-11-19", "2025-11-20"} & set(days)  # the plan comes out
    geneva = next(k for k in site.key_dates if k.date == "2025-11-23")
    assert any("met in Geneva" in s.text for s in geneva.sentences)


def test_every_key_sentence_is_the_exact_sentence_it_cites(site: Site) -> None:
    for day in site.key_dates:
        assert day.sentences
        for s in day.sentences:
            assert site.sentences[sentence_key(s.source, s.sentence)].text == s.text


def test_the_command_gives_t_dates_of_at_most_l_sentences_as_json_lines() -> None:
    result = keydates("--seeds", str(SEEDS), "--dates", "3", "--sentences", "1", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 3 and [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    for row in rows:
        assert set(row) == {"date", "sentences", "citations"}
        assert len(row["sentences"]) == len(row["citations"]) <= 1
        assert all(set(c) == {"source", "sentence_id"} for c in row["citations"])


def test_keywords_restrict_which_sentences_may_tell_a_date() -> None:
    result = keydates("--seeds", str(SEEDS), "--keywords", "Geneva,deadline", "--format", "jsonl")
    assert result.returncode == 0, result.stderr
    sentences = [s for line in result.stdout.splitlines() for s in json.loads(line)["sentences"]]
    assert sentences and all("Geneva" in s or "deadline" in s.lower() for s in sentences)


def test_a_wrong_count_is_one_line_naming_the_option() -> None:
    result = keydates("--seeds", str(SEEDS), "--dates", "0")
    assert result.returncode == 2 and "--dates" in result.stderr and "Traceback" not in result.stderr


def test_the_home_page_opens_with_the_story_in_its_dates_linking_to_the_timeline(built_site: Path) -> None:
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert "The story in 4 dates" in home
    section = home[home.index('class="key-dates"') : home.index("</ol>", home.index('class="key-dates"'))]
    assert 'href="timeline.html#e-' in section  # each date opens its day on the timeline
    assert section.count('href="sources/') >= 4  # each sentence opens in its source
    assert "met in Geneva" in section


def test_the_story_file_sets_how_many_key_dates(tmp_path: Path) -> None:
    from generator.build.pipeline import build_site_data

    story = tmp_path / "story.yml"
    story.write_text((ROOT / "story.yml").read_text(encoding="utf-8") + "\nkey_dates: 2\n", encoding="utf-8")
    assert len(build_site_data(SEEDS, story).key_dates) == 2


def test_the_key_dates_are_exported_with_their_schema(site: Site) -> None:
    from generator.publish.exports.data import export_data
    from generator.publish.exports.schema import schema_files

    data = json.loads(export_data(site)["data/keydates.json"])
    assert [d["date"] for d in data["dates"]] == [k.date for k in site.key_dates]
    assert all(s["url"].startswith("sources/") and s["sentence"] for d in data["dates"] for s in d["sentences"])
    assert "data/schema/keydates.schema.json" in schema_files()
