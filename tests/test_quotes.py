"""Quote attribution, pattern by pattern, on a small made-up story."""

from __future__ import annotations

import pytest

from generator.config import parse_story
from generator.core.model import Article, Block, Quote, SourceMeta
from generator.nlp.pipeline import parse_article
from tests.commands import python_m
from tests.conftest import StoryReader

STORY = parse_story(
    """
actors:
  - {name: Ann Lee, kind: person, role: Northland Foreign Minister, affiliation: Northland, aliases: [Lee]}
  - {name: Bo Chen, kind: person, role: President of Southland, affiliation: Southland, aliases: [Chen]}
  - {name: Cy Dove, kind: person, role: Southland chief negotiator, affiliation: Southland, aliases: [Dove]}
  - {name: Northland, kind: country, metonyms: [Capitol]}
  - {name: Southland, kind: country}
"""
)
READER = StoryReader(STORY)  # the model loads when a test first reads it


LONG = "We will not give up a single village of our land"


def quotes_of(*paragraphs: str) -> list[Quote]:
    blocks = tuple(Block("paragraph", p, i + 2) for i, p in enumerate(paragraphs))
    article = Article("t", "t.txt", "Title", None, blocks, (), (), SourceMeta(), "\n".join(paragraphs))
    return list(READER.extractor.extract(parse_article(READER.pipeline, article)).facts.quotes)


CASES = [
    (f"Ann Lee said: “{LONG}.”", "Ann Lee"),
    (f"“{LONG},” Lee said.", "Ann Lee"),
    (f"“{LONG},” said Bo Chen.", "Bo Chen"),
    (f"“{LONG}.” Chen said on Monday.", "Bo Chen"),
    (f"According to Ann Lee, “{LONG}.”", "Ann Lee"),
    (f"“{LONG}”, according to Bo Chen.", "Bo Chen"),
    (f"Ann Lee told reporters: “{LONG}.”", "Ann Lee"),
    ("Lee told reporters that the talks were “a waste of time”.", "Ann Lee"),
    ("Chen has said there is “no question of any concessions”.", "Bo Chen"),
    ("Bo Chen said the talks were “highly productive”.", "Bo Chen"),
    (f"Lee added: “{LONG}.”", "Ann Lee"),
    (f"Ann Lee wrote on Telegram: “{LONG}.”", "Ann Lee"),
    (f"“{LONG},” Chen wrote on social media.", "Bo Chen"),
    (f"Bo Chen, speaking in the capital, said: “{LONG}.”", "Bo Chen"),
    (f"Ann Lee warned that “{LONG}”.", "Ann Lee"),
    (f"Chen insisted: “{LONG}.”", "Bo Chen"),
    (f"“{LONG}.” — Ann Lee", "Ann Lee"),
    (f"In a statement, Bo Chen said “{LONG}”.", "Bo Chen"),
    (f'"{LONG}," said Ann Lee.', "Ann Lee"),
    (f"“{LONG},” the Northland foreign minister said.", "Ann Lee"),
    (f"“{LONG},” the Southland president told reporters.", "Bo Chen"),
    (f"Officials, including the chief negotiator, have said there is “{LONG}”.", "Cy Dove"),
    ("Bo Chen described the meeting as “productive and meaningful”.", "Bo Chen"),
    (f"“{LONG},” the Capitol said.", "Northland"),
    (f"“{LONG},” the minister said.", "Ann Lee"),
    (f"“We are ready. {LONG},” Dove said after the talks.", "Cy Dove"),
]


@pytest.mark.parametrize(("text", "speaker"), CASES)
def test_attribution_pattern(text: str, speaker: str) -> None:
    quotes = quotes_of(text)
    assert quotes, f"no quote found in {text!r}"
    assert quotes[0].speaker == speaker, (quotes[0].speaker, quotes[0].cue)


def test_pronoun_refers_to_the_person_just_named() -> None:
    quotes = quotes_of(f"Bo Chen arrived in the capital on Monday. “{LONG},” he said.")
    assert quotes[0].speaker == "Bo Chen" and quotes[0].cue == "he said"


def test_a_quote_standing_alone_is_not_credited_to_a_name_nearby() -> None:
    quotes = quotes_of("Ann Lee spoke after the talks.", f"“{LONG}.”")
    assert quotes[0].speaker is None and quotes[0].rule == "unknown"  # said so, never guessed


def test_quote_continuing_into_the_next_paragraph_keeps_its_speaker() -> None:
    quotes = quotes_of(
        f"Bo Chen said: “{LONG}. We have said so from the start.", "“And we will say it again tomorrow.”"
    )
    assert [q.speaker for q in quotes] == ["Bo Chen", "Bo Chen"]


def test_quote_spanning_two_sentences_is_one_quote() -> None:
    quotes = quotes_of(f"Ann Lee said: “{LONG}. The border is not for sale.”")
    assert len(quotes) == 1 and quotes[0].text.endswith("The border is not for sale.")


def test_partial_quote_in_reported_speech_is_marked_partial() -> None:
    quote = quotes_of("Bo Chen said the talks were “highly productive”.")[0]
    assert quote.partial and quote.text == "highly productive"


def test_scare_quotes_are_not_quotes() -> None:
    assert quotes_of("Why the “deal” collapsed is not clear.") == []
    assert quotes_of("Moscow frames it as “the basis for peace” in public.") == []


def test_quote_without_any_speaker_is_kept_as_unknown() -> None:
    quotes = quotes_of(f"“{LONG},” a sign on the wall read.")
    assert quotes and quotes[0].speaker is None


def test_quotes_command_shows_each_speaker_and_how_it_was_found() -> None:
    import json

    from tests.conftest import ROOT, SEEDS

    files = sorted(str(p) for p in SEEDS.glob("*.txt"))
    result = python_m("generator", "quotes", *files, "--format", "jsonl", cwd=ROOT)
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    ryabkov = [r for r in records if r["speaker"] == "Sergey Ryabkov"]
    assert {r["rule"] for r in ryabkov} == {"named", "resolved"}  # one source names him, one says "a deputy…"
    assert any("a deputy foreign minister" in r["speaker_mention"] for r in ryabkov if r["rule"] == "resolved")
    for record in records:
        assert set(record) == {
            "file", "start", "end", "quote", "speaker", "speaker_mention", "cue", "rule", "chain", "partial"
        }  # fmt: skip
        text = open(record["file"], encoding="utf-8").read()  # noqa: SIM115
        assert text[record["start"] : record["end"]] == record["quote"]


def test_the_person_told_is_not_the_speaker() -> None:
    quotes = quotes_of(f"“{LONG},” Lee told Chen after the meeting.")
    assert quotes[0].speaker == "Ann Lee"


def test_she_skips_the_man_named_last() -> None:
    quotes = quotes_of(
        "Ms. Mara Quist, the Southland envoy, spoke first. Her statement was short.",
        "Then Mr. Ivo Brandt, her counterpart, arrived late.",
        f"“{LONG},” she said.",
    )
    assert quotes[0].speaker == "Mara Quist" and quotes[0].rule == "resolved"


def test_a_pronoun_no_one_fits_stays_unknown() -> None:
    quotes = quotes_of("Mr. Ivo Brandt arrived late. His car had broken down.", f"“{LONG},” she said.")
    assert quotes[0].speaker is None


def test_the_head_of_a_subject_phrase_speaks_not_the_name_before_it() -> None:
    quotes = quotes_of(f"“{LONG},” Bo Chen campaign spokesman Ivo Brandt said.")
    assert quotes[0].speaker == "Ivo Brandt"


def test_the_minister_is_the_nearest_minister_not_the_first() -> None:
    quotes = quotes_of(
        "Culture Minister Vera Lind, who faced calls to resign, was at the museum.",
        f"Interior Minister Tomas Rek, speaking separately at a police academy, praised the officers. “{LONG},” "
        "the minister said.",
    )
    assert quotes[0].speaker == "Tomas Rek" and quotes[0].rule == "resolved"
    assert quotes[0].chain.startswith("“the minister” → Tomas Rek: holds the role “minister”")


def test_an_age_description_is_the_person_just_named() -> None:
    quotes = quotes_of(
        "Mara Quist was in the next room with her husband. A retired teacher, she later spoke to officers.",
        f"“{LONG},” the 62-year-old said.",
    )
    assert quotes[0].speaker == "Mara Quist" and "“the 62-year-old” → Mara Quist" in quotes[0].chain


def test_an_unnamed_speaker_is_what_the_text_calls_them_never_a_name() -> None:
    quotes = quotes_of("Mara Quist was in the next room.", f"“{LONG},” said one visitor, a student.")
    assert quotes[0].speaker is None and quotes[0].mention.startswith("one visitor")


def test_a_paragraph_of_quote_alone_continues_the_speaker_before_it() -> None:
    quotes = quotes_of(f"“{LONG},” said Ivo Brandt of the delegation.", "“Who cares? It was her speech, not mine.”")
    assert [q.speaker for q in quotes] == ["Ivo Brandt", "Ivo Brandt"] and quotes[1].rule == "context"


def test_a_pronoun_chain_follows_the_subject_of_each_clause() -> None:
    quotes = quotes_of(
        "Mara Quist met Ivo Brandt on Monday. Brandt had flown in from the capital.",
        "He told reporters the talks would go on.",
        f"“{LONG},” he said.",
    )
    assert quotes[0].speaker == "Ivo Brandt" and "Ivo Brandt" in quotes[0].chain


def test_the_speaker_of_a_verb_joined_to_a_reported_clause_is_the_first_verb_s() -> None:
    quotes = quotes_of(f"Ivo Brandt, 70, said it was too early to celebrate but added, “{LONG}.”")
    assert quotes[0].speaker == "Ivo Brandt"


def test_words_most_sources_credit_to_one_speaker_are_his_and_the_conflict_is_said() -> None:
    from generator.assemble.statements import agree_on_speakers
    from generator.core.types import SpeakerRule

    def quote(source: str, speaker: str, rule: SpeakerRule) -> Quote:
        return Quote(LONG, speaker, source, "s-1", "said", False, speaker, rule)

    agreed = agree_on_speakers(
        [quote("a", "Ann Lee", SpeakerRule.NAMED), quote("b", "Ann Lee", SpeakerRule.NAMED),
         quote("c", "Bo Chen", SpeakerRule.RESOLVED)]
    )  # fmt: skip
    assert [q.speaker for q in agreed] == ["Ann Lee"] * 3
    assert agreed[2].chain == "2 of 3 sources credit them to Ann Lee; c credited these words to Bo Chen"


def test_a_first_name_tells_who_she_is_when_the_text_does_not() -> None:
    from generator.nlp.gender import first_name_gender

    assert (first_name_gender("Lily Batchelder"), first_name_gender("Henry Crespo")) == ("female", "male")
    assert first_name_gender("Leslie Wimes") is None  # a name both sexes have decides nothing
    quotes = quotes_of("Henry Crespo met Lily Batchelder on Monday. Crespo had flown in.", f"“{LONG},” she said.")
    assert quotes[0].speaker == "Lily Batchelder"
