"""Quotes across sources: the same statement in different words, and speakers recovered from wording."""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import replace

from rapidfuzz import fuzz, process

from generator.core.kept import Kept
from generator.core.model import Quote, QuoteVariant
from generator.core.text import COMMON_WORDS
from generator.core.types import SpeakerRule

SAME_STATEMENT = 40  # token-set similarity (0-100) for two quotes of one speaker to be one statement
SAME_WORDS = 75  # similarity for an unattributed quote to take the speaker of another source's quote
MAX_CLUSTERS = 50  # per speaker: bounds the comparisons for speakers quoted very often


def _content_words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z']{3,}", text.lower()) if w not in COMMON_WORDS}


def attribute_by_wording(quotes: list[Quote]) -> list[Quote]:
    """Give a quote with no speaker the speaker of a near-identical quote in another source."""
    index: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker:
            for word in _content_words(quote.text):
                index[word].append(quote)
    result = []
    for quote in quotes:
        if quote.speaker is None:
            rare = sorted((w for w in _content_words(quote.text) if w in index), key=lambda w: (len(index[w]), w))[:3]
            candidates = {id(q): q for w in rare for q in index[w][:200]}  # the same words share their rarest
            others = [q for q in candidates.values() if q.source != quote.source]
            close = process.extract(quote.text, [q.text for q in others], scorer=fuzz.token_set_ratio,
                                    score_cutoff=SAME_WORDS, limit=None)  # fmt: skip
            ranked = max(((score, others[i].source, -i) for _text, score, i in close), default=None)  # first on a tie
            if ranked is not None:
                best = others[-ranked[2]]
                quote = replace(
                    quote,
                    speaker=best.speaker,
                    cue=f"same words as a quote of {best.speaker} in {best.source}",
                    rule=SpeakerRule.WORDING,
                )
        result.append(quote)
    return result


RULE_WEIGHT = {SpeakerRule.NAMED: 3, SpeakerRule.RESOLVED: 2, SpeakerRule.CONTEXT: 1}


def agree_on_speakers(quotes: list[Quote]) -> list[Quote]:
    """Near-identical words credited to different speakers by different sources: the speaker most sources give
    wins (on a tie, the one the text names outright), and each overruled quote says who its source credited."""
    index: dict[str, list[int]] = defaultdict(list)
    for i, quote in enumerate(quotes):
        if quote.speaker and not quote.partial:
            for word in _content_words(quote.text):
                index[word].append(i)
    result = list(quotes)
    for i, quote in enumerate(quotes):
        if not quote.speaker or quote.partial:
            continue
        rare = sorted(_content_words(quote.text), key=lambda w: (len(index[w]), w))[:2]  # the same words hold
        near = set.intersection(*(set(index[w]) for w in rare)) if rare else set()  # these (linear in quotes)
        same = [quotes[j] for j in sorted(near) if fuzz.token_set_ratio(quotes[j].text, quote.text) >= SAME_WORDS]
        votes: dict[str, set[str]] = defaultdict(set)
        strength: dict[str, int] = defaultdict(int)
        for other in same:
            votes[other.speaker or ""].add(other.source)
            strength[other.speaker or ""] = max(strength[other.speaker or ""], RULE_WEIGHT.get(other.rule, 0))
        if len(votes) < 2:
            continue
        winner = max(votes, key=lambda name: (len(votes[name]), strength[name], name))
        if winner != quote.speaker:
            credited = f"{quote.source} credited these words to {quote.speaker}"
            chain = (
                f"{len(votes[winner])} of {len({q.source for q in same})} sources credit them to {winner}; {credited}"
            )
            result[i] = replace(quote, speaker=winner, rule=SpeakerRule.WORDING, chain=chain)
    return result


DESCRIPTION = re.compile(r"\b(?:a|an|the)\s+((?:[a-z][a-z-]+\s+){1,3}[a-z][a-z-]+)\b")
ROLE_FILLER = frozenset({"of", "the", "for", "and", "s"})


def attribute_by_role(quotes: list[Quote], roles: dict[str, str], people: set[str]) -> list[Quote]:
    """Give a quote whose speaker is unknown or an institution the one person whose role its subject describes:
    'Ministry officials, including a deputy interior minister, said' -> the person another article calls
    'Deputy Interior Minister Ana Ortega'. The description needs two words or more, all in that person's role."""
    words = {p: set(re.findall(r"[a-z]+", role.lower())) - ROLE_FILLER for p, role in roles.items() if p in people}
    result = []
    for quote in quotes:
        if (quote.speaker is None or quote.speaker not in people) and quote.mention:
            for match in DESCRIPTION.finditer(quote.mention):
                wanted = set(re.findall(r"[a-z]+", match.group(1))) - ROLE_FILLER
                holders = [p for p, held in words.items() if len(wanted) >= 2 and wanted <= held]
                if len(holders) == 1:
                    cue = f"{quote.cue} ({match.group(0)}: {holders[0]}, by role)"
                    quote = replace(quote, speaker=holders[0], cue=cue, rule=SpeakerRule.RESOLVED)
                    break
        result.append(quote)
    return result


def word_diff(base: str, other: str) -> list[tuple[str, bool]]:
    """`other` as (text, changed) runs against `base`, word by word."""
    a, b = base.split(), other.split()
    runs: list[tuple[str, bool]] = []
    for op, _a1, _a2, b1, b2 in difflib.SequenceMatcher(
        a=[w.lower() for w in a], b=[w.lower() for w in b]
    ).get_opcodes():
        if b1 < b2:
            runs.append((" ".join(b[b1:b2]), op != "equal"))
    return runs


def _same_statement(first: str, other: str, other_words: set[str]) -> bool:
    """Similar wording (shared function words alone can reach the threshold) and a content word in common."""
    return fuzz.token_set_ratio(first, other) >= SAME_STATEMENT and bool(_content_words(first) & other_words)


def quote_variants(quotes: list[Quote]) -> list[QuoteVariant]:
    """One statement quoted by several sources in different words, grouped for side-by-side display."""
    by_speaker: dict[str, list[Quote]] = defaultdict(list)
    for quote in quotes:
        if quote.speaker:
            by_speaker[quote.speaker].append(quote)
    variants = []
    for speaker, said in sorted(by_speaker.items()):
        if len({q.source for q in said}) > 1:
            variants += _KEPT_VARIANTS.call(speaker, _speaker_variants, speaker, tuple(said))
    return variants


_KEPT_VARIANTS: Kept[list[QuoteVariant]] = Kept("quote variants")  # by speaker


def _speaker_variants(speaker: str, said: tuple[Quote, ...]) -> list[QuoteVariant]:
    """The statements of one speaker that several sources quote."""
    clusters: list[list[Quote]] = []
    for quote in said:
        words = _content_words(quote.text)
        home = next((c for c in clusters[:MAX_CLUSTERS] if _same_statement(c[0].text, quote.text, words)), None)
        if home is None:
            clusters.append([quote])
        else:
            home.append(quote)
    variants = []
    for cluster in clusters:
        if len({q.source for q in cluster}) > 1:
            score = min(fuzz.token_set_ratio(cluster[0].text, q.text) for q in cluster) / 100
            diffs = [word_diff(cluster[0].text, q.text) for q in cluster]
            variants.append(QuoteVariant(speaker, cluster, round(score, 2), diffs))
    return variants
