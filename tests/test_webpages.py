"""Web pages in: `read` shows what a build reads from a saved page; `add` takes addresses and saved pages.

The pages in tests/fixtures/pages were written here in the shapes of real sites (a wire story, a live blog, a
page behind a cookie banner with a paywall teaser, an AMP page, a date only in JSON-LD, a Windows-1251 page, a
page that states no date); a local HTTP server serves them, and the failures an address can give.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from generator.config import EMPTY_STORY
from generator.core.errors import IngestError
from generator.ingest.addpage import md_escaped
from generator.ingest.articles import read_article
from generator.ingest.fetch import fetch
from generator.ingest.page import reading
from generator.ingest.readers import markdown_lines
from tests.commands import python_m
from tests.conftest import ROOT

PAGES = ROOT / "tests" / "fixtures" / "pages"

# file: (title, outlet, published, where the date was read, a body sentence, furniture that must be set aside)
EXPECTED = {
    "wire.html": ("Harbour workers end strike after pay deal", "Northgate Wire", "2026-03-14",
                  "meta tag article:published_time", "Dock workers at Port Alder voted on Saturday",
                  ["Reporting by Marta Kowalczyk", "Share on Facebook", "Cranes stand idle", "Advertisement"]),
    "liveblog.html": ("Floods in the Velna valley: latest updates", "The Morning Ledger", "2026-05-02",
                      "JSON-LD datePublished", "The rail line between Brenn and Tolsk will stay closed",
                      ["Sign up for our morning briefing", "15:05 GMT"]),
    "cookies.html": ("City council approves new tram line", "Riverside Courier", "2026-09-08",
                     "<time> element", "Riverside city council voted 31 to 12 on Tuesday evening",
                     ["We use cookies to improve your experience", "Subscribe now for unlimited access"]),
    "amp.html": ("Museum returns looted bronzes to Benin City", "Coastal Herald", "2026-06-21",
                 "meta tag parsely-pub-date", "handed 21 bronze plaques back to Nigerian officials",
                 ["Politics"]),
    "jsonld.html": ("Wildfire forces evacuation of mountain villages", "Alpine Post", "2026-08-03",
                    "JSON-LD datePublished", "About 900 residents of three villages above Valmora",
                    ["Glacier retreat speeds up", "Most read"]),
    "cyrillic-1251.html": ("В Тольске открылся новый мост", "Тольские вести", "2026-10-02",
                           "meta tag article:published_time", "открылся новый автомобильный мост через реку Велну",
                           ["Главная Город Спорт"]),
    "undated.html": ("Volunteers restore the old lighthouse", "Bayside Weekly", None, None,
                     "restoring the lighthouse on Gull Point", []),
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_read_gives_the_article_its_metadata_and_what_was_set_aside(name: str) -> None:
    title, outlet, published, basis, sentence, furniture = EXPECTED[name]
    found = reading(PAGES / name)
    assert (found.title, found.outlet, found.published) == (title, outlet, published)
    assert (basis is None and found.published_basis is None) or (basis and basis in (found.published_basis or ""))
    assert sentence in found.body and title not in found.body.split("\n")
    aside = "\n".join(a.text for a in found.set_aside)
    for clutter in furniture:
        assert clutter not in found.body and clutter in aside, clutter
    assert all(a.reason and a.line > 0 for a in found.set_aside)


def test_a_live_blog_keeps_the_page_order_and_an_amp_page_its_canonical_address() -> None:
    blog = reading(PAGES / "liveblog.html").body.split("\n")
    rail = next(i for i, p in enumerate(blog) if p.startswith("The rail line"))
    river = next(i for i, p in enumerate(blog) if p.startswith("The Velna peaked"))
    assert blog[0].startswith("Rescue teams are working") and rail < river  # as the page lists them
    assert reading(PAGES / "amp.html").url == "https://www.coastalherald.example/culture/museum-returns-bronzes"


def cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return python_m("generator", *args, cwd=cwd, timeout=120)


def test_read_as_json_has_the_fields_an_editor_and_a_benchmark_read() -> None:
    result = cli("read", str(PAGES / "wire.html"), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert list(data) == ["title", "outlet", "url", "published", "published_basis", "body", "set_aside"]
    assert data["url"] == "https://wire.example.org/business/harbour-workers-end-strike-2026-03-14/"
    assert data["body"].startswith("Dock workers at Port Alder voted on Saturday")
    assert {"line", "text", "reason"} == set(data["set_aside"][0])
    missing = cli("read", str(PAGES / "nowhere.html"))
    assert missing.returncode == 2 and "nowhere.html: no such file" in missing.stderr


class Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        path = self.path.split("?")[0]
        if path == "/moved":
            self._answer(301, b"", "text/html", {"Location": "/jsonld.html"})
        elif path == "/loop":
            self._answer(302, b"", "text/html", {"Location": "/loop"})
        elif path == "/photo.png":
            self._answer(200, b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
        elif path == "/huge.html":
            self._answer(200, b"<p>" + b"word " * 1_100_000 + b"</p>", "text/html")
        elif path == "/slow.html":
            time.sleep(3)
            self._answer(200, b"<p>late</p>", "text/html")
        elif path == "/declared-1251.html":  # the server names the character set; the page itself does not
            page = (PAGES / "cyrillic-1251.html").read_bytes().replace(b"; charset=windows-1251", b"")
            self._answer(200, page, "text/html; charset=windows-1251")
        elif (PAGES / path.lstrip("/")).is_file():
            self._answer(200, (PAGES / path.lstrip("/")).read_bytes(), "text/html")
        else:
            self._answer(404, b"not here", "text/plain")

    def _answer(self, code: int, body: bytes, kind: str, headers: dict[str, str] | None = None) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Pages)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def written(result: subprocess.CompletedProcess[str], cwd: Path) -> list[Path]:
    return [cwd / line.removeprefix("wrote ") for line in result.stdout.splitlines() if line.startswith("wrote ")]


def test_add_by_address_writes_the_article_as_markdown_and_refuses_it_twice(site: str, tmp_path: Path) -> None:
    result = cli("add", f"{site}/wire.html", f"{site}/moved", "--seeds", "seeds", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    wire, moved = written(result, tmp_path)
    assert wire.name.startswith("2026-03-14-harbour-workers-end-strike-after-pay-deal-") and wire.suffix == ".md"
    header, body = wire.read_text(encoding="utf-8").removeprefix("---\n").split("---\n", 1)
    assert yaml.safe_load(header) == {
        "title": "Harbour workers end strike after pay deal", "outlet": "Northgate Wire", "published": "2026-03-14",
        "url": "https://wire.example.org/business/harbour-workers-end-strike-2026-03-14/"}  # fmt: skip
    assert "Share on Facebook" not in body and "Reporting by" not in body
    again = read_article(wire, EMPTY_STORY)  # the seed reads back as the page read
    assert [b.text for b in again.blocks] == reading(PAGES / "wire.html").body.split("\n")
    assert moved.name.startswith("2026-08-03-wildfire-forces-evacuation")  # the redirect was followed
    assert "url: " + site + "/jsonld.html" in moved.read_text(encoding="utf-8")  # no canonical: where it was read
    repeats = cli("add", f"{site}/wire.html?utm_source=feed", str(PAGES / "wire.html"), f"{site}/jsonld.html",
                  "--seeds", "seeds", cwd=tmp_path)  # fmt: skip
    lines = repeats.stderr.strip().splitlines()
    assert repeats.returncode == 2 and len(lines) == 3 and repeats.stdout == ""
    assert all(f"already in the seeds folder as seeds/{wire.name} (same address)" in line for line in lines[:2])
    assert lines[2].endswith(f"already in the seeds folder as seeds/{moved.name} (same address)")
    copy = tmp_path / "copy.html"  # the same text under another address
    copy.write_text((PAGES / "cookies.html").read_text(encoding="utf-8"), encoding="utf-8")
    assert cli("add", str(PAGES / "cookies.html"), "--seeds", "seeds", cwd=tmp_path).returncode == 0
    twin = cli("add", str(copy), "--url", "https://elsewhere.example/tram", "--seeds", "seeds", cwd=tmp_path)
    assert twin.returncode == 2 and "(same text)" in twin.stderr
    assert len(list((tmp_path / "seeds").iterdir())) == 3  # wire, moved and cookies: nothing else, no leftovers


def test_every_failed_address_is_one_line_and_writes_nothing(site: str, tmp_path: Path) -> None:
    addresses = [f"{site}/missing.html", f"{site}/photo.png", f"{site}/huge.html", f"{site}/loop",
                 "http://127.0.0.1:9/closed", "ftp://example.org/page", "not-a-page.pdf"]  # fmt: skip
    result = cli("add", *addresses, "--seeds", "seeds", cwd=tmp_path)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == 2 and result.stdout == "" and len(lines) == len(addresses), result.stderr
    for address, line in zip(addresses, lines, strict=True):
        assert line.startswith(f"error: {address}: "), line
    assert "404" in lines[0] and "image/png" in lines[1] and "MB" in lines[2] and "redirect" in lines[3]
    assert not (tmp_path / "seeds").exists() or not any((tmp_path / "seeds").iterdir())


def test_a_slow_server_times_out_and_a_declared_character_set_is_followed(site: str) -> None:
    with pytest.raises(IngestError, match=r"slow\.html: no answer within 0\.5 s"):
        fetch(f"{site}/slow.html", timeout=0.5)
    page = fetch(f"{site}/declared-1251.html")
    assert page.charset == "cp1251" and "открылся новый автомобильный мост" in page.text


@given(st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=80))
@settings(max_examples=300, deadline=None)
def test_a_paragraph_written_as_markdown_reads_back_the_same(text: str) -> None:
    text = " ".join(text.split())
    assume(text)
    (line,) = markdown_lines(md_escaped(text))
    assert (line.text, line.heading) == (text, 0)


ODD_PAGES = {
    "a transform codec declared": b'<meta charset="base64"><p>' + b"The council met on Monday to vote. " * 5 + b"</p>",
    "UTF-16 declared in ASCII": b'<meta charset="utf-16"><p>' + b"The council met on Monday to vote. " * 5 + b"</p>",
    "JSON-LD nested too deep": b'<script type="application/ld+json">' + b"[" * 100_000 + b"</script><p>"
    + b"The council met on Monday to vote. " * 5 + b"</p>",
}  # fmt: skip


@pytest.mark.parametrize("case", sorted(ODD_PAGES))
def test_odd_pages_read_without_a_traceback(case: str, tmp_path: Path) -> None:
    found = reading(tmp_path / "odd.html", data=ODD_PAGES[case])
    assert "The council met on Monday to vote." in found.body and found.published is None


def test_add_ignores_metadata_files_where_it_runs(site: str, tmp_path: Path) -> None:
    (tmp_path / "undated.yml").write_text("outlet: Someone Else\npublished: 2020-01-01\n", encoding="utf-8")
    (tmp_path / "page.yml").write_text("outlet: Someone Else\n", encoding="utf-8")
    result = cli("add", f"{site}/undated.html", "--seeds", "seeds", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (seed,) = written(result, tmp_path)
    text = seed.read_text(encoding="utf-8")
    assert seed.name.startswith("undated-") and "outlet: Bayside Weekly" in text and "published" not in text
