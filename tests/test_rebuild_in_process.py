"""A process that builds again (`mkdocs serve`) keeps the last build's articles and extractions in memory, and
still reads every edit: a changed article, one changed without its size or modification time moving, a metadata
file added beside it. What it builds is what a build from nothing builds."""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from jinja2 import pass_eval_context

from generator.assemble import evidence, merge, profiles
from generator.build import cache as extraction_cache
from generator.build import collector, pipeline, site_cache, warmup
from generator.build.cache import BuildInputs
from generator.build.pipeline import build_outputs
from generator.config import load_story
from generator.core import kept
from generator.core.model import Site
from generator.publish import fragments, render_memo
from generator.publish import timeline_pages as timeline_paging
from generator.publish.render import render_site
from generator.publish.timeline_pages import timeline_pages
from generator.publish.urls import PAGES
from tests.conftest import ROOT, SEEDS, STORY

ARTICLE = "000_a5c0679ffe64ab60"
TEMPLATES = ROOT / "templates"


pytestmark = pytest.mark.usefixtures("forget_rebuilds")


def _from_nothing(inputs: BuildInputs) -> dict[str, str]:
    pipeline._KEPT_ARTICLES.clear()
    extraction_cache._LAST_BUILD.clear()
    render_memo._LAST = None
    kept.start(False)
    return build_outputs(inputs).files


def _fresh_beside(inputs: BuildInputs) -> dict[str, str]:
    """What a build from nothing gives, the process's memory left as it was for its next rebuild."""
    memory = dict(pipeline._KEPT_ARTICLES), dict(extraction_cache._LAST_BUILD), render_memo._LAST
    sums, actors, entries = evidence._LAST, profiles._LAST, dict(merge._LAST_ENTRIES)
    results = [(stage.last, stage.now) for stage in kept._ALL]
    try:
        return _from_nothing(dataclasses.replace(inputs, keep=False))
    finally:
        pipeline._KEPT_ARTICLES.update(memory[0])
        extraction_cache._LAST_BUILD.update(memory[1])
        render_memo._LAST = memory[2]
        evidence._LAST, profiles._LAST = sums, actors
        merge._LAST_ENTRIES.clear()
        merge._LAST_ENTRIES.update(entries)
        for stage, (last, now) in zip(kept._ALL, results, strict=True):
            stage.last, stage.now = last, now


def test_a_rebuild_in_one_process_reads_every_edit_and_builds_what_a_fresh_build_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pipeline, "RECENT_NS", 0)  # the files were just copied: count them as settled
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    inputs = BuildInputs(seeds, STORY, ROOT / "templates", tmp_path / "cache", jobs=1, keep=True)
    page = f"sources/{ARTICLE}.md"
    first = build_outputs(inputs).files
    assert "Geneva" in first[page] and "Genova" not in first[page]
    assert pipeline._KEPT_ARTICLES and extraction_cache._LAST_BUILD  # kept for the next build

    article = seeds / f"{ARTICLE}.txt"
    before = article.stat()
    article.write_text(article.read_text(encoding="utf-8").replace("Geneva", "Genova"), encoding="utf-8")
    os.utime(article, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same modification time
    assert article.stat().st_size == before.st_size
    assert render_memo._LAST is not None
    actor_pages = dict(render_memo._LAST.parts)
    second = build_outputs(inputs).files
    assert "Genova" in second[page] and "Geneva" not in second[page]
    assert render_memo._LAST is not None and render_memo._LAST.given_back > 0  # pages the edit left alone
    reused = {stage.label for stage in kept._ALL if stage.given_back}
    assert reused >= {"timeline entries", "report comparisons by date window", "actor profiles",
                      "calendar events", "source summaries"}  # fmt: skip
    same = [path for path, part in actor_pages.items() if render_memo._LAST.parts.get(path) is part]
    assert same  # an actor page made of what it was made of (the edit renames a place most actors are named with)
    assert second == _fresh_beside(inputs)

    (seeds / f"{ARTICLE}.yml").write_text("outlet: The Example Gazette\n", encoding="utf-8")
    third = build_outputs(inputs).files
    assert "The Example Gazette" in third[page]
    assert third == _from_nothing(inputs)

    (seeds / f"{ARTICLE}.yml").unlink()
    fourth = build_outputs(inputs).files
    assert fourth == second and fourth == _fresh_beside(inputs)


def test_an_edited_template_draws_the_pages_that_use_it_again_in_a_rebuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An actor page made of what it was made of keeps its picture only while the templates are as they were."""
    monkeypatch.setattr(pipeline, "RECENT_NS", 0)
    templates = tmp_path / "templates"
    shutil.copytree(TEMPLATES, templates)
    inputs = BuildInputs(SEEDS, STORY, templates, tmp_path / "cache", jobs=1, keep=True)
    first = build_outputs(inputs).files
    pictured = [path for path, text in first.items() if path.startswith("actors/") and 'class="net-edge"' in text]
    assert pictured
    svg = templates / "partials" / "svg.j2"
    svg.write_text(svg.read_text(encoding="utf-8").replace('class="net-edge"', 'class="net-link"'), encoding="utf-8")
    second = build_outputs(inputs).files
    assert all('class="net-link"' in second[path] and 'class="net-edge"' not in second[path] for path in pictured)
    assert second == _fresh_beside(inputs)


def test_a_process_that_builds_once_keeps_nothing_past_the_build(tmp_path: Path) -> None:
    build_outputs(BuildInputs(SEEDS, STORY, ROOT / "templates", tmp_path / "cache", jobs=1))
    assert not pipeline._KEPT_ARTICLES and not extraction_cache._LAST_BUILD  # `mkdocs build`: freed for the site


def test_a_file_written_in_the_last_seconds_is_read_again_and_only_kept_when_settled(tmp_path: Path) -> None:
    """A second write within the file system's time resolution can leave a file's status as it was: an article
    changed moments ago is never answered from memory."""
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    inputs = BuildInputs(seeds, STORY, ROOT / "templates", tmp_path / "cache", jobs=1, keep=True)
    build_outputs(inputs)
    assert not pipeline._KEPT_ARTICLES  # every file was written just now
    assert len(extraction_cache._LAST_BUILD) == 2  # extractions are keyed by the text itself: kept


def test_an_article_files_state_follows_its_link_and_its_metadata_files(tmp_path: Path) -> None:
    """What tells a server an article is unchanged: its file's status, where its link leads, and its metadata files,
    looked for in one listing of the folder."""
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    first, second, link = seeds / "a.txt", seeds / "b.txt", seeds / "l.txt"
    first.write_text("One.\n", encoding="utf-8")
    second.write_text("Two.\n", encoding="utf-8")
    link.symlink_to(first)
    later = time.time_ns() + 10**10  # every file settled

    def state() -> tuple[object, ...] | None:
        return pipeline._file_state(link, {name.casefold() for name in os.listdir(seeds)}, "here", later)

    linked = state()
    assert linked is not None and linked[:2] == ("here", str(link)) and str(first) in linked
    assert linked[-6:] == (None,) * 6  # no metadata file
    link.unlink()
    link.symlink_to(second)
    assert state() != linked and str(second) in (state() or ())
    relinked = state()
    second.write_text("Two, written again through nothing but its own name.\n", encoding="utf-8")
    assert state() != relinked  # the file the link leads to changed; the link itself did not
    (seeds / "l.yml").write_text("outlet: The Gazette\n", encoding="utf-8")
    assert (state() or ())[-6:-3] != (None, None, None)
    assert pipeline._file_state(link, {"l.txt", "l.yml"}, "here", time.time_ns()) is None  # just written


def test_a_build_that_does_not_keep_never_answers_from_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What a serving process kept is not what another build in the process reads: its cache folder decides."""
    monkeypatch.setattr(pipeline, "RECENT_NS", 0)
    cache = tmp_path / "cache"
    build_outputs(BuildInputs(SEEDS, STORY, ROOT / "templates", cache, jobs=1, keep=True))
    assert extraction_cache._LAST_BUILD
    shutil.rmtree(cache)
    store = extraction_cache.ExtractionCache(cache, load_story(STORY))
    articles = pipeline.read_corpus(SEEDS, STORY)[1]
    assert [store.get(a) for a in articles] == [None, None]  # not from memory: the folder is empty
    assert not store.keys  # a store that does not build again holds no article
    keeping = extraction_cache.ExtractionCache(cache, load_story(STORY), keep=True)
    assert all(keeping.get(a) is not None for a in articles)  # a serving process answers from memory
    assert len(list(cache.rglob("*.json"))) == 2  # and puts back what the emptied folder lost
    keeping.keep()
    other = load_story(STORY).model_copy(update={"title": "Another story"})
    keys = [extraction_cache.ExtractionCache(cache, other, keep=True).key(a) for a in articles]
    assert keys == [extraction_cache.ExtractionCache(cache, other).key(a) for a in articles]  # the story's, not kept
    assert not set(keys) & {keeping.key(a) for a in articles}


def _counting_model_loads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[list[int], Path]:
    """A list that grows by one each time a build asks for the model (`build_pipeline`: in the suite a process loads
    each story's model once, `tests/conftest.py`), and a copy of the seeds, counted as settled."""
    from generator.nlp import pipeline as nlp_pipeline

    loads: list[int] = []
    real = nlp_pipeline.build_pipeline
    monkeypatch.setattr(nlp_pipeline, "build_pipeline", lambda story: loads.append(1) or real(story))
    monkeypatch.setattr(pipeline, "RECENT_NS", 0)
    seeds = tmp_path / "seeds"
    shutil.copytree(SEEDS, seeds)
    return loads, seeds


def test_a_serving_process_loads_the_model_once_and_a_build_frees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each edit is new text to extract: a server that loaded the model for it keeps it for the next edit."""
    loads, seeds = _counting_model_loads(tmp_path, monkeypatch)
    inputs = BuildInputs(seeds, STORY, ROOT / "templates", tmp_path / "cache", jobs=1, keep=True)
    build_outputs(inputs)
    article = seeds / f"{ARTICLE}.txt"
    for edit in ("Envoys spoke again on Monday.", "Envoys spoke once more on Tuesday."):
        article.write_text(article.read_text(encoding="utf-8") + f"\n\n{edit}\n", encoding="utf-8")
        assert edit in build_outputs(inputs).files[f"sources/{ARTICLE}.md"]
    assert len(loads) == 1 and pipeline._WORKER is not None
    article.write_text(article.read_text(encoding="utf-8") + "\n\nA last line.\n", encoding="utf-8")
    build_outputs(dataclasses.replace(inputs, keep=False))
    assert len(loads) == 2 and pipeline._WORKER is None  # `mkdocs build`: the model is let go before MkDocs runs


def test_pages_that_only_name_an_actor_are_given_back_when_its_profile_changes(site: Site) -> None:
    """A timeline entry or a source names an actor by a chip (its name, kind and page): a change to the actor's
    counts or quotes renders its own page again, not every page that names it."""
    render_site(site, TEMPLATES, keep=True)
    first = {path: page.text for path, page in render_memo._LAST.pages.items()}  # type: ignore[union-attr]
    named = Counter(a for e in site.timeline for a in e.actors)
    actor = next(a for a in site.actors if a.mentions and named[a.name] and a.kind == "person")
    counted = dataclasses.replace(actor, mentions={source: n + 1 for source, n in actor.mentions.items()})
    edited = dataclasses.replace(site, actors=[counted if a is actor else a for a in site.actors])
    again = render_memo._LAST.pages if render_site(edited, TEMPLATES, keep=True) else {}  # type: ignore[union-attr]
    drawn = {path for path, page in again.items() if page.text is not first[path]}
    assert f'href="actors/{actor.slug}.html"' in first["timeline.md"]  # a chip on the timeline
    assert "timeline.md" not in drawn and not any(path.startswith("sources/") for path in drawn - {"sources/index.md"})
    assert f"actors/{actor.slug}.md" in drawn


@pytest.mark.parametrize("waits", [True, False], ids=["edit-after-warm-up", "edit-during-warm-up"])
def test_a_server_started_from_the_stored_site_warms_up_for_its_first_edit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, waits: bool
) -> None:
    """Its first build reads nothing; once it has ended, the first edit's work is done while the server waits, and
    an edit saved before that work is done waits for it (the model is loaded once)."""
    loads, seeds = _counting_model_loads(tmp_path, monkeypatch)
    stored = BuildInputs(seeds, STORY, ROOT / "templates", tmp_path / "cache", jobs=1)
    site_cache.cached_build(stored)  # `mkdocs build`: the site is stored
    loads.clear()
    inputs = dataclasses.replace(stored, keep=True)
    site_cache.cached_build(inputs)  # the server's first build: the stored site, given back whole
    assert not pipeline._KEPT_ARTICLES and pipeline._WORKER is None and not render_memo._LAST
    collector.collect_when_idle()  # the build has ended
    if waits:
        warmup.wait()
        assert pipeline._KEPT_ARTICLES and pipeline._WORKER is not None and loads == [1]
        assert render_memo._LAST is not None  # the site was rendered in memory
    article = seeds / f"{ARTICLE}.txt"
    saved = article.with_name("saved-edit")  # saved whole, then put in place: a warm-up that reads the file while
    saved.write_text(article.read_text(encoding="utf-8") + "\n\nEnvoys spoke again on Monday.\n", encoding="utf-8")
    os.replace(saved, article)  # it is half written finds it empty, and the edit's build draws every page again
    edited = site_cache.cached_build(inputs).files
    assert "Envoys spoke again on Monday." in edited[f"sources/{ARTICLE}.md"]
    assert loads == [1] and render_memo._LAST is not None and render_memo._LAST.given_back > 0
    assert edited == _fresh_beside(inputs)


def test_the_actors_index_is_drawn_again_only_when_one_of_its_rows_changes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the index reads each actor's row (name, role, counts), not its profile: an edit that moves an actor's events
    # leaves the index as it was; a new role is drawn
    site = pipeline.build_site_data(SEEDS, STORY, tmp_path / "cache")
    actor = next(a for a in site.actors if a.mentions and a.events)
    index = PAGES["actors"]
    drawn: list[str] = []
    page = render_memo.RenderMemo.page

    def drawing(memo: render_memo.RenderMemo, path: str, *context: Any) -> str:
        *given, render = context
        return page(memo, path, *given, lambda: drawn.append(path) or render())

    monkeypatch.setattr(render_memo.RenderMemo, "page", drawing)

    def changed(**fields: object) -> Site:
        return dataclasses.replace(
            site, actors=[dataclasses.replace(a, **fields) if a is actor else a for a in site.actors]
        )

    render_site(site, TEMPLATES, keep=True)
    assert index in drawn
    drawn.clear()
    render_site(changed(events=actor.events[1:]), TEMPLATES, keep=True)
    assert index not in drawn and f"actors/{actor.slug}.md" in drawn  # its own page shows its events
    files = render_site(changed(role="Keeper of the test"), TEMPLATES, keep=True)
    assert index in drawn and f">{actor.name}</a>" in files[index] and "<td>Keeper of the test</td>" in files[index]


def test_a_changed_key_date_draws_again_only_the_pages_showing_an_entry_of_that_day(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every page showing an entry asks whether the entry's day is a key date: a day that stops being one draws the
    pages with an entry of that day again (their entries lose the mark), not every page that shows an entry."""
    monkeypatch.setattr(timeline_paging, "PER_PAGE", 4)  # a timeline of several months' pages
    render_site(site, TEMPLATES, keep=True)
    first = {path: page.text for path, page in render_memo._LAST.pages.items()}  # type: ignore[union-attr]
    by_id = {e.id: e for e in site.timeline}
    key = next(k for k in site.key_dates if k.entry in by_id)
    day = by_id[key.entry].date.date
    edited = dataclasses.replace(site, key_dates=[k for k in site.key_dates if k is not key])
    files = render_site(edited, TEMPLATES, keep=True)
    again = render_memo._LAST.pages  # type: ignore[union-attr]
    drawn = {path for path, page in again.items() if page.text is not first[path]}
    showing_day = {
        path for path in first if path.startswith("actors/") and any(
            f'id="e-{e.id}"' in first[path] for e in site.timeline if e.date.date == day)
    }  # fmt: skip
    other_actors = {path for path in first if path.startswith("actors/") and 'class="tl-entry' in first[path]}
    assert showing_day and other_actors - showing_day  # pages of both kinds
    assert showing_day <= drawn and not (other_actors - showing_day) & drawn
    months = {path for path in first if path.startswith("timeline/") and 'class="tl-entry' in first[path]}
    month = {path for path in months if any(f'id="e-{e.id}"' in first[path] for e in site.timeline
                                            if e.date.date == day)}  # fmt: skip
    assert month and months - month and month <= drawn and not (months - month) & drawn  # the months likewise
    assert files[next(iter(month))] == render_site(edited, TEMPLATES)[next(iter(month))]
    tags = [re.compile(rf'<article [^>]*id="e-{e.id}"[^>]*>') for e in site.timeline if e.date.date == day]

    def marked(text: str) -> bool:
        return any('data-key="1"' in tag for pattern in tags for tag in pattern.findall(text))

    assert all(marked(first[path]) and not marked(files[path]) for path in showing_day)


def test_a_timeline_page_drawn_again_takes_its_unchanged_entries_from_the_last_build(
    site: Site, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An edit changes one entry of a month: its page is drawn again, every other entry of it given back as the
    last build drew it (`fragment` in timeline.md.j2), and the page is what a build from nothing draws."""
    given: Counter[str] = Counter()  # fragments given, by the page they are given to
    draw = fragments.Fragments.draw
    page_of = fragments.Fragments.page

    @pass_eval_context  # as the method it stands for
    def drawing(self: fragments.Fragments, *args: Any, **named: Any) -> Any:
        before = self.given
        text = draw(self, *args, **named)
        given[drawn[-1]] += self.given - before
        return text

    def page(self: fragments.Fragments, path: str, inputs: Any) -> Any:
        drawn.append(path)
        return page_of(self, path, inputs)

    drawn: list[str] = []
    monkeypatch.setattr(fragments.Fragments, "draw", drawing)
    monkeypatch.setattr(fragments.Fragments, "page", page)
    _contexts, entry_page = timeline_pages(site.timeline, PAGES["timeline"], len(site.sources))
    shown = Counter(entry_page.values())
    entry = next(e for e in site.timeline if shown[entry_page[e.id]] > 2 and e.kind != "background")
    render_site(site, TEMPLATES, keep=True)
    first = render_memo._LAST.pages[entry_page[entry.id]].text  # type: ignore[union-attr]
    told = dataclasses.replace(entry, summary="An edited headline <b>as written</b>.")
    edited = dataclasses.replace(site, timeline=[told if e is entry else e for e in site.timeline])
    files = render_site(edited, TEMPLATES, keep=True)
    page = files[entry_page[entry.id]]
    assert page != first and "An edited headline &lt;b&gt;as written&lt;/b&gt;." in page
    assert given[entry_page[entry.id]] >= shown[entry_page[entry.id]] - 1  # the month's other entries
    assert files == render_site(edited, TEMPLATES)  # a build from nothing
