"""An article's parsed pieces kept as data between processes: spaCy's `DocBin` (arrays of token attributes and their
strings, compressed; never code), so an article read again parses only the pieces that changed.

A piece's parse does not depend on the pieces parsed with it (`nlp.batches`), and a stored doc is found by its
text, so one stored for an older version of the article is right for every piece the edit left alone. Every
attribute the model sets is kept (`DocBin`'s default); the extraction made from restored docs is the one made
from fresh parses (tests/test_stored_parses.py).

What a file holds is checked before any of it is used, as a parse from elsewhere (a cache restored from another
branch, a crafted file) may read without error and still not be one the model made: the same attributes, every
annotation the pipeline sets, and each sentence's words joined in one tree within it (the extraction walks the
heads up to a root). A file that fails any check is not used at all.
"""

from __future__ import annotations

import gc
import zlib
from collections.abc import Sequence

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

UNPACKED_PER_CHAR = 32  # bytes a stored parse may unpack to per character of its article (long real articles: 20)
UNPACKED_SLACK = 65_536
ANNOTATIONS = ("TAG", "DEP", "SENT_START", "ENT_IOB", "LEMMA")  # what the pipeline sets on every token


def stored_limit(chars: int) -> int:
    """The most bytes the stored parse of an article of `chars` characters may take, packed or unpacked: more is no
    parse this generator wrote (a compressed bomb, a crafted file), and is not read."""
    return UNPACKED_PER_CHAR * chars + UNPACKED_SLACK


def dump_docs(docs: Sequence[Doc]) -> bytes:
    """The docs as bytes that `load_docs` reads back."""
    stored = DocBin(store_user_data=False)
    for doc in docs:
        stored.add(doc)
    return stored.to_bytes()


def load_docs(data: bytes | None, vocab: Vocab, limit: int) -> list[Doc]:
    """The docs `dump_docs` stored in `data` (at most `limit` bytes, packed or unpacked); none when there is
    nothing, or something that is not a stored parse (truncated, crafted, of another spaCy, too large, not the
    pipeline's annotations): those pieces are parsed again. Python's cycle collector is left as it was (spaCy's
    reading turns it on, which a server keeps off in its builds: `build.collector`)."""
    if not data or len(data) > limit:
        return []
    collecting = gc.isenabled()
    try:
        unpacker = zlib.decompressobj()
        unpacker.decompress(data, limit)
        if unpacker.unconsumed_tail:
            return []
        stored = DocBin().from_bytes(data)
        if stored.attrs != DocBin().attrs:
            return []
        docs = list(stored.get_docs(vocab))
        return docs if all(_sound(doc) for doc in docs) else []
    except Exception:  # of whatever kind: a parse that does not read is a parse to make
        return []
    finally:
        if not collecting:
            gc.disable()


def _sound(doc: Doc) -> bool:
    """Whether a restored doc is one the pipeline could have made: annotated, each sentence one tree."""
    if not len(doc):
        return True
    if not all(doc.has_annotation(name) for name in ANNOTATIONS):
        return False
    return all(_one_tree([token.head.i - sentence.start for token in sentence]) for sentence in doc.sents)


def _one_tree(heads: list[int]) -> bool:
    """Whether every word of a sentence (its head's position in it, a root its own) reaches a root: no head outside
    the sentence, no cycle. Each word is walked once."""
    state = [0] * len(heads)  # 0 not seen, 1 on the path walked now, 2 reaches a root
    for start in range(len(heads)):
        path, word = [], start
        while state[word] == 0:
            state[word] = 1
            path.append(word)
            head = heads[word]
            if head == word:
                break
            if not 0 <= head < len(heads):
                return False
            word = head
        else:
            if state[word] == 1:  # back on this path: a cycle
                return False
        for seen in path:
            state[seen] = 2
    return True
