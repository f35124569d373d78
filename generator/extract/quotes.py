"""Direct quotes and their speakers: quotation marks found in the text, speakers from the parse.

The speaker of a quote is the subject of the reporting verb that governs it ('“…,” Ortega said',
'Ortega said: “…”', 'according to Ortega'); a pronoun subject resolves to the person named last before it
whom the pronoun fits, a description ('the prosecutor') to the one person of the article whose role it names.
With no reporting verb, a quote that opens a paragraph continues the previous paragraph's quote. Otherwise the
speaker is unknown, and says so: nothing is guessed from a name that merely stands nearby.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from generator.core.model import Mention, ParsedArticle, Quote, Sentence, Speech
from generator.core.refs import by_sentence
from generator.core.types import SpeakerRule, SubjectKind
from generator.nlp.gender import PRONOUN_GENDER, Gender, person_genders
from generator.nlp.names import clean_name

QUOTE_SPAN = re.compile(  # curly or straight double marks (typists mix them), guillemets, single curly marks
    r"[“\"]([^“”\"]{2,}?)(?:[”\"]|$)|«\s?([^«»]{2,}?)\s?(?:»|$)|(?<!\w)‘([^‘’]{6,}?)’(?!\w)"
)
TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)?):\s")  # '"WALLACE: Governor, ...'
RESOLVED_PRONOUNS = frozenset({"he", "she"})  # 'I', 'we', 'they' name no one the text has introduced
RECENT = 4  # people a pronoun may reach back to
CONTINUES = "continues the quote before it"
MIXED = re.compile(r"[\w%’')]\s*[“\"«‘]?$")  # a quote opening straight after a word is part of the sentence
DASH_CREDIT = re.compile(r"[,.]?\s*[―—–]\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})")


@dataclass(frozen=True)
class _Placed:
    """A mention or a reporting verb placed in its paragraph's text."""

    start: int
    end: int
    item: Mention | Speech


@dataclass(frozen=True)
class _Found:
    speaker: str | None
    mention: str
    cue: str
    rule: SpeakerRule


UNKNOWN = _Found(None, "", "no speaker found", SpeakerRule.UNKNOWN)


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
    """Resolves the subject of a reporting verb to an actor."""

    def __init__(self, people: set[str], roles: dict[str, str], genders: dict[str, Gender]) -> None:
        self.people = people
        self.roles = roles  # lowercase role word -> the one person who holds it ('prosecutor' -> 'Ana Ortega')
        self.genders = genders
        self.recent_persons: list[str] = []  # named before the current position, outside quotes, newest last
        self.recent_subjects: list[str] = []  # persons who were the subject of a clause, newest last

    def referent(self, pronoun: str) -> str | None:
        """The person 'he' or 'she' refers to: the newest clause subject the pronoun fits (a person whose
        gender the article does not show fits either), else the newest person named who fits."""
        gender = PRONOUN_GENDER[pronoun]
        for recent in (self.recent_subjects, self.recent_persons):
            for person in reversed(recent[-RECENT:]):
                if self.genders.get(person, gender) is gender:
                    return person
        return None

    def named(self, speech: Speech, at: int, text: str, mentions: list[_Placed]) -> _Found:
        """The speaker named by a speech's subject, which starts at `at` in the paragraph `text`."""
        start, end = at, at + speech.subject_end - speech.subject_start
        group_end = at + speech.group_end - speech.subject_start
        phrase = text[start:end]
        if speech.subject_kind is SubjectKind.PRONOUN:
            referent = self.referent(speech.head) if speech.head in RESOLVED_PRONOUNS else None
            if referent:
                return _Found(referent, phrase, "", SpeakerRule.RESOLVED)
            return _Found(None, phrase, "", SpeakerRule.UNKNOWN)
        inside = [p for p in mentions if start <= p.start < end]
        persons = [p for p in inside if _actor(p) in self.people]
        if persons:  # the last is the phrase's head: 'Ortega campaign spokesman Jan Novak said'
            rule = SpeakerRule.NAMED if _names(persons[-1]) else SpeakerRule.RESOLVED
            return _Found(_actor(persons[-1]), phrase, "", rule)
        if speech.subject_kind is SubjectKind.NAME:
            if inside:
                return _Found(_actor(inside[-1]), phrase, "", SpeakerRule.NAMED)
            name, _title = clean_name(phrase, "PERSON")
            if name:  # a name the recogniser missed ('WALLACE:' transcripts, unusual names)
                return _Found(name, phrase, "", SpeakerRule.NAMED)
        around = [p for p in mentions if end <= p.start < group_end and _actor(p) in self.people]
        if around:  # 'officials, including Deputy Minister Ivan Petrov, said'
            return _Found(_actor(around[0]), text[start:group_end].strip(" ,"), "", SpeakerRule.RESOLVED)
        if inside:  # 'Ministry officials said': the institution they speak for (a person in the group may
            # still be recognised by role across articles, so the whole group is kept as the mention)
            return _Found(_actor(inside[-1]), text[start:group_end].strip(" ,"), "", SpeakerRule.NAMED)
        holder = self.roles.get(speech.head)
        if holder and speech.subject_kind is SubjectKind.DESCRIPTION:
            return _Found(holder, phrase, "", SpeakerRule.RESOLVED)
        return _Found(None, text[start:group_end].strip(" ,"), "", SpeakerRule.UNKNOWN)

    def passed(self, persons: list[_Placed]) -> None:
        """Note the people named (outside quotes) since the last call, in text order."""
        for placed in persons:
            person = _actor(placed)
            assert isinstance(placed.item, Mention)
            for recent in (
                (self.recent_persons, self.recent_subjects) if placed.item.subject else (self.recent_persons,)
            ):
                if recent and recent[-1] == person:
                    continue
                recent.append(person)


def _actor(placed: _Placed) -> str:
    assert isinstance(placed.item, Mention)
    return placed.item.actor


def _names(placed: _Placed) -> bool:
    """Whether a mention is a name ('Ortega'), not a description the story file resolves ('a deputy minister')."""
    assert isinstance(placed.item, Mention)
    return placed.item.text[:1].isupper()


def _place(
    offsets: list[tuple[int, Sentence]], mentions_of: dict[str, list[Mention]], speech: dict[str, list[Speech]]
) -> tuple[list[_Placed], list[_Placed]]:
    mentions = [_Placed(at + m.start, at + m.end, m) for at, s in offsets for m in mentions_of.get(s.id, [])]
    verbs = [_Placed(at + v.cue_start, at + v.cue_end, v) for at, s in offsets for v in speech.get(s.id, [])]
    return mentions, verbs


def _governing(
    verbs: list[_Placed], quote: tuple[int, int], clause: tuple[int, int], quoted: list[tuple[int, int]]
) -> _Placed | None:
    """The reporting verb of a quote: outside every quote, inside the quote's sentences, governing the quote if
    one does, else the nearest."""
    start, end = quote
    first = bisect_left(verbs, clause[0], key=lambda v: v.start)  # verbs are in text order
    last = bisect_left(verbs, clause[1], lo=first, key=lambda v: v.start)
    outside = [v for v in verbs[first:last] if not _inside(quoted, v.start)]
    if not outside:
        return None

    def distance(v: _Placed) -> int:
        return start - v.end if v.end <= start else v.start - end

    governing = [v for v in outside if _scope(v)[0] < end and start < _scope(v)[1]]
    return min(governing or outside, key=distance)


def _inside(quoted: list[tuple[int, int]], position: int) -> bool:
    """Whether a position of the paragraph lies inside one of its quotes (sorted, not overlapping)."""
    index = bisect_right(quoted, (position, 1 << 62)) - 1
    return index >= 0 and quoted[index][0] <= position < quoted[index][1]


def _scope(placed: _Placed) -> tuple[int, int]:
    assert isinstance(placed.item, Speech)
    shift = placed.start - placed.item.cue_start
    return shift + placed.item.scope_start, shift + placed.item.scope_end


def find_quotes(parsed: ParsedArticle, people: set[str], roles: dict[str, str]) -> list[Quote]:
    """Quotes with their speakers; scare quotes (a few words, no speaker) are left out."""
    roles = {**roles, **_article_roles(parsed, people)}
    finder = _Speakers(people, roles, person_genders(parsed, people))
    mentions_by_sentence = by_sentence(parsed.mentions)
    speech_by_sentence = by_sentence(parsed.speech)
    sentences_by_block: dict[int, list[Sentence]] = {}
    for sentence in parsed.sentences:
        sentences_by_block.setdefault(sentence.block, []).append(sentence)
    quotes: list[Quote] = []
    carried: _Found | None = None  # the speaker of a quote left open (or introduced by a colon) last paragraph
    for block_index, block in enumerate(parsed.article.blocks):
        if block.kind not in ("paragraph", "standfirst"):
            carried = None
            continue
        text = block.text
        offsets = _offsets(text, sentences_by_block.get(block_index, []))
        mentions, verbs = _place(offsets, mentions_by_sentence, speech_by_sentence)
        matches = list(QUOTE_SPAN.finditer(text))
        quoted = [m.span() for m in matches]
        persons = [p for p in mentions if _actor(p) in people and not _inside(quoted, p.start)]
        passed = 0
        starts = [at for at, _s in offsets]
        previous: _Found | None = carried if matches and not text[: matches[0].start()].strip() else None
        carried = None
        for match in matches:
            while passed < len(persons) and persons[passed].start < match.start():
                finder.passed(persons[passed : passed + 1])
                passed += 1
            body = next(g for g in match.groups() if g is not None).strip().rstrip(",;:")
            opening = offsets[max(0, bisect_right(starts, match.start()) - 1)]
            closing_index = max(0, bisect_left(starts, match.end()) - 1)
            clause_end = offsets[closing_index][0] + len(offsets[closing_index][1].text)
            if not re.search(r"\w", text[match.end() : clause_end]) and closing_index + 1 < len(offsets):
                following = offsets[closing_index + 1]  # "“… .” Chen said on Monday.": the credit follows
                clause_end = following[0] + len(following[1].text)
            found = _attribute(finder, text, match, verbs, mentions, (opening[0], clause_end), quoted)
            opens_sentence = not text[opening[0] : match.start()].strip()
            if found is UNKNOWN and opens_sentence and previous and previous.speaker:
                found = _Found(previous.speaker, previous.mention, CONTINUES, SpeakerRule.CONTEXT)
            words = len(body.split())
            if found.speaker is None and not found.mention and words < 6:
                continue  # a scare quote or a title, not a statement
            partial = bool(MIXED.search(text, max(0, match.start() - 8), match.start()))
            quotes.append(
                Quote(body, found.speaker, parsed.article.id, opening[1].id, found.cue or "no speaker found",
                      partial, found.mention, found.rule)
            )  # fmt: skip
            previous = found if not partial else previous
            if match.end() == len(text) and not text.rstrip().endswith(("”", '"', "»")):
                carried = found
        finder.passed(persons[passed:])
        if text.rstrip().endswith(":") and verbs:  # 'Caddell continued:' introduces the next paragraph
            carried = _resolve(finder, text, verbs[-1], mentions, quoted)
    return quotes


def _attribute(
    finder: _Speakers,
    text: str,
    match: re.Match[str],
    verbs: list[_Placed],
    mentions: list[_Placed],
    clause: tuple[int, int],
    quoted: list[tuple[int, int]],
) -> _Found:
    """The speaker of one quote: its reporting verb's subject, or a dash credit ('” — Jane Doe')."""
    label = TRANSCRIPT.match(text, match.start() + 1)
    if label:
        return _Found(label.group(1), label.group(1), label.group(0).strip(), SpeakerRule.NAMED)
    verb = _governing(verbs, match.span(), clause, quoted)
    if verb is not None:
        return _resolve(finder, text, verb, mentions, quoted)
    credit = DASH_CREDIT.match(text, match.end())
    if credit:
        name, _title = clean_name(credit.group(1), "PERSON")
        named = [p for p in mentions if credit.start(1) <= p.start < credit.end(1)]
        if named or name:
            speaker = _actor(named[0]) if named else name
            return _Found(speaker, credit.group(1), text[match.end() : credit.end(1)].strip(), SpeakerRule.NAMED)
    return UNKNOWN


def _resolve(
    finder: _Speakers, text: str, verb: _Placed, mentions: list[_Placed], quoted: list[tuple[int, int]]
) -> _Found:
    """The speaker of a reporting verb, with the words that tie it to the quote.

    A name straight after the verb is its subject ('…,” said Leslie Wimes, a …'), whatever the parse says;
    a subject the parse put inside a quote is a misreading, and the name between quote and verb wins."""
    speech = verb.item
    assert isinstance(speech, Speech)
    subject_at = verb.start - speech.cue_start + speech.subject_start
    misread = speech.subject_start < 0 or _inside(quoted, subject_at)
    addressee = speech.cue_start > speech.subject_start >= 0 and not misread  # 'Warren told Stumpf'
    after = (
        [] if addressee else [p for p in mentions if verb.end < p.start <= verb.end + 2 and _actor(p) in finder.people]
    )
    if not after and misread:
        quote_end = max((e for s, e in quoted if e <= verb.start), default=-1)
        after = [p for p in mentions if quote_end <= p.start and p.end <= verb.start][-1:]
    if after:
        words = " ".join(text[min(after[0].start, verb.start) : max(after[0].end, verb.end)].split())
        return _Found(_actor(after[0]), text[after[0].start : after[0].end], words, SpeakerRule.NAMED)
    if misread:
        return _Found(None, "", text[verb.start : verb.end], SpeakerRule.UNKNOWN)
    found = finder.named(speech, subject_at, text, mentions)
    return _Found(found.speaker, found.mention, _cue(text, verb, subject_at), found.rule)


def _cue(text: str, verb: _Placed, subject_at: int) -> str:
    """The words that tie a quote to its speaker: from the subject to the verb, in text order."""
    assert isinstance(verb.item, Speech)
    if verb.item.subject_start < 0:
        return text[verb.start : verb.end]
    subject_end = subject_at + verb.item.subject_end - verb.item.subject_start
    start, end = min(subject_at, verb.start), max(subject_end, verb.end)
    return " ".join(text[start:end].split()) if end - start <= 160 else text[verb.start : verb.end]


def _article_roles(parsed: ParsedArticle, people: set[str]) -> dict[str, str]:
    """Role words of the article's own people ('prosecutor' -> 'Ana Ortega'), where one person holds each."""
    holders: dict[str, set[str]] = {}
    for actor in parsed.discovered:
        if actor.role and actor.name in people:
            for word in re.findall(r"[a-z][a-z-]+", actor.role.lower()):
                holders.setdefault(word, set()).add(actor.name)
    return {word: next(iter(names)) for word, names in holders.items() if len(names) == 1}
