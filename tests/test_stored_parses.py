"""Issue 28: an article's parses are kept as data (spaCy's DocBin), so an edited article parses only what changed,
in the process that parsed it or any later one; a stored parse that does not read is parsed again."""

from __future__ import annotations

import gc
import zlib
from dataclasses import replace
from pathlib import Path

import numpy
import pytest
from spacy.attrs import HEAD
from spacy.tokens import DocBin

from generator.build import pipeline as build_pipeline
from generator.build.cache import PARSES
from generator.build.pipeline import extract_corpus
from generator.config import load_story
from generator.core.model import Article, Block
from generator.ingest.articles import read_article
from generator.nlp.pipeline import segment_article
from generator.nlp.stored import dump_docs, load_docs, stored_limit
from tests.conftest import SEEDS, STORY, StoryReader

READER = StoryReader(load_story(STORY))  # the model loads when a test first reads it
SEED = sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))[0]


def _article() -> Article:
    return read_article(SEED, READER.story)


def _edited(article: Article) -> Article:
    """The article with one paragraph's words changed and every other paragraph as it was."""
    blocks = list(article.blocks)
    index = next(i for i, b in enumerate(blocks) if b.kind == "paragraph" and len(b.text) > 80)
    blocks[index] = replace(blocks[index], text=blocks[index].text + " Talks resumed in Geneva on Friday.")
    return replace(article, blocks=tuple(blocks))


def _fresh(article: Article):  # type: ignore[no-untyped-def]
    READER.pipeline.recent_docs.clear()
    return segment_article(READER.pipeline, article)


def test_an_edited_article_parses_only_its_edited_paragraph_and_reads_as_a_fresh_parse() -> None:
    pipeline = READER.pipeline
    article = _article()
    first = _fresh(article)
    assert pipeline.fresh == len(pipeline.last) > 5  # every piece parsed
    kept = dump_docs(pipeline.last)
    edited = _edited(article)
    expected = _fresh(edited)
    pipeline.recent_docs.clear()  # another process: nothing held in memory
    reads: list[int] = []

    def stored():  # type: ignore[no-untyped-def]
        reads.append(1)
        return load_docs(kept, pipeline.nlp.vocab, stored_limit(len(edited.raw_text)))

    assert segment_article(pipeline, edited, stored) == expected
    assert pipeline.fresh == 1 and reads == [1]
    assert segment_article(pipeline, article, stored) == first  # pieces held: what changed since is parsed,
    assert pipeline.fresh == 1 and reads == [1]  # the stored parse not read
    segment_article(pipeline, article, stored)
    assert pipeline.fresh == 0 and reads == [1]


def _crafted(docs: list, attrs: list[str] | None = None, heads: dict[int, int] | None = None) -> bytes:  # type: ignore[type-arg]
    """Docs stored as `dump_docs` stores them, with only `attrs` kept, or with some words' heads (relative) changed."""
    stored = DocBin(attrs=attrs, store_user_data=False) if attrs else DocBin(store_user_data=False)
    for doc in docs:
        stored.add(doc)
    for word, head in (heads or {}).items():
        stored.tokens[0][word, stored.attrs.index(HEAD)] = numpy.uint64(head % 2**64)
    return stored.to_bytes()


def test_a_stored_parse_that_does_not_read_or_is_not_the_models_is_parsed_again() -> None:
    pipeline = READER.pipeline
    article = _article()
    expected = _fresh(article)
    docs, vocab = list(pipeline.last), pipeline.nlp.vocab
    limit = stored_limit(len(article.raw_text))
    good = dump_docs(docs)
    assert len(load_docs(good, vocab, limit)) == len(docs)
    crafted = {
        "empty": b"",
        "not a parse": b"not a parse",
        "truncated": good[: len(good) // 2],
        "a head far outside its doc": _crafted(docs, heads={0: 10**6}),
        "two words each the other's head": _crafted(docs, heads={0: 1, 1: -1}),
        "words without tags or a parse": _crafted(docs, attrs=["ORTH"]),
        "larger than the limit": good + bytes(limit),
        "a compressed bomb": zlib.compress(b"\0" * (limit + 1)),
    }
    for what, data in crafted.items():
        assert load_docs(data, vocab, limit) == [], what
        pipeline.recent_docs.clear()
        assert segment_article(pipeline, article, lambda data=data: load_docs(data, vocab, limit)) == expected, what
        assert pipeline.fresh == len(pipeline.last), what


def test_a_compressed_bomb_is_not_unpacked_and_the_collector_is_left_as_it_was(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = READER.pipeline
    _fresh(_article())
    good, limit = dump_docs(pipeline.last), 10**6
    collecting = gc.isenabled()
    gc.disable()  # as in a server's build
    try:
        assert load_docs(good, pipeline.nlp.vocab, limit) and not gc.isenabled()  # spaCy's reading turns it on
    finally:
        if collecting:
            gc.enable()
    unpacked: list[int] = []
    monkeypatch.setattr(DocBin, "from_bytes", lambda self, data: unpacked.append(len(data)))
    assert load_docs(zlib.compress(b"\0" * (limit + 1)), pipeline.nlp.vocab, limit) == [] and not unpacked


@pytest.mark.usefixtures("forget_rebuilds")
def test_a_build_keeps_each_articles_parse_and_the_next_build_parses_the_edit_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article, cache = _article(), tmp_path / "cache"
    counts: list[tuple[int, int]] = []  # (pieces parsed, pieces) of each article extracted
    real = build_pipeline._extract_one

    def counting(one: Article):  # type: ignore[no-untyped-def]
        found = real(one)
        assert build_pipeline._WORKER is not None
        pipeline = build_pipeline._WORKER[0]
        counts.append((pipeline.fresh, len(pipeline.last)))
        pipeline.recent_docs.clear()  # as if the next build were a process of its own
        return found

    monkeypatch.setattr(build_pipeline, "_extract_one", counting)

    def extract(version: Article):  # type: ignore[no-untyped-def]
        return extract_corpus(READER.story, [version], cache, jobs=1, keep=True)[0]

    first = extract(article)
    (stored,) = (cache / PARSES).glob("*/*.spacy")
    whole = stored.read_bytes()
    edited = extract(_edited(article))
    assert [p for p, _ in counts] == [counts[0][1], 1] and counts[0][1] > 5
    assert list((cache / PARSES).glob("*/*.spacy")) == [stored]  # one file per article
    assert stored.read_bytes() == whole  # a server stores whole parses only: the older one holds all but the edit
    assert edited != first
    stored.write_bytes(b"crafted")  # a stored parse that does not read: the article is parsed whole
    ended = replace(article, blocks=(*article.blocks, Block("paragraph", "The talks ended on Friday.", 99)))
    extract(ended)
    assert counts[2][0] == counts[2][1] == counts[0][1] + 1
    assert len(load_docs(stored.read_bytes(), READER.pipeline.nlp.vocab, 10**7)) == counts[2][1]  # parsed whole: kept
    other = read_article(sorted(p for p in SEEDS.iterdir() if p.suffix in (".txt", ".md"))[1], READER.story)
    extract_corpus(READER.story, [other], cache, jobs=1)  # a build of other articles: the others' parses go
    (left,) = (cache / PARSES).glob("*/*.spacy")
    assert left != stored
