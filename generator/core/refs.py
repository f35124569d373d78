"""The one way to name a sentence across the corpus: `SOURCE#s-XXXXXXXX`.

A sentence id (`s-` and eight hex digits of its text's hash) is unique within its article; with the
article's id in front it is unique in the corpus. Every lookup of a sentence by key, every citation and
every address built from one goes through here.
"""

from __future__ import annotations

from dataclasses import dataclass


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
