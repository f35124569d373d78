"""The pipeline in one place: ingest → nlp → extract → assemble → render."""

from __future__ import annotations

import os
import stat
import time
from collections.abc import Callable, Container
from pathlib import Path
from typing import TYPE_CHECKING

from generator.assemble.keydates import KeyRequest
from generator.assemble.site import assemble
from generator.build.cache import BuildInputs, ExtractionCache, Outputs, story_fingerprint
from generator.build.collector import collector_paused, free_when_idle, pause_collecting
from generator.build.forked import worker_pool
from generator.build.progress import progress
from generator.build.settings import EXTRACT_FROM, worker_count
from generator.config import Story, load_story, unknown_sources
from generator.core import kept
from generator.core.errors import BuildError
from generator.core.files import RECENT_NS, settled_status
from generator.core.model import Article, Site
from generator.extract import Extraction, Extractor
from generator.ingest.articles import EmptyArticle, article_ids, article_paths, read_article
from generator.ingest.dedupe import drop_duplicates
from generator.publish.pagemeta import PageDates
from generator.publish.render import render_site

if TYPE_CHECKING:
    from generator.nlp.pipeline import Pipeline


_KEPT_ARTICLES: dict[tuple[object, ...], Article] = {}  # the last build's articles, by the state of their files


def _status(look: Callable[[Path], os.stat_result], path: Path) -> os.stat_result | None:
    """`look(path)` (`os.lstat`, `os.stat`), None when the path cannot be looked up."""
    try:
        return look(path)
    except (OSError, ValueError):
        return None


def _file_state(path: Path, listed: Container[str], cwd: str, now: int) -> tuple[object, ...] | None:
    """What says an article file and its metadata files are unchanged in a long-lived process: the working folder
    (labels in messages are relative to it), each file's status (its change time moves on every write) and where
    a link leads. None when one of them changed in the last seconds: a second write within the file system's
    time resolution would leave the status as it was, so such a file is read again. `listed`: the names in the
    article's folder, casefolded (a metadata file it does not hold is not looked for: 6,000 calls on 1,000 articles;
    on a file system that ignores case, 'a.YML' is the 'a.yml' the reader finds)."""
    states: list[object] = [cwd, str(path)]
    for candidate in (path, path.with_suffix(".yml"), path.with_suffix(".yaml")):
        if candidate.name.casefold() not in listed:
            states += [None, None, None]
            continue
        own = _status(os.lstat, candidate)
        linked = own is not None and stat.S_ISLNK(own.st_mode)
        led = _status(os.stat, candidate) if own is None or linked else own  # not a link: it leads to itself
        for status in (own, led):
            state = settled_status(status, now, RECENT_NS) if status is not None else None
            if status is not None and state is None:
                return None
            states.append(state)
        states.append(os.path.realpath(candidate) if linked else None)
    return tuple(states)


def _read_articles(paths: list[Path], story: Story, keep: bool) -> tuple[list[Article], list[str]]:
    """Every article of `paths` (the empty ones skipped, with a warning). A process that builds again (`mkdocs
    serve`: `keep`) reads again only the files that changed since its last build."""

    articles: list[Article] = []
    warnings: list[str] = []
    ids = article_ids(paths)
    told, kept = story_fingerprint(story), {}
    cwd, now = os.getcwd(), time.time_ns()
    listings = {folder: {name.casefold() for name in os.listdir(folder)} for folder in {path.parent for path in paths}}
    for path in paths:
        state = _file_state(path, listings[path.parent], cwd, now)
        key = (told, ids[path], *state) if state is not None else None
        article = _KEPT_ARTICLES.get(key) if key is not None else None
        if article is None:
            try:
                article = read_article(path, story, article_id=ids[path])
            except EmptyArticle as exc:
                warnings.append(f"{exc}; skipped")
                continue
        if key is not None:
            kept[key] = article
        warnings.extend(article.notes)
        articles.append(article)
    _KEPT_ARTICLES.clear()
    if keep:
        _KEPT_ARTICLES.update(kept)
    return articles, warnings


def read_corpus(
    seeds_dir: Path, story_path: Path | None, keep: bool = False
) -> tuple[Story, list[Article], list[str]]:
    """The story file and every article of the seeds folder, in file-name order, duplicates counted once (`keep`:
    this process builds again, so the articles are kept in memory for its next build)."""
    paths = article_paths(seeds_dir)
    story = load_story(story_path)
    missing = unknown_sources(story_path, story, {p.stem for p in paths})
    if missing:
        raise BuildError(missing[0])
    warnings: list[str] = []
    if not paths:
        warnings.append(f"{seeds_dir.name}: no article files (.txt, .md, .html) found")
    articles, notes = _read_articles(paths, story, keep)
    articles, duplicates = drop_duplicates(articles)
    return story, articles, warnings + notes + duplicates


_WORKER: tuple[Pipeline, Extractor, ExtractionCache | None] | None = None
_WORKER_FOR: tuple[str, Path | None] | None = None  # the story and cache folder the loaded worker is for


def _start_worker(story: Story, cache_dir: Path | None, reuse: bool = False) -> None:
    """Load the model and the extractor for `story` (`reuse`: a process that builds again keeps them loaded, so
    a rebuild after one edited article does not load the model again)."""
    from generator.nlp.pipeline import RECENT_CHARS, build_pipeline  # spaCy loads only when something needs it

    global _WORKER, _WORKER_FOR
    wanted = (story_fingerprint(story), cache_dir)
    if reuse and _WORKER is not None and wanted == _WORKER_FOR:
        return
    pipeline = build_pipeline(story)
    if reuse:  # a server: the parses of its last articles are held, so editing two in turn parses what changed
        pipeline.recent_chars = RECENT_CHARS
    _WORKER = (pipeline, Extractor.for_story(story, pipeline), ExtractionCache(cache_dir, story) if cache_dir else None)
    _WORKER_FOR = wanted


def load_model(inputs: BuildInputs) -> None:
    """Load the model and the extractor for the story of `inputs`, kept for a server's next build (`warmup`)."""
    _start_worker(load_story(inputs.story_path), inputs.cache_dir, reuse=True)


def _forget_worker() -> None:
    global _WORKER, _WORKER_FOR
    _WORKER, _WORKER_FOR = None, None


def _extract_one(article: Article) -> Extraction:
    """Extract one article and store it in the cache (in the worker, so the main process only collects), with the
    parses of its pieces: those an edit leaves alone are not parsed again, in this process or another."""
    from generator.nlp.pipeline import parse_article
    from generator.nlp.stored import dump_docs, load_docs, stored_limit

    assert _WORKER is not None
    pipeline, extractor, store = _WORKER
    limit = stored_limit(len(article.raw_text))
    stored = (lambda: load_docs(store.parses(article, limit), pipeline.nlp.vocab, limit)) if store else None
    try:
        extraction = extractor.extract(parse_article(pipeline, article, stored))
    except Exception as exc:  # a bug must still name the file, in one line
        raise BuildError(f"{article.path}: could not be processed ({type(exc).__name__}: {exc})") from exc
    if store:
        store.put(article, extraction)
        # A server stores an article's parses only when it parsed the article whole: an edit parses one paragraph,
        # and the older version's stored parse holds every other (writing it again on each edit cost 25 ms for a
        # 4,550-word article, 0.2 s for 40,000 words).
        if pipeline.fresh and (pipeline.fresh == len(pipeline.last) or not pipeline.recent_chars):
            store.put_parses(article, dump_docs(pipeline.last))
    return extraction


def extract_corpus(
    story: Story, articles: list[Article], cache_dir: Path | None = None, jobs: int = 1, keep: bool = False
) -> list[Extraction]:
    """Extract every article, from the cache where it can, in `jobs` processes (0: automatic), in input order
    (`keep`: this process builds again, so the extractions stay in memory for its next build)."""
    store = ExtractionCache(cache_dir, story, keep) if cache_dir else None
    results: list[Extraction | None] = [store.get(a) if store else None for a in articles]
    missing = [i for i, r in enumerate(results) if r is None]
    if missing:
        todo = [articles[i] for i in missing]
        jobs = worker_count(jobs, sum(len(article.raw_text) for article in todo), EXTRACT_FROM)
        done: list[Extraction] = []
        with progress(len(todo), "Extracting") as advance:
            if jobs > 1 and len(todo) > 1:
                pool = worker_pool(jobs, _start_worker, (story, cache_dir))
                with pool, collector_paused():  # the workers keep their collector (`build.forked`)
                    for extraction in pool.imap(_extract_one, todo, chunksize=8):
                        done.append(extraction)
                        advance()
            else:
                _start_worker(story, cache_dir, reuse=keep)
                for article in todo:
                    done.append(_extract_one(article))
                    advance()
        for index, extraction in zip(missing, done, strict=True):
            results[index] = extraction
            if store:
                store.remember(articles[index], extraction)
    if not keep:  # a build that does not build again frees the model for MkDocs' part of the build
        _forget_worker()
    if store:
        store.keep()
        if missing and not keep:  # (a server's rebuilds do not list the folder on every edit)
            store.prune_parses(articles)
    return [r for r in results if r is not None]


def build_site_data(
    seeds_dir: Path,
    story_path: Path | None,
    cache_dir: Path | None = None,
    jobs: int = 1,
    request: KeyRequest | None = None,
    keep: bool = False,
) -> Site:
    """Read, extract and assemble the corpus (`keep`: this process builds again, so what assembly and publishing
    make stays in memory, and the next build gives back what the same inputs make, see `core.kept`)."""
    kept.start(keep)
    if keep:
        pause_collecting()
    with collector_paused():
        story, articles, warnings = read_corpus(seeds_dir, story_path, keep)
    extractions = extract_corpus(story, articles, cache_dir, jobs, keep)
    with collector_paused():
        return assemble(story, extractions, warnings, request)


def generate(seeds_dir: Path, story_path: Path | None, templates_dir: Path) -> dict[str, str]:
    """Every generated page and data file, keyed by its path relative to the docs folder."""
    return render_site(build_site_data(seeds_dir, story_path), templates_dir)


def build_outputs(inputs: BuildInputs) -> Outputs:
    """Generate the site's files from scratch (per-article extractions still come from the cache)."""
    site = build_site_data(inputs.seeds_dir, inputs.story_path, inputs.cache_dir, inputs.jobs, keep=inputs.keep)
    with collector_paused():
        dates = PageDates.of(site)  # once per build: every page, feed and the sitemap use them
        rendered = render_site(site, inputs.templates_dir, inputs.site_url, dates, inputs.keep)
        if inputs.keep:
            free_when_idle(kept.retired())
        return Outputs(rendered, tuple(site.warnings), dates.story)
