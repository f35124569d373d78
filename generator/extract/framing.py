"""Framing, per article: the evaluative words it uses, overall and beside each actor, and its tone.

Valence comes from VADER's published lexicon plus a short supplement of loaded news terms that VADER
lacks; every score on the site is shown with the words that produced it. A word the sentence negates ('is not
rejecting', 'never ignored', 'is not negligent') is not the article's framing, and is not counted.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from generator.core.model import Mention, Sentence
from generator.core.syntax import Parse
from generator.core.types import Tone

# Loaded terms of conflict, diplomacy and accountability reporting that VADER's lexicon does not score (-4..4).
SUPPLEMENT = {
    "aggressor": -2.5, "aggression": -2.5, "maximalist": -1.5, "bluff": -1.5, "capitulation": -2.0,
    "surrender": -1.5, "distraction": -1.0, "propaganda": -2.0, "regime": -1.0, "barbaric": -3.0,
    "atrocities": -3.0, "atrocity": -3.0, "invasion": -2.0, "occupation": -1.5, "occupied": -1.0,
    "escalation": -1.5, "escalates": -1.5, "stalling": -1.0, "unraveling": -1.5, "collapses": -2.0,
    "collapsed": -2.0, "perilous": -2.0, "onslaught": -2.5, "pummeled": -2.0, "breakthrough": 2.0,
    "detrimental": -2.0, "alarming": -2.0, "skewed": -1.5, "tantamount": -0.5, "pressure": -0.8,
    "negligent": -2.0, "negligence": -2.0, "brazen": -1.5, "crooked": -2.0, "cover-up": -2.0, "whitewash": -1.5,
}  # fmt: skip
THRESHOLD = 1.0  # words weaker than this are not shown as framing
NEGATIVE, POSITIVE = -0.2, 0.2


@cache
def _analyzer() -> SentimentIntensityAnalyzer:
    return SentimentIntensityAnalyzer()


@lru_cache(maxsize=1 << 16)
def _compound(text: str) -> float:
    """VADER's compound score of a text, kept for a process's next build: an edited article's other sentences are
    not scored again."""
    return float(_analyzer().polarity_scores(text)["compound"])


def valence(word: str) -> float:
    word = word.lower()
    return SUPPLEMENT.get(word, _analyzer().lexicon.get(word, 0.0))


def _loaded_words(text: str, skip: set[str], parse: Parse | None) -> list[str]:
    """The loaded words of a text (`THRESHOLD`), lowercase, leaving out words of the actor names it contains ('New'
    in 'New Zealand') and, given the text's parse, the words it negates."""
    return [
        w
        for m in re.finditer(r"[A-Za-z][A-Za-z'-]+", text)
        if len(w := m.group(0).lower()) >= 4
        and w not in skip
        and abs(valence(w)) >= THRESHOLD
        and not (parse and _negated_at(parse, m.start(), m.end()))
    ]


def _negated_at(parse: Parse, start: int, end: int) -> bool:
    """Whether a word of the parse that overlaps text[start:end] is negated ('cover-up' is three tokens)."""
    return any(negated(parse, i) for i, word in enumerate(parse.words) if word.start < end and start < word.end)


PREDICATIVE = frozenset({"acomp", "attr", "oprd", "xcomp"})  # 'is not negligent', 'did not want to escalate'


def negated(parse: Parse, i: int) -> bool:
    """Whether the parse negates word i: a negation on the word ('not rejecting', 'never ignored', 'no aggression')
    or on the verb the word completes ('is not negligent', 'is not the aggressor')."""
    head = parse.head(i)
    return parse.negated(i) or (head is not None and parse.words[i].dep in PREDICATIVE and parse.negated(head))


def tone_label(score: float) -> Tone:
    return Tone.NEGATIVE if score <= NEGATIVE else Tone.POSITIVE if score >= POSITIVE else Tone.NEUTRAL


@dataclass
class FramingCounts:
    """One article's loaded words: how often each is used, where first, and beside which actors; its tone."""

    words: Counter[str] = field(default_factory=Counter)
    first: dict[str, str] = field(default_factory=dict)
    about: dict[str, Counter[str]] = field(default_factory=dict)
    tone: float = 0.0


def count_framing(title: str, sentences: Sequence[Sentence], mentions: Sequence[Mention]) -> FramingCounts:
    """Count one article's framing words (done at extraction, so it is cached per article)."""
    counts = FramingCounts()
    body = [s for s in sentences if s.kind in ("paragraph", "standfirst")]
    scores = [_compound(t) for t in [title] + [s.text for s in body]]
    counts.tone = round(sum(scores) / len(scores), 2)
    names: dict[str, set[str]] = defaultdict(set)
    by_sentence: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        names[mention.sentence].update(w.lower() for w in mention.text.split())
        by_sentence[mention.sentence].append(mention)
    texts: list[tuple[str, str, Parse | None]] = [("", title, None)] + [(s.id, s.text, _parse(s)) for s in body]
    for sentence_id, text, parse in texts:
        for word in _loaded_words(text, names[sentence_id], parse):
            counts.words[word] += 1
            counts.first.setdefault(word, sentence_id)
    for sentence in (s for s in sentences if s.kind != "related"):  # headlines frame too
        for word, actor in targets(sentence, by_sentence[sentence.id], names[sentence.id]):
            if word in counts.first:  # a word as the article's own count reads it ('water-sharing' is one)
                counts.about.setdefault(actor, Counter())[word] += 1
    return counts


def _parse(sentence: Sentence) -> Parse | None:
    return Parse(sentence) if sentence.words else None


def targets(sentence: Sentence, mentions: list[Mention], skip: set[str]) -> list[tuple[str, str]]:
    """(word, actor) for each loaded word and the actor it describes, by a relation in the parse: the word
    modifies the name ('brazen Ortega'), the name owns it ('Kenya's bullying'), it is said of the name ('Kenya
    is the aggressor', 'Stellamar has been negligent'), or the name does it ('Kenya escalates'). A word about
    what is done to an actor ('strikes on Kenya') describes the one who does it, not Kenya; no relation, no one."""
    if not sentence.words or not mentions:
        return []
    parse = Parse(sentence)
    heads = {h: m.actor for m in mentions if (h := parse.top(m.start, m.end)) is not None}
    found = []
    for i in range(len(parse.words)):
        word = parse.lower(i)
        if len(word) < 4 or word in skip or not word.isalpha() or abs(valence(word)) < THRESHOLD or negated(parse, i):
            continue
        actor = _described(parse, i, heads)
        if actor:
            found.append((word, actor))
    return found


def _described(parse: Parse, i: int, heads: dict[int, str]) -> str | None:
    """The actor whose name a word is in a describing relation with, if one."""
    head = parse.head(i)
    dep = parse.words[i].dep
    if head is not None and head in heads and dep in ("amod", "compound", "appos"):
        return heads[head]  # 'the brazen Ortega'
    for child in parse.children(i):
        if child in heads and parse.words[child].dep in ("poss", "nsubj", "nsubjpass", "appos"):
            return heads[child]  # "Kenya's bullying", 'Kenya escalates'
    if head is not None and dep in ("attr", "acomp", "oprd"):
        subject = parse.subject(head)
        if subject is not None and subject in heads:
            return heads[subject]  # 'Kenya is the aggressor', 'Stellamar has been negligent'
    return None
