"""Actors the story file does not list, found from the text alone.

Two kinds of evidence make a name an actor: a title before it ("spokeswoman Jane Doe"), or a reporting
verb next to it ("Jane Doe said", "according to Jane Doe"). A capitalised phrase with neither (a holiday,
a revolution, a heading) is not an actor.
"""

from __future__ import annotations

import re
from dataclasses import replace

from generator.core.model import DiscoveredActor, Mention, ParsedArticle
from generator.core.types import ActorKind

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
NOT_NAMES = frozenset(
    {"Day", "Revolution", "Nations", "States", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
     "Sunday", "January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
     "November", "December", "The", "But", "And", "In", "On", "At", "As", "For", "It", "This", "That", "Then",
     "Meanwhile", "However", "Still", "Earlier", "Later", "Officials", "Observers", "Critics", "Analysts"}
)  # fmt: skip
ORGANISATION_WORDS = frozenset(
    {"Ministry", "Office", "House", "Council", "Union", "Commission", "Agency", "Party", "Army", "Forces",
     "Committee", "Court", "Bank", "Parliament", "Government", "Service", "Fund", "Organization", "Organisation",
     "Institute", "Assembly", "Group", "Department", "Alliance", "Coalition", "Company", "Corporation"}
)  # fmt: skip
SPEECH_AFTER = r"(?:said|says|told|added|wrote|warned|stated|announced|argued|insisted)"
SPEAKING_NAME = re.compile(
    rf"\b(?P<name>[A-Z][a-zà-ÿ]+(?:[-'’][A-Z][a-zà-ÿ]+)?(?:\s+[A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?){{1,2}})"
    rf"(?=,?\s+{SPEECH_AFTER}\b)|(?:\b(?:said|according to)\s+)(?P<name2>[A-Z][a-zà-ÿ]+(?:\s+[A-Z][a-zà-ÿ]+){{1,2}})\b"
)


def _named(text: str) -> list[tuple[str, int, int, str | None]]:
    """Names with the evidence that they are actors: (name, start, end, title or None)."""
    named = [(m.group("name"), *m.span("name"), m.group("title").strip()) for m in TITLED_NAME.finditer(text)]
    for match in SPEAKING_NAME.finditer(text):
        group = "name" if match.group("name") else "name2"
        name, (start, end) = match.group(group), match.span(group)
        first = name.split()[0]
        if first in NOT_NAMES and len(name.split()) > 2:  # "The Supreme Court said"
            name, start = name[len(first) :].lstrip(), start + len(first) + 1
        named.append((name, start, end, None))
    return named


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
        spans = covered.setdefault(sentence.id, [])  # discovered names join the spans their surnames must avoid
        for name, start, end, title in _named(sentence.text):
            if any(s < end and start < e for s, e in spans) or set(name.split()) & NOT_NAMES:
                continue
            kind = ActorKind.ORGANISATION if name.split()[-1] in ORGANISATION_WORDS else ActorKind.PERSON
            found.setdefault(name, DiscoveredActor(name, title, kind, parsed.article.id, sentence.id))
            mentions.append(Mention(name, name, sentence.id, start, end, registered=False))
            spans.append((start, end))
    surnames = {a.name.split()[-1]: a.name for a in found.values() if a.kind == "person"}
    if surnames:
        surname_re = re.compile(r"\b(" + "|".join(map(re.escape, surnames)) + r")(?:['’]s)?\b")
        for sentence in parsed.sentences:
            spans = covered.get(sentence.id, [])
            for match in surname_re.finditer(sentence.text):
                start, end = match.span(1)
                if not any(s < end and start < e for s, e in spans):
                    mentions.append(Mention(surnames[match.group(1)], match.group(1), sentence.id, start, end, False))
    return sorted(found.values(), key=lambda a: a.name), mentions


def with_discovered(parsed: ParsedArticle) -> ParsedArticle:
    """The article with the people it introduces (and their mentions, in sentence order) added."""
    discovered, extra = discover_people(parsed)
    order = {s.id: s.index for s in parsed.sentences}
    merged = sorted(parsed.mentions + tuple(extra), key=lambda m: (order[m.sentence], m.start))
    return replace(parsed, mentions=tuple(merged) if extra else parsed.mentions, discovered=tuple(discovered))
