"""Direct quotes and their speakers, from quotation marks and the reporting verbs around them."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from generator.core.model import Mention, ParsedArticle, Quote, Sentence

QUOTE_SPAN = re.compile(r"“([^“”]{2,}?)(?:”|$)|\"([^\"]{2,}?)(?:\"|$)|(?<!\w)‘([^‘’]{6,}?)’(?!\w)")
SPEECH_VERBS = (
    r"said|says|say|told|tells|tell|stated|states|added|adds|noted|notes|wrote|writes|warned|warns|argued|argues"
    r"|insisted|insists|declared|declares|announced|announces|claimed|claims|described|describes|called|calls"
    r"|remarked|emphasi[sz]ed|stressed|explained|explains|asserted|confirmed|denied|denies|replied|responded"
    r"|tweeted|posted|recalled|admitted|acknowledged|suggested|promised|vowed|urged|continued|concluded|asked"
)
SPEECH = re.compile(rf"\b(?:has |have |had )?(?:{SPEECH_VERBS})\b", re.I)
ACCORDING = re.compile(r"\baccording to\b", re.I)
PRONOUN = re.compile(rf"\b(he|she)\s+(?:also\s+|later\s+|then\s+)?(?:{SPEECH_VERBS})\b", re.I)
ROLE_NOUN = re.compile(rf"\bthe\s+([a-z]+)\s+(?:also\s+)?(?:{SPEECH_VERBS})\b")
DASH_CREDIT = re.compile(r"^\s*[—–-]\s*")


@dataclass(frozen=True)
class _Place:
    """A mention placed in its paragraph's text."""

    mention: Mention
    start: int
    end: int


def _offsets(block_text: str, sentences: list[Sentence]) -> list[tuple[int, Sentence]]:
    offsets: list[tuple[int, Sentence]] = []
    cursor = 0
    for sentence in sentences:
        at = block_text.find(sentence.text, cursor)
        at = cursor if at < 0 else at
        offsets.append((at, sentence))
        cursor = at + len(sentence.text)
    return offsets


class _Speakers:
    """Finds the speaker of a quote from the words around it, in its paragraph."""

    def __init__(self, people: set[str], roles: dict[str, str]) -> None:
        self.people = people
        self.roles = roles  # lowercase role word -> person ('minister' -> a registered minister)

    def best(self, pool: list[_Place], near: int) -> _Place | None:
        if not pool:
            return None
        persons = [p for p in pool if p.mention.actor in self.people]
        return min(persons or pool, key=lambda p: abs(p.start - near))

    def find(self, text: str, start: int, end: int, places: list[_Place], clause: tuple[int, int]) -> tuple[str, str]:
        """Speaker and cue for the quote text[start:end]; clause bounds the sentence(s) around it."""
        outside = [p for p in places if not (start <= p.start < end) and clause[0] <= p.start < clause[1]]
        before, after = text[clause[0] : start], text[end : clause[1]]
        for match in reversed(list(SPEECH.finditer(before))):
            verb_at = clause[0] + match.start()
            subject = self.best([p for p in outside if p.end <= verb_at], verb_at)
            if subject:
                return subject.mention.actor, text[subject.start : clause[0] + match.end()]
            obj = self.best([p for p in outside if clause[0] + match.end() <= p.start < start], verb_at)
            if obj:
                return obj.mention.actor, text[verb_at : obj.end]
        for segment, base in ((after, end), (before, clause[0])):
            according = ACCORDING.search(segment)
            if according:
                pos = base + according.end()
                nearby = self.best([p for p in outside if pos <= p.start <= pos + 60], pos)
                if nearby:
                    return nearby.mention.actor, text[base + according.start() : nearby.end]
        verb = SPEECH.search(after[:80])
        if verb:
            pos = end + verb.start()
            nearby = self.best([p for p in outside if end <= p.start <= pos + 80], pos)
            if nearby:
                return nearby.mention.actor, text[end : max(nearby.end, pos + len(verb.group(0)))].strip(" ,")
        dash = DASH_CREDIT.match(after)
        if dash:
            credited = self.best([p for p in outside if end <= p.start <= end + 6], end)
            if credited:
                return credited.mention.actor, text[end : credited.end].strip()
        return "", ""


def find_quotes(parsed: ParsedArticle, people: set[str], roles: dict[str, str]) -> list[Quote]:
    """Quotes with their speakers; scare quotes (a few words, no speaker) are left out."""
    finder = _Speakers(people, roles)
    by_sentence: dict[str, list[Mention]] = {}
    for mention in parsed.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    quotes: list[Quote] = []
    last_person: str | None = None
    open_quote_speaker: str | None = None  # a quote left open at the end of the previous paragraph
    sentences_by_block: dict[int, list[Sentence]] = {}
    for sentence in parsed.sentences:
        sentences_by_block.setdefault(sentence.block, []).append(sentence)
    for block_index, block in enumerate(parsed.article.blocks):
        if block.kind not in ("paragraph", "standfirst"):
            open_quote_speaker = None
            continue
        sentences = sentences_by_block.get(block_index, [])
        offsets = _offsets(block.text, sentences)
        places = [_Place(m, at + m.start, at + m.end) for at, s in offsets for m in by_sentence.get(s.id, [])]
        starts, place_starts = [at for at, _s in offsets], [p.start for p in places]  # both in text order
        person_places = [p for p in places if p.mention.actor in people]
        person_ends = [p.end for p in person_places]
        carried = open_quote_speaker
        open_quote_speaker = None
        for match in QUOTE_SPAN.finditer(block.text):
            body = next(g for g in match.groups() if g is not None).strip().rstrip(",;:")
            opening = offsets[max(0, bisect_right(starts, match.start()) - 1)]
            closing_index = max(0, bisect_left(starts, match.end()) - 1)
            closing = offsets[closing_index]
            clause_end = closing[0] + len(closing[1].text)
            if not re.search(r"\w", block.text[match.end() : clause_end]) and closing_index + 1 < len(offsets):
                # "“… .” Chen said on Monday.": the credit is the next sentence
                following = offsets[closing_index + 1]
                clause_end = following[0] + len(following[1].text)
            clause = (opening[0], clause_end)
            in_clause = places[bisect_left(place_starts, clause[0]) : bisect_left(place_starts, clause[1])]
            speaker, cue = finder.find(block.text, match.start(), match.end(), in_clause, clause)
            words = len(body.split())
            stands_alone = match.start() - opening[0] <= 1 and words >= 6
            if not speaker and stands_alone and carried and match.start() == 0:
                speaker, cue = carried, "continues the quote of the previous paragraph"
            named = bisect_right(person_ends, match.start())
            previous_person = person_places[named - 1].mention.actor if named else last_person
            if not speaker and words >= 6:
                speaker, cue = _from_context(block.text[clause[0] : clause[1]], previous_person, roles)
            if not speaker and stands_alone and previous_person:
                speaker, cue = previous_person, "the person named just before"
            if not speaker and words < 6:
                continue  # a scare quote or a title, not a statement
            partial = words < 8 and not stands_alone and not body.rstrip().endswith((".", "!", "?"))
            quotes.append(
                Quote(body, speaker or None, parsed.article.id, opening[1].id, cue or "no speaker found", partial)
            )
            if match.end() == len(block.text) and not block.text.rstrip().endswith(("”", '"')):
                open_quote_speaker = speaker or None
        for _at, sentence in offsets:
            persons = [m.actor for m in by_sentence.get(sentence.id, []) if m.actor in people]
            if persons:
                last_person = persons[-1]
    return quotes


def _from_context(clause: str, last_person: str | None, roles: dict[str, str]) -> tuple[str, str]:
    """'he said', 'the minister said': the person named just before, or the one registered person with that role."""
    pronoun = PRONOUN.search(clause)
    if pronoun and last_person:
        return last_person, pronoun.group(0)
    role = ROLE_NOUN.search(clause)
    if role and role.group(1) in roles:
        return roles[role.group(1)], role.group(0)
    return "", ""
