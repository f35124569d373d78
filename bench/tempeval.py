"""Score the date taggers on TempEval-3 TimeML files, the TempEval-3 way.

    .venv/bin/python bench/tempeval.py PATH [--errors 10]

PATH is a folder of TimeML (.tml) files with gold `<TIMEX3>` tags, such as TempEval-3's training data
"TBAQ-cleaned" (TimeBank and AQUAINT, 256 news documents): it is public, in the TempEval-3 task's release
(SemEval 2013, task 1) and in public mirrors such as the repository qiangning/StructTempRel-EMNLP17
(`data/TempEval3/Training/TBAQ-cleaned/`). Nothing of it is copied here.

Only TIMEX3 inside `<TEXT>` count (the document creation time is the anchor, not scored). Relaxed match:
extents overlap; strict: identical. P, R and F1 over expressions; value and type F1 = attribute accuracy
on the relaxed matches × relaxed F1. Both the TIMEX3 tagger (`extract/timex`) and the site's event-date
finder (`extract/dates`, which has no durations, sets or references) are scored in this one run, with
the TIMEX3 tagger's speed. Results are printed and written to bench/tempeval-results.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.core.model import DateMention  # noqa: E402
from generator.extract.dates import DateContext, find_dates  # noqa: E402
from generator.extract.timex import tagger  # noqa: E402
from generator.extract.timex.output import window  # noqa: E402
from generator.extract.timex.tagger import tag  # noqa: E402

TAG = re.compile(r"<(/?)(\w+)([^>]*)>")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str


@dataclass
class Document:
    name: str
    dct: dt.date
    text: str
    gold: list[Span]


def read_timeml(path: Path) -> Document:
    """The text inside <TEXT> with its tags removed and entities decoded, and the gold TIMEX3 spans in it."""
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r"<DCT>.*?value=\"(\d{4}-\d{2}-\d{2})", raw, re.S)
    body = raw[raw.index("<TEXT>") + len("<TEXT>") : raw.index("</TEXT>")]
    parts: list[str] = []
    gold: list[Span] = []
    length, opened, position = 0, None, 0
    for match in TAG.finditer(body):
        chunk = html.unescape(body[position : match.start()])
        parts.append(chunk)
        length += len(chunk)
        position = match.end()
        if match.group(2) == "TIMEX3" and not match.group(1):
            opened = (length, dict(re.findall(r'(\w+)="([^"]*)"', match.group(3))))
        elif match.group(2) == "TIMEX3" and opened:
            start, attrs = opened
            gold.append(Span(start, length, attrs.get("type", ""), attrs.get("value", "")))
            opened = None
    parts.append(html.unescape(body[position:]))
    day = dt.date.fromisoformat(dct.group(1)) if dct else dt.date(2000, 1, 1)
    return Document(path.name, day, "".join(parts), gold)


def timex_tagger(document: Document) -> list[Span]:
    return [Span(t.start, t.end, t.type, t.value) for t in tag(document.text, document.dct)]


def site_tagger(document: Document) -> list[Span]:
    """The site's event-date finder, run paragraph by paragraph."""
    found = []
    for match in re.finditer(r"[^\n]+", document.text):
        ctx = DateContext(published=document.dct, year_for=lambda _position, year=document.dct.year: year)
        for mention in find_dates("s", match.group(0), ctx):
            value = site_value(mention)
            found.append(Span(match.start() + mention.start, match.start() + mention.end, "DATE", value))
    return found


def site_value(mention: DateMention) -> str:
    """The site's date in TIMEX3 notation: the tagger's value where the site's date is that value (a quarter,
    week or season as the window of days it covers), else the site's day, month or year, else the window's
    first day."""
    value, timex = mention.value, mention.timex
    if timex and (value.after, value.before) == window(timex) and value.after:
        return timex
    return value.date or value.after or "XXXX"


def same_value(gold: str, predicted: str) -> bool:
    """Values compared as TIMEX3 intends: week numbers with or without a leading zero are the same."""
    return re.sub(r"W0(\d)", r"W\1", gold) == re.sub(r"W0(\d)", r"W\1", predicted)


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    relaxed: int = 0
    strict: int = 0
    value: int = 0
    type: int = 0

    def f1(self, hits: int) -> float:
        p, r = hits / max(1, self.predicted), hits / max(1, self.gold)
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def row(self) -> dict[str, float]:
        relaxed = self.f1(self.relaxed)
        return {
            "strict P": 100 * self.strict / max(1, self.predicted), "strict R": 100 * self.strict / max(1, self.gold),
            "strict F1": 100 * self.f1(self.strict), "relaxed P": 100 * self.relaxed / max(1, self.predicted),
            "relaxed R": 100 * self.relaxed / max(1, self.gold), "relaxed F1": 100 * relaxed,
            "value F1": 100 * relaxed * self.value / max(1, self.relaxed),
            "type F1": 100 * relaxed * self.type / max(1, self.relaxed),
        }  # fmt: skip


@dataclass
class Errors:
    missed: Counter[str]
    spurious: Counter[str]
    values: Counter[str]


def score(documents: list[Document], tagger: Callable[[Document], list[Span]]) -> tuple[Score, dict, Errors]:
    total, by_type = Score(), {t: Score() for t in ("DATE", "TIME", "DURATION", "SET")}
    errors = Errors(Counter(), Counter(), Counter())
    for document in documents:
        predicted = tagger(document)
        total.gold += len(document.gold)
        total.predicted += len(predicted)
        used: set[int] = set()
        for gold in document.gold:
            kind = by_type.setdefault(gold.type, Score())
            kind.gold += 1
            hit = next((i for i, p in enumerate(predicted) if i not in used and p.start < gold.end and
                        p.end > gold.start), None)  # fmt: skip
            words = document.text[gold.start : gold.end].lower()
            if hit is None:
                errors.missed[f"{words} ({gold.type})"] += 1
                continue
            used.add(hit)
            p = predicted[hit]
            for counts in (total, kind):
                counts.relaxed += 1
                counts.strict += (p.start, p.end) == (gold.start, gold.end)
                counts.value += same_value(gold.value, p.value)
                counts.type += gold.type == p.type
            if not same_value(gold.value, p.value):
                errors.values[f"{words}: {gold.value} not {p.value}"] += 1
        for i, p in enumerate(predicted):
            if i not in used:
                errors.spurious[document.text[p.start : p.end].lower()] += 1
    for kind in by_type.values():
        kind.predicted = total.predicted
    return total, by_type, errors


def table(rows: dict[str, dict[str, float]]) -> list[str]:
    columns = list(next(iter(rows.values())))
    lines = ["| tagger | " + " | ".join(columns) + " |", "|---|" + "---:|" * len(columns)]
    lines += [f"| {name} | " + " | ".join(f"{v:.1f}" for v in row.values()) + " |" for name, row in rows.items()]
    return lines


def speed(documents: list[Document], runs: int = 3) -> float:
    words = sum(len(d.text.split()) for d in documents)
    best = min(_timed(documents) for _ in range(runs))
    return words / best


def _timed(documents: list[Document]) -> float:
    tagger._candidates.cache_clear()  # each run reads every text afresh (the tagger remembers recent sentences)
    start = time.perf_counter()
    for document in documents:
        tag(document.text, document.dct)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--errors", type=int, default=10)
    args = parser.parse_args()
    documents = [read_timeml(p) for p in sorted(args.path.rglob("*.tml"))]
    results = {name: score(documents, tagger) for name, tagger in (("TIMEX3 tagger", timex_tagger),
                                                                  ("site's event dates", site_tagger))}  # fmt: skip
    total, by_type, errors = results["TIMEX3 tagger"]
    lines = [
        "# TempEval-3 scores of the date taggers", "",
        f"`python bench/tempeval.py {args.path.name}`: {len(documents)} documents, {total.gold} gold TIMEX3 "
        f"expressions in `<TEXT>`; the creation date is the anchor. Published (TempEval-3 test set): HeidelTime "
        "relaxed F1 90.3, value F1 77.6, type F1 82.1.", "",
        *table({name: r[0].row() for name, r in results.items()}), "",
        "## TIMEX3 tagger by gold type (recall and attribute accuracy among that type's matches)", "",
        "| type | gold | relaxed R | value accuracy | type accuracy |", "|---|---:|---:|---:|---:|",
        *[f"| {t} | {s.gold} | {100 * s.relaxed / max(1, s.gold):.1f} | {100 * s.value / max(1, s.relaxed):.1f} | "
          f"{100 * s.type / max(1, s.relaxed):.1f} |" for t, s in by_type.items() if s.gold],
        "", f"Speed: {speed(documents):,.0f} words a second (the TIMEX3 tagger alone, one core, best of 3).", "",
    ]  # fmt: skip
    for title, counter in (("missed", errors.missed), ("spurious", errors.spurious), ("wrong value", errors.values)):
        lines.append(f"Most frequent {title}: " + "; ".join(f"{k} ×{v}" for k, v in counter.most_common(args.errors)))
        lines.append("")
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "tempeval-results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
