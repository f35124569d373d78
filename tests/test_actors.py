"""Actors: registry aliases, derived surnames and roles, spelling variants, discovery, and no false actors."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from generator.config import parse_story
from generator.core.model import Article, Block, ParsedArticle, Site, SourceMeta
from generator.core.types import ActorKind
from generator.nlp.entities import place_kind
from generator.nlp.pipeline import segment_article
from tests.commands import python_m
from tests.conftest import StoryReader

STORY = parse_story(
    """
actors:
  - {name: Ann Lee, kind: person, role: Northland Foreign Minister, affiliation: Northland}
  - {name: Bo Chen, kind: person, role: President of Southland, affiliation: Southland}
  - {name: Di Park, kind: person, role: President of Northland, affiliation: Northland}
  - {name: Tomasz Wiśniewski, kind: person, role: Special Envoy, affiliation: Northland}
  - {name: Northland, kind: country, aliases: [Northlanders], metonyms: [Capitol City]}
  - {name: Southland, kind: country}
"""
)
READER = StoryReader(STORY)  # the model loads when a test first reads it


def parsed(*paragraphs: str) -> ParsedArticle:
    blocks = tuple(Block("paragraph", p, i + 2) for i, p in enumerate(paragraphs))
    article = Article("t", "t.txt", "Title", None, blocks, (), (), SourceMeta(), "\n".join(paragraphs))
    return segment_article(READER.pipeline, article)


def named(*paragraphs: str) -> list[tuple[str, str]]:
    return [(m.actor, m.text) for m in parsed(*paragraphs).mentions]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ann Lee arrived. Later Lee spoke.", [("Ann Lee", "Ann Lee"), ("Ann Lee", "Lee")]),
        ("Talks began in Chen’s office.", [("Bo Chen", "Chen")]),
        ("Chen's aides left.", [("Bo Chen", "Chen")]),
        ("Officials in Capitol City denied it.", [("Northland", "Capitol City")]),
        ("Many Northlanders were angry.", [("Northland", "Northlanders")]),
        ("The talks were led by a foreign minister.", [("Ann Lee", "a foreign minister")]),
        ("The Southland president left early.", [("Bo Chen", "The Southland president")]),
        ("The Northland president left early.", [("Di Park", "The Northland president")]),
        ("The president left early.", []),
        ("A Southland-backed plan failed.", [("Southland", "Southland")]),  # two presidents: a role alone names nobody
        ("The envoy met Wisniewski in the morning.", [("Tomasz Wiśniewski", "Wisniewski")]),
    ],
)
def test_aliases_resolve_to_one_actor(text: str, expected: list[tuple[str, str]]) -> None:
    assert named(text) == expected


def test_spelling_variants_need_a_close_match() -> None:
    assert named("Then Wisnieski spoke.") == [("Tomasz Wiśniewski", "Wisnieski")]
    assert all(actor != "Tomasz Wiśniewski" for actor, _text in named("Then Warsaw spoke."))


@pytest.mark.parametrize(
    ("text", "name", "kind", "role"),
    [
        ("Government spokeswoman Jane Doe denied the report.", "Jane Doe", "person", "spokeswoman"),
        ("Special presidential envoy Steve Roe arrived.", "Steve Roe", "person", "envoy"),
        ("Deputy Foreign Minister Ivan Petrov said it.", "Ivan Petrov", "person", "Deputy Foreign Minister"),
        ("The plan is dead, Maria Gomez said on Monday.", "Maria Gomez", "person", None),
        ("The plan is dead, according to Maria Gomez.", "Maria Gomez", "person", None),
        ("The European Commission said it would respond.", "European Commission", "organisation", None),
    ],
)
def test_discovery_from_titles_and_reporting_verbs(text: str, name: str, kind: str, role: str | None) -> None:
    found = [a for a in parsed(text).discovered if a.kind != "place"]
    assert [(a.name, a.kind) for a in found] == [(name, kind)]
    assert (found[0].role or None) == role or (role and role in (found[0].role or ""))


@pytest.mark.parametrize(
    "text",
    [
        "Potential dates included Thanksgiving Day—November 27.",
        "Ukrainians mark the Day of Dignity and Freedom on November 21.",
        "The Orange Revolution and the Revolution of Dignity are remembered.",
        "Western allies said nothing.",
        "Aware of its failures, the army withdrew.",
        "Secretary of State Jane Doe flew in.",
    ],
)
def test_holidays_adjectives_and_title_words_are_not_actors(text: str) -> None:
    names = {a.name for a in parsed(text).discovered}
    assert not names & {"Thanksgiving Day", "Day of Dignity", "Orange Revolution", "Revolution of Dignity"}
    assert not names & {"Western", "Aware", "State", "Secretary"}


def test_one_person_under_title_surname_and_full_name() -> None:
    article = parsed("Prosecutor Ana Ortega opened the case.", "Ms Ortega said little.", "Later Ortega left.")
    people = [a for a in article.discovered if a.kind == "person"]
    assert [(a.name, a.role) for a in people] == [("Ana Ortega", "Prosecutor")]
    assert {m.actor for m in article.mentions if "Ortega" in m.text} == {"Ana Ortega"}


def test_long_names_are_kept_whole_and_publications_are_media() -> None:
    article = parsed(
        "The New York Times reported that Mohammed bin Salman met Luiz Inácio Lula da Silva.",
        "Later, Lula spoke first.",
    )
    kinds = {a.name: a.kind for a in article.discovered}
    assert kinds.get("Mohammed bin Salman") == "person" and kinds.get("Luiz Inácio Lula da Silva") == "person"
    assert kinds.get("New York Times") == "media"  # a news organisation: cited more than it acts
    assert {m.actor for m in article.mentions if m.text == "Lula"} == {"Luiz Inácio Lula da Silva"}


def test_roles_from_titles_and_appositions() -> None:
    article = parsed(
        "Interior Minister Ana Ortega spoke.",
        "Jan Novak, the museum's director, resigned.",
        "UN Secretary-General António Guterres called for calm.",
    )
    roles = {a.name: a.role for a in article.discovered}
    assert roles["Ana Ortega"] == "Interior Minister"
    assert roles["Jan Novak"] == "museum's director"
    assert "Secretary-General" in (roles.get("António Guterres") or "")
    assert {a.name: a.kind for a in article.discovered}["Jan Novak"] == "person"


def test_seed_site_lists_each_actor_once_and_no_clutter(site: Site) -> None:
    from generator.core.text import plain

    names = [a.name for a in site.actors if a.mentions]
    assert len({plain(n) for n in names}) == len(names)
    for non_actor in ("Thanksgiving Day", "Day of Dignity", "Conclusion", "Orange Revolution", "Aware", "State", "US"):
        assert non_actor not in names
    assert {"Geneva", "Luhansk"} <= set(names)  # found in the text though the story file does not list them


def test_ryabkov_named_only_by_his_office_in_the_second_seed(site: Site) -> None:
    ryabkov = next(a for a in site.actors if a.name == "Sergey Ryabkov")
    assert ryabkov.mentions == {"000_a5c0679ffe64ab60": 1, "004_3dea35721438ec08": 1}
    assert "a deputy foreign minister" in ryabkov.aliases
    quote = next(q for q in ryabkov.quotes if q.source == "004_3dea35721438ec08")
    assert "a deputy foreign minister" in quote.cue


def test_actor_page_shows_aliases_quotes_stances_events_and_network(built_site) -> None:  # type: ignore[no-untyped-def]
    from tests.test_safety import visible_text

    text = visible_text(built_site / "actors" / "sergey-ryabkov.html")
    assert "a deputy foreign minister" in text
    assert "no question of any concessions or surrender of our approaches" in text
    ukraine = (built_site / "actors" / "ukraine.html").read_text(encoding="utf-8")
    assert '<svg class="network"' in ukraine and 'href="russia.html"' in ukraine
    assert "could not agree" in visible_text(built_site / "actors" / "ukraine.html")


def test_countries_capitals_and_cities_from_the_gazetteer() -> None:
    article = parsed(
        "Kenya said on Monday that talks with Tanzania would resume in Nairobi.",
        "The U.K. condemned the decision.",
    )
    kinds = {a.name: a.kind for a in article.discovered}
    assert kinds.get("Kenya") == "country" and kinds.get("Tanzania") == "country"
    assert kinds.get("United Kingdom") == "country"  # 'U.K.': the country of that code, under its name
    assert place_kind("Mombasa", None, ActorKind.PERSON) == "place"  # a large city, whatever the label said
    assert place_kind("Mombasa", "Governor", ActorKind.PERSON) == "person"  # someone with a title is a person
    assert place_kind("Dalton", None, ActorKind.PERSON) == "person"


def test_capital_stands_for_its_country_across_articles() -> None:
    from generator.assemble.actors import name_map
    from generator.extract import Extractor

    extractor = Extractor.for_story(parse_story("actors: []"))
    first = extractor.extract(parsed("Kenya rejected the offer on Monday."))
    second = extractor.extract(parsed("Officials in Nairobi rejected the offer on Monday."))
    assert name_map(parse_story("actors: []"), [first, second]).get("Nairobi") == "Kenya"


def test_titles_alone_are_not_people_and_long_titles_are_roles() -> None:
    article = parsed(
        "Deputy Foreign Minister Ivo Brandt met Secretary of State Mara Quist.",
        "The Foreign Minister said nothing.",
    )
    roles = {a.name: a.role for a in article.discovered}
    assert "Minister" not in roles and "Foreign Minister" not in roles
    assert roles.get("Mara Quist") == "Secretary of State"


def test_a_title_announces_a_person_the_recogniser_missed() -> None:
    article = parsed("The country's national security chief Rustam Oderov is expected to travel on Thursday.")
    assert "Rustam Oderov" in {a.name for a in article.discovered if a.kind == "person"}


def test_the_zone_of_a_time_is_no_actor() -> None:
    # issue 27: '(2153 GMT)' was an organisation with two mentions on a real earthquake story
    actors = {a for a, _ in named(
        "The tremor hit at 1653 local time (2153 GMT), about 15km south-west of Port-au-Prince, the survey said. "
        "Another tremor followed at 1712 (2212 GMT)."
    )}  # fmt: skip
    assert not actors & {"GMT", "UTC"}


def test_credits_captions_titles_units_ships_and_common_words_are_not_actors() -> None:
    # issue 27: each of these was an actor on a story nobody tuned for
    from generator.ingest.clean import clean
    from generator.ingest.readers import RawLine

    body = clean([RawLine("Theft at the museum", 1),
                  RawLine("FILE - Police officers stand outside the museum in Lisbon. (Meridian Photo/Jo Ng, File)", 2),
                  RawLine("Police tape across the entrance on Monday. Photo: Rui Antunes/The Lisbon Courier", 3),
                  RawLine("Three paintings were stolen on Sunday, police said.", 4)], "fallback")  # fmt: skip
    assert [b.text for b in body.blocks] == ["Three paintings were stolen on Sunday, police said."]
    assert [d.reason for d in body.dropped] == ["photo caption", "photo caption"]
    actors = {a.name for a in parsed(
        "The Foreign Minister spoke. Spokesperson Lia Fenn said the dam makes 450 MW.",
        "The MV Stellamar Pacifica sank near Ormoc. The Board met, and the board said nothing.",
    ).discovered}  # fmt: skip
    assert not actors & {"Foreign", "Spokesperson", "MW", "Stellamar Pacifica", "Board"}


def test_a_given_name_the_recogniser_left_out_joins_the_surname() -> None:
    article = parsed("Culture Minister Beatriz Moura, who has faced calls to resign, said nothing. Ms Moura left.")
    people = {a.name: a.role for a in article.discovered if a.kind == "person"}
    assert "Beatriz Moura" in people and "Moura" not in people


def test_kinds_from_the_words_around_each_mention() -> None:
    article = parsed(
        "The works are insured with the Lisbon insurer Tágide Seguros, a spokesman for the company said. "
        "Vasco Pimentel once worked for Lusoguard, "
        "the firm that maintains the alarms. Footage broadcast by Canal Tejo showed officers.",
        "Loretta E. Lynch spoke first. Lynch said the rules had changed.",
        "Tervania's foreign minister arrived. Tervania and its neighbour signed the treaty.",
    )
    kinds = {a.name: a.kind for a in article.discovered}
    assert kinds.get("Tágide Seguros") == "organisation" and kinds.get("Lusoguard") == "organisation"
    assert kinds.get("Canal Tejo") == "media"
    assert kinds.get("Loretta E. Lynch") == "person" and "Lynch" not in kinds
    assert kinds.get("Tervania") == "country"


def test_an_institution_is_one_actor_under_its_longer_name() -> None:
    article = parsed(
        "Portugal's National Criminal Investigation Police arrested a man. The National Criminal Investigation "
        "Police said more arrests would follow.",
        "The Dock and Rail Workers' Federation called the strike. The Federation said it would hold.",
    )
    names = {a.name for a in article.discovered}
    assert "National Criminal Investigation Police" in names and not any(n.startswith("Portugal's") for n in names)
    assert "Federation" not in names


def test_a_city_is_not_the_newspaper_named_after_it() -> None:
    article = parsed("Police in Lisbon said so, the Lisbon Courier reported. Lisbon was calm.")
    assert {m.actor for m in article.mentions if m.text == "Lisbon"} == {"Lisbon"}


def test_an_age_announces_a_person_the_recogniser_missed() -> None:
    article = parsed("Vasco Pimentel, 41, who was arrested in Lisbon on Saturday, once worked for a security firm.")
    assert "Vasco Pimentel" in {a.name for a in article.discovered if a.kind == "person"}


def test_a_fact_about_a_suspect_is_his_not_the_prosecutor_s_who_announced_it() -> None:
    # issue 27: the suspect's detention was attached, in the timeline and on her page, to the prosecutor
    from generator.assemble.merge import participants
    from generator.extract import Extractor

    article = parsed(
        "On Monday, prosecutor Nuno Carvalhal announced that Judge Teresa Lacerda had ordered Vasco Pimentel, 41, "
        "to remain in pre-trial detention."
    )
    article = replace(article, article=replace(article.article, meta=SourceMeta(published="2026-04-21")))
    events = Extractor.for_story(parse_story("actors: []")).extract(article).facts.events
    assert events and set(participants(events[0])) == {"Teresa Lacerda", "Vasco Pimentel"}


def test_a_section_label_and_words_run_together_are_repaired_at_ingest() -> None:
    from generator.ingest.clean import clean
    from generator.ingest.readers import RawLine

    body = clean([RawLine("LIVE Lisbon art theft: second suspect arrested", 1),
                  RawLine("The van was stolen in central LisbonThe museum said the alarm worked on YouTube.", 3)],
                 "fallback")  # fmt: skip
    assert body.title == "Lisbon art theft: second suspect arrested"
    assert [b.text for b in body.blocks] == ["The van was stolen in central Lisbon",
                                             "The museum said the alarm worked on YouTube."]  # fmt: skip
    assert {(d.text, d.reason) for d in body.dropped} == {
        ("LIVE", "section label"), ("LisbonThe", "words run together: split into two paragraphs")}  # fmt: skip


def test_roles_a_sentence_opens_with_or_a_portfolio_gives_and_ages_are_no_roles() -> None:
    article = parsed(
        "A retired teacher from Leeds, Margaret Ellison was on holiday in the city.",
        "Culture Minister Beatriz Moura arrived. Vasco Pimentel, 41, was arrested.",
    )
    roles = {a.name: a.role for a in article.discovered}
    assert roles.get("Margaret Ellison") == "retired teacher from Leeds"
    assert roles.get("Beatriz Moura") == "Culture Minister" and roles.get("Vasco Pimentel") is None


def test_entities_command_says_each_actor_s_kind_role_aliases_and_why_it_is_shown(tmp_path: Path) -> None:
    import json

    from tests.conftest import SEEDS

    files = sorted(str(p) for p in SEEDS.glob("*.txt"))  # run where there is no story file: the text alone
    result = python_m("generator", "entities", *files, "--format", "jsonl", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    records = {r["name"]: r for r in map(json.loads, result.stdout.splitlines())}
    assert all({"name", "kind", "role", "aliases", "mentions", "shown_because"} <= set(r) for r in records.values())
    ryabkov = records["Sergey Ryabkov"]
    assert ryabkov["kind"] == "person" and ryabkov["shown_because"] == "speaks in 2 quotes"
    assert records["Vladimir Putin"]["aliases"] == ["Putin", "Vladimir Putin’s"]
    assert records["Alaska"]["shown_because"] == ""  # named once, in passing: no page
