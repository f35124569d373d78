"""Ingest: body separated from clutter, titles, headings, metadata, encodings."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.config import EMPTY_STORY, parse_story
from generator.ingest.articles import IngestError, read_article

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def _article(stem: str):
    return read_article(next(SEEDS.glob(f"{stem}.*")), EMPTY_STORY)


@pytest.mark.parametrize("stem", ["000_a5c0679ffe64ab60", "004_3dea35721438ec08"])
def test_seed_clutter_lines_are_dropped_not_kept(gold: dict, stem: str) -> None:
    article = _article(stem)
    expected = gold["articles"][stem]
    dropped = {d.text for d in article.dropped}
    body = " ".join(b.text for b in article.blocks)
    for line in expected["boilerplate"]:
        assert line in dropped, f"{line!r} should be listed as dropped"
        if line != "See more":  # "See more" is a trailing fragment of the standfirst line
            assert line not in body
    assert "See more" not in body


def test_seed_000_image_file_names_all_dropped() -> None:
    article = _article("000_a5c0679ffe64ab60")
    images = [d for d in article.dropped if d.reason == "image file name"]
    assert len(images) == 4
    assert not any(".jpg" in b.text or ".jpeg" in b.text for b in article.blocks)


@pytest.mark.parametrize("stem", ["000_a5c0679ffe64ab60", "004_3dea35721438ec08"])
def test_seed_titles_categories_and_subheadings(gold: dict, stem: str) -> None:
    article = _article(stem)
    expected = gold["articles"][stem]
    assert article.title == expected["title"]
    assert article.category == expected["category"]
    assert [b.text for b in article.blocks if b.kind == "heading"] == expected["subheadings"]


def test_seed_004_related_links_footer_kept_as_related_coverage() -> None:
    article = _article("004_3dea35721438ec08")
    assert not any("days ago" in b.text for b in article.blocks)
    assert any(d.reason == "related coverage" and d.text.startswith("More on Russia") for d in article.dropped)
    headlines = [item.text for item in article.related]
    assert "Vladimir Putin plays down Ukraine peace plan as US envoys head to Moscow" in headlines
    outlets = {item.outlet for item in article.related}
    assert {"ft.com", "apnews.com", "New York Post"} <= outlets
    assert {"6 days ago", "2 days ago", "Today"} <= {item.age for item in article.related}


def test_seed_004_standfirst_separated_from_title() -> None:
    article = _article("004_3dea35721438ec08")
    assert article.blocks[0].kind == "standfirst"
    assert article.blocks[0].text.startswith("A promised peace deal collapses")
    assert article.blocks[0].text.endswith("heaviest strikes in weeks.")


def test_unknown_metadata_stays_unknown() -> None:
    meta = _article("000_a5c0679ffe64ab60").meta
    assert (meta.outlet, meta.url, meta.published) == (None, None, None)


def test_markdown_front_matter_gives_metadata(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_text(
        "---\noutlet: Example News\nurl: https://example.org/a\npublished: 2025-11-24\n---\n"
        "# Talks resume in Geneva\n\nDelegations met on Sunday, officials said.\nThe talks went on late.\n",
        encoding="utf-8",
    )
    article = read_article(path, EMPTY_STORY)
    assert article.title == "Talks resume in Geneva"
    assert article.meta.outlet == "Example News"
    assert article.meta.published == "2025-11-24"
    assert article.blocks[0].text == "Delegations met on Sunday, officials said. The talks went on late."


def test_story_file_metadata_used_when_file_has_none(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_text("A title\nSome body text that is long enough to be a paragraph.\n", encoding="utf-8")
    story = parse_story("sources:\n  x: {outlet: Wire, published: 2025-11-21}\n")
    assert read_article(path, story).meta.outlet == "Wire"


def test_sidecar_metadata(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("A title\nBody text of the article goes here.\n", encoding="utf-8")
    (tmp_path / "x.yml").write_text("outlet: Sidecar Times\nurl: https://example.org/x\n", encoding="utf-8")
    assert read_article(tmp_path / "x.txt", EMPTY_STORY).meta.outlet == "Sidecar Times"


def test_html_article_skips_scripts_and_navigation(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Ignored</title><script>alert(1)</script></head><body><nav>Home | World</nav>"
        "<h1>Envoys head to Moscow</h1><p>The envoys left on Monday.</p><style>p{}</style>"
        "<p onclick='x()'>They will meet officials.</p><footer>© Example</footer></body></html>",
        encoding="utf-8",
    )
    article = read_article(path, EMPTY_STORY)
    assert article.title == "Envoys head to Moscow"
    texts = [b.text for b in article.blocks]
    assert texts == ["The envoys left on Monday.", "They will meet officials."]


def test_windows_1252_is_read_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "latin.txt"
    path.write_bytes("Title\nThe caf\xe9 reopened \u2014 at last\n".encode("cp1252"))
    article = read_article(path, EMPTY_STORY)
    assert article.blocks[0].text == "The café reopened — at last"
    assert article.notes and "latin.txt:2: not UTF-8; read as Windows-1252" in article.notes[0]


def test_undecodable_bytes_are_refused_naming_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "odd.txt"
    path.write_bytes(b"Title\nbad \x81 byte\n")
    with pytest.raises(IngestError, match=r"odd\.txt:2: not UTF-8 \(byte 0x81\) nor Windows-1252"):
        read_article(path, EMPTY_STORY)


def test_bom_and_crlf_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffA headline\r\nFirst paragraph of the article body.\r\n".encode())
    article = read_article(path, EMPTY_STORY)
    assert article.title == "A headline"
    assert article.blocks[0].text == "First paragraph of the article body."


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_text("  \n\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"empty\.txt: no article text"):
        read_article(path, EMPTY_STORY)


def test_a_paragraph_that_says_ago_twice_is_body_and_a_headless_footer_is_related(tmp_path: Path) -> None:
    prose = (
        "Two days ago, the delegations met in Lisbon. Today the ministers signed the accord, and the strike that "
        "began three weeks ago Monday ended a week ago."
    )
    footer = (
        "Talks stall over port access2 hours agoreuters.comKremlin says the draft does not work3 days agoapnews.com"
        "Ministers head to Lisbon"
    )
    path = tmp_path / "talks.txt"
    path.write_text(f"Accord signed in Lisbon\n\n{prose}\n\n{footer}\n", encoding="utf-8")
    article = read_article(path, EMPTY_STORY)
    assert [b.text for b in article.blocks if b.kind == "paragraph"] == [prose]
    assert [d.reason for d in article.dropped if d.text == footer] == ["related coverage"]
    assert [(i.text, i.outlet, i.age) for i in article.related][:2] == [
        ("Talks stall over port access", None, "2 hours ago"),
        ("Kremlin says the draft does not work", "reuters.com", "3 days ago"),
    ]


def test_fields_set_side_by_side_are_page_furniture_not_body(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_text(
        "Dockers ratify the agreement\n\n"
        "Ref. DRWF/PR/2026/19 | 30 October 2026 | For immediate release\n\n"
        "Members of the Dock and Rail Workers' Federation voted to accept the agreement, the union said.\n\n"
        "A vote | a count | a result: this sentence has fields but ends like a sentence.\n\n"
        "Media contact: Jana Osterholm, Press Officer | +00 40 22 81 00\n",
        encoding="utf-8",
    )
    article = read_article(path, EMPTY_STORY)
    assert article.title == "Dockers ratify the agreement"
    assert [b.text[:7] for b in article.blocks] == ["Members", "A vote "]
    assert [d.reason for d in article.dropped] == ["page furniture", "page furniture"]


def test_an_editors_lock_swap_and_backup_files_are_not_articles_nor_part_of_the_stored_sites_key(
    tmp_path: Path,
) -> None:
    """Emacs' lock is a link to nothing ('.#name'), Vim's swap file is hidden, backups end in '~': editing an
    article while `mkdocs serve` runs must not make them articles, errors or a new site."""
    from generator.build.cache import BuildInputs
    from generator.build.site_cache import inputs_key
    from generator.ingest.articles import article_paths
    from tests.conftest import ROOT, SEEDS

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    for article in sorted(SEEDS.iterdir()):
        (seeds / article.name).write_bytes(article.read_bytes())
    inputs = BuildInputs(seeds, None, ROOT / "templates", tmp_path / "cache")
    before, key = article_paths(seeds), inputs_key(inputs)
    name = before[0].name
    (seeds / f".#{name}").symlink_to("someone@host.4242:1700000000")
    (seeds / f".{name}.swp").write_text("swap")
    (seeds / f"#{name}#").write_text("autosave")
    (seeds / f"{name}~").write_text("backup")
    (seeds / ".hidden.md").write_text("A hidden file is no article.\n")
    assert article_paths(seeds) == before and inputs_key(inputs) == key


def test_a_link_that_leads_back_to_itself_is_refused_in_one_line_and_left_out_of_the_inputs_key(
    tmp_path: Path,
) -> None:
    from generator.build.cache import BuildInputs
    from generator.build.site_cache import inputs_key
    from generator.ingest.articles import article_paths
    from tests.conftest import ROOT

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text("Talks resumed in Geneva on Sunday.\n", encoding="utf-8")
    inputs = BuildInputs(seeds, None, ROOT / "templates", tmp_path / "cache")
    key = inputs_key(inputs)
    (seeds / "loop.txt").symlink_to("loop.txt")
    (seeds / "through.txt").symlink_to("a.txt/b.txt")  # through a file: no such path either
    assert inputs_key(inputs) == key  # neither is a file a build reads
    with pytest.raises(IngestError, match=r"^seeds/loop\.txt: cannot be read \(Too many levels of symbolic links\)"):
        article_paths(seeds)
