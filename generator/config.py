"""The story file: schema, validation, and errors that name the file and line."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails
from yaml.nodes import Node

from generator.core.errors import StoryFileError
from generator.core.types import ActorKind
from generator.core.yamlload import YamlProblem, line_at, load_yaml


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ActorSpec(_Strict):
    name: str = Field(min_length=1)
    kind: ActorKind = ActorKind.OTHER
    role: str | None = None
    affiliation: str | None = None
    aliases: tuple[str, ...] = ()
    # Words that name the actor through a place or institution ("Élysée" for a state): counted as its
    # mentions; a quote's speaker only when no person is named.
    metonyms: tuple[str, ...] = ()


MAX_GAPS, MAX_WILDCARDS, MAX_PHRASE_WORDS = 3, 4, 16  # a phrase's cost to match grows with each gap


class ProvisionSpec(_Strict):
    id: str = Field(min_length=1, pattern=r"^[a-z0-9][a-z0-9-]*$")
    number: int | None = None
    title: str = Field(min_length=1)
    phrases: tuple[str, ...] = Field(default=(), validate_default=True)
    note: str | None = None
    prohibition: bool | None = None  # forbids something ('No foreign troops'); read from the title if not given

    @field_validator("phrases")
    @classmethod
    def _needs_phrase(cls, phrases: tuple[str, ...]) -> tuple[str, ...]:
        if not phrases or not all(p.strip() for p in phrases):
            raise ValueError("a provision needs at least one non-empty matching phrase")
        for phrase in phrases:
            words = phrase.split()
            gaps, stars = words.count(".."), sum(w.endswith("*") for w in words)
            if gaps > MAX_GAPS or stars > MAX_WILDCARDS or len(words) > MAX_PHRASE_WORDS:
                raise ValueError(
                    f"phrase '{phrase[:40]}' is too loose: at most {MAX_GAPS} '..' gaps, at most {MAX_WILDCARDS} "
                    f"words ending in '*' and {MAX_PHRASE_WORDS} words in all"
                )
            if words[0] == ".." or words[-1] == "..":
                raise ValueError(f"phrase '{phrase[:40]}' starts or ends with a '..' gap; remove it")
        return phrases


class PlanSpec(_Strict):
    title: str = "The plan"
    # The word the plan uses for its parts ("12 points"), to follow the plan's size over time.
    unit_words: tuple[str, ...] = ("points", "point")
    provisions: tuple[ProvisionSpec, ...] = ()


EARLIEST, LATEST = dt.date(1000, 1, 1), dt.date(9000, 12, 31)  # room for any date arithmetic on either side


def _one_line(value: str, field: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError(f"the {field} must be on one line")
    return value.strip()


class ArticleMeta(_Strict):
    """An article's metadata, wherever an editor writes it: story file `sources:`, a sidecar, front matter."""

    outlet: str | None = Field(default=None, min_length=1)
    url: str | None = None
    published: dt.date | None = None  # YYYY-MM-DD
    title: str | None = Field(default=None, min_length=1)

    @field_validator("outlet", "title", mode="before")
    @classmethod
    def _text(cls, value: object) -> object:
        if value is not None and not isinstance(value, str):
            raise ValueError(f"must be text, not a {_kind(value)}")
        return _one_line(value, "value") if isinstance(value, str) else value

    @field_validator("url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = _one_line(value, "address")
        if any(c.isspace() for c in value) or not re.match(r"https?://[^/\s]+", value):
            raise ValueError("must be a web address starting http:// or https://, with no spaces")
        return value

    @field_validator("published", mode="before")
    @classmethod
    def _date(cls, value: object) -> object:
        wrong_text = isinstance(value, str) and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        if isinstance(value, dt.datetime | bool | int | float) or wrong_text:
            raise ValueError("must be a date written YYYY-MM-DD")
        if isinstance(value, str):
            try:
                value = dt.date.fromisoformat(value)
            except ValueError as exc:
                raise ValueError(f"{value} is not a calendar date ({exc})") from None
        if isinstance(value, dt.date) and not EARLIEST <= value <= LATEST:
            raise ValueError(f"{value} is outside {EARLIEST.year}–{LATEST.year}")
        return value


def _kind(value: object) -> str:
    return {list: "list", dict: "mapping", bool: "yes/no value"}.get(type(value), type(value).__name__)


SourceSpec = ArticleMeta  # the story file's `sources:` entries


class Story(_Strict):
    title: str = "A developing story"
    summary: str = ""
    reference_year: int | None = Field(default=None, ge=1000, le=9999)
    actors: tuple[ActorSpec, ...] = ()
    plan: PlanSpec | None = None
    sources: dict[str, SourceSpec] = {}


EMPTY_STORY = Story()


def _describe(error: ErrorDetails, schema_words: str = "the story file format in README.md") -> str:
    """One pydantic error as `field: what is wrong; what to do`."""
    loc = ".".join(str(p) for p in error["loc"] if not str(p).startswith("function-"))
    kind = error["type"]
    if kind == "extra_forbidden":
        return f"unknown key '{error['loc'][-1]}'; check its spelling against {schema_words}"
    if kind == "missing":
        return f"{loc}: required; add it"
    message = error["msg"].removeprefix("Value error, ")
    return f"{loc}: {message}; correct the value"


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


def _load(text: str, path: str) -> tuple[object, Node | None]:
    try:
        return load_yaml(text)
    except YamlProblem as exc:
        raise StoryFileError(path, exc.line, str(exc)) from None


def parse_story(text: str, path: str = "story.yml") -> Story:
    """Validate story-file text; raise StoryFileError naming the first mistake's line."""
    data, root = _load(text, path)
    if data is None:
        return EMPTY_STORY
    if not isinstance(data, dict):
        raise StoryFileError(path, 1, "the story file must be a mapping of keys (title, actors, plan, sources)")
    try:
        story = Story.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise StoryFileError(path, line_at(root, first["loc"]), _describe(first)) from None
    problems = _cross_checks(story)
    if problems:
        loc, message = problems[0]
        raise StoryFileError(path, line_at(root, loc), message)
    return story


META_KEYS = tuple(ArticleMeta.model_fields)


def parse_meta(data: object, root: Node | None, path: str, first_line: int = 1) -> tuple[ArticleMeta, list[str]]:
    """Validate a sidecar's or front matter's metadata: errors stop the build, unknown keys warn.

    `first_line` is the file line of the YAML text's first line (front matter starts on line 2).
    """
    if data is None:
        return ArticleMeta(), []
    if not isinstance(data, dict):
        raise StoryFileError(path, first_line, "metadata must be a mapping such as 'outlet: Reuters'")
    warnings = []
    for key in sorted((k for k in data if k not in META_KEYS), key=str):
        line = line_at(root, (key,), first_line)
        close = difflib.get_close_matches(str(key), META_KEYS, n=1)
        hint = f"did you mean '{close[0]}'?" if close else f"the known keys are {', '.join(META_KEYS)}"
        warnings.append(f"{path}:{line}: unknown key '{key}' is ignored; {hint}")
    try:
        meta = ArticleMeta.model_validate({k: v for k, v in data.items() if k in META_KEYS})
    except ValidationError as exc:
        first = exc.errors()[0]
        line = line_at(root, first["loc"], first_line)
        raise StoryFileError(path, line, _describe(first, "README.md")) from None
    return meta, warnings


def read_meta_text(text: str, path: str, first_line: int = 1) -> tuple[ArticleMeta, list[str]]:
    """Metadata from YAML text (a sidecar file or a front-matter block)."""
    try:
        data, root = load_yaml(text, first_line)
    except YamlProblem as exc:
        raise StoryFileError(path, exc.line, str(exc)) from None
    return parse_meta(data, root, path, first_line)


def unknown_sources(path: Path | None, story: Story, known: set[str]) -> list[str]:
    """Warnings for story-file source entries with no article: the story file can serve several folders."""
    missing = [stem for stem in story.sources if stem not in known]
    if not missing or path is None:
        return []
    _data, root = _load(path.read_text(encoding="utf-8"), str(path))
    return [
        f"{path}:{line_at(root, ('sources', stem))}: source '{stem}' has no article in the seeds folder; "
        "fix the name or remove it"
        for stem in missing
    ]


def load_story(path: Path | None) -> Story:
    """Read and validate a story file; no file means an empty story (the text alone is used)."""
    if path is None or not path.exists():
        return EMPTY_STORY
    if not path.is_file():
        raise StoryFileError(str(path), None, "is not a file; give the path of a story file (story.yml)")
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise StoryFileError(str(path), None, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    except OSError as exc:
        raise StoryFileError(str(path), None, f"cannot be read ({exc.strerror}); check the path") from None
    return parse_story(text, str(path))
