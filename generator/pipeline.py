"""The pipeline in one place: ingest → nlp → extract → assemble → render."""

from __future__ import annotations

from pathlib import Path

from generator.assemble import assemble
from generator.config import Story, load_story, unknown_sources
from generator.dedupe import drop_duplicates
from generator.extract import Extraction, Extractor
from generator.ingest import EmptyArticle, article_paths, read_article
from generator.model import Article, Site
from generator.nlp import build_pipeline, parse_article
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


def extract_corpus(story: Story, articles: list[Article]) -> list[Extraction]:
    pipeline = build_pipeline(story)
    extractor = Extractor.for_story(story)
    extractions = []
    for article in articles:
        try:
            extractions.append(extractor.extract(parse_article(pipeline, article)))
        except Exception as exc:  # a bug must still name the file, in one line
            raise BuildError(f"{article.path}: could not be processed ({type(exc).__name__}: {exc})") from exc
    return extractions


def build_site_data(seeds_dir: Path, story_path: Path | None) -> Site:
    story, articles, warnings = read_corpus(seeds_dir, story_path)
    return assemble(story, extract_corpus(story, articles), warnings)


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
