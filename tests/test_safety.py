"""Untrusted article text shows as text: no script, handler, javascript: URL or template evaluation."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import feedparser
import icalendar
import pytest

from tests.conftest import build_project, copy_project

HOSTILE_TXT = """Hostile <script>alert('txt')</script> headline
The envoy said {{ 7*7 }} and {% include 'x' %} and {# comment #} were fine on November 21, 2025.
A link [x](javascript:alert(1)) and an image <img src=x onerror=alert(1)> appeared.
Snippets --8<-- "mkdocs.yml" and attributes {: onclick="alert(1)" } and !!! danger "admonition" too.
A table breaker | with * stars * and `code` and <iframe src="https://example.org"></iframe> here.
"""
HOSTILE_MD = """---
outlet: <b>Bold Outlet</b>
url: https://example.org/a?b=<script>alert(1)</script>
published: 2025-11-22
---
# <script>alert('md')</script> Title

Paragraph with <style>body{display:none}</style> and [click](javascript:alert(2)) in it on November 22.

<div onmouseover="alert(3)">raw block</div>
"""
HOSTILE_HTML = """<html><body><h1 onclick="alert(4)">Injected &lt;b&gt; heading</h1>
<p>Text with <a href="javascript:alert(5)">a link</a> and <img src=x onerror="alert(6)"> inside.</p>
<script>alert(7)</script></body></html>
"""
STORY = """title: "A <script>alert('story')</script> story | with *stars*"
summary: "Summary with {{ 7*7 }} and <img src=x onerror=alert(8)>"
actors:
  - name: "Envoy | *Star*"
    kind: person
    aliases: [envoy]
"""


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []
        self._in_script = self._json_ld = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=...>")
            if name in ("href", "src", "action") and value and value.strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}={value}>")
        if tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        self._in_script = tag == "script"
        self._json_ld = tag == "script" and ("type", "application/ld+json") in attrs

    def handle_endtag(self, tag: str) -> None:
        self._in_script = self._json_ld = False

    def handle_data(self, data: str) -> None:
        if self._json_ld:  # data, not code: it must parse as JSON and hold no markup
            try:
                json.loads(data)
            except ValueError:
                self.problems.append(f"JSON-LD that is not JSON: {data[:40]}")
            if "<" in data:
                self.problems.append(f"markup in JSON-LD: {data[:40]}")
        elif self._in_script and "alert" in data:
            self.problems.append(f"script: {data[:40]}")


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("hostile")
    seeds = base / "seeds"
    seeds.mkdir()
    (seeds / "hostile.txt").write_text(HOSTILE_TXT, encoding="utf-8")
    (seeds / "hostile-md.md").write_text(HOSTILE_MD, encoding="utf-8")
    (seeds / "hostile-html.html").write_text(HOSTILE_HTML, encoding="utf-8")
    project = copy_project(base / "project", seeds=seeds, story=STORY)
    out = base / "site"
    result = build_project(project, out)
    assert result.returncode == 0, result.stderr
    return out


def test_no_executable_content_from_articles(hostile_site: Path) -> None:
    pages = sorted(hostile_site.rglob("*.html"))
    assert len(pages) > 8
    for page in pages:
        collector = _Collector()
        collector.feed(page.read_text(encoding="utf-8"))
        assert collector.problems == [], f"{page.name}: {collector.problems}"


class _VisibleText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in ("script", "style", "head"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(path: Path) -> str:
    parser = _VisibleText()
    parser.feed(path.read_text(encoding="utf-8"))
    return " ".join(" ".join(parser.parts).split())


def test_hostile_text_is_shown_as_text(hostile_site: Path) -> None:
    text = visible_text(hostile_site / "sources" / "hostile.html")
    assert "Hostile <script>alert('txt')</script> headline" in text
    assert "The envoy said {{ 7*7 }} and {% include 'x' %} and {# comment #} were fine" in text
    assert "[x](javascript:alert(1))" in text and "<img src=x onerror=alert(1)>" in text
    assert 'Snippets --8<-- "mkdocs.yml" and attributes {: onclick="alert(1)" }' in text
    home = visible_text(hostile_site / "index.html")
    assert "Summary with {{ 7*7 }} and <img src=x onerror=alert(8)>" in home
    assert "A <script>alert('story')</script> story | with *stars*" in home


def test_untrusted_url_is_not_linked(hostile_site: Path) -> None:
    page = (hostile_site / "sources" / "hostile-md.html").read_text(encoding="utf-8")
    assert 'href="javascript' not in page
    assert "<b>Bold Outlet</b>" in visible_text(hostile_site / "sources" / "hostile-md.html")


def test_markdown_table_breakers_in_names_stay_in_their_cell(hostile_site: Path) -> None:
    assert "Envoy | *Star*" in visible_text(hostile_site / "actors" / "index.html")


def test_exports_of_hostile_articles_parse_and_carry_no_markup(hostile_site: Path) -> None:
    raw = (hostile_site / "feed.xml").read_bytes()
    assert not feedparser.parse(raw).bozo
    tags = {element.tag for element in ElementTree.fromstring(raw).iter()}
    assert all(tag.startswith("{http://www.w3.org/2005/Atom}") for tag in tags), tags  # no element from an article
    timelinejs = json.loads((hostile_site / "data" / "timelinejs.json").read_text(encoding="utf-8"))
    assert "<script" not in json.dumps(timelinejs, ensure_ascii=False).lower()
    icalendar.Calendar.from_ical((hostile_site / "data" / "timeline.ics").read_bytes())
    page = (hostile_site / "sources" / "hostile.html").read_text(encoding="utf-8")
    found = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    assert json.loads(found[0])["headline"] == "Hostile <script>alert('txt')</script> headline"
