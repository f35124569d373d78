"""What the tagger's public face prints: records (one per expression, for JSON Lines), TimeML, and text lines."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from html import escape

from generator.extract.timex.tagger import Timex

SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}


def precision(value: str) -> str:
    """How exactly a TIMEX3 value is known: day, month, week, quarter, year, time, duration, set, reference."""
    patterns = [
        (r"\d{4}-\d\d-\d\dT.*", "time"), (r"\d{4}-\d\d-\d\d", "day"), (r"\d{4}-\d\d", "month"),
        (r"\d{4}-W\d\d?(-WE)?", "week"), (r"\d{4}-Q\d", "quarter"), (r"\d{4}-H\d", "half"),
        (r"\d{4}-(SP|SU|FA|WI)", "season"), (r"\d{4}", "year"), (r"\d{3}", "decade"), (r"\d\d", "century"),
        (r"P.*", "duration"), (r"(PRESENT|PAST|FUTURE)_REF", "reference"),
    ]  # fmt: skip
    return next((name for pattern, name in patterns if re.fullmatch(pattern, value)), "unknown")


def window(value: str) -> tuple[str | None, str | None]:
    """The first and last day a calendar value covers (None where it is not a span of days)."""
    try:
        return _window(value)
    except (OverflowError, ValueError):  # a week or season past the calendar's end
        return None, None


def _window(value: str) -> tuple[str | None, str | None]:
    kind = precision(value)
    year = int(value[:4]) if kind in ("month", "week", "quarter", "half", "season", "year") else 0
    if kind == "month":
        month = int(value[5:7])
        return f"{value}-01", f"{value}-{calendar.monthrange(year, month)[1]:02d}"
    if kind == "week":
        monday = dt.date.fromisocalendar(year, int(re.search(r"W(\d+)", value).group(1)), 1)  # type: ignore[union-attr]
        start = monday + dt.timedelta(days=5) if value.endswith("-WE") else monday
        return start.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if kind in ("quarter", "half", "season"):
        first, last = (
            {"quarter": lambda n: (3 * n - 2, 3 * n), "half": lambda n: (6 * n - 5, 6 * n)}[kind](int(value[-1]))
            if kind != "season" else SEASON_MONTHS[value[-2:]]
        )  # fmt: skip
        end_year, end_month = year + (last - 1) // 12, (last - 1) % 12 + 1
        end_day = calendar.monthrange(end_year, end_month)[1]
        return f"{year}-{first:02d}-01", f"{end_year}-{end_month:02d}-{end_day:02d}"
    if kind == "year":
        return f"{value}-01-01", f"{value}-12-31"
    return None, None


def record(found: Timex, file: str) -> dict[str, object]:
    """One expression as the `dates --format jsonl` contract has it."""
    after, before = window(found.value)
    return {
        "file": file, "start": found.start, "end": found.end, "text": found.text, "type": found.type,
        "value": found.value, "precision": precision(found.value), "after": after, "before": before,
        "rule": found.rule, "role": "when" if found.type in ("DATE", "TIME") else None, "mod": found.mod or None,
    }  # fmt: skip


def timeml(text: str, expressions: list[Timex]) -> str:
    """The text with a <TIMEX3> tag around every expression (XML-escaped, so the result parses)."""
    out, position = [], 0
    for number, found in enumerate(expressions, start=1):
        out.append(escape(text[position : found.start], quote=False))
        mod = f' mod="{found.mod}"' if found.mod else ""
        out.append(f'<TIMEX3 tid="t{number}" type="{found.type}" value="{escape(found.value)}"{mod}>')
        out.append(escape(found.text, quote=False) + "</TIMEX3>")
        position = found.end
    out.append(escape(text[position:], quote=False))
    return "<TimeML>\n<TEXT>" + "".join(out) + "</TEXT>\n</TimeML>\n"


def line(found: Timex, text: str) -> str:
    """One expression for people: where, what it says, what it means."""
    row = text.count("\n", 0, found.start) + 1
    mod = f" ({found.mod.lower()})" if found.mod else ""
    return f"{row}:{found.start}-{found.end}  {found.type:<8}  {found.value}{mod}  “{found.text}”  [{found.rule}]"
