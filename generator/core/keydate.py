"""A key date of the story: a day that matters, told in the sentences that best say what happened on it."""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.refs import Citation


@dataclass(frozen=True)
class KeyDate:
    date: str  # ISO day
    score: float  # how much the corpus says about the day (articles reporting it, references made later)
    sentences: tuple[Citation, ...]  # what happened that day, each sentence quoted exactly
    entry: str | None  # the timeline entry of that day the date links to
