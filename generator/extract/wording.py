"""The wording of a headline or a summary: quotation marks in pairs, no page furniture, and a sentence the source
cut off shown as cut off, never passed off as whole."""

from __future__ import annotations

import re

from generator.core.model import Sentence

SECTION_LABEL = re.compile(
    r"^(?:(?:LIVE|WATCH|BREAKING|UPDATED?|EXCLUSIVE|VIDEO|PHOTOS?|FILE|ANALYSIS|OPINION|EXPLAINER|LISTEN)\b"
    r"\s*[:|–—-]?\s*)+(?=\S)"
)
CREDIT = re.compile(r"\s*\([^()]{0,60}\b(?:Photo|Photograph|Image|Picture|Credit|Getty|File)s?\b[^()]{0,60}\)?", re.I)
# How a sentence the source cut off ends ('… and the ministry will announce the', 'talks resumed in the capital, …'):
# a comma, a dash, an ellipsis, or a word that cannot end a sentence (an article, a preposition, a conjunction,
# 'to', a possessive). A list item or a subheading with no full stop ends otherwise and keeps its headline.
CUT_OFF = re.compile(r"(?:[,\-–—]|…|\.\.\.)\s*$")
OPEN_TAGS = frozenset({"DT", "IN", "CC", "TO", "PRP$", "WDT", "WP$", "POS"})
MAX_WORDS = 20  # the longest headline or summary
CUT_MARK = "…"  # how a summary taken from a cut-off sentence ends, so a reader sees the source stops there


def cut_off(sentence: Sentence) -> bool:
    """Whether the source stops in the middle of this sentence: it gives no headline of its own."""
    if CUT_OFF.search(sentence.text):
        return True
    last = next((w for w in reversed(sentence.words) if w.tag not in (".", ",", ":", "``", "\'\'")), None)
    return last is not None and last.end >= len(sentence.text.rstrip()) and last.tag in OPEN_TAGS


def without_furniture(text: str) -> str:
    """No page furniture a sentence was pasted with: a section label before it ('LIVE:', 'WATCH'), a photo
    credit in brackets after it, a bracket whose partner the headline left out."""
    text = CREDIT.sub("", SECTION_LABEL.sub("", text))
    if text.count("(") != text.count(")"):
        text = re.sub(r"\s*[()]\s*(?=\s|$)|^\s*[()]\s*", " ", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:")


def balanced(text: str) -> str:
    """Quotation marks in pairs, in order: a closing mark with no opening goes, an opening left open is closed
    with '…' (the speaker went on), an empty pair goes. Straight marks are read as opening or closing by what
    stands beside them."""
    text = re.sub(r'(?<=[\w.,!?;:’)\]])"', "”", text)  # after a word or a comma: closing
    text = text.replace('"', "“")
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "“":
            depth += 1
        elif char == "”":
            if depth == 0:
                continue
            depth -= 1
        out.append(char)
    text = "".join(out).rstrip()
    while depth and text.endswith("“"):  # an opening with nothing after it
        text, depth = text[:-1].rstrip(), depth - 1
    text += ("…" if depth else "") + "”" * depth  # the quotation goes on in the next sentence: say so
    text = re.sub(r"“\s*”", "", text)
    text = re.sub(r"“\s+", "“", re.sub(r"\s+”", "”", text))
    return re.sub(r"\s+", " ", text).strip()


LEAD_WORDS = re.compile(r"\b(?:on|by|in|as recently as|earlier|later|since|and|already|then|until|from|the)\b", re.I)


def summarise(text: str, expressions: list[str], cut_off_in_source: bool = False) -> str:
    """Trim a reporting sentence to its core: drop leading date phrases and trailing asides."""
    summary = text.strip()
    for _ in range(3):
        clause, comma, rest = summary.partition(",")
        rest = rest.lstrip(" —–-:")
        leftover = clause
        for expression in expressions:
            if expression and expression in leftover:
                leftover = leftover.replace(expression, "")
        dated = leftover != clause and len(LEAD_WORDS.sub("", leftover).split()) <= 1
        lead_only = not LEAD_WORDS.sub("", clause).strip()  # "Earlier, on November 30, …"
        if comma and (dated or lead_only) and len(rest.split()) >= 4:
            summary = rest[0].upper() + rest[1:]
        else:
            break
    words = summary.split()
    if len(words) > 32:
        cut = re.search(r"[;—]|, (?:which|while|including|as well as|in which|with)\b", summary[60:])
        summary = summary[: 60 + cut.start()] if cut else summary
    if len(summary.split()) > MAX_WORDS:  # '…, says Petty Officer Arnel Caballes, one of the divers who …'
        commas = [m.start() for m in re.finditer(",", summary) if 6 <= len(summary[: m.start()].split()) <= MAX_WORDS]
        summary = summary[: commas[-1]] if commas else summary
    summary = balanced(summary.rstrip(" ,;:—."))
    return summary + CUT_MARK if cut_off_in_source else summary
