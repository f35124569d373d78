"""What a server sets up: its pages' canonical addresses, worked out once per pair of addresses, are MkDocs' own."""

from __future__ import annotations

import signal
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.build import serving
from tests.conftest import ROOT


def test_a_servers_pages_have_the_addresses_mkdocs_gives_them(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    config.plugins._current_plugin = "explainer"
    paths = ("index.md", "actors/ann-envoy.md", "timeline/2025-11.md", "sources/a b.md")
    bases = ("http://127.0.0.1:8000/", "https://example.org/site", "https://example.org/site/", None)

    asked: list[str] = []
    rounds: list[int] = []

    def addresses(make_page: bool) -> list[tuple[str | None, str | None]]:
        found = []
        for _round in range(2):  # the second from what the first kept
            for base in bases:
                for path in paths:
                    page = Page(None, File.generated(config, path, content="# A page\n"), config)
                    page._set_canonical_url(base) if make_page else serving._MKDOCS(page, base)
                    found.append((page.canonical_url, page.abs_url))
            rounds.append(len(asked))
        return found

    mkdocs = serving._MKDOCS
    monkeypatch.setattr(serving, "_MKDOCS", lambda page, base: asked.append(page.url) or mkdocs(page, base))
    handler = signal.getsignal(signal.SIGTERM)
    try:
        serving.start(dirty=False)
        kept = addresses(True)
    finally:
        monkeypatch.undo()
        serving.stop()
        signal.signal(signal.SIGTERM, handler)
    assert rounds[0] == rounds[1] >= len(paths) * len(bases)  # MkDocs asked once per pair of addresses, then kept
    assert kept == addresses(False)
    assert ("https://example.org/site/actors/ann-envoy.html", "/site/actors/ann-envoy.html") in kept
    assert Page._set_canonical_url is serving._MKDOCS and not serving._KNOWN  # MkDocs' own once the server stops


def test_a_servers_pages_are_dated_as_mkdocs_dates_them(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from mkdocs.structure import pages

    config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
    config.plugins._current_plugin = "explainer"
    handler = signal.getsignal(signal.SIGTERM)
    dates = []
    try:
        serving.start(dirty=False)
        for epoch in ("1764000000", "1764100000", "1764000000", None):
            if epoch is None:
                monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
            else:
                monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
            page = Page(None, File.generated(config, "index.md", content="# Home\n"), config)
            dates.append((page.update_date, serving._BUILD_DATE()))
        assert sorted(serving._DATES) == ["1764000000", "1764100000"]  # one answer kept per value
    finally:
        serving.stop()
        signal.signal(signal.SIGTERM, handler)
    assert all(kept == mkdocs for kept, mkdocs in dates) and dates[0][0] == "2025-11-24" != dates[1][0]
    assert pages.get_build_date is serving._BUILD_DATE


def test_the_published_address_is_the_configurations_whatever_a_server_set(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """`mkdocs serve` sets `site_url` to its own address after loading the configuration: the generator is given
    the address the file (or the command line) gives, checked as MkDocs checks it."""
    for given, expected in [(None, None), ("https://example.org/site", "https://example.org/site/")]:
        if given is None:
            monkeypatch.delenv("SITE_URL", raising=False)
        else:
            monkeypatch.setenv("SITE_URL", given)  # mkdocs.yml: site_url: !ENV [SITE_URL, ""]
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
        assert config.site_url == (expected or "")
        config.site_url = "http://127.0.0.1:8000/"  # what the server does
        assert serving.published_address(config) == expected
    override = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path), site_url="http://x.org/a")
    override.site_url = "http://127.0.0.1:8000/a/"
    assert serving.published_address(override) == "http://x.org/a/"  # a setting given after the file's wins


def test_a_site_with_no_address_is_served_with_none_and_one_with_an_address_as_mkdocs_serves_it(
    tmp_path: Path, monkeypatch  # type: ignore[no-untyped-def]
) -> None:
    for given, served in [(None, ""), ("https://example.org/site/", "http://127.0.0.1:8000/site/")]:
        if given is None:
            monkeypatch.delenv("SITE_URL", raising=False)
        else:
            monkeypatch.setenv("SITE_URL", given)
        config = load_config(config_file=str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path))
        config.site_url = "http://127.0.0.1:8000/" if given is None else served  # what the server does
        serving.keep_no_address(config)
        assert config.site_url == served
    (tmp_path / "docs").mkdir()
    (tmp_path / "bare.yml").write_text("site_name: Bare\n", encoding="utf-8")  # no site_url at all: None when built
    bare = load_config(config_file=str(tmp_path / "bare.yml"), site_dir=str(tmp_path / "site"))
    assert bare.site_url is None
    bare.site_url = "http://127.0.0.1:8000/"
    serving.keep_no_address(bare)
    assert bare.site_url is None  # as built: the theme's cache key tells None and "" apart
