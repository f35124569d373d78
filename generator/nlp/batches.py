"""The texts given to spaCy: long paragraphs in pieces, pieces in batches of bounded length."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

# spaCy's memory grows with the text it holds at once (a 1 MB paragraph in one batch took 2.8 GB): long
# paragraphs go in pieces, and pieces in batches of bounded length, so spaCy's share of the peak is the same
# for any paragraph or article (bench/memory-results.md).
MODEL_CHUNK = 10_000  # characters per text given to spaCy; a news paragraph is under 2,000
BATCH_CHARS = 40_000  # characters of text per batch given to spaCy at once
CHUNK_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+|\s+")


def model_chunks(text: str, limit: int = MODEL_CHUNK) -> list[str]:
    """A block's text in pieces of at most `limit` characters, cut after a sentence end where there is one."""
    pieces: list[str] = []
    start = 0
    while len(text) - start > limit:  # cut by position: the rest of a long text is never copied
        sentence_end = space = 0
        for match in CHUNK_BREAK.finditer(text, start, start + limit):
            space = match.end()
            if text[match.start()] in ".!?":
                sentence_end = match.end()
        cut = sentence_end or space or start + limit
        pieces.append(text[start:cut])
        start = cut
    return [*pieces, text[start:]]


def model_docs(nlp: Language, texts: Iterable[str], batch_chars: int = BATCH_CHARS) -> Iterator[Doc]:
    """The parsed docs of `texts`, in order, given to spaCy in batches of at most `batch_chars` characters
    (a longer text alone) and at most `nlp.batch_size` texts."""
    batch: list[str] = []
    size = 0
    for text in texts:
        if batch and (size + len(text) > batch_chars or len(batch) >= nlp.batch_size):
            yield from nlp.pipe(batch, batch_size=len(batch))
            batch, size = [], 0
        batch.append(text)
        size += len(text)
    if batch:
        yield from nlp.pipe(batch, batch_size=len(batch))
