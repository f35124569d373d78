"""Timeline headlines: short, complete, self-contained, from the parse; the citation keeps the sentence."""

from __future__ import annotations

import re

import pytest

from generator.assemble.merge import merge_events
from generator.config import parse_story
from generator.core.model import Article, Block, Site, SourceMeta
from generator.core.refs import sentence_key
from generator.nlp.pipeline import parse_article
from tests.conftest import StoryReader

STORY = parse_story("actors: []")
READER = StoryReader(STORY)  # the model loads when a test first reads it


def headlines(*paragraphs: str) -> list[str]:
    blocks = tuple(Block("paragraph", p, i + 2) for i, p in enumerate(paragraphs))
    meta = SourceMeta(published="2026-03-20")
    article = Article("t", "t.txt", "Title", None, blocks, (), (), meta, "\n".join(paragraphs))
    return [e.summary for e in READER.extractor.extract(parse_article(READER.pipeline, article)).facts.events]


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


@pytest.mark.parametrize(
    "text",
    [
        "On March 4, the rebels attacked the border post near Karsu at dawn and the",
        "On March 4, the rebels attacked the border post near Karsu at dawn —",
        "On March 4, the rebels attacked the border post near Karsu at dawn ...",
    ],
)
def test_a_sentence_the_source_cut_off_gives_no_headline_of_its_own(text: str) -> None:
    # the summary shows where the source stops instead of passing a fragment off as a headline
    (summary,) = headlines(text)
    assert summary.endswith("…") and summary.startswith("The rebels attacked the border post")


def test_a_list_item_without_a_full_stop_keeps_its_headline() -> None:
    assert headlines("On March 4, the two cabinets approved the draft treaty") == [
        "The two cabinets approved the draft treaty"
    ]


def test_an_entry_takes_a_whole_report_over_a_cut_off_one() -> None:
    blocks = (Block("paragraph", "On March 4, the rebels attacked the border post near Karsu at dawn and the", 2),)
    cut = Article("a", "a.txt", "A", None, blocks, (), (), SourceMeta(published="2026-03-20"), blocks[0].text)
    whole_text = "On March 4, the rebels attacked the border post near Karsu at dawn."
    whole = Article("b", "b.txt", "B", None, (Block("paragraph", whole_text, 2),), (), (),
                    SourceMeta(published="2026-03-20"), whole_text)  # fmt: skip
    events, sentences = [], {}
    for article in (cut, whole):
        parsed = parse_article(READER.pipeline, article)
        events += READER.extractor.extract(parsed).facts.events
        sentences |= {sentence_key(article.id, s.id): s for s in parsed.sentences}
    (entry,) = merge_events(events, sentences, [], set())
    assert entry.summary == "The rebels attacked the border post near Karsu at dawn"
    assert {c.source for c in entry.citations} == {"a", "b"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # 'late' goes with its day
        (
            "Governor Ramon Villaruel visited the centre late on Tuesday and promised that the provincial government"
            " would cover funeral and burial costs for victims from Leyte.",
            "Governor Ramon Villaruel visited the centre",
        ),
        # an age is part of a word, not a date phrase or an aside
        (
            "Officers arrested the lorry driver, a 51-year-old man, at the scene on Saturday, police spokesman"
            " Inspector Oskar Lindqvist said.",
            "Officers arrested the lorry driver, a 51-year-old man, at the scene",
        ),
        # a possessive whose noun the sentence left out: its owner
        ("Sarkhel's followed two days later, on March 5, after a stormy session.", "Sarkhel followed"),
        # no full stop at the end of a headline, even before a quotation that opens the next sentence
        (
            "Edgardo Tiu was suspended by his own board on July 7 and resigned last Thursday with a four-line"
            " statement. “",
            "Edgardo Tiu was suspended by his own board and resigned last Thursday with a four-line statement",
        ),
    ],
)
def test_headline_is_a_whole_clause(text: str, expected: str) -> None:
    first = headlines(text)[0]
    assert first.startswith(expected) and not first.endswith((".", " late"))


def test_to_be_without_what_the_subject_is_gives_no_headline() -> None:
    # 'The March 9 break-in was, by any standard, an odd one': the name of the event, not 'The … break-in was'
    summaries = headlines("The March 9 break-in was, by any standard, an odd one.")
    assert summaries and not any(s.endswith(" was") for s in summaries)


def test_a_named_event_keeps_its_whole_name() -> None:
    summaries = headlines("The only moment of dignity was the Sept. 3 walkout, when the delegation left the room.")
    assert "The Sept. 3 walkout" in summaries


def test_the_end_of_a_quotation_is_no_headline() -> None:
    summaries = headlines(
        "On July 14, coast guard technical divers finally reached the hull and brought up the last bodies they"
        " could find. That evening the search was formally called off.",
        '"You train for years for depth, for darkness, for cold. Nobody trains you for the cabin where a family was'
        ' sleeping," says Petty Officer Arnel Caballes, one of the divers who went down that day.',
    )
    assert summaries and not any(s.lstrip("“").lower().startswith("says") for s in summaries), summaries


def test_a_pronoun_is_not_named_when_the_name_would_be_all_the_headline_says() -> None:
    summaries = headlines(
        "The coast guard led the search for the missing passengers from Ormoc.",
        "It concluded on 14 July.",
    )
    assert "Coast guard concluded" not in " ".join(summaries).lower().capitalize()
    assert not any(s.endswith("concluded") and not s.startswith("It") for s in summaries), summaries


def test_an_entry_is_titled_by_a_report_whose_headline_holds_its_date() -> None:
    # the opinion piece's report is titled by a later sentence that names a place ('A paper mill in Tessby …');
    # the wire's report is titled by the sentence the date is in
    wire_text = (
        "Karsund is the country's only deep-water port. It handles most of its trade. The walkout began at 6 a.m."
        " on Thursday, March 5, 2026, according to the union."
    )
    opinion_text = (
        "Since the walkout began on March 5, 2026, the port has been closed in all but name. A paper mill in"
        " Tessby has sent 300 workers home because its pulp is sitting in containers."
    )
    events, sentences = [], {}
    for name, text in (("wire", wire_text), ("opinion", opinion_text)):
        article = Article(name, f"{name}.txt", name, None, (Block("paragraph", text, 2),), (), (),
                          SourceMeta(published="2026-03-20"), text)  # fmt: skip
        parsed = parse_article(READER.pipeline, article)
        events += READER.extractor.extract(parsed).facts.events
        sentences |= {sentence_key(name, s.id): s for s in parsed.sentences}
    (entry,) = [e for e in merge_events(events, sentences, [], set()) if len(e.citations) > 1]
    assert entry.summary.startswith("The walkout began"), entry.summary
