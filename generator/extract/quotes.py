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
from generator.extract.referents import Referents
from generator.nlp.gender import Gender, person_genders
from generator.nlp.names import TITLE_WORDS, clean_name

QUOTE_SPAN = re.compile(  # curly or straight double marks (typists mix them), guillemets, single curly marks
    r"[“\"]([^“”\"]{2,}?)(?:[”\"]|$)|«\s?([^«»]{2,}?)\s?(?:»|$)|(?<!\w)‘([^‘’]{6,}?)’(?!\w)"
)
TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)?):\s")  # '"WALLACE: Governor, ...'
RESOLVED_PRONOUNS = frozenset({"he", "she"})  # 'I', 'we', 'they' name no one the text has introduced
CONTINUES = "continues the quote before it"
DEFINITE = re.compile(r"(?:the|this|that)\s", re.IGNORECASE)
AGE = re.compile(r"\b(\d{1,3})-year-old\b")
AGE_AFTER = re.compile(r",\s*(?:an? )?(\d{1,3})(?:\s*[,.)]|-year-old\b)")
AGE_REACH = 4  # sentences back that 'the 62-year-old' may reach a person not given that age
MIXED = re.compile(r"[\w%’')]\s*[“\"«‘]?$")  # a quote opening straight after a word is part of the sentence
DASH_CREDIT = re.compile(r"[,.]?\s*[―—–]\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})")


@dataclass(frozen=True)
class _Pronoun:
    """A 'he' or 'she' that is the subject of a clause outside quotes: what it refers to is noted as a subject."""

    head: str
    sentence: str


@dataclass(frozen=True)
class _Placed:
    """A mention, a reporting verb or a pronoun subject placed in its paragraph's text."""

    start: int
    end: int
    item: Mention | Speech | _Pronoun


@dataclass(frozen=True)
class _Found:
    speaker: str | None
    mention: str
    cue: str
    rule: SpeakerRule
    chain: str = ""  # how a resolved speaker was found: '“she” → Ana Ortega, a clause's subject 2 sentences before'


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

    def __init__(
        self, people: set[str], roles: dict[str, str], holders: dict[str, set[str]], genders: dict[str, Gender],
        index: dict[str, int],
    ) -> None:  # fmt: skip
        self.people = people
        self.roles = roles  # lowercase role word -> the one person who holds it ('prosecutor' -> 'Ana Ortega')
        self.holders = holders  # role word or age -> the article's people who hold it
        self.referents = Referents(genders)
        self.index = index  # sentence id -> its position in the article

    def referent(self, pronoun: str, sentence: str) -> str | None:
        """The person 'he' or 'she' in a sentence refers to (`referents.Referents`)."""
        return self.referents.referent(pronoun, self.index[sentence])

    def holder(self, sentence_id: str, phrase: str, head: str) -> str | None:
        """The person a definite description names: 'the minister' is the nearest person whose role says
        minister ('Interior Minister Henrique Salgado', not the culture minister named before him); 'the
        62-year-old' the person given that age, else the person just named ('Margaret Ellison ... the
        62-year-old said'). 'A spokesman' or 'one visitor' names no one."""
        if not DEFINITE.match(phrase):
            return None
        sentence = self.index[sentence_id]
        age = AGE.search(phrase)
        if age:
            aged = self.holders.get(age.group(1), set())
            return self.referents.nearest(aged or set(self.referents.traces), sentence, AGE_REACH)
        holders = self.holders.get(head, set())
        unique = self.roles.get(head)
        return self.referents.nearest(holders, sentence) or unique

    def why(self, person: str, sentence_id: str) -> str:
        return self.referents.why(person, self.index[sentence_id])

    def chain(self, phrase: str, holder: str, sentence_id: str) -> str:
        """'“the minister” → Henrique Salgado: Interior Minister, named 1 sentence before'."""
        role = next((word for word, names in self.holders.items() if holder in names and word in phrase.lower()), "")
        why = self.referents.why(holder, self.index[sentence_id])
        return f"“{phrase}” → {holder}: {'holds the role “' + role + '”, ' if role else ''}{why}"

    def spoke(self, found: _Found, sentence: str) -> None:
        if found.speaker in self.people:
            self.referents.spoke(found.speaker, self.index[sentence])

    def named(self, speech: Speech, at: int, text: str, mentions: list[_Placed]) -> _Found:
        """The speaker named by a speech's subject, which starts at `at` in the paragraph `text`."""
        start, end = at, at + speech.subject_end - speech.subject_start
        group_end = at + speech.group_end - speech.subject_start
        phrase = text[start:end]
        if speech.subject_kind is SubjectKind.PRONOUN:
            referent = self.referent(speech.head, speech.sentence) if speech.head in RESOLVED_PRONOUNS else None
            if referent:
                chain = f"“{phrase}” → {referent}: {self.why(referent, speech.sentence)}"
                return _Found(referent, phrase, "", SpeakerRule.RESOLVED, chain)
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
            if name and name.lower() not in TITLE_WORDS:  # a name the recogniser missed ('WALLACE:', 'O’Donnell')
                return _Found(name, phrase, "", SpeakerRule.NAMED)
        around = [p for p in mentions if end <= p.start < group_end and _actor(p) in self.people]
        if around:  # 'officials, including Deputy Minister Ivan Petrov, said'
            return _Found(_actor(around[0]), text[start:group_end].strip(" ,"), "", SpeakerRule.RESOLVED)
        bodies = [p for p in inside if speech.subject_kind is not SubjectKind.DESCRIPTION or not _place_name(p)]
        if bodies:  # 'Ministry officials said': the institution they speak for (a person in the group may
            # still be recognised by role across articles, so the whole group is kept as the mention); a place in
            # a description ('the New York businessman') says where the speaker is from, not who speaks
            return _Found(_actor(bodies[-1]), text[start:group_end].strip(" ,"), "", SpeakerRule.NAMED)
        holder = (
            self.holder(speech.sentence, phrase, speech.head)
            if speech.subject_kind is SubjectKind.DESCRIPTION
            else None
        )
        if holder:
            return _Found(holder, phrase, "", SpeakerRule.RESOLVED, self.chain(phrase, holder, speech.sentence))
        return _Found(None, text[start:group_end].strip(" ,"), "", SpeakerRule.UNKNOWN)

    def passed(self, seen: list[_Placed]) -> None:
        """Note the people named and the pronoun subjects (outside quotes) since the last call, in text order."""
        for placed in seen:
            item = placed.item
            if isinstance(item, Mention):
                self.referents.named(item.actor, self.index[item.sentence], item.subject)
            elif isinstance(item, _Pronoun):
                person = self.referent(item.head, item.sentence)
                if person:
                    self.referents.named(person, self.index[item.sentence], subject=True)


def _actor(placed: _Placed) -> str:
    assert isinstance(placed.item, Mention)
    return placed.item.actor


def _is_subject(placed: _Placed, people: set[str]) -> bool:
    assert isinstance(placed.item, Mention)
    return placed.item.subject and placed.item.actor in people


def _place_name(placed: _Placed) -> bool:
    assert isinstance(placed.item, Mention)
    return placed.item.label in ("GPE", "LOC", "FAC", "NORP")


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
    holders = _article_roles(parsed, people)
    roles = {**roles, **{word: next(iter(names)) for word, names in holders.items() if len(names) == 1}}
    index = {sentence.id: sentence.index for sentence in parsed.sentences}
    finder = _Speakers(people, roles, holders, person_genders(parsed, people), index)
    mentions_by_sentence = by_sentence(parsed.mentions)
    speech_by_sentence = by_sentence(parsed.speech)
    sentences_by_block: dict[int, list[Sentence]] = {}
    for sentence in parsed.sentences:
        sentences_by_block.setdefault(sentence.block, []).append(sentence)
    quotes: list[Quote] = []
    carried: _Found | None = None  # the speaker of a quote left open (or introduced by a colon) last paragraph
    ended: _Found | None = None  # the speaker of a quote in the last sentence of the paragraph before
    for block_index, block in enumerate(parsed.article.blocks):
        if block.kind not in ("paragraph", "standfirst"):
            carried = ended = None
            continue
        text = block.text
        offsets = _offsets(text, sentences_by_block.get(block_index, []))
        mentions, verbs = _place(offsets, mentions_by_sentence, speech_by_sentence)
        matches = list(QUOTE_SPAN.finditer(text))
        quoted = [m.span() for m in matches]
        persons = [p for p in mentions if _actor(p) in people and not _inside(quoted, p.start)]
        persons = sorted(persons + [p for p in _pronouns(offsets) if not _inside(quoted, p.start)], key=_at)
        passed = 0
        starts = [at for at, _s in offsets]
        opens = matches and not text[: matches[0].start()].strip()
        previous: _Found | None = (carried or ended) if opens else None  # '“…,” said Ortega. ¶ “…”' goes on
        carried = ended = None
        for match in matches:
            while passed < len(persons) and persons[passed].start < match.start():
                finder.passed(persons[passed : passed + 1])
                passed += 1
            body = next(g for g in match.groups() if g is not None).strip().rstrip(",;:")
            opening, closing_index, clause_end = _clause(offsets, starts, text, match)
            found = _attribute(finder, text, match, verbs, mentions, (opening[0], clause_end), quoted)
            opens_sentence = not text[opening[0] : match.start()].strip()
            if found is UNKNOWN and opens_sentence and previous and previous.speaker:
                found = _Found(previous.speaker, previous.mention, CONTINUES, SpeakerRule.CONTEXT,
                               f"continues {previous.speaker}'s quote before it")  # fmt: skip
            words = len(body.split())
            if (found.speaker is None and not found.mention and words < 6) or _title(body):
                continue  # a scare quote or a title ('“The Tagus at Dawn”, painted in 1834'), not a statement
            partial = bool(MIXED.search(text, max(0, match.start() - 8), match.start()))
            quotes.append(
                Quote(body, found.speaker, parsed.article.id, opening[1].id, found.cue or "no speaker found",
                      partial, found.mention, found.rule, found.chain)
            )  # fmt: skip
            finder.spoke(found, opening[1].id)
            previous = found if not partial else previous
            if match.end() == len(text) and not text.rstrip().endswith(("”", '"', "»")):
                carried = found
            ended = found if closing_index == len(offsets) - 1 and found.speaker and not partial else None
        finder.passed(persons[passed:])
        if text.rstrip().endswith(":") and verbs:  # 'Caddell continued:' introduces the next paragraph
            carried = _resolve(finder, text, verbs[-1], mentions, quoted)
    return quotes


def _clause(
    offsets: list[tuple[int, Sentence]], starts: list[int], text: str, match: re.Match[str]
) -> tuple[tuple[int, Sentence], int, int]:
    """Where a quote's attribution may be: from its opening sentence to the end of its closing sentence, or of
    the next one when nothing follows the quote in its own ("“… .” Chen said on Monday.")."""
    opening = offsets[max(0, bisect_right(starts, match.start()) - 1)]
    closing_index = max(0, bisect_left(starts, match.end()) - 1)
    clause_end = offsets[closing_index][0] + len(offsets[closing_index][1].text)
    if not re.search(r"\w", text[match.end() : clause_end]) and closing_index + 1 < len(offsets):
        following = offsets[closing_index + 1]
        clause_end = following[0] + len(following[1].text)
    return opening, closing_index, clause_end


def _title(body: str) -> bool:
    """Whether quoted words are a title: a few words, every long one capitalised, no sentence's end."""
    words = body.split()
    long = [w for w in words if len(w) > 3]
    return len(words) <= 8 and bool(long) and all(w[0].isupper() for w in long) and body[-1:] not in ".!?"


def _at(placed: _Placed) -> int:
    return placed.start


def _pronouns(offsets: list[tuple[int, Sentence]]) -> list[_Placed]:
    """The 'he' and 'she' subjects of a paragraph's main clauses, placed in its text."""
    return [
        _Placed(at + word.start, at + word.end, _Pronoun(word.lemma, sentence.id))
        for at, sentence in offsets
        for word in sentence.words
        if word.dep in ("nsubj", "nsubjpass") and word.lemma in RESOLVED_PRONOUNS and word.tag == "PRP"
        and sentence.words[word.head].dep in ("ROOT", "conj")  # of a main clause, as a name's subject is
    ]


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
    lead = text[clause[0] : match.start()].rstrip()
    if lead.endswith((":", ",")):  # 'Kasich resisted: “…”', 'Hillary shot back, “…”', 'pollster Ann Lee: “…”'
        before = [p for p in mentions if clause[0] <= p.start < match.start() and _actor(p) in finder.people]
        named = [p for p in before if clause[0] + len(lead) - p.end <= 2 and lead.endswith(":")]
        subjects = named or [p for p in before if _is_subject(p, finder.people)]
        if subjects:
            cue = " ".join(text[subjects[-1].start : match.start()].split())
            return _Found(_actor(subjects[-1]), text[subjects[-1].start : subjects[-1].end], cue, SpeakerRule.NAMED)
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
    subject_end = subject_at + speech.subject_end - speech.subject_start
    across = any(  # 'His assessment: “It’s not quite optimistic,” he said': the parse took the quote for an object
        subject_end <= s and e <= verb.start and len(text[s:e].split()) >= 3 and len(text[e : verb.start].split()) <= 2
        for s, e in quoted
    )
    misread = speech.subject_start < 0 or _inside(quoted, subject_at) or across
    addressee = speech.cue_start > speech.subject_start >= 0 and not misread  # 'Warren told Stumpf'
    after = (
        [] if addressee else [p for p in mentions if verb.end < p.start <= verb.end + 2 and _actor(p) in finder.people]
    )
    if not after and misread:
        quote_end = max((e for s, e in quoted if e <= verb.start), default=-1)
        between = [p for p in mentions if quote_end <= p.start and p.end <= verb.start]
        after = [p for p in between if _actor(p) in finder.people][:1] or between[:1]  # the phrase's head
    if after:
        words = " ".join(text[min(after[0].start, verb.start) : max(after[0].end, verb.end)].split())
        return _Found(_actor(after[0]), text[after[0].start : after[0].end], words, SpeakerRule.NAMED)
    if misread:  # '..., ” the 62-year-old said': the words between quote and verb, which the parse missed
        quote_end = max((e for s, e in quoted if e <= verb.start), default=verb.start)
        phrase = text[quote_end : verb.start].strip(' ,”"’')
        if phrase.lower() in RESOLVED_PRONOUNS:
            referent = finder.referent(phrase.lower(), speech.sentence)
            chain = f"“{phrase}” → {referent}: {finder.why(referent, speech.sentence)}" if referent else ""
            return _Found(referent, phrase, f"{phrase} {text[verb.start : verb.end]}",
                          SpeakerRule.RESOLVED if referent else SpeakerRule.UNKNOWN, chain)  # fmt: skip
        if 0 < len(phrase.split()) <= 4:
            holder = finder.holder(speech.sentence, phrase, phrase.split()[-1].lower())
            chain = finder.chain(phrase, holder, speech.sentence) if holder else ""
            return _Found(holder, phrase, f"{phrase} {text[verb.start : verb.end]}",
                          SpeakerRule.RESOLVED if holder else SpeakerRule.UNKNOWN, chain)  # fmt: skip
        return _Found(None, "", text[verb.start : verb.end], SpeakerRule.UNKNOWN)
    found = finder.named(speech, subject_at, text, mentions)
    return _Found(found.speaker, found.mention, _cue(text, verb, subject_at), found.rule, found.chain)


def _cue(text: str, verb: _Placed, subject_at: int) -> str:
    """The words that tie a quote to its speaker: from the subject to the verb, in text order."""
    assert isinstance(verb.item, Speech)
    if verb.item.subject_start < 0:
        return text[verb.start : verb.end]
    subject_end = subject_at + verb.item.subject_end - verb.item.subject_start
    start, end = min(subject_at, verb.start), max(subject_end, verb.end)
    return " ".join(text[start:end].split()) if end - start <= 160 else text[verb.start : verb.end]


def _article_roles(parsed: ParsedArticle, people: set[str]) -> dict[str, set[str]]:
    """Role words and ages of the article's own people ('prosecutor' -> {'Ana Ortega'}, '47' -> {'Jan Novak'}:
    'Jan Novak, 47,' or 'Jan Novak, a 47-year-old')."""
    holders: dict[str, set[str]] = {}
    for actor in parsed.discovered:
        if actor.role and actor.name in people:
            for word in re.findall(r"[a-z][a-z-]+", actor.role.lower()):
                holders.setdefault(word, set()).add(actor.name)
    text = {s.id: s.text for s in parsed.sentences}
    for mention in parsed.mentions:
        age = AGE_AFTER.match(text[mention.sentence], mention.end) if mention.actor in people else None
        if age:
            holders.setdefault(age.group(1), set()).add(mention.actor)
    return holders
