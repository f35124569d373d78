"""The pipeline in one place: ingest → nlp → extract → assemble → render."""

from __future__ import annotations

import hashlib
import multiprocessing
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.assemble import assemble
from generator.cache import ExtractionCache, read_pickle, write_pickle
from generator.config import Story, load_story, unknown_sources
from generator.dedupe import drop_duplicates
from generator.extract import Extraction, Extractor
from generator.ingest import EmptyArticle, article_paths, read_article
from generator.model import Article, Site
from generator.progress import progress
from generator.render import render_site

if TYPE_CHECKING:
    from generator.nlp import Pipeline


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
    from generator.nlp import build_pipeline  # spaCy loads only when something needs extracting

    global _WORKER
    _WORKER = (build_pipeline(story), Extractor.for_story(story))


def _extract_one(article: Article) -> Extraction:
    from generator.nlp import parse_article

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


@dataclass(frozen=True)
class Outputs:
    """What a build produces: the generated files, the warnings to show, and the latest date in the content."""

    files: dict[str, str]
    warnings: tuple[str, ...]
    content_date: str | None


def _inputs_key(seeds_dir: Path, story_path: Path | None, templates_dir: Path) -> str:
    """A hash of everything a build reads: the code, the story file, the templates and every seed file."""
    from generator.cache import code_fingerprint

    digest = hashlib.sha1(code_fingerprint().encode())
    files = [story_path] if story_path else []
    files += sorted(p for p in templates_dir.rglob("*") if p.is_file())
    files += sorted(p for p in seeds_dir.iterdir() if p.is_file()) if seeds_dir.is_dir() else []
    for path in files:
        digest.update(str(path.relative_to(path.parent.parent)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_outputs(
    seeds_dir: Path, story_path: Path | None, templates_dir: Path, cache_dir: Path | None = None, jobs: int = 1
) -> Outputs:
    """Generate the site's files; with a cache folder, an unchanged input is served whole from the cache."""
    cached = cache_dir / f"site-{_inputs_key(seeds_dir, story_path, templates_dir)}.pickle" if cache_dir else None
    previous = read_pickle(cached) if cached else None
    if isinstance(previous, Outputs):
        return previous
    site = build_site_data(seeds_dir, story_path, cache_dir, jobs)
    outputs = Outputs(render_site(site, templates_dir), tuple(site.warnings), content_date(site))
    if cached:
        for old in cached.parent.glob("site-*.pickle"):
            old.unlink(missing_ok=True)  # only the latest site is worth keeping
        write_pickle(cached, outputs)
    return outputs
