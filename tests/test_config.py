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


def test_the_same_story_text_gives_back_the_story_read_last_time(tmp_path: Path) -> None:
    path = tmp_path / "story.yml"
    path.write_text("title: First\n", encoding="utf-8")
    first = load_story(path)
    assert load_story(path) is first  # a server's next rebuild: not parsed again
    path.write_text("title: Other\n", encoding="utf-8")
    assert load_story(path).title == "Other"
    path.write_text("title: [unclosed\n", encoding="utf-8")  # a mistake is still reported, never the last story
    with pytest.raises(StoryFileError):
        load_story(path)
    other = tmp_path / "other.yml"
    other.write_text("title: Other\n", encoding="utf-8")
    assert load_story(other).title == "Other"


def test_missing_story_file_means_empty_story(tmp_path: Path) -> None:
    assert load_story(tmp_path / "nope.yml") is EMPTY_STORY
    assert load_story(None) is EMPTY_STORY


CASES = [
    ("title: a\nactors:\n  - name: X\n    kind: person\n   role: bad indent\n", 5, "YAML syntax error"),
    ("title: a\nactros: []\n", 2, "unknown key 'actros'"),
    ("title: a\nactors:\n  - name: X\n    kind: planet\n", 4, "actors.0.kind: Input should be"),
    ("actors:\n  - name: X\n  - name: Y\n    aliases: oops\n", 4, "actors.1.aliases: "),
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
    ("reference_year: twenty\n", 1, "reference_year: "),
    ("- just\n- a list\n", 1, "must be a mapping"),
    # duplicate keys at any depth: both lines named, nothing silently lost
    ("title: a\nactors:\n  - name: A\nactors:\n  - name: B\n", 4, "'actors' is given twice (lines 2 and 4)"),
    ("actors:\n  - name: A\n    role: x\n    role: y\n", 4, "'role' is given twice (lines 3 and 4)"),
    # dates: a calendar mistake, quoted or not, and dates no arithmetic can handle
    ("sources:\n  a:\n    published: 2025-11-31\n", 3, "sources.a.published: 2025-11-31 is not a calendar date"),
    ('sources:\n  a:\n    published: "2025-13-45"\n', 3, "sources.a.published: 2025-13-45 is not a calendar"),
    ("sources:\n  a:\n    published: 9999-12-31\n", 3, "sources.a.published: 9999-12-31 is outside 1000–9000"),
    ("sources:\n  a:\n    published: 0001-01-01\n", 3, "is outside 1000–9000"),
    ("sources:\n  a:\n    published: 20251121\n", 3, "must be a date written YYYY-MM-DD"),
    ("sources:\n  a:\n    outlet: [Reuters, AP]\n", 3, "sources.a.outlet: must be text, not a list; correct the value"),
    ("sources:\n  a:\n    url: \"https://x.org/a\\nb\"\n", 3, "sources.a.url: "),
    # resources: numbers, nesting, aliases
    ("reference_year: " + "9" * 5000 + "\n", 1, "cannot be read (too many digits); quote it"),
    ("title: " + "[" * 1000 + "]" * 1000 + "\n", 1, "nested more than 40 levels deep"),
    ("a: &a [" + "x" * 100_000 + "]\nb: [" + "*a, " * 2_000 + "]\n", 2, "aliases (*a) expand the file to over"),
    ("actors: &a\n  - name: A\n    aliases: *a\n", 3, "*a refers to the value that contains it"),
    ("title: a\nsummary: \u0007\n", 2, "character U+0007 is not allowed in YAML"),
    # provision phrases: a bounded number of gaps and wildcards
    ("plan:\n  provisions:\n    - id: p\n      title: T\n      phrases: ['" + "a .. " * 12 + "b']\n", 5,
     "at most 3 '..' gaps"),
    ("plan:\n  provisions:\n    - id: p\n      title: T\n      phrases: ['a* b* c* d* e* f* g*']\n", 5,
     "at most 4 words ending in '*'"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "line", "message"), CASES)
def test_story_mistakes_name_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(StoryFileError) as caught:
        parse_story(text, "story.yml")
    error = str(caught.value)
    assert error.startswith(f"story.yml:{line}: "), error
    assert message in error
    assert "\n" not in error and len(error) < 300, error
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


def test_control_characters_in_yaml_strings_are_removed() -> None:
    story = parse_story('title: "Talks\\x0cin\\x85Geneva\\x7f"\nsummary: "a\\u2028b\\x00"\n')
    assert (story.title, story.summary) == ("Talks in Geneva", "a b")
