"""Whether the date a sentence carries is the date of something that happened, from where it stands.

Inside a quotation, a date counts only with a verb in the past ("We will judge them in August" is a hope).

'today' inside a quotation is the day the words were spoken, not an event ("“We owe them answers today,” he
said"); 'today' with a verb in the present says how things are ("The governor is not at his office today");
an order word ('Then', 'After that') dates a sentence only when it narrates: a verb in the past, outside any
quotation, and a named actor or a subject that is not a pronoun ("Then I found the second one." inside a
survivor's account is no entry; "Then it went back." says too little).
"""

from __future__ import annotations

import re
from functools import lru_cache

from generator.core.model import DateMention, Mention, Sentence
from generator.core.syntax import Parse
from generator.core.types import DateRule

OPENING, CLOSING = "“«", "”»"
# The outlet speaking of its own coverage ('Our correspondent will have full analysis tomorrow'): page furniture.
OWN_COVERAGE = re.compile(
    r"^\W*(?:Our\s+(?:[\w-]+\s+){0,2}(?:correspondents?|reporters?|team|editors?|coverage|live\s+blog)"
    r"|We(?:'ll|’ll|\s+will)\s+(?:bring|have|update|keep|be\s+(?:bringing|updating)))\b",
    re.I,
)
PAST = frozenset({"VBD", "VBN"})
DEICTIC = re.compile(r"^(?:today|tonight|this\s+(?:morning|afternoon|evening)|now)$", re.I)  # the day of writing


@lru_cache(maxsize=512)  # a paragraph is asked about once per dated sentence; bounded for big corpora
def quoted_ranges(text: str) -> tuple[tuple[int, int], ...]:
    """Character ranges of a paragraph inside quotation marks (an unclosed quote runs to the end)."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None
    for match in re.finditer(r"[“”«»\"]", text):
        mark, at = match.group(0), match.start()
        opens = mark in OPENING or (mark == '"' and start is None)
        if start is None and opens:
            start = at
        elif start is not None and not opens:
            ranges.append((start, at))
            start = None
    if start is not None:
        ranges.append((start, len(text)))
    return tuple(ranges)


def _inside(ranges: tuple[tuple[int, int], ...], at: int) -> bool:
    return any(start < at < end for start, end in ranges)


def _tense(sentence: Sentence, mention: DateMention) -> str | None:
    """The tag of the verb whose clause holds the date, if the sentence was parsed."""
    if not sentence.words:
        return None
    parse = Parse(sentence)
    word = next((i for i, w in enumerate(parse.words) if w.start >= mention.start), None)
    while word is not None and not parse.is_verb(word):
        word = parse.head(word)
    if word is None:
        return None
    helpers = [c for c in parse.children(word) if parse.words[c].dep in ("aux", "auxpass")]
    if {"would", "could", "might"} & {parse.lower(c) for c in helpers} and any(
        parse.lower(c) == "have" for c in helpers
    ):
        return "MD"  # 'would have bet': what did not happen
    auxiliaries = [
        "VBD" if parse.lower(c) in ("would", "could") else parse.words[c].tag  # 'media would report': past narrative
        for c in helpers
    ]
    return next((t for t in auxiliaries if t in PAST or t in ("VBZ", "VBP", "MD")), parse.words[word].tag)


PRONOUNS = frozenset({"i", "we", "you", "it", "they", "he", "she", "this", "that", "there"})


def _pronoun_subject(sentence: Sentence) -> bool:
    """'Then it went back.': the main clause's subject is a pronoun (or 'there is')."""
    if not sentence.words:
        return False
    parse = Parse(sentence)
    root = next((i for i, w in enumerate(parse.words) if w.dep == "ROOT"), 0)
    subject = parse.subject(root)
    expletive = any(parse.words[c].dep == "expl" for c in parse.children(root))
    return expletive or (subject is not None and parse.lower(subject) in PRONOUNS)


def dates_an_occasion(sentence: Sentence, at: int, block_text: str, mention: DateMention, names: list[Mention]) -> bool:
    """Whether `mention` (in `sentence`, which starts `at` characters into its paragraph) dates an event."""
    if OWN_COVERAGE.match(sentence.text):
        return False
    expression = mention.value.expression.strip()
    rule = mention.value.rule
    quoted = _inside(quoted_ranges(block_text), at + mention.start)
    if DEICTIC.match(expression):
        return not quoted and _tense(sentence, mention) in (None, *PAST)
    if rule.startswith(DateRule.ORDER_WORD):
        return (
            not quoted
            and _tense(sentence, mention) in (None, *PAST)
            and (bool(names) or not _pronoun_subject(sentence))
        )
    if quoted or DateRule.SHIFTED in rule:  # a speaker's 'in August' may be a hope; 'five weeks earlier' too
        return _tense(sentence, mention) in (None, *PAST)
    return True
