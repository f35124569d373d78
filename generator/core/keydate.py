"""A key date of the story: a day that matters, told in the sentences that best say what happened on it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class KeySentence:
    """A sentence that tells what happened on a key date, cited to its source."""

    source: str
    sentence: str  # Sentence id
    text: str  # exact sentence text


@dataclass(frozen=True)
class KeyDate:
    date: str  # ISO day
    score: float  # how much the corpus says about the day (articles reporting it, references made later)
    sentences: tuple[KeySentence, ...]
    entry: str | None  # the timeline entry of that day the date links to
