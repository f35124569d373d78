"""Plan provisions: which sentences refer to which provision, who stands where, and the plan's size."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.config import PlanSpec, ProvisionSpec
from generator.core.model import ParsedArticle, PlanMention, Sentence
from generator.core.refs import by_sentence
from generator.core.types import Stance
from generator.extract.figures import ParsedFigure, parse_figures, stated_values
from generator.extract.paraphrase import Vocabulary, looks_like_plan_content, words_of
from generator.extract.stance import is_prohibition, stances


@dataclass(frozen=True)
class CompiledProvision:
    spec: ProvisionSpec
    patterns: tuple[tuple[str, re.Pattern[str]], ...]
    literals: tuple[tuple[str, ...], ...]  # per pattern, words that must be in a text it can match
    prohibition: bool = False  # 'No foreign troops': rejecting the deployment supports the provision
    figures: frozenset[float] = frozenset()  # the numbers its title states ('Army capped at 50,000')

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
            spec.prohibition if spec.prohibition is not None else is_prohibition(spec.title),
            stated_values(spec.title),
        )
        for spec in plan.provisions
    ]


def _near_figures(sentence: Sentence, raw_start: int, raw_end: int) -> list[ParsedFigure]:
    """Figures stated in the provision's own phrase ('limit its military to 600,000–800,000 troops'):
    after its first word, at most 30 characters past its end, with no 'and' or comma in between."""
    text = sentence.text
    return [
        f
        for f in parse_figures(text)
        if raw_start <= f.start <= raw_end + 30 and not re.search(r",| and ", text[raw_end : f.start])
    ]


def _detail(figures: list[ParsedFigure]) -> str:
    return ", ".join(f.text + ("" if f.unit in f.text else f" {f.unit}") for f in figures)


SAME_FIGURE_BOUNDS = frozenset({"exact", "about", "at most"})  # 'up to 50,000' is a cap of 50,000


def other_figure(figures: list[ParsedFigure], provision: CompiledProvision) -> bool:
    """Whether the sentence states another figure than the provision's own: a range or another number where the
    provision names one ('agreed to 600,000–800,000 troops' of a cap at 600,000). Agreeing to that, or refusing it,
    is a stance on another figure, not on the provision."""
    return bool(provision.figures) and any(
        f.low is None or f.low != f.high or f.low not in provision.figures or f.bound not in SAME_FIGURE_BOUNDS
        for f in figures
    )


def find_plan_mentions(
    parsed: ParsedArticle, provisions: list[CompiledProvision], vocabulary: Vocabulary
) -> tuple[list[PlanMention], list[str]]:
    """Sentences that refer to a provision, with the stance each actor takes on it; and the ids of
    sentences that read like plan content but match no provision (the review queue)."""
    found: list[PlanMention] = []
    review: list[str] = []
    mentions_of = by_sentence(parsed.mentions)
    speech_of = by_sentence(parsed.speech)
    blocks = parsed.article.blocks
    block_words: dict[int, frozenset[str]] = {}
    for sentence in parsed.sentences:
        if sentence.kind not in ("paragraph", "standfirst"):
            continue
        text = normalise(sentence.text)
        mentions = mentions_of.get(sentence.id, [])
        matched = False
        for provision in provisions:
            hit = provision.first_match(text)
            if hit is None:
                continue
            matched = True
            phrase, match = hit
            raw_start = _raw_offset(sentence.text, text, match.start())
            raw_end = _raw_offset(sentence.text, text, match.end())
            figures = _near_figures(sentence, raw_start, raw_end)
            speech = speech_of.get(sentence.id, [])
            held = stances(sentence, raw_start, raw_end, mentions, provision.prohibition, speech)
            for actor, stance, reported in held:
                if other_figure(figures, provision):  # a stance on another figure than the provision's
                    stance, reported = Stance.MENTIONED, None
                found_mention = PlanMention(provision.spec.id, parsed.article.id, sentence.id, phrase, actor, stance)
                found.append(replace(found_mention, detail=_detail(figures), reported=reported))
        if sentence.block not in block_words:
            block_words[sentence.block] = words_of(blocks[sentence.block].text)
        context = block_words[sentence.block]
        if not matched and vocabulary.talks_about_plan(sentence.text, context):
            guess = vocabulary.best(sentence)
            if guess:
                matched = True
                pid, words = guess
                phrase = "shared words: " + ", ".join(words)  # a paraphrase: where it stands is too uncertain
                found_mention = PlanMention(pid, parsed.article.id, sentence.id, phrase, None, Stance.MENTIONED)
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
