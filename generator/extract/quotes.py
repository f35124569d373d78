"""Direct quotes and their speakers, from quotation marks and the reporting verbs around them."""

from __future__ import annotations

import re

from generator.config import Story
from generator.model import Mention, ParsedArticle, Quote, Sentence

QUOTE_SPAN = re.compile(r"“([^“”]{2,}?)(?:”|$)|\"([^\"]{2,}?)\"|‘([^‘’]{6,}?)’(?!\w)")
SPEECH_VERBS = (
    r"said|says|say|told|tells|tell|stated|states|added|adds|noted|notes|wrote|writes|warned|warns|argued|argues"
    r"|insisted|insists|declared|declares|announced|announces|claimed|claims|described|describes|called|calls"
    r"|remarked|emphasi[sz]ed|stressed|explained|explains|asserted|confirmed|denied|denies|replied|responded"
    r"|tweeted|posted|recalled|admitted|acknowledged|suggested|promised|vowed|urged"
)
SPEECH = re.compile(rf"\b(?:has |have |had )?(?:{SPEECH_VERBS})\b", re.I)
ACCORDING = re.compile(r"\baccording to\b", re.I)
PRONOUN_SPEAKER = re.compile(r"\b(he|she|they)\s+(?:also\s+)?(?:" + SPEECH_VERBS + r")\b", re.I)


def _sentence_offsets(block_text: str, sentences: list[Sentence]) -> list[tuple[int, Sentence]]:
    offsets: list[tuple[int, Sentence]] = []
    cursor = 0
    for sentence in sentences:
        at = block_text.find(sentence.text, cursor)
        at = cursor if at < 0 else at
        offsets.append((at, sentence))
        cursor = at + len(sentence.text)
    return offsets


def _speaker_near(
    text: str, quote_start: int, quote_end: int, mentions: list[Mention], people: set[str], metonyms: set[str]
) -> tuple[str | None, str]:
    """Find the speaker of a quote inside one sentence: 'X said: “…”', '“…”, said X', 'according to X'."""
    candidates = [m for m in mentions if m.text not in metonyms and not (quote_start <= m.start < quote_end)]

    def best(pool: list[Mention], nearest_to: int) -> Mention | None:
        if not pool:
            return None
        persons = [m for m in pool if m.actor in people]
        pool = persons or pool
        return min(pool, key=lambda m: abs(m.start - nearest_to))

    before, after = text[:quote_start], text[quote_end:]
    verb_before = list(SPEECH.finditer(before))
    if verb_before:
        verb = verb_before[-1]
        subject = best([m for m in candidates if m.end <= verb.start()], verb.start())
        if subject:
            return subject.actor, text[subject.start : verb.end()]
        obj = best([m for m in candidates if verb.end() <= m.start < quote_start], verb.end())
        if obj:
            return obj.actor, text[verb.start() : obj.end]
    for segment, base in ((after, quote_end), (before, 0)):
        according = ACCORDING.search(segment)
        if according:
            pos = base + according.end()
            nearby = best([m for m in candidates if pos <= m.start <= pos + 60], pos)
            if nearby:
                return nearby.actor, text[base + according.start() : nearby.end]
    verb_after = SPEECH.search(after[:60])
    if verb_after:
        pos = quote_end + verb_after.start()
        nearby = best([m for m in candidates if quote_end <= m.start <= pos + 80], pos)
        if nearby:
            return nearby.actor, text[quote_end : max(nearby.end, pos + len(verb_after.group(0)))].strip(" ,")
    return None, ""


def find_quotes(parsed: ParsedArticle, story: Story, people: set[str]) -> list[Quote]:
    """Quotes with their speakers; scare quotes (a few words, no speaker) are left out."""
    metonyms = {m for a in story.actors for m in a.metonyms}
    by_sentence: dict[str, list[Mention]] = {}
    for mention in parsed.mentions:
        by_sentence.setdefault(mention.sentence, []).append(mention)
    quotes: list[Quote] = []
    last_person: str | None = None
    for block_index, block in enumerate(parsed.article.blocks):
        if block.kind not in ("paragraph", "standfirst"):
            continue
        sentences = [s for s in parsed.sentences if s.block == block_index]
        offsets = _sentence_offsets(block.text, sentences)
        for match in QUOTE_SPAN.finditer(block.text):
            body = next(g for g in match.groups() if g is not None).strip().rstrip(",;:")
            opening = max((o for o in offsets if o[0] <= match.start()), key=lambda o: o[0], default=offsets[0])
            start, sentence = opening
            local_start = match.start() - start
            local_end = min(match.end() - start, len(sentence.text))
            speaker, cue = _speaker_near(
                sentence.text, local_start, local_end, by_sentence.get(sentence.id, []), people, metonyms
            )
            words = len(body.split())
            if speaker is None and words >= 6:
                pronoun = PRONOUN_SPEAKER.search(sentence.text)
                if pronoun and last_person:
                    speaker, cue = last_person, pronoun.group(0)
            if speaker is None and words < 6:
                continue  # a scare quote or a title, not a statement
            whole = local_start <= 1 and words >= 6
            partial = words < 8 and not whole and not body.rstrip().endswith((".", "!", "?"))
            quotes.append(
                Quote(
                    text=body,
                    speaker=speaker,
                    source=parsed.article.id,
                    sentence=sentence.id,
                    cue=cue or "no speaker found",
                    partial=partial,
                )
            )
        for sentence in sentences:
            persons = [m.actor for m in by_sentence.get(sentence.id, []) if m.actor in people]
            if persons:
                last_person = persons[-1]
    return quotes
