"""A dirty rebuild's search parse in a helper process (`build.search_helper`): the entries are the ones Material
makes in the build's process, and a page the helper cannot take is parsed there as before."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from types import SimpleNamespace
from typing import Any

import pytest
from material.plugins.search.plugin import SearchIndex
from mkdocs.structure.toc import AnchorLink

from generator.build.search_helper import GIVE_UP_AFTER, SearchHelper

HTML = """<h1 id="timeline">Timeline: April 2009</h1>
<p>Dated events of <em>the story</em>, each citing the sentences that report it &amp; more.</p>
<div class="grid"><h2 id="d-2009-04-24">24 April 2009</h2>
<article class="tl-entry"><h3 id="e-a-s1">Mexico closed its schools — «fermé» 🦠</h3>
<ul><li><a href="../sources/a.html#s1">Reuters</a> <q data-search-exclude>Mexico City closed every school.</q></li>
<li>   </li></ul><pre><code>  kept   as written
</code></pre></article></div>
<h2 id="d-2009-04-25">25 April 2009</h2><p>The <code>WHO</code> met<sup>2</sup>.</p>
<script>var skipped = "<p>never</p>";</script><h4>Without an id</h4><p>Still text.</p>
"""


def _toc() -> list[AnchorLink]:
    month = AnchorLink("Timeline: April 2009", "timeline", 1)
    day = AnchorLink("24 April 2009", "d-2009-04-24", 2)
    day.children = [AnchorLink("Mexico closed its schools", "e-a-s1", 3)]
    month.children = [day, AnchorLink("25 April 2009", "d-2009-04-25", 2)]
    return [month]


def _page(uri: str, content: str = HTML, **meta: Any) -> Any:
    return SimpleNamespace(
        content=content, url=uri.replace(".md", ".html"), toc=_toc(), meta=meta, title="Timeline",
        file=SimpleNamespace(src_uri=uri),
    )  # fmt: skip


def _material(page: Any) -> list[dict[str, Any]]:
    index = SearchIndex()
    index.add_entry_from_context(page)
    return index.entries


@pytest.fixture
def helper() -> Iterator[SearchHelper]:
    started = SearchHelper()
    if not started.start():
        pytest.skip("the helper runs where `select` waits on pipes (POSIX)")
    yield started
    started.stop()


def _through(
    helper: SearchHelper, pages: list[Any], before: Callable[[], object] = lambda: None
) -> tuple[SearchIndex, list[Any]]:
    """Each page indexed as a dirty rebuild indexes it: handed over first, then (after `before`) added; and which
    pages Material's own parse (in this process) was asked for."""
    index, local = SearchIndex(), []
    material = index.add_entry_from_context

    def parsed_here(page: Any) -> None:
        local.append(page.file.src_uri)
        material(page)

    index.add_entry_from_context = parsed_here
    helper.begin()
    helper.submit(pages)
    helper.install(index)
    before()
    for page in pages:
        index.add_entry_from_context(page)
    return index, local


def test_the_helper_gives_the_entries_materials_own_parse_gives(helper: SearchHelper) -> None:
    pages = [
        _page("timeline/2009-04.md"),
        _page("tagged.md", tags=["flu", 2009, True, None], search={"boost": 2.5}, title="Own title"),
        _page("other.md", content="<p>No heading at all, ünïcödé “quoted”.</p>"),
    ]
    index, local = _through(helper, pages)
    assert local == []  # every page came from the helper
    assert index.entries == [entry for page in pages for entry in _material(page)]
    assert index.entries[0]["location"] == "timeline/2009-04.html" and "Mexico City" not in str(index.entries)
    tagged = [entry for entry in index.entries if entry["location"].startswith("tagged.html")]
    assert tagged and all(e["tags"] == ["flu", "2009", "True"] and e["boost"] == 2.5 for e in tagged)


def test_a_page_the_helper_cannot_take_is_parsed_in_the_build(helper: SearchHelper) -> None:
    dated = _page("dated.md", tags=[dt.date(2009, 4, 24)])  # front matter that is not JSON data
    listed = _page("listed.md", tags=("flu", "pandemic"))  # a tuple, which Material passes by: JSON makes it a list
    changed, retitled = _page("changed.md"), _page("retitled.md")
    index, local = _through(helper, [dated, listed, changed, retitled], before=lambda: (
        setattr(changed, "content", HTML.replace("Timeline", "Changed")),  # another plugin changed it meanwhile
        retitled.meta.update(title="Retitled"),
    ))  # fmt: skip
    assert local == ["dated.md", "listed.md", "changed.md", "retitled.md"]
    assert index.entries == [entry for page in (dated, listed, changed, retitled) for entry in _material(page)]
    assert "Changed: April 2009" in str(index.entries) and "tags" not in str(_material(listed))


def test_a_helper_that_died_leaves_the_parse_to_the_build_and_starts_again(helper: SearchHelper) -> None:
    pages = [_page("a.md"), _page("b.md")]
    assert helper.process is not None
    index, local = _through(helper, pages, before=lambda: (helper.process.kill(), helper.process.wait()))
    assert local == ["a.md", "b.md"] and index.entries == _material(pages[0]) + _material(pages[1])
    again, local = _through(helper, [_page("c.md")])  # the next rebuild starts a new helper
    assert local == [] and again.entries == _material(_page("c.md"))
    assert helper.failures == 1


def test_pages_a_build_did_not_take_back_do_not_answer_for_the_next_build(helper: SearchHelper) -> None:
    helper.submit([_page("timeline.md"), _page("other.md")])  # a build that failed before it wrote them
    first = helper.process
    helper.begin()  # the next build: a helper whose answers are all this build's
    assert helper.process is None and helper.sent == {} and helper.failures == 0
    index, local = _through(helper, [_page("other.md", content="<h1 id='x'>Other</h1><p>new</p>")])
    assert local == [] and index.entries == _material(_page("other.md", content="<h1 id='x'>Other</h1><p>new</p>"))
    assert helper.process is not first


def test_a_server_whose_helpers_keep_failing_parses_in_its_own_process(helper: SearchHelper) -> None:
    for _ in range(GIVE_UP_AFTER):
        assert helper.start() and helper.process is not None
        helper.process.kill()
        helper.process.wait()
    assert not helper.start() and helper.failures == GIVE_UP_AFTER
    index, local = _through(helper, [_page("a.md")])
    assert local == ["a.md"] and index.entries == _material(_page("a.md"))
