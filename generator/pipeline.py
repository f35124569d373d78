"""The pipeline in one place: ingest → nlp → extract → assemble → render."""

from __future__ import annotations

from pathlib import Path

from generator.assemble import assemble
from generator.config import Story, load_story, unknown_sources
from generator.extract import Extraction, Extractor
from generator.ingest import article_paths, read_article
from generator.model import Article, Site
from generator.nlp import build_pipeline, parse_article
from generator.render import render_site


class BuildError(Exception):
    """A problem with the input that stops the build, with one line that says what to do."""


def read_corpus(seeds_dir: Path, story_path: Path | None) -> tuple[Story, list[Article], list[str]]:
    """The story file and every article of the seeds folder, in file-name order."""
    paths = article_paths(seeds_dir)
    story = load_story(story_path)
    warnings = unknown_sources(story_path, story, {p.stem for p in paths})
    if not paths:
        warnings.append(f"{seeds_dir}: no article files (.txt, .md, .html) found")
    articles = [read_article(path, story) for path in paths]
    return story, articles, warnings


def extract_corpus(story: Story, articles: list[Article]) -> list[Extraction]:
    pipeline = build_pipeline(story)
    extractor = Extractor.for_story(story)
    return [extractor.extract(parse_article(pipeline, article)) for article in articles]


def build_site_data(seeds_dir: Path, story_path: Path | None) -> Site:
    story, articles, warnings = read_corpus(seeds_dir, story_path)
    return assemble(story, extract_corpus(story, articles), warnings)


def generate(seeds_dir: Path, story_path: Path | None, templates_dir: Path) -> dict[str, str]:
    """Every generated page and data file, keyed by its path relative to the docs folder."""
    return render_site(build_site_data(seeds_dir, story_path), templates_dir)
