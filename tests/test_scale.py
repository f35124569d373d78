"""Caching and parallel extraction: same output, and only changed articles are extracted again."""

from __future__ import annotations

import hashlib
import shutil
from html import unescape
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.build.pipeline as pipeline
import generator.build.settings as build_settings
from generator.build.cache import BuildInputs
from generator.build.pipeline import build_site_data, generate
from generator.build.site_cache import cached_build
from generator.core.model import Site
from generator.publish.rawhtml import ANCHORS, raw_anchors, restore_raw, stash_raw
from generator.publish.render import render_site
from tests.conftest import ROOT, SEEDS, STORY

RAW_EXTENSION = "generator.publish.rawhtml"  # the Markdown extension Zensical's builds use


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    calls: list[str] = []
    original = pipeline._extract_one

    def counting(article):  # type: ignore[no-untyped-def]
        calls.append(article.id)
        return original(article)

    monkeypatch.setattr(pipeline, "_extract_one", counting)
    return calls


def test_warm_build_extracts_nothing_and_gives_the_same_site(tmp_path: Path, counted: list[str]) -> None:
    cache = tmp_path / "cache"
    cold = render_site(build_site_data(SEEDS, STORY, cache), ROOT / "templates")
    assert sorted(counted) == ["000_a5c0679ffe64ab60", "004_3dea35721438ec08"]
    counted.clear()
    warm = render_site(build_site_data(SEEDS, STORY, cache), ROOT / "templates")
    assert counted == [] and warm == cold
    assert cold == generate(SEEDS, STORY, ROOT / "templates")  # and the same as without a cache


def test_adding_one_article_extracts_only_that_one(tmp_path: Path, counted: list[str]) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    cache = tmp_path / "cache"
    build_site_data(seeds, STORY, cache)
    counted.clear()
    (seeds / "new.txt").write_text("New talks\nOn December 4, 2025, envoys met again in Geneva.\n", encoding="utf-8")
    build_site_data(seeds, STORY, cache)
    assert counted == ["new"]


def test_changing_the_story_file_invalidates_the_cache(tmp_path: Path, counted: list[str]) -> None:
    cache = tmp_path / "cache"
    build_site_data(SEEDS, STORY, cache)
    counted.clear()
    story = tmp_path / "story.yml"
    story.write_text(STORY.read_text(encoding="utf-8").replace("reference_year: 2025", "reference_year: 2024"))
    build_site_data(SEEDS, story, cache)
    assert len(counted) == 2


def test_deleted_or_broken_cache_files_are_just_misses(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first = render_site(build_site_data(SEEDS, STORY, cache), ROOT / "templates")
    for path in cache.rglob("*.json"):
        path.write_bytes(b"not JSON")
    assert render_site(build_site_data(SEEDS, STORY, cache), ROOT / "templates") == first
    shutil.rmtree(cache)
    assert render_site(build_site_data(SEEDS, STORY, cache), ROOT / "templates") == first


def test_output_is_identical_for_any_number_of_jobs() -> None:
    one = render_site(build_site_data(SEEDS, STORY, None, jobs=1), ROOT / "templates")
    two = render_site(build_site_data(SEEDS, STORY, None, jobs=2), ROOT / "templates")
    assert one == two


def test_unchanged_input_is_served_whole_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    cache = tmp_path / "cache"
    first = cached_build(BuildInputs(seeds, STORY, ROOT / "templates", cache))
    calls: list[int] = []
    monkeypatch.setattr(pipeline, "build_site_data", lambda *args, **kwargs: calls.append(1))
    assert cached_build(BuildInputs(seeds, STORY, ROOT / "templates", cache)) == first and calls == []
    (seeds / "000_a5c0679ffe64ab60.txt").write_text("Changed\nOn December 9, 2025, something else happened.\n")
    with pytest.raises(AttributeError):  # a changed seed misses the site cache and builds again
        cached_build(BuildInputs(seeds, STORY, ROOT / "templates", cache))
    assert calls == [1]


def test_the_site_is_kept_file_by_file_and_an_altered_file_is_a_miss(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    cache = tmp_path / "cache"
    inputs = BuildInputs(seeds, STORY, ROOT / "templates", cache)
    first = cached_build(inputs)
    stored = cache / "site"

    def kept() -> set[str]:
        return {p.name for p in stored.glob("??/*")}

    assert kept() == {hashlib.sha1(c.encode()).hexdigest() for c in first.files.values()}  # each content once
    built: list[int] = []
    original = pipeline.build_outputs
    monkeypatch.setattr(pipeline, "build_outputs", lambda given: built.append(1) or original(given))
    assert cached_build(inputs) == first and built == []
    timeline = stored / (name := hashlib.sha1(first.files["timeline.md"].encode()).hexdigest())[:2] / name
    timeline.write_bytes(timeline.read_bytes().replace(b"Geneva", b"Genf"))  # altered in the cache
    assert cached_build(inputs) == first and built == [1]  # a miss, built again and stored whole
    assert cached_build(inputs) == first and built == [1]
    timeline.unlink()
    assert cached_build(inputs) == first and built == [1, 1] and timeline.is_file()  # a lost file: the same
    (seeds / "000_a5c0679ffe64ab60.txt").write_text("Changed\nOn December 9, 2025, something else happened.\n")
    second = cached_build(BuildInputs(seeds, STORY, ROOT / "templates", cache))
    assert kept() == {hashlib.sha1(c.encode()).hexdigest() for c in second.files.values()}  # the last site only
    assert [p.name for p in cache.glob("site-*.json")] != [] and len(list(cache.glob("site-*.json"))) == 1


def test_extractions_are_keyed_by_the_code_of_the_stages_that_make_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from generator.build import cache as caches

    package = tmp_path / "generator"
    shutil.copytree(caches.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(caches, "PACKAGE", package)

    def keys() -> tuple[str, str]:
        fingerprint = caches.code_fingerprint.__wrapped__  # type: ignore[attr-defined]
        return fingerprint(caches.EXTRACTION_STAGES), fingerprint()

    before = keys()
    (package / "extract" / "__pycache__").mkdir()
    (package / "extract" / "__pycache__" / "quotes.cpython-311.pyc").write_bytes(b"compiled")
    assert keys() == before  # compiled files are no code of their own
    (package / "publish" / "render.py").write_text("# a page changed\n", encoding="utf-8")
    (package / "build" / "site_cache.py").write_text("# the site kept otherwise\n", encoding="utf-8")
    after = keys()
    assert after[0] == before[0] and after[1] != before[1]  # the site is built again, no article extracted
    (package / "build" / "pipeline.py").write_text("# articles handed to the model otherwise\n", encoding="utf-8")
    assert keys()[0] != after[0]
    after = keys()
    (package / "nlp" / "data" / "first_names.tsv").write_text("Ada\tfemale\n", encoding="utf-8")
    words = keys()
    assert words[0] != after[0] and words[1] != after[1]  # a word list is code too
    (package / "extract" / "quotes.py").write_text("# quotes read otherwise\n", encoding="utf-8")
    assert keys()[0] != words[0]


def test_raw_html_blocks_skip_markdown_and_come_back_unchanged() -> None:
    page = "# Title\n\n<!--raw-->\n<div><p>*not emphasis* &amp; <b>kept</b></p></div>\n<!--/raw-->\n\nText **bold**.\n"
    markdown, blocks = stash_raw(page)
    assert blocks == ["<div><p>*not emphasis* &amp; <b>kept</b></p></div>\n"]  # a blank line follows it, as written
    assert "<div>" not in markdown and "explainerraw0" in markdown
    html = "<h1>Title</h1>\n<p>explainerraw0</p>\n<p>Text <strong>bold</strong>.</p>"
    assert restore_raw(html, blocks) == "<h1>Title</h1>\n" + blocks[0] + "\n<p>Text <strong>bold</strong>.</p>"
    assert stash_raw("<!--raw-->\n<div>a</div>\n<!--/raw-->\nText\n")[1] == ["<div>a</div>"]  # no blank line
    assert stash_raw("Text\n\n<!--raw-->\n<div>a</div>\n<!--/raw-->\n\n \n")[1] == ["<div>a</div>"]  # the end
    import markdown  # what follows a block may give no HTML: the block then ends the page, as Python-Markdown ends it

    ends = "Text\n\n<!--raw-->\n<div>a</div>\n<!--/raw-->\n\n[a]: https://example.org\n"
    stashed, blocks = stash_raw(ends)
    unmarked = ends.replace("<!--raw-->\n", "").replace("\n<!--/raw-->", "")
    assert restore_raw(markdown.markdown(stashed), blocks) == markdown.markdown(unmarked) == "<p>Text</p>\n<div>a</div>"


@pytest.mark.parametrize("per_page", [100, 2])  # one timeline page; month pages and a directory of them
def test_every_generated_page_converts_as_python_markdown_converts_it_unmarked(
    site: Site, per_page: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A marked block skips the parser, yet the page's HTML is byte for byte what Python-Markdown, with the site's
    extensions, makes of the page without its markers, the blank lines around blocks included: as the plugin puts
    the blocks back and as the Markdown extension does (Zensical's builds). The plugin counts the same anchors in
    the blocks as MkDocs finds in HTML it parses."""
    import markdown
    from mkdocs.config import load_config
    from mkdocs.structure.pages import _HTMLHandler
    from mkdocs.utils.meta import get_data

    from generator.publish import timeline_pages

    monkeypatch.setattr(timeline_pages, "PER_PAGE", per_page)
    config = load_config(str(ROOT / "mkdocs.yml"))

    def convert(text: str, *more: str) -> str:
        return markdown.Markdown(extensions=[*config["markdown_extensions"], *more],
                                 extension_configs=config["mdx_configs"]).convert(text)  # fmt: skip

    def anchors(html: str) -> set[str]:
        parser = _HTMLHandler()
        parser.feed(html)
        parser.close()
        return parser.present_anchor_ids

    marked = 0
    for path, text in render_site(site, ROOT / "templates").items():
        if path.endswith(".md"):
            body, _meta = get_data(text)
            stashed, blocks = stash_raw(body)
            marked += len(blocks)
            assert "<!--raw-->" not in stashed and "<!--/raw-->" not in stashed, path  # every marker is paired
            unmarked = body.replace("<!--raw-->\n", "").replace("\n<!--/raw-->", "")
            assert restore_raw(convert(stashed), blocks) == convert(unmarked) == convert(body, RAW_EXTENSION), path
            assert raw_anchors(blocks) == anchors("\n".join(blocks)), path
    assert marked >= 40  # source pages (facts, text, clutter), timeline pages, actor pages and their index


def test_the_anchors_of_raw_html_are_each_elements_id_and_each_links_name() -> None:
    block = (
        '<div class="x" id="a&amp;b"><a id="i" name="n1" data-name="d" href="#">x</a>'
        '<span title="id=&#34;q&#34;" id="s-1">said id="no"</span></div>'
    )
    assert raw_anchors([block, '<p>none</p>']) == {"a&b", "i", "n1", "s-1"}


HTML_PIECES = st.sampled_from(['<', '>', 'a', 'b', ' ', '\n', ' id="', 'id="', '"', ' name="', 'x', '!', '/', '&amp;',
                                '<a ', '<!--', '-->', '=', "'", 'é', '<é'])  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(st.lists(st.lists(HTML_PIECES, max_size=40).map("".join), max_size=3))
def test_the_anchors_found_are_those_the_patterns_find_in_any_text(blocks: list[str]) -> None:
    """`raw_anchors` goes from each id back to its tag rather than trying every tag: the same anchors, in any text."""
    assert raw_anchors(blocks) == {unescape(found) for block in blocks for anchor in ANCHORS
                                   for found in anchor.findall(block)}  # fmt: skip


def test_built_pages_carry_the_raw_blocks_in_place(built_site: Path) -> None:
    page = (built_site / "sources" / "000_a5c0679ffe64ab60.html").read_text(encoding="utf-8")
    assert "explainerraw" not in page and "<!--raw-->" not in page
    assert page.count('class="sentence"') > 20 and '<div class="article-text">' in page


def test_a_placeholder_that_is_not_ours_is_left_alone() -> None:
    assert restore_raw("<p>explainerraw7</p>", ["<b>x</b>"]) == "<p>explainerraw7</p>"


def test_automatic_jobs_use_every_core_only_when_there_is_enough_to_extract(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(build_settings.os, "sched_getaffinity", lambda _pid: {0, 1, 2}, raising=False)
    assert build_settings.worker_count(0, 1000) == 3
    assert build_settings.worker_count(0, build_settings.PARALLEL_FROM - 1) == 1  # a pool costs more than it saves
    enough = build_settings.EXTRACT_FROM  # articles: by their characters (each worker loads the model)
    assert build_settings.worker_count(0, enough - 1, enough) == 1
    assert build_settings.worker_count(0, enough, enough) == 3
    assert build_settings.worker_count(2, 1) == 2  # an explicit number is kept


def test_one_project_has_one_site_cache_key_from_any_working_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m generator build` (relative paths) and `mkdocs build` (absolute ones) serve each other's site."""
    from generator.build.site_cache import inputs_key

    project = tmp_path / "project"
    shutil.copytree(ROOT / "templates", project / "templates")
    shutil.copytree(SEEDS, project / "seeds")
    shutil.copy(STORY, project / "story.yml")
    absolute = BuildInputs(project / "seeds", project / "story.yml", project / "templates", None, 1, None)
    monkeypatch.chdir(project)
    relative = BuildInputs(Path("seeds"), Path("story.yml"), Path("templates"), None, 1, None)
    before = inputs_key(absolute)
    assert before == inputs_key(relative)
    (project / "story.yml").write_text(STORY.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    assert inputs_key(relative) == inputs_key(absolute) != before  # an edit is still a new key
