"""Figures: numbers in the text with what they count, keeping bounds such as 'more than' and 'nearly'."""

from __future__ import annotations

import re
from dataclasses import dataclass

from generator.core.model import Figure, ParsedArticle
from generator.core.types import Bound
from generator.core.words import ONES, TENS

SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "trillion": 10**12,
    "bn": 1_000_000_000,
    "m": 1_000_000,
    "k": 1_000,
    "mn": 1_000_000,
    "tn": 10**12,
}
FRACTIONS = {
    "half": 0.5,
    "one-half": 0.5,
    "third": 1 / 3,
    "one-third": 1 / 3,
    "two-thirds": 2 / 3,
    "quarter": 0.25,
    "one-quarter": 0.25,
    "three-quarters": 0.75,
}
VAGUE = {
    "dozens": (24, None),
    "scores": (40, None),
    "hundreds": (200, None),
    "thousands": (2_000, None),
    "millions": (2_000_000, None),
    "several": (3, 9),
    "a few": (2, 5),
    "a dozen": (12, 12),
    "a couple of": (2, 3),
}
BOUNDS = [
    (r"more than|over|at least|upwards of|in excess of|no fewer than|above", "more than"),
    (r"nearly|almost|up to|fewer than|less than|under|no more than|just under", "at most"),
    (r"about|around|some|roughly|approximately|an estimated|estimated|close to|nearly half", "about"),
]
UNIT_WORDS: list[tuple[str, str]] = [
    (r"drones?|uavs?|shaheds?", "drones"),
    (r"(?:ballistic |cruise )?missiles?|rockets?", "missiles"),
    (r"troops|soldiers|servicemen|personnel|fighters", "troops"),
    (r"points?|provisions?|clauses?", "points"),
    (r"square (?:kilometers|kilometres|km|miles)|sq\.? ?km|km2|km²", "square kilometres"),
    (r"(?:US |U\.S\. )?dollars|euros?|pounds|roubles|rubles|hryvnias?", "money"),
    (r"children|kids", "children"),
    (r"civilians|people|persons|residents", "people"),
    (r"buildings", "buildings"),
    (r"apartments", "apartments"),
    (r"homes|houses", "homes"),
    (r"percent|per cent|%", "percent"),
    (r"regions?|territory|territories|oblasts?", "territory"),
    (r"days|weeks|months|years", "duration"),
]
VERB_UNITS = [
    (r"killed and wounded|killed or wounded|casualties", "killed or wounded"),
    (r"kill(?:s|ed|ing)?|dead|died|deaths?", "killed"),
    (r"injur(?:es|ed|ing)|wound(?:s|ed|ing)|hurt", "injured"),
]

_WORD_NUMBER = (
    r"(?:(?:"
    + "|".join(TENS)
    + r")(?:[-\s](?:"
    + "|".join(ONES)
    + r"))?|"
    + "|".join(sorted(ONES, key=len, reverse=True))
    + r"|a|an|half a|half an)"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_SCALE = r"(?:\s*(?:hundred|thousand|million|billion|trillion)|(?:bn|mn|tn|m|k)\b)"
NUMBER = rf"(?:[$€£]\s*)?(?:{_DIGITS}|{_WORD_NUMBER}\b){_SCALE}*"
FIGURE = re.compile(
    rf"(?P<bound>\b(?:{'|'.join(b for b, _ in BOUNDS)})\s+)?"
    rf"(?:(?P<vague>\b(?:dozens|scores|hundreds|thousands|millions|several hundred|several thousand|several"
    rf"|a few|a dozen|a couple of)\b)"
    rf"|(?P<fraction>\b(?:one-third|two-thirds|one-quarter|three-quarters|one-half|a third|a quarter"
    rf"|half(?!\s+an?\b))\b)"
    rf"|(?P<between>\bbetween\s+(?P<b1>{NUMBER})\s+and\s+(?P<b2>{NUMBER}))"
    rf"|(?P<num>{NUMBER})(?:\s*(?:[-–—]|to)\s*(?P<num2>{NUMBER}))?)",
    re.I,
)
UNIT_AFTER = re.compile(
    r"^(?:-(?P<hyphen>point|strong|member))|^\s+(?:of\s+(?:the\s+)?)?(?:[a-z-]+\s+){0,3}?(?P<unit>"
    + "|".join(u for u, _ in UNIT_WORDS)
    + r")\b",
    re.I,
)
SELECTION_AFTER = re.compile(r"\s+of\s+(?:the|these|those|its|their|his|her|our)\b")
VERB_BEFORE = re.compile(
    r"\b(?P<verb>" + "|".join(v for v, _ in VERB_UNITS) + r")\s+(?:at least\s+|more than\s+|over\s+)?$", re.I
)
VERB_AFTER = re.compile(
    r"^\s+(?:[a-z]+\s+){0,2}?(?:were\s+|was\s+|have been\s+|had been\s+)?(?P<verb>"
    + "|".join(v for v, _ in VERB_UNITS)
    + r")\b",
    re.I,
)


@dataclass(frozen=True)
class ParsedFigure:
    start: int
    end: int
    text: str
    low: float | None
    high: float | None
    bound: str
    unit: str


def number_value(token: str) -> float | None:
    """The value of a number written in digits, words or both ('600,000', 'half a thousand', '$100bn')."""
    token = token.lower().strip().lstrip("$€£").strip()
    scale = 1.0
    while True:
        match = re.search(r"(?:\s*(hundred|thousand|million|billion|trillion)|(bn|mn|tn|m|k))$", token)
        if not match:
            break
        scale *= SCALES[match.group(1) or match.group(2)]
        token = token[: match.start()].strip()
    if re.fullmatch(_DIGITS, token):
        return float(token.replace(",", "")) * scale
    if token in ("a", "an"):
        return scale if scale > 1 else 1.0
    if token in ("half a", "half an"):
        return 0.5 * scale
    parts = re.split(r"[-\s]", token)
    total = 0
    for part in parts:
        if part in TENS:
            total += TENS[part]
        elif part in ONES:
            total += ONES[part]
        else:
            return None
    return float(total) * scale


def _unit(text: str, start: int, end: int) -> str | None:
    after = UNIT_AFTER.match(text[end:])
    if after:
        if after.group("hyphen"):
            return {"point": "points", "strong": "troops", "member": "members"}[after.group("hyphen").lower()]
        word = after.group("unit").lower()
        unit = next(name for pattern, name in UNIT_WORDS if re.fullmatch(pattern, word, re.I))
        if unit in ("people", "troops", "children"):
            verb = VERB_AFTER.match(text[end + after.end() :]) or VERB_BEFORE.search(text[:start])
            if verb:  # 'seven people killed' is 'killed'; 'children killed' stays its own measure
                return (
                    _verb_unit(verb.group("verb")) if unit == "people" else f"{unit} {_verb_unit(verb.group('verb'))}"
                )
        return unit
    if text[start:end].lstrip().startswith(("$", "€", "£")):
        return "money"
    verb = VERB_BEFORE.search(text[:start])
    if verb:
        return _verb_unit(verb.group("verb"))
    return None


def _verb_unit(verb: str) -> str:
    return next(name for pattern, name in VERB_UNITS if re.fullmatch(pattern, verb, re.I))


def parse_figures(text: str) -> list[ParsedFigure]:
    """Every counted number in a sentence; numbers with nothing to count (and dates) are left out."""
    found: list[ParsedFigure] = []
    for match in FIGURE.finditer(text):
        bound_text = (match.group("bound") or "").strip().lower()
        bound = next((name for pattern, name in BOUNDS if re.fullmatch(pattern, bound_text)), "exact")
        low: float | None
        high: float | None
        if match.group("vague"):
            low, high = VAGUE.get(match.group("vague").lower(), (3, None))
            if match.group("vague").lower().startswith("several "):
                scale = SCALES[match.group("vague").lower().split()[1]]
                low, high = 3 * scale, 9 * scale
            bound = "vague" if bound == "exact" else bound
        elif match.group("fraction"):
            value = FRACTIONS.get(match.group("fraction").lower().replace("a ", ""), 0.5)
            low = high = value
            bound = bound if bound != "exact" else "about"
        elif match.group("between"):
            low, high = number_value(match.group("b1")), number_value(match.group("b2"))
            bound = "range"
        else:
            token = match.group("num")
            if token.strip().lower() in ("a", "an", "half a", "half an"):
                continue
            low = number_value(token)
            high = number_value(match.group("num2")) if match.group("num2") else low
            if match.group("num2"):
                bound = "range"
        if low is None:
            continue
        if _is_date_part(text, match.start("num") if match.group("num") else match.start(), match.end()):
            continue
        if SELECTION_AFTER.match(text[match.end() :]) and not (match.group("vague") or match.group("fraction")):
            continue  # "one of the points": a selection, not a count
        unit = _unit(text, match.start(), match.end())
        if unit is None or unit == "duration":
            continue
        if match.group("fraction"):
            unit = "share of " + unit if unit else "share"
        found.append(ParsedFigure(match.start(), match.end(), match.group(0).strip(), low, high, bound, unit))
    return found


def _is_date_part(text: str, start: int, end: int) -> bool:
    before = text[max(0, start - 12) : start]
    return bool(re.search(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+$", before))


STATED_NUMBER = re.compile(rf"(?<![\w.,]){NUMBER}", re.I)


def stated_values(text: str) -> frozenset[float]:
    """The numbers a short text states, whatever they count or whether they count anything ('Army capped at
    50,000', 'Cap on the armed forces (600,000)'); not the day of a date ('by November 27')."""
    values = set()
    for match in STATED_NUMBER.finditer(text):
        if match.group(0).strip().lower() in ("a", "an", "half a", "half an"):
            continue
        if _is_date_part(text, match.start(), match.end()):
            continue
        value = number_value(match.group(0))
        if value is not None:
            values.add(value)
    return frozenset(values)


UNCOUNTED = frozenset({"several", "a few", "a couple of"})
CHANGE_BEFORE = re.compile(
    r"\b(?:(?:down|up|rose|rising|fell|falling|climbed|dropped|increased|decreased)\s+)?from\s+$", re.I
)


def find_figures(parsed: ParsedArticle) -> list[Figure]:
    """Figures of every body sentence and of related-coverage headlines (flagged as such)."""
    figures: list[Figure] = []
    for sentence in parsed.sentences:
        if sentence.kind == "heading":
            continue
        for item in parse_figures(sentence.text):
            if item.text.lower() in UNCOUNTED:
                continue  # 'Several drones crossed the border': no count to set against another
            figures.append(
                Figure(
                    source=parsed.article.id,
                    sentence=sentence.id,
                    text=item.text,
                    low=item.low,
                    high=item.high,
                    bound=Bound(item.bound),
                    unit=item.unit,
                    related=sentence.kind == "related",
                    earlier=bool(CHANGE_BEFORE.search(sentence.text[: item.start])),
                )
            )
    return figures
