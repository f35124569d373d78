"""The story file: schema, validation, and errors that name the file and line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from generator.errors import StoryFileError

ActorKind = Literal["person", "country", "organisation", "group", "place", "other"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorSpec(_Strict):
    name: str = Field(min_length=1)
    kind: ActorKind = "other"
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    # Words that name the actor through a place or institution ("Élysée" for a state): counted as its
    # mentions; a quote's speaker only when no person is named.
    metonyms: tuple[str, ...] = ()


class ProvisionSpec(_Strict):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")
    number: int | None = None
    title: str = Field(min_length=1)
    phrases: tuple[str, ...] = Field(default=(), validate_default=True)
    note: str | None = None

    @field_validator("phrases")
    @classmethod
    def _needs_phrase(cls, phrases: tuple[str, ...]) -> tuple[str, ...]:
        if not phrases or not all(p.strip() for p in phrases):
            raise ValueError("a provision needs at least one non-empty matching phrase")
        return phrases


class PlanSpec(_Strict):
    title: str = "The plan"
    # The word the plan uses for its parts ("12 points"), to follow the plan's size over time.
    unit_words: tuple[str, ...] = ("points", "point")
    provisions: tuple[ProvisionSpec, ...] = ()


class SourceSpec(_Strict):
    outlet: str | None = None
    url: str | None = None
    published: dt.date | None = None  # YYYY-MM-DD


class Story(_Strict):
    title: str = "A developing story"
    summary: str = ""
    reference_year: int | None = Field(default=None, ge=1000, le=9999)
    actors: tuple[ActorSpec, ...] = ()
    plan: PlanSpec | None = None
    sources: dict[str, SourceSpec] = {}


EMPTY_STORY = Story()


def _node_at(root: yaml.Node | None, loc: tuple[str | int, ...]) -> yaml.Node | None:
    """Walk a composed YAML tree along a pydantic error location; return the deepest node reached."""
    node = root
    for key in loc:
        if isinstance(node, yaml.MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            if match is None:
                keyed = next((k for k, _ in node.value if k.value == key), None)
                return keyed or node
            node = match
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return node
    return node


def _line_of(root: yaml.Node | None, loc: tuple[str | int, ...]) -> int | None:
    node = _node_at(root, loc)
    return node.start_mark.line + 1 if node is not None else None


def _describe(error: dict) -> str:
    loc = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{error['loc'][-1]}'; check its spelling against the story file format in README.md"
    if kind == "missing":
        return f"'{loc}' is required; add it"
    message = error["msg"].removeprefix("Value error, ")
    return f"'{loc}': {message}; correct the value"


def _cross_checks(story: Story) -> list[tuple[tuple[str | int, ...], str]]:
    """Checks that span several entries: duplicate names, shared aliases, duplicate provision ids."""
    problems: list[tuple[tuple[str | int, ...], str]] = []
    owner: dict[str, str] = {}
    for i, actor in enumerate(story.actors):
        key = actor.name.casefold()
        if key in owner:
            problems.append((("actors", i, "name"), f"actor '{actor.name}' is listed twice; merge the entries"))
            continue
        owner[key] = actor.name
    for i, actor in enumerate(story.actors):
        for j, alias in enumerate(actor.aliases + actor.metonyms):
            key = alias.casefold()
            other = owner.setdefault(key, actor.name)
            if other != actor.name:
                where = "aliases" if j < len(actor.aliases) else "metonyms"
                index = j if j < len(actor.aliases) else j - len(actor.aliases)
                problems.append(
                    (
                        (("actors", i, where, index)),
                        f"alias '{alias}' of '{actor.name}' also names '{other}'; keep it on one actor only",
                    )
                )
    if story.plan:
        seen: set[str] = set()
        for i, provision in enumerate(story.plan.provisions):
            if provision.id in seen:
                problems.append((("plan", "provisions", i, "id"), f"provision id '{provision.id}' is used twice"))
            seen.add(provision.id)
    return problems


def parse_story(text: str, path: str = "story.yml") -> Story:
    """Validate story-file text; raise StoryFileError naming the first mistake's line."""
    try:
        root = yaml.compose(text)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        raise StoryFileError(
            path, line, f"YAML syntax error: {exc.problem or exc}; fix the indentation or quoting"
        ) from None
    except yaml.YAMLError as exc:
        raise StoryFileError(path, None, f"YAML error: {exc}") from None
    if data is None:
        return EMPTY_STORY
    if not isinstance(data, dict):
        raise StoryFileError(path, 1, "the story file must be a mapping of keys (title, actors, plan, sources)")
    try:
        story = Story.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise StoryFileError(path, _line_of(root, first["loc"]), _describe(first)) from None
    problems = _cross_checks(story)
    if problems:
        loc, message = problems[0]
        raise StoryFileError(path, _line_of(root, loc), message)
    return story


def unknown_sources(path: Path | None, story: Story, known: set[str]) -> list[str]:
    """Warnings for story-file source entries with no article: the story file can serve several folders."""
    missing = [stem for stem in story.sources if stem not in known]
    if not missing or path is None:
        return []
    root = yaml.compose(path.read_text(encoding="utf-8"))
    return [
        f"{path}:{_line_of(root, ('sources', stem))}: source '{stem}' has no article in the seeds folder; "
        "fix the name or remove it"
        for stem in missing
    ]


def load_story(path: Path | None) -> Story:
    """Read and validate a story file; no file means an empty story (the text alone is used)."""
    if path is None or not path.exists():
        return EMPTY_STORY
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise StoryFileError(str(path), None, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    return parse_story(text, str(path))
