"""Plan provisions: which sentences refer to which provision, who stands where, and the plan's size."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.config import PlanSpec, ProvisionSpec
from generator.core.model import Mention, ParsedArticle, PlanMention, Sentence
from generator.core.types import Stance
from generator.extract.figures import parse_figures
from generator.extract.paraphrase import Vocabulary, looks_like_plan_content, words_of

# Stance cues, most specific first; each is a regex over normalised text (lowercase, dashes as spaces).
STANCE_CUES: list[tuple[str, str]] = [
    (r"could not agree|cannot agree|can't agree|did not agree|failed to agree|no agreement on", "could not agree"),
    (
        r"neither\b.{0,60}\bnor\b.{0,40}\b(?:willing|ready|prepared) to accept"
        r"|(?:not|never|un)\s*(?:willing|ready|prepared) to accept|(?:could|can|would|will|did|does) not accept"
        r"|cannot accept|won't accept|refuses?|refused|rejects?|rejected|no country .{0,40}gives up|opposes|opposed"
        r"|red line|alarm(?:ing|ed)|not acceptable|unacceptable|warn(?:s|ed)?",
        "rejects",
    ),
    (r"(?:were|was|been|is|are) (?:removed|dropped|deleted|struck out|taken out)|no longer", "removed"),
    (r"(?:had |has |have )?agreed to|accepts?|accepted|ready to accept|endorsed?|supports?", "accepts"),
    (r"demanded|demands that|insists? on|insisted on", "demands"),
    (r"possibility of extending|extend(?:ed|ing)?|could be extended|postpone", "open to change"),
    (r"propos(?:es|ed|al)|would be lifted|(?:was|were|is) expected to|requires?|calls? for", "proposes"),
]
NEGATED_ACCEPT = re.compile(r"\b(?:not|never|no)\s+(?:\w+\s+){0,2}$")


@dataclass(frozen=True)
class CompiledProvision:
    spec: ProvisionSpec
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    literals: tuple[tuple[str, ...], ...]  # per pattern, words that must be in a text it can match

    def first_match(self, text: str) -> tuple[str, re.Match[str]] | None:
        """The first phrase that matches the (normalised) text, and its match."""
        for (phrase, pattern), words in zip(self.patterns, self.literals, strict=True):
            if all(word in text for word in words) and (match := pattern.search(text)):
                return phrase, match
        return None


def normalise(text: str) -> str:
    """Lowercase, straight apostrophes, dashes and slashes as spaces: the text phrases are matched in."""
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"[-–—/]", " ", text)
    return re.sub(r"\s+", " ", text)


GAP = r"(?:\S++\s++){0,5}?"  # `..`: up to five words; possessive inside, so a failed try costs one pass


def phrase_pattern(phrase: str) -> re.Pattern[str]:
    """Compile an editor's phrase: `word*` is a prefix, `..` up to five words in between.

    The story schema bounds the gaps (and so the ways a phrase can match at one position); within a
    word nothing backtracks, so matching is linear in the sentence's length.
    """
    words = normalise(phrase).split()
    pattern = r"\b"
    for i, word in enumerate(words):
        if word == "..":
            pattern += GAP
            continue
        stem = re.escape(word.rstrip("*"))
        pattern += stem + (r"[\w']*+" if word.endswith("*") else r"\b")
        if i + 1 < len(words):
            pattern += r"\s*+"
    return re.compile(pattern)


def compile_plan(plan: PlanSpec | None) -> list[CompiledProvision]:
    if plan is None:
        return []
    return [
        CompiledProvision(
            spec,
            tuple((phrase, phrase_pattern(phrase)) for phrase in spec.phrases),
            tuple(tuple(w.rstrip("*") for w in normalise(phrase).split() if w != "..") for phrase in spec.phrases),
        )
        for spec in plan.provisions
    ]


def _stance_before(normalised: str, position: int) -> tuple[str, int, int] | None:
    """The stance cue nearest before a position (the clause that governs the phrase).

    A cue inside a longer, more specific one ('accept' in 'neither ... nor ... willing to accept') is
    not a cue of its own.
    """
    cues: list[tuple[int, int, int, str]] = []
    for priority, (pattern, stance) in enumerate(STANCE_CUES):
        for match in re.finditer(r"\b(?:" + pattern + r")\b", normalised[: position + 1]):
            if stance == "accepts" and NEGATED_ACCEPT.search(normalised[: match.start()]):
                stance = "rejects"
            cues.append((match.start(), match.end(), priority, stance))
    kept = [c for c in cues if not any(o[2] < c[2] and o[0] <= c[0] and c[1] <= o[1] for o in cues)]
    if not kept:
        return None
    start, end, _priority, stance = max(kept, key=lambda c: (c[0], -c[2]))
    return stance, start, end


def _actors_around(mentions: list[Mention], raw: str, cue_at: int, cue_end: int) -> list[str]:
    """Who takes a stance: every actor of a 'neither X nor Y', else the nearest actor before the cue,
    else the actors just after it ('alarming to both X and Y')."""
    neither = re.search(r"\bneither\b", raw[:cue_end], re.I)
    if neither:
        named = {m.actor for m in mentions if neither.start() <= m.start <= cue_end}
        if named:
            return sorted(named)
    before = [m for m in mentions if m.start <= cue_at]
    if before:
        return [max(before, key=lambda m: m.start).actor]
    after = [m for m in mentions if cue_end <= m.start <= cue_end + 40]
    return sorted({m.actor for m in after})


PASSIVE_AFTER = re.compile(
    r"^[^,;]{0,30}?\b(?:was|were|is|are|has been|have been|had been)\s+(?:(?P<removed>removed|dropped|deleted|struck)"
    r"|(?P<rejects>rejected|refused)|(?P<accepts>accepted|agreed)|(?P<proposes>proposed|included))\b"
)
PASSIVE_STANCE = {"removed": "removed", "rejects": "rejects", "accepts": "accepts", "proposes": "proposes"}


def _stances(
    sentence: Sentence, text: str, at: int, mentions: list[Mention], end: int | None = None
) -> list[tuple[str | None, str]]:
    """(actor, stance) pairs for a provision mentioned at text[at:end] in the normalised sentence."""
    cue = _stance_before(text, at)
    passive = PASSIVE_AFTER.match(text[end:]) if end is not None else None
    if passive:
        return [(None, PASSIVE_STANCE[next(k for k, v in passive.groupdict().items() if v)])]
    if cue is None:
        return [(None, "mentioned")]
    raw_at, raw_end = _raw_offset(sentence.text, text, cue[1]), _raw_offset(sentence.text, text, cue[2])
    actors: list[str | None] = [*_actors_around(mentions, sentence.text, raw_at, raw_end)] or [None]
    return [(actor, cue[0]) for actor in actors]


def _detail(sentence: Sentence, raw_start: int, raw_end: int) -> str:
    """Figures stated in the provision's own phrase ('limit its military to 600,000–800,000 troops'):
    after its first word, at most 30 characters past its end, with no 'and' or comma in between."""
    near = []
    for figure in parse_figures(sentence.text):
        gap = sentence.text[raw_end : figure.start]
        if raw_start <= figure.start <= raw_end + 30 and not re.search(r",| and ", gap):
            near.append(figure.text + ("" if figure.unit in figure.text else f" {figure.unit}"))
    return ", ".join(near)


def find_plan_mentions(
    parsed: ParsedArticle, provisions: list[CompiledProvision], vocabulary: Vocabulary
) -> tuple[list[PlanMention], list[str]]:
    """Sentences that refer to a provision, with the stance each actor takes on it; and the ids of
    sentences that read like plan content but match no provision (the review queue)."""
    found: list[PlanMention] = []
    review: list[str] = []
    by_sentence: dict[str, list[Mention]] = {}
    for mention in parsed.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    blocks = parsed.article.blocks
    block_words: dict[int, frozenset[str]] = {}
    for sentence in parsed.sentences:
        if sentence.kind not in ("paragraph", "standfirst"):
            continue
        text = normalise(sentence.text)
        mentions = by_sentence.get(sentence.id, [])
        matched = False
        for provision in provisions:
            hit = provision.first_match(text)
            if hit is None:
                continue
            matched = True
            phrase, match = hit
            raw_start = _raw_offset(sentence.text, text, match.start())
            detail = _detail(sentence, raw_start, _raw_offset(sentence.text, text, match.end()))
            for actor, stance in _stances(sentence, text, match.start(), mentions, match.end()):
                found_mention = PlanMention(
                    provision.spec.id, parsed.article.id, sentence.id, phrase, actor, Stance(stance)
                )
                found.append(replace(found_mention, detail=detail))
        if sentence.block not in block_words:
            block_words[sentence.block] = words_of(blocks[sentence.block].text)
        context = block_words[sentence.block]
        if not matched and vocabulary.talks_about_plan(sentence.text, context):
            guess = vocabulary.best(sentence.text)
            if guess:
                matched = True
                pid, words = guess
                for actor, stance in _stances(sentence, text, len(text), mentions):
                    phrase = "shared words: " + ", ".join(words)
                    found_mention = PlanMention(pid, parsed.article.id, sentence.id, phrase, actor, Stance(stance))
                    found.append(replace(found_mention, paraphrase=True))
        if not matched and looks_like_plan_content(sentence.text, vocabulary, context):
            review.append(sentence.id)
    return found, review


def _raw_offset(raw: str, normalised: str, position: int) -> int:
    """Map an offset in normalised text back to the raw sentence (they differ only in runs of spaces)."""
    raw_i = norm_i = 0
    while norm_i < position and raw_i < len(raw):
        if raw[raw_i].isspace() and raw_i + 1 < len(raw) and raw[raw_i + 1].isspace():
            raw_i += 1
            continue
        raw_i += 1
        norm_i += 1
    return raw_i


def plan_sizes(sentence: Sentence, unit_words: tuple[str, ...]) -> list[str]:
    """Sizes of the plan a sentence states ('12 points', '12-point plan', 'between 9 and 10')."""
    if not unit_words or not re.search(r"\b(?:" + "|".join(map(re.escape, unit_words)) + r")\b", sentence.text, re.I):
        return []
    sizes: list[str] = []
    for figure in parse_figures(sentence.text):
        if figure.unit == "points" and figure.bound != "vague" and re.search(r"\d", figure.text):
            sizes.append(_size_label(figure.low, figure.high))
    for match in re.finditer(r"\bbetween (\d{1,3}) and (\d{1,3})\b", sentence.text):
        label = _size_label(float(match.group(1)), float(match.group(2)))
        if label not in sizes:
            sizes.append(label)
    for match in re.finditer(r"\bno longer (\d{1,3})\b", sentence.text):
        label = match.group(1)
        if label not in sizes:
            sizes.insert(0, label)
    return sizes


def _size_label(low: float | None, high: float | None) -> str:
    if low is None:
        return "?"
    if high is None or high == low:
        return f"{low:g}"
    return f"{low:g}–{high:g}"
