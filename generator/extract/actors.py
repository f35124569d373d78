"""Actors the story file does not list, found from the text alone: people introduced with a title."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from generator.model import Mention, ParsedArticle

TITLES = (
    r"(?:Deputy |Vice |Prime |Foreign |Defen[cs]e |Interior |Finance |Economy |Army |Chief |Special |Senior |Former "
    r"|Acting |First |Presidential |State Department |Press )*"
    r"(?:President|Minister|Secretary(?: of State| General)?|Chancellor|[Ss]pokes(?:man|woman|person)|[Ee]nvoy"
    r"|[Aa]mbassador|General|Senator|Sen\.|Rep\.|Mayor|Governor|King|Queen|Pope|Commander|[Aa]dvis[eo]r|[Aa]ide"
    r"|[Nn]egotiator|Director|Chairman|Chairwoman|Chair|Premier|Speaker|Leader|[Cc]hief of [Ss]taff|[Cc]hief|[Hh]ead"
    r"|[Mm]inister|[Ss]ecretary|[Pp]resident|[Cc]ommander)"
)
NAME = r"(?P<name>[A-Z][a-zà-ÿ]+(?:[-'’][A-Z][a-zà-ÿ]+)?(?:\s+[A-Z]\.)?\s+[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)"
TITLED_NAME = re.compile(rf"(?P<title>\b{TITLES})\s+(?:[A-Z][a-z]+\s+){{0,2}}?{NAME}\b")
NOT_NAMES = frozenset({"Day", "Revolution", "Ministry", "Office", "House", "Council", "Union", "Nations", "States"})


@dataclass(frozen=True)
class DiscoveredActor:
    name: str
    role: str
    source: str
    sentence: str


def discover_people(parsed: ParsedArticle) -> tuple[list[DiscoveredActor], list[Mention]]:
    """People named with a title ('government spokeswoman Jane Doe') that no registered mention covers,
    and their later surname-only mentions."""
    covered: dict[str, list[tuple[int, int]]] = {}
    for mention in parsed.mentions:
        covered.setdefault(mention.sentence, []).append((mention.start, mention.end))
    found: dict[str, DiscoveredActor] = {}
    mentions: list[Mention] = []
    for sentence in parsed.sentences:
        if sentence.kind == "related":
            continue
        spans = covered.get(sentence.id, [])
        for match in TITLED_NAME.finditer(sentence.text):
            start, end = match.span("name")
            name = match.group("name")
            if any(s < end and start < e for s, e in spans) or set(name.split()) & NOT_NAMES:
                continue
            found.setdefault(name, DiscoveredActor(name, match.group("title").strip(), parsed.article.id, sentence.id))
            mentions.append(Mention(name, name, sentence.id, start, end, registered=False))
            spans.append((start, end))
    surnames = {actor.name.split()[-1]: actor.name for actor in found.values()}
    if surnames:
        surname_re = re.compile(r"\b(" + "|".join(map(re.escape, surnames)) + r")(?:['’]s)?\b")
        for sentence in parsed.sentences:
            spans = covered.get(sentence.id, []) + [(m.start, m.end) for m in mentions if m.sentence == sentence.id]
            for match in surname_re.finditer(sentence.text):
                start, end = match.span(1)
                if not any(s < end and start < e for s, e in spans):
                    mentions.append(Mention(surnames[match.group(1)], match.group(1), sentence.id, start, end, False))
    return sorted(found.values(), key=lambda a: a.name), mentions


def with_discovered(parsed: ParsedArticle, extra: list[Mention]) -> ParsedArticle:
    """The parsed article with discovered mentions added, in sentence order."""
    if not extra:
        return parsed
    order = {s.id: s.index for s in parsed.sentences}
    merged = sorted(parsed.mentions + tuple(extra), key=lambda m: (order[m.sentence], m.start))
    return replace(parsed, mentions=tuple(merged))
