"""The published data format: one pydantic model per data/*.json file.

These models are the contract: `data.py` fills them, and their `model_json_schema()` is the JSON Schema
published beside the data (`schema.py`), with no extra properties allowed, so the two cannot drift.
Field order is the order of the keys in the files.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from generator.core.types import ActorKind, Bound, EventKind, Precision, ProvisionState, Stance, Tone, Verdict

Url = Annotated[str, Field(pattern=r"^sources/[^/#]+\.html#s-[0-9a-f]{8}(-\d+)?$")]  # a cited sentence's address
IsoDate = Annotated[str | None, Field(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]
Count = Annotated[int, Field(ge=0)]
Number = int | float  # kept as the data has it, so 7 stays 7 and 7.5 stays 7.5


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Citation(Record):
    source: str
    sentence: str  # the exact sentence
    sentence_id: str
    url: Url


class DateFields(Record):
    date: IsoDate
    end: IsoDate
    precision: Precision
    after: IsoDate
    before: IsoDate
    expression: str
    rule: str


class Quote(Record):
    text: str
    speaker: str | None
    source: str
    sentence: str
    sentence_id: str
    url: Url
    cue: str
    partial: bool


# ── data/timeline.json ──


class TimelineEvent(Record):
    id: str
    date: IsoDate
    end: IsoDate
    precision: Precision
    after: IsoDate
    before: IsoDate
    expression: str
    rule: str
    kind: EventKind
    summary: str
    actors: list[str]
    details: list[str]
    citations: Annotated[list[Citation], Field(min_length=1)]


class TimelineFile(Record):
    version: Count
    events: list[TimelineEvent]


# ── data/actors.json ──


class ActorStance(Record):
    provision: str
    stance: Stance
    reported: Stance | None  # with stance 'mentioned': what others report the actor's stance to be
    source: str
    sentence: str
    url: Url


class Actor(Record):
    name: str
    slug: str
    kind: ActorKind
    role: str | None
    affiliation: str | None
    aliases: list[str]
    reviewed: bool  # in the story file, not only found in the text
    mentions: dict[str, Count]  # source id -> mentions
    quotes: list[Quote]
    stances: list[ActorStance]
    events: list[str]  # timeline event ids


class ActorsFile(Record):
    version: Count
    actors: list[Actor]


# ── data/plan.json ──


class PointMention(Record):
    source: str
    sentence: str
    sentence_id: str
    url: Url
    phrase: str
    actor: str | None
    stance: Stance
    reported: Stance | None  # with stance 'mentioned': what others report the actor's stance to be
    detail: str
    paraphrase: bool


class HistoryStep(Record):
    when: DateFields | None
    status: ProvisionState


class Point(Record):
    id: str
    number: int | None
    title: str
    status: ProvisionState
    stances: dict[str, Stance]  # actor -> latest stance
    mentions: list[PointMention]
    history: list[HistoryStep]
    coverage: dict[str, Url]  # source id -> its first sentence on the provision


class PlanSize(Record):
    value: str
    when: DateFields | None
    citations: list[Citation]


class PlanFile(Record):
    version: Count
    title: str | None
    review_queue: list[Citation]
    points: list[Point]
    sizes: list[PlanSize]


# ── data/sources.json ──


class Dropped(Record):
    line: Count
    text: str
    reason: str


class Related(Record):
    text: str
    outlet: str | None
    age: str | None


class Source(Record):
    id: str
    file: str
    title: str
    category: str | None
    outlet: str | None
    url: str | None
    published: IsoDate
    published_inferred: bool
    words: Count
    sentences: Count
    dropped: list[str]
    dropped_reasons: list[Dropped]
    related: list[Related]


class SourcesFile(Record):
    version: Count
    sources: list[Source]


# ── data/comparison.json ──


class FigureOut(Record):
    source: str
    sentence: str
    text: str
    low: Number | None
    high: Number | None
    bound: Bound
    unit: str
    related: bool
    sentence_id: str
    url: Url


class FigureRow(Record):
    unit: str
    verdict: Verdict
    by_source: dict[str, list[FigureOut]]


class QuoteVariant(Record):
    speaker: str | None
    similarity: Number
    quotes: list[Quote]


class Naming(Record):
    actor: str
    spellings: dict[str, list[str]]  # source id -> spellings it uses


class FramingWord(Record):
    word: str
    valence: Number
    count: Count
    url: Url | None


class Framing(Record):
    source: str
    tone: Number
    label: Tone
    words: list[FramingWord]
    about: dict[str, list[str]]  # main actor -> words


class ComparisonFile(Record):
    version: Count
    figures: list[FigureRow]
    quote_variants: list[QuoteVariant]
    only_in: dict[str, dict[str, list[str]]]  # source -> kind -> labels
    shared: dict[str, list[str]]  # kind -> labels
    naming: list[Naming]
    framing: list[Framing]


# ── data/keydates.json ──


class KeyDate(Record):
    date: IsoDate
    score: float  # how much the corpus says about the day
    entry: str | None  # the timeline event of that day (TimelineEvent.id)
    sentences: list[Citation]  # what happened that day, each the exact sentence it cites


class KeyDatesFile(Record):
    version: Count
    dates: list[KeyDate]


FILES: dict[str, type[Record]] = {
    "timeline": TimelineFile,
    "keydates": KeyDatesFile,
    "actors": ActorsFile,
    "plan": PlanFile,
    "sources": SourcesFile,
    "comparison": ComparisonFile,
}
