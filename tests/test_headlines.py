"""Timeline headlines: short, complete, self-contained, from the parse; the citation keeps the sentence."""

from __future__ import annotations

import re

import pytest

from generator.config import parse_story
from generator.core.model import Article, Block, Site, SourceMeta
from generator.extract import Extractor
from generator.nlp.pipeline import build_pipeline, parse_article

STORY = parse_story("actors: []")
PIPELINE = build_pipeline(STORY)
EXTRACTOR = Extractor.for_story(STORY, PIPELINE)


def headlines(*paragraphs: str) -> list[str]:
    blocks = tuple(Block("paragraph", p, i + 2) for i, p in enumerate(paragraphs))
    meta = SourceMeta(published="2026-03-20")
    article = Article("t", "t.txt", "Title", None, blocks, (), (), meta, "\n".join(paragraphs))
    return [e.summary for e in EXTRACTOR.extract(parse_article(PIPELINE, article)).facts.events]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On March 3, police in Graz arrested two men.", "Police in Graz arrested two men"),
        # an attribution stays: what media report is not established fact
        (
            "Later, on March 9, media would report that the fund had lost 30 million euros.",
            "Media would report that the fund had lost 30 million euros",
        ),
        # a named one stays, with the date phrase gone and the comma kept
        (
            "The fund will not pay compensation, Finance Minister Ana Ortega told reporters on March 10.",
            "The fund will not pay compensation, Finance Minister Ana Ortega told reporters",
        ),
        # speculation around a date is not the event: the clause the date belongs to is
        (
            "For the city, this could become another scandal, just as happened on June 3, 2011, when the "
            "bank collapsed overnight.",
            "The bank collapsed overnight",
        ),
        # a date inside a relative clause dates that clause, its noun standing in for 'which' or 'who'
        (
            "The negotiations, which began on March 2, were conducted in a constructive spirit.",
            "The negotiations began",
        ),
        ("Officials praised the mediator, who arrived in Graz on March 16.", "The mediator arrived in Graz"),
        # relative clauses and asides go
        (
            "In other words, on March 12 the director, who had run the fund since 2019, resigned from his post.",
            "The director resigned from his post",
        ),
    ],
)
def test_headline(text: str, expected: str) -> None:
    assert expected in headlines(text)


def test_a_quote_the_sentence_opens_is_closed() -> None:
    (headline,) = headlines("On March 4, Ana Ortega said: “The money is gone. We will find it.”")
    assert headline.count("“") == headline.count("”")


def test_long_sentences_become_twenty_words_or_fewer() -> None:
    text = (
        "On March 14, officers from the regional police and the financial crimes unit arrested the fund's chief "
        "investment officer, a 47-year-old man, at his home in the suburbs of Graz, in a dawn raid that "
        "neighbours described as dramatic, after weeks of surveillance by investigators."
    )
    (headline,) = headlines(text)
    words = [w for w in headline.split() if re.search(r"\w", w)]
    assert len(words) <= 20 and "arrested" in headline and not headline.endswith(("…", ",", "and"))


def test_seed_summaries_are_complete_and_not_copied(site: Site) -> None:
    for entry in site.timeline:
        assert entry.summary.count("“") == entry.summary.count("”"), entry.summary
        assert entry.summary.count('"') % 2 == 0, entry.summary
        assert not entry.summary.endswith(("…", "...", ",", ":")), entry.summary
        assert not entry.summary.startswith("Potential dates"), entry.summary
    summaries = [e.summary for e in site.timeline]
    # a media report stays a report, and is a whole sentence, not 'Media would report that…'
    assert "Media would report that Ukraine had agreed to limit its military to 600,000–800,000 troops" in summaries
    by_date = {e.date.date: e.summary for e in site.timeline if e.date.date}
    assert by_date["2022-02-24"].startswith("Russia launched its assault on Ukraine")  # not 'this could become…'
    ryabkov = next(e.summary for e in site.timeline if "Ryabkov" in e.summary)
    assert ryabkov.endswith("part of the negotiation process…”")  # closed, and marked as going on
    geneva = by_date["2025-11-23"]
    assert "met in Geneva" in geneva and not geneva.startswith("By November 23")


@pytest.mark.parametrize(
    "text",
    [
        "WATCH Police in Graz arrested two men on March 3.",
        "LIVE: On March 3, police in Graz arrested two men.",
        "Police in Graz arrested two men on March 3 (AP Photo/Jane Doe).",
        "Breaking news: police in Graz arrested two men on March 3.",
        "Credit where it is due: police in Graz arrested two men on March 3.",
    ],
)
def test_page_furniture_is_no_part_of_a_headline(text: str) -> None:
    assert headlines(text) == ["Police in Graz arrested two men"]


def test_who_reported_it_before_a_colon_stays() -> None:
    text = ("On November 19, American media suddenly published reports in unison: the team of the president had "
            "prepared a peace plan.")  # fmt: skip
    assert headlines(text) == [
        "American media suddenly published reports in unison: the team of the president had prepared a peace plan"
    ]
