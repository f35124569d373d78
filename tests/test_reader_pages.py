"""What a reader gets: no editor's hints, no empty page types, search snippets that read as text."""

from __future__ import annotations

import dataclasses
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.config import Story, load_story
from generator.core.model import Site
from generator.editor import lint
from generator.publish.navigation import prune_nav
from generator.publish.render import reader_pages
from generator.publish.urls import PAGES
from tests.commands import python_m
from tests.conftest import ROOT, STORY, build_project, copy_project
from tests.test_safety import visible_text

CRIME = ROOT / "tests" / "fixtures" / "devcorpus" / "crime"


@pytest.fixture(scope="module")
def plain_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The development corpus's crime story with no story file: no summary, no plan, no names."""
    seeds = tmp_path_factory.mktemp("crime-seeds")
    for path in sorted(CRIME.iterdir()):
        if path.name != "gold.yml":
            shutil.copy(path, seeds / path.name)
    project = copy_project(tmp_path_factory.mktemp("plain") / "project", seeds=seeds)
    (project / "story.yml").unlink()
    return project


@pytest.fixture(scope="module")
def plain_site(plain_project: Path) -> Path:
    out = plain_project.parent / "site"
    result = build_project(plain_project, out)
    assert result.returncode == 0, result.stderr
    return out


def _search_docs(site: Path) -> dict[str, dict]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return {doc["location"]: doc for doc in index["docs"]}


def _nav_titles(page: Path) -> list[str]:
    """The titles of the site's top navigation (Material's tabs) on one page."""
    tabs = re.search(r'<nav class="md-tabs".*?</nav>', page.read_text(encoding="utf-8"), re.S)
    assert tabs, page
    return [" ".join(t.split()) for t in re.findall(r'class="md-tabs__link[^"]*">(.*?)</a>', tabs.group(0), re.S)]


# ── 14: editors' hints go to `check`; empty page types are left out ─────────────


def test_a_story_without_summary_or_plan_shows_readers_no_editors_hints(plain_site: Path) -> None:
    home = visible_text(plain_site / "index.html")
    assert "An explainer built from 6 source articles." in home
    for hint in ("story file", "summary:", "provisions tracked", "nothing to track", "The plan at a glance"):
        assert hint not in home, hint
    pages = [p for p in sorted(plain_site.rglob("*.html")) if p.name != "about.html"]  # About tells how it is made
    assert [p.name for p in pages if "story file" in visible_text(p)] == []


def test_a_story_without_a_plan_has_no_plan_page_and_no_link_to_one(plain_site: Path) -> None:
    assert not (plain_site / "plan.html").exists()
    assert _nav_titles(plain_site / "index.html") == ["Home", "Timeline", "Actors", "Sources", "Comparison", "About"]
    linking = [p.name for p in plain_site.rglob("*.html") if re.search(r'href="(?:\.\./)*plan\.html', p.read_text())]
    assert linking == []
    assert not any(location.startswith("plan.html") for location in _search_docs(plain_site))
    actor_pages = sorted((plain_site / "actors").glob("*.html"))
    assert actor_pages and [p.name for p in actor_pages if "Stances on the plan" in p.read_text()] == []


def test_page_types_with_nothing_for_a_reader_are_left_out(site: Site) -> None:
    assert set(reader_pages(site)) == set(PAGES)
    one_source = dataclasses.replace(site, provisions=[], sources=site.sources[:1])
    assert set(PAGES) - set(reader_pages(one_source)) == {"plan", "comparison"}
    nav = [{"Home": "index.md"}, {"Plan tracker": "plan.md"}, {"More": [{"Compare": "comparison.md"}]}, "own.md"]
    assert prune_nav(nav, {"index.md"}) == [{"Home": "index.md"}, "own.md"]  # the editor's own entries stay


def test_the_seeds_story_keeps_its_plan_page(built_site: Path, site: Site) -> None:
    assert (built_site / "plan.html").is_file()
    nav = _nav_titles(built_site / "index.html")
    assert nav == ["Home", "Timeline", "Plan tracker", "Actors", "Sources", "Comparison", "About"]
    home = (built_site / "index.html").read_text(encoding="utf-8")
    assert f'<span class="stat-n">{len(site.provisions)}</span> provisions tracked</a>' in home


def test_check_lists_the_hints_readers_no_longer_see(site: Site) -> None:
    lines = [f.line() for f in lint(Story(), "story.yml", site, [])]
    assert "missing summary: story.yml: no `summary:`; the home page shows a count of articles instead" in lines
    assert "no plan: story.yml: no `plan:` with `provisions:`; the site has no plan tracker" in lines
    named = [f.line() for f in lint(load_story(STORY), "story.yml", site, []) if f.kind == "unnamed actor"]
    assert named == [
        f"unnamed actor: {name}: in story.yml but named in no article; keep it if later articles may name it"
        for name in ("Dmitry Peskov", "European Union", "Steve Witkoff")
    ]


def test_check_shows_the_hints_of_a_story_with_no_story_file(plain_project: Path, plain_site: Path) -> None:
    result = python_m("generator", "check", cwd=plain_project)
    assert result.returncode == 0, result.stdout + result.stderr  # hints are listed, not blocking
    assert "missing summary: story.yml: no `summary:`" in result.stdout
    assert "no plan: story.yml: no `plan:` with `provisions:`; the site has no plan tracker" in result.stdout


# ── 15: search snippets and labels read as text ─────────────────────────────────


def test_actor_search_snippet_separates_its_fields(built_site: Path) -> None:
    docs = _search_docs(built_site)
    text = docs["actors/sergey-ryabkov.html"]["text"]
    assert text.startswith(
        "Kind: person Role: Russian Deputy Foreign Minister Affiliation: Russia "
        "Named in the sources as: Sergey Ryabkov, "
    ), text
    actor_texts = [d["text"] for location, d in docs.items() if location.startswith("actors/")]
    run_together = re.compile(r"Kind\w|Role\w|sources as\w|\w(?:Mentions|First mention)")
    assert [t for t in actor_texts if run_together.search(t)] == []


def test_an_uncertain_date_says_so_once(built_site: Path) -> None:
    docs = _search_docs(built_site)
    undated = docs["timeline.html#m-uncertain"]
    assert undated["title"] == "Date uncertain" and "uncertain" not in undated["text"]
    latest = docs["index.html#latest-developments"]["text"]
    assert "between 23 and 27 Nov 2025 <p>" in latest and "uncertain" not in latest
    assert "badge-uncertain" not in (built_site / "timeline.html").read_text(encoding="utf-8")


def test_a_day_group_prints_its_date_once(built_site: Path) -> None:
    page = (built_site / "timeline.html").read_text(encoding="utf-8")
    month = page.split('data-month="2025-11"', 1)[1].split("</section>", 1)[0]
    days = re.findall(r'<h4 class="tl-day-label[^"]*"[^>]*>(\d+ \w+ \d{4})</h4>', month)
    assert "19 Nov 2025" in days and "23 Nov 2025" in days
    text = _search_docs(built_site)["timeline.html#m-2025-11"]["text"]
    for day in days:
        assert len(re.findall(rf"(?<![\d–])(?<!and ){re.escape(day)}", text)) == 1, day  # not "between 23 and 27"


def test_a_sites_section_label_is_not_shown_as_the_articles_category(built_site: Path) -> None:
    page = (built_site / "sources" / "004_3dea35721438ec08.html").read_text(encoding="utf-8")
    assert "Filed under" not in page and "articleSection" not in page
    clutter = page.split('id="set-aside-as-clutter"', 1)[1]
    assert page.count("CELEBRITY") == 1 and "<code>CELEBRITY</code>" in clutter  # listed as set aside, once


def test_a_month_dated_entry_is_not_dated_twice_and_a_past_treaty_is_background() -> None:
    from generator.build.pipeline import generate

    files = generate(ROOT / "tests" / "fixtures" / "devcorpus" / "negotiation", None, ROOT / "templates")
    page = files["timeline.md"]
    assert '<h3 class="tl-month-label" id="m-2025-07">July 2025</h3>' in page
    july = page[page.index('id="m-2025-07"') : page.index("</section>", page.index('id="m-2025-07"'))]
    assert ">Jul 2025</h4>" not in july  # the month's heading already says it
    background = [e for e in json.loads(files["data/timeline.json"])["events"] if e["kind"] == "background"]
    # without a story file, the 1987 accord (in articles of 2026) is background, not the story; July 2025 is
    assert [e["date"] for e in background] == ["1987-05"]
    assert " and 1 background date, from 6 sources." in page
