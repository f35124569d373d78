"""An article's parsed pieces kept as data between processes: spaCy's `DocBin` (arrays of token attributes and their
strings, compressed; never code), so an article read again parses only the pieces that changed.

A piece's parse does not depend on the pieces parsed with it (`nlp.batches`), and a stored doc is found by its
text, so one stored for an older version of the article is right for every piece the edit left alone. Every
attribute the model sets is kept (`DocBin`'s default); the extraction made from restored docs is the one made
from fresh parses (tests/test_stored_parses.py).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

from spacy.tokens import Doc, DocBin
from spacy.vocab import Vocab

MAX_UNPACKED = 64 * 1024 * 1024  # bytes a stored parse may unpack to: 300 times a long article's; more is no
# parse this generator wrote (a compressed bomb), and is not unpacked


def dump_docs(docs: Sequence[Doc]) -> bytes:
    """The docs as bytes that `load_docs` reads back."""
    stored = DocBin(store_user_data=False)
    for doc in docs:
        stored.add(doc)
    return stored.to_bytes()


def load_docs(data: bytes | None, vocab: Vocab) -> list[Doc]:
    """The docs `dump_docs` stored in `data`; none when there is nothing, or something that is not a stored parse
    (truncated, crafted, of another spaCy, too large unpacked): those pieces are parsed again."""
    if not data:
        return []
    try:
        unpacker = zlib.decompressobj()
        unpacker.decompress(data, MAX_UNPACKED)
        if unpacker.unconsumed_tail:
            return []
        return list(DocBin().from_bytes(data).get_docs(vocab))
    except Exception:  # of whatever kind: a parse that does not read is a parse to make
        return []
