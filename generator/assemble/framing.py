"""Framing across sources: each source's tone and the loaded words it leans on more than the others.

The counting is per article, at extraction (`extract.framing`); this compares the sources.
"""

from __future__ import annotations

from collections import Counter
from functools import partial

from generator.core.kept import Kept
from generator.core.model import FramingWord, SourceFraming
from generator.extract.framing import FramingCounts, tone_label, valence


def frame_sources(counted: dict[str, FramingCounts], main_actors: list[str]) -> list[SourceFraming]:
    """Per source: its tone and the loaded words it uses more than the others, overall and about each main actor.

    A word counts by its valence times how much more this source uses it than the other sources on average,
    so the story's common vocabulary does not drown a source's own framing. A source whose counts, named actors
    and corpus counts are as in a server's last build gets its framing back (an edit that adds no loaded word
    leaves every other source's framing as it was).
    """
    everywhere: Counter[str] = Counter()
    for counts in counted.values():
        everywhere.update(counts.words)
    everywhere = _KEPT_TOTALS.same("corpus", everywhere)  # last build's very counter, when equal
    others = max(1, len(counted) - 1)
    order: dict[str, int] = {}
    for i, actor in enumerate(main_actors):
        order.setdefault(actor, i)
    framings = []
    for source, counts in counted.items():
        named = tuple(sorted((a for a, words in counts.about.items() if words and a in order), key=order.__getitem__))
        framings.append(_KEPT_FRAMINGS.call(source, _framing, source, counts, everywhere, others, named))
    return framings


def _framing(
    source: str, counts: FramingCounts, everywhere: Counter[str], others: int, named: tuple[str, ...]
) -> SourceFraming:
    """One source's framing (`frame_sources`; `named`: the main actors it has loaded words about, in order)."""
    ranked = partial(_ranked, counts=counts, everywhere=everywhere, others=others)
    return SourceFraming(
        source=source,
        tone=counts.tone,
        label=tone_label(counts.tone),
        drivers=ranked(counts.words, 12),
        about={actor: ranked(counts.about[actor], 5) for actor in named},  # the main actors' order
    )


_KEPT_TOTALS: Kept[Counter[str]] = Kept("loaded words of the corpus")
_KEPT_FRAMINGS: Kept[SourceFraming] = Kept("sources' framing")  # by source


def _ranked(
    counter: Counter[str], limit: int, counts: FramingCounts, everywhere: Counter[str], others: int
) -> list[FramingWord]:
    """The `limit` words of `counter` this source leans on most, compared with the other sources' average."""

    def weight(word: str) -> float:
        elsewhere = (everywhere[word] - counts.words[word]) / others  # one total, not a loop over sources
        return abs(valence(word)) * counter[word] / (1 + elsewhere)

    order = sorted(counter, key=lambda w: (-weight(w), w))[:limit]
    return [FramingWord(w, valence(w), counter[w], counts.first[w]) for w in order]
