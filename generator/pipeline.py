"""The pipeline in one place: ingest → nlp → extract → assemble → render."""

from __future__ import annotations

import multiprocessing
import sys
from pathlib import Path

from generator.assemble import assemble
from generator.cache import ExtractionCache
from generator.config import Story, load_story, unknown_sources
from generator.dedupe import drop_duplicates
from generator.extract import Extraction, Extractor
from generator.ingest import EmptyArticle, article_paths, read_article
from generator.model import Article, Site
from generator.nlp import Pipeline, build_pipeline, parse_article
from generator.progress import progress
from generator.render import render_site


class BuildError(Exception):
    """A problem with the input that stops the build, with one line that says what to do."""


def read_corpus(seeds_dir: Path, story_path: Path | None) -> tuple[Story, list[Article], list[str]]:
    """The story file and every article of the seeds folder, in file-name order, duplicates counted once."""
    paths = article_paths(seeds_dir)
    story = load_story(story_path)
    missing = unknown_sources(story_path, story, {p.stem for p in paths})
    if missing:
        raise BuildError(missing[0])
    warnings: list[str] = []
    if not paths:
        warnings.append(f"{seeds_dir}: no article files (.txt, .md, .html) found")
    articles: list[Article] = []
    for path in paths:
        try:
            article = read_article(path, story)
        except EmptyArticle as exc:
            warnings.append(f"{exc}; skipped")
            continue
        warnings.extend(article.notes)
        articles.append(article)
    articles, duplicates = drop_duplicates(articles)
    return story, articles, warnings + duplicates


_WORKER: tuple[Pipeline, Extractor] | None = None


def _start_worker(story: Story) -> None:
    global _WORKER
    _WORKER = (build_pipeline(story), Extractor.for_story(story))


def _extract_one(article: Article) -> Extraction:
    assert _WORKER is not None
    pipeline, extractor = _WORKER
    try:
        return extractor.extract(parse_article(pipeline, article))
    except Exception as exc:  # a bug must still name the file, in one line
        raise BuildError(f"{article.path}: could not be processed ({type(exc).__name__}: {exc})") from exc


def extract_corpus(
    story: Story, articles: list[Article], cache_dir: Path | None = None, jobs: int = 1
) -> list[Extraction]:
    """Extract every article, from the cache where it can, in `jobs` processes; the order is the input order."""
    store = ExtractionCache(cache_dir, story) if cache_dir else None
    results: list[Extraction | None] = [store.get(a) if store else None for a in articles]
    missing = [i for i, r in enumerate(results) if r is None]
    if missing:
        todo = [articles[i] for i in missing]
        with progress(len(todo), "Extracting") as advance:
            if jobs > 1 and len(todo) > 1:
                context = multiprocessing.get_context("fork" if sys.platform != "win32" else "spawn")
                with context.Pool(jobs, initializer=_start_worker, initargs=(story,)) as pool:
                    done = []
                    for extraction in pool.imap(_extract_one, todo, chunksize=8):
                        done.append(extraction)
                        advance()
            else:
                _start_worker(story)
                done = []
                for article in todo:
                    done.append(_extract_one(article))
                    advance()
        for index, extraction in zip(missing, done, strict=True):
            results[index] = extraction
            if store:
                store.put(articles[index], extraction)
    return [r for r in results if r is not None]


def build_site_data(seeds_dir: Path, story_path: Path | None, cache_dir: Path | None = None, jobs: int = 1) -> Site:
    story, articles, warnings = read_corpus(seeds_dir, story_path)
    return assemble(story, extract_corpus(story, articles, cache_dir, jobs), warnings)


def content_date(site: Site) -> str | None:
    """The latest full date the content itself names (publication dates, event dates), if any."""
    days = [s.published.date for s in site.sources if s.published and s.published.date]
    for entry in site.timeline:
        days += [d for d in (entry.date.date, entry.date.end, entry.date.after) if d]
    days = [d for d in days if len(d) == 10]
    return max(days) if days else None


def generate(seeds_dir: Path, story_path: Path | None, templates_dir: Path) -> dict[str, str]:
    """Every generated page and data file, keyed by its path relative to the docs folder."""
    return render_site(build_site_data(seeds_dir, story_path), templates_dir)
