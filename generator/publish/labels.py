"""Dates as a reader sees them, uncertainty included; shared by the pages and the exports."""

from __future__ import annotations

import datetime as dt

from generator.core.model import DateValue
from generator.core.types import ActorKind


def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso)


def _fmt(iso: str, with_year: bool = True) -> str:
    if len(iso) == 4:
        return iso
    if len(iso) == 7:
        return dt.date.fromisoformat(iso + "-01").strftime("%b %Y")
    day = _day(iso)
    return f"{day.day} {day.strftime('%b')}" + (f" {day.year}" if with_year else "")


def date_label(value: DateValue) -> str:
    """A date as a reader should see it, uncertainty included: '23 Nov 2025', 'between 23 and 27 Nov 2025'."""
    if value.precision == "range" and value.date and value.end:
        start, end = _day(value.date), _day(value.end)
        if (start.year, start.month) == (end.year, end.month):
            return f"{start.day}–{end.day} {end.strftime('%b %Y')}"
        return f"{_fmt(value.date, start.year != end.year)} – {_fmt(value.end)}"
    if value.precision == "approx":
        if value.after and value.before:
            if len(value.after) == len(value.before) == 10 and value.after[:7] == value.before[:7]:
                a, b = _day(value.after), _day(value.before)
                return f"between {a.day} and {b.day} {b.strftime('%b %Y')}"
            return f"between {_fmt(value.after)} and {_fmt(value.before)}"
        if value.after:
            return f"after {_fmt(value.after)}"
        if value.before:
            return f"before {_fmt(value.before)}"
        return "date uncertain"
    if value.date:
        return _fmt(value.date)
    return "undated"


def date_note(value: DateValue) -> str:
    """What the date was read from, for hover text."""
    return f"“{value.expression}” — {value.rule}" if value.expression else value.rule


KIND_HEADINGS = {  # the actors index's sections, in this order
    ActorKind.PERSON: "People",
    ActorKind.COUNTRY: "Countries",
    ActorKind.ORGANISATION: "Organisations",
    ActorKind.GROUP: "Groups",
    ActorKind.PLACE: "Places",
    ActorKind.MEDIA: "News media",
    ActorKind.OTHER: "Others",
}


def latest_key(value: DateValue) -> str:
    """How recent an entry is, for 'latest' lists and feeds: the first day it may be ('Nov 2025' is no later
    than 1 November), so a vague date never leads the news."""
    return value.date or value.after or value.before or ""
