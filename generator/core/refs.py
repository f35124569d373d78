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


class _Written(Protocol):
    @property
    def text(self) -> str: ...


def offsets_in(block_text: str, sentences: Iterable[_Written]) -> list[int]:
    """Where each of a block's sentences (in reading order) starts in the block's text. Each is looked for after
    the one before, so placing them all is one pass over the block, and a sentence written twice is found twice;
    one not found is placed where the one before ended."""
    offsets: list[int] = []
    cursor = 0
    for sentence in sentences:
        at = block_text.find(sentence.text, cursor)
        at = cursor if at < 0 else at
        offsets.append(at)
        cursor = at + len(sentence.text)
    return offsets


class _Placed(_Written, Protocol):
    @property
    def block(self) -> int: ...

    @property
    def index(self) -> int: ...


def block_offsets(sentences: Iterable[_Placed], blocks: list[str]) -> dict[int, int]:
    """Each sentence's start in its block's text (`blocks`: the texts), by the sentence's index in its article."""
    grouped: dict[int, list[_Placed]] = {}
    for sentence in sentences:
        grouped.setdefault(sentence.block, []).append(sentence)
    offsets: dict[int, int] = {}
    for block, group in grouped.items():
        if block < len(blocks):
            offsets.update(zip((s.index for s in group), offsets_in(blocks[block], group), strict=True))
    return offsets


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
