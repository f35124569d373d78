"""The comparison page against the gold file's `comparison` section."""

from __future__ import annotations

from pathlib import Path

from generator.core.model import Site
from tests.test_safety import visible_text

A, B = "000_a5c0679ffe64ab60", "004_3dea35721438ec08"


def test_both_report(site: Site, built_site: Path) -> None:
    shared = site.comparison.shared
    # the 28-point plan, in both
    assert any(v.label == "28" and {c.source for c in v.citations} == {A, B} for v in site.plan_size)
    # Russia denies concessions: one statement, two wordings, both attributed to Ryabkov
    variant = next(v for v in site.comparison.quote_variants if v.speaker == "Sergey Ryabkov")
    assert {q.source for q in variant.quotes} == {A, B}
    # territorial concessions, military limits and a NATO ban in both
    for title in ("Cap on the size of Ukraine's armed forces (600,000)", "Ukraine gives up NATO membership",
                  "Ukraine hands over the parts of Donetsk and Luhansk it still holds"):  # fmt: skip
        assert title in shared["provisions"]
    # Europe named in both; a massive strike with drones and missiles in both
    europe = next(a for a in site.actors if a.name == "Europe")
    assert set(europe.mentions) == {A, B}
    rows = {r.unit: r for r in site.comparison.figure_rows}
    assert set(rows["drones"].by_source) == {A, B} and set(rows["missiles"].by_source) == {A, B}
    assert rows["drones"].verdict == "different times"  # 000: after Geneva; 004: Nov 29-30
    text = visible_text(built_site / "comparison.html")
    assert "Reported by more than one source" in text and "different times" in text


def test_only_in_000(site: Site) -> None:
    only = site.comparison.only_in[A]
    events = " ".join(only["events"])
    assert "met in Geneva" in events
    assert "Marco Rubio personally appeared before journalists" in events
    assert "Zelenskyy issued an address" in events
    assert any("600,000–800,000" in f for f in only["figures"])
    assert any(f.startswith("seven") for f in only["figures"]) and any("more than 20" in f for f in only["figures"])
    assert "Ukraine to answer by November 27" in only["provisions"]
    assert any(v.label == "19–24" and {c.source for c in v.citations} == {A} for v in site.plan_size)


def test_only_in_004(site: Site) -> None:
    events = " ".join(site.comparison.only_in[B]["events"])
    assert "a massive overnight assault launched dozens of missiles" in events.lower()


def test_page_shows_framing_and_marked_quote_differences(built_site: Path) -> None:
    page = (built_site / "comparison.html").read_text(encoding="utf-8")
    assert "<mark>no question</mark>" in page
    text = visible_text(built_site / "comparison.html")
    assert "Tone: neutral" in text or "Tone: negative" in text
    assert "bluff" in text and "killed" in text
    assert "Names spelled differently" in text and "U.S." in text
