"""The one way to name a sentence across the corpus: `SOURCE#s-XXXXXXXX`.

A sentence id (`s-` and eight hex digits of its text's hash) is unique within its article; with the
article's id in front it is unique in the corpus. Every lookup of a sentence by key, every citation and
every address built from one goes through here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, TypeVar


@dataclass(frozen=True)
class Citation:
    """A sentence of a source, quoted exactly: what every fact on the site links to."""

    source: str
    sentence: str  # Sentence id
    text: str  # exact sentence text


class _InSentence(Protocol):
    @property
    def sentence(self) -> str: ...


InSentence = TypeVar("InSentence", bound=_InSentence)


def by_sentence(items: Iterable[InSentence]) -> dict[str, list[InSentence]]:
    """One article's mentions, dates or speech grouped by the id of the sentence they are in, in order."""
    grouped: dict[str, list[InSentence]] = {}
    for item in items:
        grouped.setdefault(item.sentence, []).append(item)
    return grouped


def sentence_key(source: str, sentence: str) -> str:
    """The corpus-wide key of a sentence: its article's id and its own id."""
    return f"{source}#{sentence}"


@dataclass(frozen=True)
class SentenceRef:
    """A sentence of one article: `.key` for lookups, `.anchor` for the fragment of its page's address."""

    source: str
    sentence: str

    @property
    def key(self) -> str:
        return sentence_key(self.source, self.sentence)

    @property
    def anchor(self) -> str:
        return self.sentence

    @classmethod
    def parse(cls, key: str) -> SentenceRef:
        source, _, sentence = key.partition("#")
        return cls(source, sentence)
