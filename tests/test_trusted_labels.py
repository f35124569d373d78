"""Labels a reader trusts are right or absent: a stance others report, a figure other than the provision's, a
negated loaded word, a statement two sources quote, and a provision phrase that would match every sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.assemble.compare import build_comparison, spellings
from generator.config import parse_story
from generator.core.errors import StoryFileError
from generator.core.model import Article, Block, Mention, ParsedArticle, Quote, Site, SourceMeta
from generator.core.types import SpeakerRule
from generator.extract import Extraction, Extractor
from generator.nlp.pipeline import build_pipeline, parse_article
from tests.commands import python_m
from tests.conftest import ROOT, STORY

STORY_TEXT = """
actors:
  - {name: Northland, kind: country}
  - {name: Southland, kind: country}
  - {name: Ana Ortega, kind: person, aliases: [Ortega]}
plan:
  title: The Lakeside peace plan
  provisions:
    - {id: troop-cap, title: "Northland's army capped at 50,000 troops", phrases: ["cap* .. army"]}
    - {id: buffer-zone, title: "A demilitarised buffer zone along the river", phrases: ["buffer zone"]}
"""
LAKESIDE = parse_story(STORY_TEXT)


@pytest.fixture(scope="module")
def extract():  # type: ignore[no-untyped-def]
    pipeline = build_pipeline(LAKESIDE)
    extractor = Extractor.for_story(LAKESIDE, pipeline)

    def run(text: str) -> Extraction:
        article = Article("t", "t.txt", "Title", None, (Block("paragraph", text, 2),), (), (), SourceMeta(), text)
        return extractor.extract(parse_article(pipeline, article))

    return run


def _stances(extraction: Extraction) -> list[tuple[str, str | None, str]]:
    return [(m.provision, m.actor, m.stance) for m in extraction.facts.plan_mentions]


# ── 11. a provision phrase with no word of three letters is refused ──


@pytest.mark.parametrize("phrase", ["-", "a", "to", "a .. to", "of*", "- -"])
def test_a_phrase_without_a_word_of_three_letters_is_a_story_file_error(phrase: str) -> None:
    text = "plan:\n  provisions:\n    - id: p\n      title: T\n      phrases:\n        - cap* army\n"
    text += f"        - '{phrase}'\n"  # line 7
    with pytest.raises(StoryFileError) as caught:
        parse_story(text, "story.yml")
    assert str(caught.value).startswith(f"story.yml:7: provision 'p': phrase '{phrase}' has no word of 3 letters")


@pytest.mark.parametrize("phrase", ["g8", "npt", "eu membership", "return to the g8", "cap* .. army", "28-point"])
def test_short_but_distinctive_phrases_are_accepted(phrase: str) -> None:
    story = parse_story(f"plan:\n  provisions:\n    - {{id: p, title: T, phrases: ['{phrase}']}}\n")
    assert story.plan and story.plan.provisions[0].phrases == (phrase,)


def test_check_refuses_a_dash_phrase_in_one_line_with_exit_code_2(tmp_path: Path) -> None:
    lines = STORY.read_text(encoding="utf-8").splitlines()
    line = next(i for i, text in enumerate(lines, 1) if text.lstrip().startswith("- {id: amnesty,"))
    lines[line - 1] = lines[line - 1].replace('phrases: ["amnesty"]', 'phrases: ["amnesty", "-"]')
    story = tmp_path / "story.yml"
    story.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = python_m("generator", "check", "--seeds", "seeds", "--story", str(story), cwd=ROOT)
    assert result.returncode == 2, result.stderr
    assert result.stderr.splitlines() == [
        f"error: {story}:{line}: provision 'amnesty': phrase '-' has no word of 3 letters or more, so it would match "
        "almost every sentence; use a word of the provision's own, such as one of its title"
    ]


# ── 16a. a stance others report of an actor is not the actor's stance ──


@pytest.mark.parametrize(
    "text",
    [
        "Later, newspapers would report that Northland had accepted the buffer zone.",
        "Northland reportedly accepted the buffer zone.",
        "According to reports, Northland accepted the buffer zone.",
        "Northland accepted the buffer zone, officials said.",
        "Northland was said to have accepted the buffer zone.",
        "It was reported that Northland had accepted the buffer zone.",
        "Southland claimed that Northland had rejected the buffer zone.",
        "Southland demanded that Northland accept the buffer zone.",
    ],
)
def test_a_stance_others_report_is_only_mentioned(extract, text: str) -> None:  # type: ignore[no-untyped-def]
    found = extract(text)
    assert _stances(found) == [("buffer-zone", "Northland", "mentioned")]
    reported = "rejects" if "rejected" in text else None if "demanded" in text else "accepts"  # kept, as reported
    assert [m.reported for m in found.facts.plan_mentions] == [reported]


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Northland accepted the buffer zone.", "accepts"),
        ("Northland promised to accept the buffer zone.", "accepts"),
        ("Northland accepted the buffer zone, Northland's foreign minister said.", "accepts"),  # its own word
        ("Northland did not accept the buffer zone.", "rejects"),
    ],
)
def test_an_actors_own_stance_stays(extract, text: str, stance: str) -> None:  # type: ignore[no-untyped-def]
    found = extract(text)
    assert _stances(found) == [("buffer-zone", "Northland", stance)]
    assert [m.reported for m in found.facts.plan_mentions] == [None]


def _sentence_with(site: Site, words: str) -> tuple[str, str]:
    return next((s.source, s.id) for s in site.sentences.values() if words in s.text)


def test_seed_hedged_media_report_gives_ukraine_no_stance(site: Site) -> None:
    source, sentence = _sentence_with(site, "media would report that Ukraine had agreed")
    from_report = [m for p in site.provisions for m in p.mentions if (m.source, m.sentence) == (source, sentence)]
    assert from_report, "the sentence names provisions"
    assert {m.stance for m in from_report} == {"mentioned"}
    reported = {(m.provision, m.reported) for m in from_report if m.actor == "Ukraine"}
    assert ("no-nato", "could not agree") in reported and ("recognise-annexation", "could not agree") in reported
    assert ("army-cap", None) in reported  # reported of another figure (a range) than the plan's: not even that
    army = next(p for p in site.provisions if p.id == "army-cap")
    assert "accepts" not in army.stances.values() and army.status != "accepted"


# ── 16b. a figure other than the provision's is not its acceptance ──


@pytest.mark.parametrize(
    ("text", "stance"),
    [
        ("Northland agreed to cap its army at 60,000 to 80,000 troops.", "mentioned"),  # a range for one figure
        ("Northland agreed to cap its army at 70,000 troops.", "mentioned"),  # another number
        ("Northland agreed to cap its army at 50,000 troops.", "accepts"),  # the provision's own
        ("Northland agreed to cap its army at up to 50,000 troops.", "accepts"),
        ("Northland agreed to cap its army.", "accepts"),  # no figure to differ
    ],
)
def test_a_different_figure_is_not_acceptance(extract, text: str, stance: str) -> None:  # type: ignore[no-untyped-def]
    assert _stances(extract(text)) == [("troop-cap", "Northland", stance)]


def test_seed_range_for_the_army_cap_is_not_its_acceptance(site: Site) -> None:
    army = next(p for p in site.provisions if p.id == "army-cap")
    ranged = [m for m in army.mentions if m.detail == "600,000–800,000 troops"]
    assert ranged and all(m.stance == "mentioned" for m in ranged)  # the plan states 600,000


# ── 16c. a negated loaded word is no framing ──


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Northland is not rejecting the offer.", "rejecting"),
        ("Southland is not openly ignoring the talks.", "ignoring"),
        ("Southland never ignored the warnings.", "ignored"),
        ("Ortega has not been negligent.", "negligent"),
        ("Northland is not the aggressor.", "aggressor"),
    ],
)
def test_a_negated_word_is_no_framing(extract, text: str, word: str) -> None:  # type: ignore[no-untyped-def]
    framing = extract(text).framing
    assert word not in framing.words and all(word not in about for about in framing.about.values())
    affirmed = extract(text.replace(" not", "").replace(" never", "").replace(" openly", "")).framing
    assert word in affirmed.words and any(word in about for about in affirmed.about.values())


def test_seed_framing_has_no_negated_words(site: Site) -> None:
    listed = {
        (f.source, about, w.word)
        for f in site.comparison.framing
        for about, words in [("", f.drivers), *f.about.items()]
        for w in words
    }
    source = _sentence_with(site, "is not rejecting any opportunity")[0]
    assert (source, "Ukraine", "rejecting") not in listed  # 'the Ukrainian administration is not rejecting'
    assert (source, "Russia", "ignoring") not in listed  # 'Moscow is not openly ignoring the negotiation process'
    assert not {w for _s, _a, w in listed} & {"rejecting", "ignoring"}


# ── 16d. a statement two sources report is not 'one source only' ──


def _quote(text: str, source: str, speaker: str = "Ana Ortega") -> Quote:
    return Quote(text, speaker, source, "s-1", "said", rule=SpeakerRule.NAMED)


def test_one_statement_in_two_wordings_is_shared() -> None:
    quotes = [
        _quote("We will never give up the northern land, whatever the pressure", "a"),
        _quote("we will not give up the northern land", "b"),
        _quote("The river belongs to everyone", "b"),
    ]
    comparison = build_comparison(["a", "b"], [], [], quotes, [], {}, {}, [], [])
    assert comparison.only_in["a"]["quotes"] == []
    assert comparison.only_in["b"]["quotes"] == ["Ana Ortega: “The river belongs to everyone”"]
    assert len(comparison.shared["quotes"]) == 1 and "northern land" in comparison.shared["quotes"][0]


def test_names_spelled_differently_come_from_each_articles_one_word_names() -> None:
    # 'Kyiv' and 'Kiev' for one city, in two sources; "Kyiv's" is Kyiv; a name of two words is not a spelling
    def spelled(*names: str) -> tuple[Mention, ...]:
        return tuple(Mention("Kyiv", name, f"s-{i}", 0, len(name)) for i, name in enumerate(names))

    def parsed(source: str, mentions: tuple[Mention, ...]) -> ParsedArticle:
        return ParsedArticle(Article(source, f"{source}.txt", "T", None, (), (), (), SourceMeta(), ""), (), mentions)

    a = spellings(parsed("a", spelled("Kyiv's", "Kyiv", "Kyiv City", "kyiv")))
    b = spellings(parsed("b", spelled("Kiev")))
    assert a == (("Kyiv", frozenset({"Kyiv"})),)
    naming = build_comparison(["a", "b", "c"], [], [], [], [], {}, {}, [("a", a), ("b", b), ("c", a)], []).naming
    assert [(n.actor, n.spellings) for n in naming] == [("Kyiv", {"a": ["Kyiv"], "b": ["Kiev"], "c": ["Kyiv"]})]
    assert build_comparison(["a", "c"], [], [], [], [], {}, {}, [("a", a), ("c", a)], []).naming == []


def test_seed_ryabkov_statement_is_not_only_in_either_source(site: Site) -> None:
    variants = [v for v in site.comparison.quote_variants if len({q.source for q in v.quotes}) > 1]
    assert variants
    for variant in variants:
        for source, kinds in site.comparison.only_in.items():
            assert not [label for label in kinds["quotes"] for q in variant.quotes if q.text in label], source
        assert any(variant.quotes[0].text in label for label in site.comparison.shared["quotes"])
    for summary in site.sources:
        assert not [q for v in variants for q in v.quotes for label in summary.only_here["quotes"] if q.text in label]
