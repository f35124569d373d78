"""Plain dataclasses passed between the pipeline's stages: ingest → nlp → extract → assemble → publish."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from generator.core.frame import EventFrame
from generator.core.keydate import KeyDate
from generator.core.refs import Citation
from generator.core.syntax import Word
from generator.core.types import (
    ActorKind,
    Bound,
    DateRole,
    EventKind,
    Precision,
    ProvisionState,
    SpeakerRule,
    Stance,
    SubjectKind,
    Tone,
    Verdict,
)

# ── ingest ────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class SourceMeta:
    """What is known about where an article comes from; None means unknown."""
    outlet: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date; `published_basis`: where it was read ("the front matter", …)
    published_basis: str | None = None


@dataclass(frozen=True)
class DroppedLine:
    """A line of the input file that is not article body, with the reason it was set aside."""

    line: int
    text: str
    reason: str


@dataclass(frozen=True)
class RelatedItem:
    """One headline of a related-coverage block (not the article's own reporting)."""

    text: str
    outlet: str | None
    age: str | None


@dataclass(frozen=True)
class Block:
    """A unit of article body: a heading, the standfirst or a paragraph."""

    kind: str  # "heading" | "standfirst" | "paragraph" | "related"
    text: str
    line: int


@dataclass(frozen=True)
class Article:
    """One cleaned source article."""

    id: str  # the file stem; stable, used in URLs
    path: str
    title: str
    category: str | None
    blocks: tuple[Block, ...]
    dropped: tuple[DroppedLine, ...]
    related: tuple[RelatedItem, ...]
    meta: SourceMeta
    raw_text: str
    notes: tuple[str, ...] = ()  # warnings from reading the file (encoding, title)
    @cached_property  # counted once: the sources' list and the comparison show it for every article on each build
    def words(self) -> int:
        return sum(len(b.text.split()) for b in self.blocks if b.kind != "related")


# ── nlp ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article, with the anchor id it carries on the source's page."""

    id: str  # anchor, e.g. "s-3fa9c01b"; stable across builds and edits elsewhere
    source: str
    block: int  # index into Article.blocks
    index: int  # position in the article, 0-based
    text: str
    kind: str  # block kind: "paragraph", "heading", "standfirst", "related"
    words: tuple[Word, ...] = field(default=(), compare=False, repr=False)  # the parse; () if not parsed


@dataclass(frozen=True)
class Mention:
    """A span of a sentence that names an actor."""

    actor: str  # canonical name
    text: str
    sentence: str  # Sentence.id
    start: int  # character offsets inside the sentence
    end: int
    registered: bool = True  # False for actors discovered in text, not in the story file
    label: str = ""  # the named-entity label of a name found in the text: PERSON, ORG, GPE, LOC, FAC, NORP
    subject: bool = False  # the name is the subject of its clause (what 'he said' later refers back to)


@dataclass(frozen=True)
class Speech:
    """A reporting verb ('said', 'according to') and its subject from the parse (offsets in the sentence; -1: none)."""

    sentence: str  # Sentence.id
    cue_start: int
    cue_end: int
    subject_start: int
    subject_end: int
    subject_kind: SubjectKind
    head: str  # the subject's head word, lowercase: 'ortega', 'he', 'spokeswoman'
    group_end: int  # the end of the subject with its modifiers: 'officials, including a deputy minister,'
    scope_start: int  # the stretch of the sentence the verb governs
    scope_end: int


@dataclass(frozen=True)
class ParsedArticle:
    article: Article
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    discovered: tuple[DiscoveredActor, ...] = ()  # actors the text introduces that the story file lacks
    speech: tuple[Speech, ...] = ()  # reporting verbs, in sentence order


@dataclass(frozen=True)
class DiscoveredActor:
    """A person, organisation or place the text names that the story file does not list."""

    name: str  # the longest spelling the article uses, without titles
    role: str | None  # 'Interior Minister', 'the museum's director'
    kind: ActorKind
    source: str
    sentence: str  # where it is first named
    aliases: tuple[str, ...] = ()  # the other spellings in this article
    votes: tuple[tuple[str, int], ...] = ()  # the evidence for its kind: (label, weight), see nlp.kinds


# ── extract ───────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class DateValue:
    """A resolved date: ISO strings, how precise, and how it was found."""

    date: str | None  # YYYY | YYYY-MM | YYYY-MM-DD | None
    precision: Precision
    end: str | None = None
    after: str | None = None
    before: str | None = None
    expression: str = ""
    rule: str = ""

    @property
    def sort_key(self) -> str:
        """Where the date sorts: a month or a year after its known days ('Nov 2025' after '30 Nov 2025')."""
        if self.date and self.precision in (Precision.MONTH, Precision.YEAR):
            return self.date + "-99" * (3 - self.date.count("-") - 1)
        return self.date or self.after or self.before or "9999"


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence."""

    sentence: str
    start: int
    end: int
    value: DateValue
    role: DateRole = DateRole.WHEN
    timex: str = ""  # the TIMEX3 value of the tagger's expression it was read from ('' for none: an order word)


@dataclass(frozen=True)
class EventMention:
    """A dated report in one source; assemble merges these across sources."""

    id: str
    source: str
    sentences: tuple[str, ...]  # Sentence ids, first is the main one
    date: DateValue
    kind: EventKind
    summary: str
    actors: tuple[str, ...]
    keywords: tuple[str, ...]
    reference: bool = False  # named by its date in passing ('the July 5 sinking'): cites, does not make an entry
    frame: EventFrame | None = None  # what happened, who to whom, read from the dated clause's parse


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None
    source: str
    sentence: str  # Sentence id where the quote opens
    cue: str  # the words that tied the quote to its speaker
    partial: bool = False
    mention: str = ""  # how the text names the speaker there: 'Ana Ortega', 'he', 'a deputy interior minister'
    rule: SpeakerRule = SpeakerRule.UNKNOWN
    chain: str = ""  # how a resolved speaker was found: '“she” → Ana Ortega: was named 1 sentence before'


@dataclass(frozen=True)
class PlanMention:
    provision: str  # provision id
    source: str
    sentence: str
    phrase: str  # what matched
    actor: str | None
    stance: Stance
    detail: str = ""  # figures stated with the stance ("600,000–800,000 troops")
    paraphrase: bool = False  # found by shared vocabulary, not by an editor's phrase
    reported: Stance | None = None  # with stance 'mentioned': the stance others report of the actor ('media say')


@dataclass(frozen=True)
class Figure:
    """A number in the text with what it counts."""

    source: str
    sentence: str
    text: str  # the phrase as written
    low: int | float | None  # as written: 28 stays an int after a trip through the cache
    high: int | float | None
    bound: Bound
    unit: str  # what is counted: drones, missiles, killed, injured, troops, points, ...
    related: bool = False  # from a related-coverage headline, not the article's reporting
    earlier: bool = False  # the old value of a change the sentence reports ('down from 28'), not a current figure


@dataclass(frozen=True)
class ArticleFacts:
    """Everything extracted from one article."""

    parsed: ParsedArticle
    dates: tuple[DateMention, ...]
    events: tuple[EventMention, ...]
    quotes: tuple[Quote, ...]
    plan_mentions: tuple[PlanMention, ...]
    figures: tuple[Figure, ...]


# ── assemble ──────────────────────────────────────────────────────────────────


@dataclass
class TimelineEntry:
    id: str
    date: DateValue
    kind: EventKind
    summary: str
    actors: list[str]
    citations: list[Citation]
    details: list[str] = field(default_factory=list)  # conflicting details kept visible


@dataclass
class ActorProfile:
    name: str
    slug: str
    kind: ActorKind
    role: str | None
    affiliation: str | None
    aliases: list[str]
    registered: bool
    mentions: dict[str, int]  # source id -> count
    first_mentions: dict[str, Citation]  # source id -> first sentence naming the actor
    quotes: list[Quote]
    stances: list[PlanMention]
    events: list[str]  # TimelineEntry ids
    co_actors: list[tuple[str, int]]
    shown_because: str = ""  # why the site shows this actor: 'story file', 'named 3 times', 'speaks in 1 quote'


@dataclass
class StatusStep:
    """A provision's status as of one date, from the mentions carrying that date."""

    date: DateValue | None
    status: ProvisionState
    mentions: list[PlanMention]


@dataclass
class ProvisionStatus:
    id: str
    number: int | None
    title: str
    status: ProvisionState
    mentions: list[PlanMention]
    stances: dict[str, Stance]  # actor -> latest stance
    history: list[StatusStep] = field(default_factory=list)
    coverage: dict[str, str] = field(default_factory=dict)  # source -> first sentence id
    note: str | None = None


@dataclass
class FigureRow:
    """Figures that measure the same thing, side by side across sources."""

    unit: str
    by_source: dict[str, list[Figure]]
    verdict: Verdict = Verdict.ONE_SOURCE


@dataclass
class QuoteVariant:
    speaker: str | None
    quotes: list[Quote]
    similarity: float
    diffs: list[list[tuple[str, bool]]] = field(default_factory=list)  # per quote: (words, changed vs the first)


@dataclass
class PlanSizeValue:
    """One reported size of the plan ('28', '19–24') with when it was reported and who says so."""

    label: str
    when: DateValue | None
    citations: list[Citation]


@dataclass
class SourceSummary:
    article: Article
    published: DateValue | None  # from metadata, or read off the text (then `published.rule` says how)
    sentences: tuple[Sentence, ...]
    sentence_facts: dict[str, list[str]]  # sentence id -> short labels of what was extracted from it
    only_here: dict[str, list[str]]  # "events" | "figures" | "quotes" | "provisions" -> labels


@dataclass
class Comparison:
    figure_rows: list[FigureRow]
    quote_variants: list[QuoteVariant]
    only_in: dict[str, dict[str, list[str]]]  # source -> kind -> labels
    shared: dict[str, list[str]]  # kind -> labels reported by two or more sources
    events: list[TimelineEntry] = field(default_factory=list)  # rows of the sources × events matrix
    actors: list[ActorProfile] = field(default_factory=list)  # rows of the sources × actors matrix
    naming: list[NamingDifference] = field(default_factory=list)
    framing: list[SourceFraming] = field(default_factory=list)


@dataclass(frozen=True)
class NamingDifference:
    """One actor spelled differently by different sources."""

    actor: str
    spellings: dict[str, list[str]]  # source -> spellings it uses


@dataclass(frozen=True)
class FramingWord:
    word: str
    valence: float  # VADER scale, -4 .. 4
    count: int
    sentence: str  # first sentence id that uses it


@dataclass
class SourceFraming:
    source: str
    tone: float  # mean VADER compound score of its sentences, -1 .. 1
    label: Tone
    drivers: list[FramingWord]  # the words that weigh most
    about: dict[str, list[FramingWord]]  # main actor -> words in sentences naming it


@dataclass
class Site:
    """All that the render stage needs."""

    title: str
    summary: str
    sources: list[SourceSummary]
    timeline: list[TimelineEntry]
    actors: list[ActorProfile]
    provisions: list[ProvisionStatus]
    plan_title: str | None
    plan_size: list[PlanSizeValue]
    review_queue: list[Citation]
    comparison: Comparison
    quotes: list[Quote]
    sentences: dict[str, Sentence]  # "source#sentence id" -> Sentence, for citations
    sentence_dates: dict[str, DateValue]  # "source#sentence id" -> the date of the event it reports
    warnings: list[str]
    key_dates: list[KeyDate] = field(default_factory=list)  # the story in its key dates, in date order
