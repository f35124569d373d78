"""The story file: schema, validation, and errors that name the file and line."""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import ErrorDetails
from yaml.nodes import Node

from generator.core.errors import IngestError, StoryFileError
from generator.core.files import file_status, read_limited
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
    reference_year: int | None = Field(default=None, ge=1000, le=9000)  # as a sidecar's dates: room to count on
    actors: tuple[ActorSpec, ...] = ()
    plan: PlanSpec | None = None
    sources: dict[str, SourceSpec] = {}
    key_dates: int | None = Field(default=None, ge=1, le=60)  # how many the home page opens with; None: by size


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
        problems.extend(_vague_phrases(story.plan))
    return problems


MIN_WORD_LETTERS = 3  # '-', 'a' or 'to' would match almost every sentence: '-' normalises to nothing at all


def distinctive(phrase: str) -> bool:
    """Whether a phrase has a word few sentences share: three letters or more, or a number ('g8', '28').

    Words are split as the matcher splits them (at spaces, dashes and slashes), wildcards and gaps left out."""
    words = (w.rstrip("*") for w in re.split(r"[\s\-–—/]+", phrase) if w != "..")
    return any(sum(c.isalpha() for c in w) >= MIN_WORD_LETTERS or any(c.isdigit() for c in w) for w in words)


def _vague_phrases(plan: PlanSpec) -> list[tuple[tuple[str | int, ...], str]]:
    """Phrases with no distinctive word, each at its own line (a provision 'accepted' by every sentence)."""
    return [
        (
            ("plan", "provisions", i, "phrases", j),
            f"provision '{provision.id}': phrase '{phrase[:40]}' has no word of {MIN_WORD_LETTERS} letters or more, "
            "so it would match almost every sentence; use a word of the provision's own, such as one of its title",
        )
        for i, provision in enumerate(plan.provisions)
        for j, phrase in enumerate(provision.phrases)
        if not distinctive(phrase)
    ]


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
    _data, root = _load(_story_text(path), str(path))
    return [
        f"{path}:{line_at(root, ('sources', stem))}: source '{stem}' has no article in the seeds folder; "
        "fix the name or remove it"
        for stem in missing
    ]


STORY_MAX_BYTES = 5_000_000  # a story file of thousands of actors and sources is a few hundred kilobytes
NOT_A_STORY = "give the path of a story file (story.yml)"


def story_file(path: Path | None) -> Path | None:
    """The story file a command reads, looked up without opening it: None when there is none (no such path,
    /dev/null or an empty file); a device, a named pipe, a folder, a link to nothing or a file over the limit
    is refused."""
    if path is None or not os.path.lexists(path):
        return None
    try:
        info = file_status(path, str(path), NOT_A_STORY)
    except IngestError as exc:
        raise StoryFileError(str(path), None, str(exc).removeprefix(f"{path}: ")) from None
    if info is None or info.st_size == 0:
        return None
    if info.st_size > STORY_MAX_BYTES:
        _story_text(path)  # refused, in the same words as when it is read
    return path


def _story_text(path: Path) -> str:
    """A story file's text, read through the one size-limited reader (line endings as '\\n')."""
    try:
        data = read_limited(
            path, STORY_MAX_BYTES, str(path), not_a_file=NOT_A_STORY, too_big="check that this is the story file"
        )
    except IngestError as exc:
        raise StoryFileError(str(path), None, str(exc).removeprefix(f"{path}: ")) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise StoryFileError(str(path), None, f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def load_story(path: Path | None) -> Story:
    """Read and validate a story file; no file (or an empty one, such as /dev/null) means an empty story. The same
    text at the same path gives back the story read last time (a server reads the file on every rebuild)."""
    if path is None or not os.path.lexists(path):
        return EMPTY_STORY
    text = _story_text(path)
    if _LAST_STORY and _LAST_STORY[0][:2] == (str(path), text):
        return _LAST_STORY[0][2]
    story = parse_story(text, str(path))
    _LAST_STORY[:] = [(str(path), text, story)]
    return story


_LAST_STORY: list[tuple[str, str, Story]] = []  # the story file last read: its path, its text and its story (frozen)
