"""Property-based tests: random text never breaks ingest, the date tagger or the figure parser, and every
citation's sentence is a substring of its source text."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.config import EMPTY_STORY, parse_story
from generator.core.model import Article
from generator.extract.dates import DateContext, find_dates
from generator.extract.figures import parse_figures
from generator.ingest.articles import IngestError, read_article
from generator.nlp.pipeline import parse_article
from tests.conftest import StoryReader

NEWSY = st.sampled_from(
    ["On November 19, ", "the next day", "Then, ", "said Friday ", "more than 460 drones ", "“quote,” he said. ",
     "between 19 and 24 ", "In 2025 alone ", "Kyiv-backed ", "\n", "\n\n", "—", "$100bn ", "nearly one-third ",
     "<script>alert(1)</script>", "{{ 7*7 }}", "- Category\n", "photo.jpg)\n", "See more", "6 days ago"]
)  # fmt: skip
TEXT = st.lists(st.one_of(st.text(max_size=40), NEWSY), max_size=30).map("".join)
STORY = parse_story(
    "actors:\n  - {name: Ann Lee, kind: person, role: Foreign Minister, affiliation: Northland}\n"
    "  - {name: Northland, kind: country, metonyms: [Kyiv]}\n"
    "plan:\n  provisions:\n    - {id: p1, title: Drone limit, phrases: [drones]}\n"
)
READER = StoryReader(STORY)  # the model loads when a test first reads it


SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@SETTINGS
@given(text=TEXT, suffix=st.sampled_from([".txt", ".md", ".html"]))
def test_ingest_never_raises_anything_but_a_clear_error(tmp_path: Path, text: str, suffix: str) -> None:
    path = tmp_path / f"random{suffix}"
    path.write_bytes(text.encode("utf-8", errors="replace"))
    try:
        article = read_article(path, EMPTY_STORY)
    except IngestError as exc:
        assert str(exc).startswith(f"{path.parent.name}/{path.name}") and "\n" not in str(exc)
        return
    assert isinstance(article, Article)


@SETTINGS
@given(text=TEXT, published=st.one_of(st.none(), st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1))))
def test_date_tagger_never_raises_and_spans_are_inside_the_text(text: str, published: dt.date | None) -> None:
    ctx = DateContext(published=published, year_for=lambda position: 2025)
    for mention in find_dates("s", text, ctx):
        assert 0 <= mention.start <= mention.end <= len(text)
        assert mention.value.precision in ("day", "range", "month", "year", "approx", "undated")
        if mention.value.date and len(mention.value.date) == 10:
            dt.date.fromisoformat(mention.value.date)


@SETTINGS
@given(text=TEXT)
def test_figure_parser_never_raises(text: str) -> None:
    for figure in parse_figures(text):
        assert figure.text.strip() and figure.low is not None


@SETTINGS
@given(text=TEXT)
def test_every_citation_is_a_substring_of_its_source(tmp_path: Path, text: str) -> None:
    path = tmp_path / "random.txt"
    path.write_bytes(("Headline\n" + text).encode("utf-8", errors="replace"))
    try:
        article = read_article(path, STORY)
    except IngestError:
        return
    extraction = READER.extractor.extract(parse_article(READER.pipeline, article))
    raw = article.raw_text
    sentences = {s.id: s.text for s in extraction.facts.parsed.sentences}
    for sentence in sentences.values():
        assert sentence in raw
    for event in extraction.facts.events:
        assert all(sid in sentences for sid in event.sentences)
    for quote in extraction.facts.quotes:
        assert quote.text in raw
    for mention in extraction.facts.parsed.mentions:
        assert sentences[mention.sentence][mention.start : mention.end] == mention.text
