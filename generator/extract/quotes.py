"""Direct quotes and their speakers: quotation marks found in the text, speakers from the parse.

The speaker of a quote is the subject of the reporting verb that governs it ('“…,” Ortega said',
'Ortega said: “…”', 'according to Ortega'), resolved by `speakers` (a pronoun or a description to the nearest
person it fits); a quote after a colon or comma takes the subject of the clause before it ('Kasich resisted:
“…”'). With no reporting verb, a quote that opens a paragraph continues the quote before it. Otherwise the
speaker is unknown, and says so: nothing is guessed from a name that merely stands nearby.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from generator.core.model import Mention, ParsedArticle, Quote, Sentence, Speech
from generator.core.refs import by_sentence, offsets_in
from generator.core.types import SpeakerRule
from generator.extract.speakers import (
    RESOLVED_PRONOUNS,
    UNKNOWN,
    Found,
    Placed,
    Pronoun,
    Speakers,
    actor_of,
    article_roles,
    is_subject,
)
from generator.nlp.gender import person_genders
from generator.nlp.names import clean_name

QUOTE_SPAN = re.compile(  # curly or straight double marks (typists mix them), guillemets, single curly marks
    r"[“\"]([^“”\"]{2,}?)(?:[”\"]|$)|«\s?([^«»]{2,}?)\s?(?:»|$)|(?<!\w)‘([^‘’]{6,}?)’(?!\w)"
)
TRANSCRIPT = re.compile(r"([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+)?):\s")  # '"WALLACE: Governor, ...'
CONTINUES = "continues the quote before it"
MIXED = re.compile(r"[\w%’')]\s*[“\"«‘]?$")  # a quote opening straight after a word is part of the sentence
DASH_CREDIT = re.compile(r"[,.]?\s*[―—–]\s*([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3})")


def _offsets(block_text: str, sentences: list[Sentence]) -> list[tuple[int, Sentence]]:
    return list(zip(offsets_in(block_text, sentences), sentences, strict=True))


def _place(
    offsets: list[tuple[int, Sentence]], mentions_of: dict[str, list[Mention]], speech: dict[str, list[Speech]]
) -> tuple[list[Placed], list[Placed]]:
    mentions = [Placed(at + m.start, at + m.end, m) for at, s in offsets for m in mentions_of.get(s.id, [])]
    verbs = [Placed(at + v.cue_start, at + v.cue_end, v) for at, s in offsets for v in speech.get(s.id, [])]
    return mentions, verbs


def _governing(
    verbs: list[Placed], quote: tuple[int, int], clause: tuple[int, int], quoted: list[tuple[int, int]]
) -> Placed | None:
    """The reporting verb of a quote: outside every quote, inside the quote's sentences, governing the quote if
    one does, else the nearest."""
    start, end = quote
    first = bisect_left(verbs, clause[0], key=lambda v: v.start)  # verbs are in text order
    last = bisect_left(verbs, clause[1], lo=first, key=lambda v: v.start)
    outside = [v for v in verbs[first:last] if not _inside(quoted, v.start)]
    if not outside:
        return None

    def distance(v: Placed) -> int:
        return start - v.end if v.end <= start else v.start - end

    governing = [v for v in outside if _scope(v)[0] < end and start < _scope(v)[1]]
    return min(governing or outside, key=distance)


def _inside(quoted: list[tuple[int, int]], position: int) -> bool:
    """Whether a position of the paragraph lies inside one of its quotes (sorted, not overlapping)."""
    index = bisect_right(quoted, (position, 1 << 62)) - 1
    return index >= 0 and quoted[index][0] <= position < quoted[index][1]


def _scope(placed: Placed) -> tuple[int, int]:
    assert isinstance(placed.item, Speech)
    shift = placed.start - placed.item.cue_start
    return shift + placed.item.scope_start, shift + placed.item.scope_end


def _finder(parsed: ParsedArticle, people: set[str], roles: dict[str, str]) -> Speakers:
    """The article's speaker resolver: its people's roles and ages, genders, and who is a reporting verb's subject."""
    holders = article_roles(parsed, people)
    roles = {**roles, **{word: next(iter(names)) for word, names in holders.items() if len(names) == 1}}
    index = {sentence.id: sentence.index for sentence in parsed.sentences}
    finder = Speakers(people, roles, holders, person_genders(parsed, people), index)
    speech_by_sentence = by_sentence(parsed.speech)
    finder.reporting = {
        (m.sentence, m.start) for m in parsed.mentions for sp in speech_by_sentence.get(m.sentence, [])
        if sp.subject_start <= m.start < max(sp.subject_end, sp.subject_start + 1)
    }  # fmt: skip
    return finder


def find_quotes(parsed: ParsedArticle, people: set[str], roles: dict[str, str]) -> list[Quote]:
    """Quotes with their speakers; scare quotes (a few words, no speaker) are left out."""
    finder = _finder(parsed, people, roles)
    mentions_by_sentence = by_sentence(parsed.mentions)
    speech_by_sentence = by_sentence(parsed.speech)
    sentences_by_block: dict[int, list[Sentence]] = {}
    for sentence in parsed.sentences:
        sentences_by_block.setdefault(sentence.block, []).append(sentence)
    quotes: list[Quote] = []
    carried: Found | None = None  # the speaker of a quote left open (or introduced by a colon) last paragraph
    ended: Found | None = None  # the speaker of a quote in the last sentence of the paragraph before
    for block_index, block in enumerate(parsed.article.blocks):
        if block.kind not in ("paragraph", "standfirst"):
            carried = ended = None
            continue
        text = block.text
        offsets = _offsets(text, sentences_by_block.get(block_index, []))
        mentions, verbs = _place(offsets, mentions_by_sentence, speech_by_sentence)
        matches = list(QUOTE_SPAN.finditer(text))
        quoted = [m.span() for m in matches]
        persons = [p for p in mentions if actor_of(p) in people and not _inside(quoted, p.start)]
        persons = sorted(persons + [p for p in _pronouns(offsets) if not _inside(quoted, p.start)], key=_at)
        passed = 0
        starts = [at for at, _s in offsets]
        opens = matches and not text[: matches[0].start()].strip()
        previous: Found | None = (carried or ended) if opens else None  # '“…,” said Ortega. ¶ “…”' goes on
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
                found = Found(previous.speaker, previous.mention, CONTINUES, SpeakerRule.CONTEXT,
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
    return len(words) <= 8 and len(long) >= 2 and all(w[0].isupper() for w in long) and body[-1:] not in ".!?"


def _at(placed: Placed) -> int:
    return placed.start


def _pronouns(offsets: list[tuple[int, Sentence]]) -> list[Placed]:
    """The 'he' and 'she' subjects of a paragraph's main clauses, placed in its text."""
    return [
        Placed(at + word.start, at + word.end, Pronoun(word.lemma, sentence.id))
        for at, sentence in offsets
        for word in sentence.words
        if word.dep in ("nsubj", "nsubjpass") and word.lemma in RESOLVED_PRONOUNS and word.tag == "PRP"
        and sentence.words[word.head].dep in ("ROOT", "conj")  # of a main clause, as a name's subject is
    ]


def _attribute(
    finder: Speakers,
    text: str,
    match: re.Match[str],
    verbs: list[Placed],
    mentions: list[Placed],
    clause: tuple[int, int],
    quoted: list[tuple[int, int]],
) -> Found:
    """The speaker of one quote: its reporting verb's subject, or a dash credit ('” — Jane Doe')."""
    label = TRANSCRIPT.match(text, match.start() + 1)
    if label:
        return Found(label.group(1), label.group(1), label.group(0).strip(), SpeakerRule.NAMED)
    verb = _governing(verbs, match.span(), clause, quoted)
    if verb is not None:
        return _resolve(finder, text, verb, mentions, quoted)
    lead = text[clause[0] : match.start()].rstrip()
    if lead.endswith((":", ",")):  # 'Kasich resisted: “…”', 'Hillary shot back, “…”', 'pollster Ann Lee: “…”'
        before = [p for p in mentions if clause[0] <= p.start < match.start() and actor_of(p) in finder.people]
        named = [p for p in before if clause[0] + len(lead) - p.end <= 2 and lead.endswith(":")]
        subjects = named or [p for p in before if is_subject(p, finder.people)]
        if subjects:
            cue = " ".join(text[subjects[-1].start : match.start()].split())
            return Found(actor_of(subjects[-1]), text[subjects[-1].start : subjects[-1].end], cue, SpeakerRule.NAMED)
    credit = DASH_CREDIT.match(text, match.end())
    if credit:
        name, _title = clean_name(credit.group(1), "PERSON")
        named = [p for p in mentions if credit.start(1) <= p.start < credit.end(1)]
        if named or name:
            speaker = actor_of(named[0]) if named else name
            return Found(speaker, credit.group(1), text[match.end() : credit.end(1)].strip(), SpeakerRule.NAMED)
    return UNKNOWN


def _resolve(
    finder: Speakers, text: str, verb: Placed, mentions: list[Placed], quoted: list[tuple[int, int]]
) -> Found:
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
    after = [] if addressee else [
        p for p in mentions if verb.end < p.start <= verb.end + 2 and actor_of(p) in finder.people
    ]
    if not after and misread:
        quote_end = max((e for s, e in quoted if e <= verb.start), default=-1)
        between = [p for p in mentions if quote_end <= p.start and p.end <= verb.start]
        after = [p for p in between if actor_of(p) in finder.people][:1] or between[:1]  # the phrase's head
    if after:
        words = " ".join(text[min(after[0].start, verb.start) : max(after[0].end, verb.end)].split())
        return Found(actor_of(after[0]), text[after[0].start : after[0].end], words, SpeakerRule.NAMED)
    if misread:  # '..., ” the 62-year-old said': the words between quote and verb, which the parse missed
        quote_end = max((e for s, e in quoted if e <= verb.start), default=verb.start)
        phrase = text[quote_end : verb.start].strip(' ,”"’')
        if phrase.lower() in RESOLVED_PRONOUNS:
            referent = finder.referent(phrase.lower(), speech.sentence)
            chain = f"“{phrase}” → {referent}: {finder.why(referent, speech.sentence)}" if referent else ""
            return Found(referent, phrase, f"{phrase} {text[verb.start : verb.end]}",
                          SpeakerRule.RESOLVED if referent else SpeakerRule.UNKNOWN, chain)  # fmt: skip
        if 0 < len(phrase.split()) <= 4:
            holder = finder.holder(speech.sentence, phrase, phrase.split()[-1].lower())
            chain = finder.chain(phrase, holder, speech.sentence) if holder else ""
            return Found(holder, phrase, f"{phrase} {text[verb.start : verb.end]}",
                          SpeakerRule.RESOLVED if holder else SpeakerRule.UNKNOWN, chain)  # fmt: skip
        return Found(None, "", text[verb.start : verb.end], SpeakerRule.UNKNOWN)
    found = finder.named(speech, subject_at, text, mentions)
    return Found(found.speaker, found.mention, _cue(text, verb, subject_at), found.rule, found.chain)


def _cue(text: str, verb: Placed, subject_at: int) -> str:
    """The words that tie a quote to its speaker: from the subject to the verb, in text order."""
    assert isinstance(verb.item, Speech)
    if verb.item.subject_start < 0:
        return text[verb.start : verb.end]
    subject_end = subject_at + verb.item.subject_end - verb.item.subject_start
    start, end = min(subject_at, verb.start), max(subject_end, verb.end)
    return " ".join(text[start:end].split()) if end - start <= 160 else text[verb.start : verb.end]


