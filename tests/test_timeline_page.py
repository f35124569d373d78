"""The built timeline page: plain date labels, background section, overview strip, links that resolve."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.core.model import Site
from tests.test_safety import visible_text


def test_dates_are_shown_plainly_with_their_precision(built_site: Path) -> None:
    text = visible_text(built_site / "timeline.html")
    for label in ("19 Nov 2025", "23 Nov 2025", "29–30 Nov 2025", "between 23 and 27 Nov 2025", "Nov 2025"):
        assert label in text, label
    assert "Date uncertain" in text  # "over the past week" with no publication date


def test_background_dates_have_their_own_section(built_site: Path) -> None:
    page = (built_site / "timeline.html").read_text(encoding="utf-8")
    story, background = page.split('id="background"', 1)
    assert "The 2004 Orange Revolution" in background and "The 2004 Orange Revolution" not in story
    assert "24 Feb 2022" in visible_text(built_site / "timeline.html")


def test_scheduled_dates_are_marked(built_site: Path) -> None:
    page = (built_site / "timeline.html").read_text(encoding="utf-8")
    deadline = re.search(r'<article class="tl-entry tl-scheduled".*?</article>', page, re.S)
    assert deadline and "scheduled" in deadline.group(0) and "27 Nov 2025" in deadline.group(0)


def test_date_hover_shows_expression_and_rule(built_site: Path) -> None:
    page = (built_site / "timeline.html").read_text(encoding="utf-8")
    assert 'title="“November 19” — month-day, year inferred"' in page


def test_overview_strip_links_to_entries_on_the_page(built_site: Path) -> None:
    page = (built_site / "timeline.html").read_text(encoding="utf-8")
    strip = re.search(r"<svg class=\"strip\".*?</svg>", page, re.S)
    assert strip, "the overview strip is rendered at build time"
    targets = re.findall(r'<a href="#(e-[^"]+)">', strip.group(0))
    assert len(targets) >= 8
    for target in targets:
        assert f'id="{target}"' in page
    assert "cdn" not in strip.group(0).lower() and "<script" not in strip.group(0)


def test_every_internal_link_and_anchor_of_the_site_resolves(built_site: Path) -> None:
    ids: dict[Path, set[str]] = {}
    pages = sorted(p for p in built_site.rglob("*.html") if p.name != "404.html")  # 404 uses absolute links
    for page in pages:
        ids[page] = set(re.findall(r'\bid="([^"]+)"', page.read_text(encoding="utf-8")))
    broken = []
    for page in pages:
        for href in re.findall(r'\bhref="([^"]+)"', page.read_text(encoding="utf-8")):
            if re.match(r"^(?:[a-z]+:|//)", href) or href.startswith("#__"):
                continue
            path, _, anchor = href.partition("#")
            target = (page.parent / path).resolve() if path else page
            missing_page = bool(path) and not target.exists()
            missing_anchor = bool(anchor) and target.suffix == ".html" and anchor not in ids.get(target, set())
            if missing_page or missing_anchor:
                broken.append(f"{page.relative_to(built_site)} -> {href}")
    assert broken == []


def test_search_indexes_entries_but_not_the_strip_or_controls(built_site: Path) -> None:
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    text = " ".join(doc["text"] for doc in index["docs"] if doc["location"].startswith("timeline.html"))
    assert "met in Geneva" in text  # the entries are searchable
    assert "Oldest first" not in text  # the order and actor controls are not
    assert "19 Nov 2025: American media" not in text  # nor the overview strip's labels (date: summary)
    page = (built_site / "timeline.html").read_text(encoding="utf-8")
    assert "19 Nov 2025: American media" in page  # which the page does carry


def test_home_and_timeline_state_the_same_counts(site: Site) -> None:
    from generator.build.pipeline import generate
    from tests.conftest import ROOT, SEEDS, STORY

    files = generate(SEEDS, STORY, ROOT / "templates")
    background = sum(1 for e in site.timeline if e.kind == "background")
    undated = sum(1 for e in site.timeline if e.kind != "background" and not (e.date.date or e.date.after))
    story = len(site.timeline) - background - undated
    assert undated == 1  # the seeds' 'Over the past week' with no publication date
    assert (
        f"{story} dated events of the story, 1 with no date and {background} background dates" in files["timeline.md"]
    )
    assert re.search(
        rf'stat-n">{story}</span> dated events<span class="stat-note"> and {background} background', files["index.md"]
    )


def test_entries_in_one_uncertain_window_follow_the_story(site: Site) -> None:
    window = [e for e in site.timeline if e.date.precision == "approx" and e.date.after == "2025-11-23"]
    order = [site.sentences[f"{e.citations[0].source}#{e.citations[0].sentence}"].index for e in window]
    assert len(window) >= 3 and order == sorted(order)


def test_one_ellipsis_on_the_site(site: Site) -> None:
    from generator.build.pipeline import generate
    from generator.core.text import shorten
    from tests.conftest import ROOT, SEEDS, STORY

    assert (
        shorten("Ukraine hands over the parts of Donetsk and Luhansk it does not hold", 40)
        == "Ukraine hands over the parts of…"
    )
    files = generate(SEEDS, STORY, ROOT / "templates")
    shortened = [m for text in files.values() for m in re.findall(r"\w\.\.\.</a>", text)]
    assert shortened == []  # a cut title ends with '…', as everywhere else
    assert any("…</a>" in text for text in files.values())


def test_an_entry_does_not_show_one_sentence_twice(site: Site) -> None:
    from generator.build.pipeline import generate
    from tests.conftest import ROOT, SEEDS, STORY

    page = generate(SEEDS, STORY, ROOT / "templates")["timeline.md"]
    for entry in re.findall(r'<article class="tl-entry.*?</article>', page, re.S):
        summary = re.search(r'<p class="tl-summary">(.*?)</p>', entry, re.S).group(1)  # type: ignore[union-attr]
        quoted = re.findall(r"<q[^>]*>(.*?)</q>", entry, re.S)
        assert all(q.rstrip(" .") != summary.rstrip(" .") for q in quoted), summary
    assert page.count('class="chip chip-source"') >= len(site.timeline)  # every entry still cites its sources
