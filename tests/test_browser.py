"""The built site in a real browser: Debian's Chromium driven by Playwright."""

from __future__ import annotations

import io
import shutil
from collections.abc import Iterator

import pytest

playwright_api = pytest.importorskip("playwright.sync_api")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
HIGHLIGHT = "rgb(255, 224, 138)"

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, served_site: str):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors: {errors}"


def test_home_to_timeline_to_a_highlighted_citation(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/index.html")
    assert "28-point peace plan" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Timeline", exact=True).first.click()
    page.wait_for_url("**/timeline.html")
    entry = page.locator("article.tl-entry", has_text="met in Geneva").first
    assert "23 Nov 2025" in entry.locator(".tl-date").inner_text()
    entry.locator("a.chip-source").first.click()
    page.wait_for_url("**/sources/000_a5c0679ffe64ab60.html#s-*")
    anchor = page.url.split("#", 1)[1]
    sentence = page.locator(f"[id='{anchor}']")
    assert sentence.inner_text().startswith("By November 23, representatives of Ukraine")
    assert sentence.is_visible()
    box = sentence.bounding_box()
    assert box is not None and 0 <= box["y"] < 900, "the cited sentence is scrolled into view"
    background = sentence.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == HIGHLIGHT
    other = page.locator(".sentence").first
    assert other.evaluate("el => getComputedStyle(el).backgroundColor") != HIGHLIGHT


def test_site_search_finds_a_source_sentence(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/index.html")
    search = page.locator("input.md-search__input")
    search.click()
    # Material builds its index in a web worker; type once it says it is ready.
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && m.textContent.trim() && !/initiali/i.test(m.textContent); }",
        timeout=30_000,
    )
    search.press_sequentially("Ryabkov", delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30_000)
    assert results.count() >= 1
    assert "Ryabkov" in page.locator(".md-search-result").inner_text()


def test_plan_tracker_shows_ukraine_stances(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/plan.html")
    row = page.locator("tr#p-cede-unoccupied-territory")
    assert "Ukraine rejects" in " ".join(row.inner_text().split())
    army = page.locator("tr#p-army-cap")  # only "media would report" Ukraine's word on it, at another figure
    assert "accepts" not in army.inner_text() and "no named stance" in army.inner_text()
    evidence = page.locator("tr#p-no-nato + tr.evidence-row")
    evidence.locator("details summary").click()
    reported = evidence.locator("details li", has_text="media would report")
    assert reported.first.is_visible()
    assert "mentioned · reported: could not agree · Ukraine" in " ".join(reported.first.inner_text().split())
    row = army
    page.select_option("select[data-filter-select='tracker']", "not mentioned")
    assert not row.is_visible()
    assert page.locator("tr#p-amnesty").is_visible()
    page.select_option("select[data-filter-select='tracker']", "")
    assert row.is_visible()


def test_timeline_order_toggle_and_actor_filter(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/timeline.html")
    first_label = page.locator("#tl-story .tl-day-label").first
    assert first_label.inner_text() == "19 Nov 2025"
    november = page.locator("#tl-story section.tl-month[data-month='2025-11'] .tl-day")
    days = [november.nth(i).locator(".tl-day-label").all_inner_texts() for i in range(november.count())]
    assert ["29–30 Nov 2025"] in days  # the month's days, labelled ...
    assert days[-1] == []  # ... then the entries dated by the month alone, under the month's own heading
    page.select_option("#tl-order", "desc")
    assert first_label.inner_text() != "19 Nov 2025"
    labels = page.locator("#tl-story .tl-day-label").all_inner_texts()
    assert labels[0] != "date uncertain"
    months = page.locator("#tl-story section.tl-month")
    assert months.last.get_attribute("data-month") == "uncertain"  # undated last in either order
    page.select_option("#tl-order", "asc")
    assert page.locator("#tl-story .tl-day-label").first.inner_text() == "19 Nov 2025"
    page.select_option("#tl-actor", "Marco Rubio")
    visible = page.locator("article.tl-entry:visible")
    assert visible.count() >= 2
    for i in range(visible.count()):
        assert "Marco Rubio" in visible.nth(i).get_attribute("data-actors")
    assert "events with Marco Rubio" in page.locator("#tl-count").inner_text()
    page.select_option("#tl-actor", "")
    assert page.locator("article.tl-entry:visible").count() == page.locator("article.tl-entry").count()


def test_key_dates_from_the_home_page_to_the_timelines_key_dates_view(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/index.html")
    days = page.locator("ol.key-dates li.key-date time")
    assert "23 Nov 2025" in days.all_inner_texts()
    page.get_by_role("link", name="These dates on the timeline").click()
    page.wait_for_url("**/timeline.html#key-dates")
    assert page.locator("#tl-view").input_value() == "key"
    visible = page.locator("article.tl-entry:visible")
    assert 0 < visible.count() < page.locator("article.tl-entry").count()
    for i in range(visible.count()):
        assert visible.nth(i).get_attribute("data-key") == "1"
    assert "events on key dates" in page.locator("#tl-count").inner_text()
    page.select_option("#tl-view", "")
    assert page.locator("article.tl-entry:visible").count() == page.locator("article.tl-entry").count()


def test_timeline_strip_readable_in_dark_mode(browser, served_site: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(color_scheme="dark", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{served_site}/timeline.html")
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    assert scheme == "slate"
    fill = page.locator("svg.strip circle").first.evaluate("el => getComputedStyle(el).fill")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert fill != background and fill not in ("none", "rgba(0, 0, 0, 0)")
    context.close()


PAGE_TYPES = ["index.html", "timeline.html", "plan.html", "comparison.html", "about.html", "actors/index.html",
              "actors/sergey-ryabkov.html", "sources/index.html", "sources/000_a5c0679ffe64ab60.html"]  # fmt: skip


@pytest.mark.parametrize("path", PAGE_TYPES)
def test_no_serious_accessibility_violation(page, served_site: str, path: str) -> None:  # type: ignore[no-untyped-def]
    axe = pytest.importorskip("axe_playwright_python.sync_playwright").Axe()
    page.goto(f"{served_site}/{path}")
    results = axe.run(page)
    serious = [
        f"{v['id']} ({v['impact']}): {v['nodes'][0]['target']}"
        for v in results.response["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def _luminance(png: bytes) -> float:
    """Mean brightness (0-255) of a screenshot."""
    from PIL import Image, ImageStat

    return ImageStat.Stat(Image.open(io.BytesIO(png)).convert("L")).mean[0]


@pytest.mark.parametrize("path", ["timeline.html", "plan.html"])
def test_light_and_dark_screenshots_are_each_readable(browser, served_site: str, path: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    shots = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto(f"{served_site}/{path}")
        shots[scheme] = page.screenshot(full_page=False)
        (tmp_path / f"{scheme}-{path}.png").write_bytes(shots[scheme])  # kept for a look when a test fails
        text = page.locator("article.md-content__inner").first
        color = text.evaluate("el => getComputedStyle(el).color")
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
        assert color != background, (scheme, color)
        context.close()
    light, dark = _luminance(shots["light"]), _luminance(shots["dark"])
    assert light > 170 and dark < 90, (light, dark)  # a light page and a dark page, not one theme twice


def test_print_layout_drops_navigation_and_opens_the_evidence(page, served_site: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{served_site}/plan.html")
    closed = page.locator("details:not([open])").count()
    assert closed > 0
    page.emulate_media(media="print")
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    for selector in (".md-header", ".md-tabs", ".md-sidebar--primary", ".md-footer"):
        assert page.locator(selector).first.evaluate("el => getComputedStyle(el).display") == "none", selector
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
    page.goto(f"{served_site}/timeline.html")
    page.emulate_media(media="print")
    assert page.locator(".tl-controls").evaluate("el => getComputedStyle(el).display") == "none"
    assert page.locator(".tl-entry").first.evaluate("el => getComputedStyle(el).breakInside") == "avoid"


def test_phone_sees_the_trackers_stances_and_a_readable_strip(browser, served_site: str) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(f"{served_site}/plan.html")
    cell = page.locator("tr#p-cede-unoccupied-territory td[data-label='Who stands where']")
    cell.scroll_into_view_if_needed()
    box = cell.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= 390 + 1  # on screen, no sideways scrolling
    assert "Ukraine" in cell.inner_text() and "rejects" in cell.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 391
    page.goto(f"{served_site}/timeline.html")
    label = page.locator("svg.strip text.strip-label").first
    label.scroll_into_view_if_needed()
    height = label.bounding_box()["height"]  # type: ignore[index]
    assert height >= 9, f"strip labels {height:.1f} px tall on a phone"
    context.close()
