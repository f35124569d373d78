"""The story file: every mistake is reported as FILE:LINE: what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import EMPTY_STORY, StoryFileError, load_story, parse_story, unknown_sources

ROOT = Path(__file__).resolve().parent.parent


def test_project_story_file_is_valid_and_lists_the_plan() -> None:
    story = load_story(ROOT / "story.yml")
    assert unknown_sources(ROOT / "story.yml", story, {"anything"}) == []
    assert story.plan is not None
    numbered = {p.number for p in story.plan.provisions if p.number}
    assert numbered == set(range(1, 29))
    assert {"army-cap", "no-nato", "cede-unoccupied-territory", "recognise-annexation"} <= {
        p.id for p in story.plan.provisions
    }


def test_missing_story_file_means_empty_story(tmp_path: Path) -> None:
    assert load_story(tmp_path / "nope.yml") is EMPTY_STORY
    assert load_story(None) is EMPTY_STORY


CASES = [
    ("title: a\nactors:\n  - name: X\n    kind: person\n   role: bad indent\n", 5, "YAML syntax error"),
    ("title: a\nactros: []\n", 2, "unknown key 'actros'"),
    ("title: a\nactors:\n  - name: X\n    kind: planet\n", 4, "'actors.0.kind'"),
    ("actors:\n  - name: X\n  - name: Y\n    aliases: oops\n", 4, "'actors.1.aliases'"),
    ("actors:\n  - name: A\n  - name: B\n  - name: A\n", 4, "actor 'A' is listed twice"),
    (
        "actors:\n  - name: A\n    aliases: [Kiev]\n  - name: B\n    aliases: [Kiev]\n",
        5,
        "alias 'Kiev' of 'B' also names 'A'",
    ),
    (
        "plan:\n  provisions:\n    - id: p1\n      title: T\n      phrases: []\n",
        5,
        "at least one non-empty matching phrase",
    ),
    ("plan:\n  provisions:\n    - id: p1\n      title: T\n", 3, "at least one"),
    (
        "plan:\n  provisions:\n    - {id: p, title: T, phrases: [a]}\n    - {id: p, title: U, phrases: [b]}\n",
        4,
        "provision id 'p' is used twice",
    ),
    ("reference_year: twenty\n", 1, "'reference_year'"),
    ("- just\n- a list\n", 1, "must be a mapping"),
]


@pytest.mark.parametrize(("text", "line", "message"), CASES)
def test_story_mistakes_name_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(StoryFileError) as caught:
        parse_story(text, "story.yml")
    error = str(caught.value)
    assert error.startswith(f"story.yml:{line}: "), error
    assert message in error
    assert "\n" not in error


def test_reference_to_missing_source_is_a_warning_with_its_line(tmp_path: Path) -> None:
    path = tmp_path / "story.yml"
    path.write_text("title: t\nsources:\n  ghost-article: {outlet: X}\n  real: {}\n", encoding="utf-8")
    warnings = unknown_sources(path, load_story(path), {"real"})
    assert warnings == [
        f"{path}:3: source 'ghost-article' has no article in the seeds folder; fix the name or remove it"
    ]


def test_not_utf8_story_file(tmp_path: Path) -> None:
    path = tmp_path / "story.yml"
    path.write_bytes(b"title: caf\xe9\n")
    with pytest.raises(StoryFileError, match="not UTF-8"):
        load_story(path)
