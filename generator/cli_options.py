"""The command line's shared options (see `generator.cli`), and the checks of the paths they name."""

from __future__ import annotations

import os
from pathlib import Path

import click

from generator.core.errors import BuildError, printable

SEEDS = click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=Path("seeds"),
    show_default=True,
    help="Folder of article files (.txt, .md, .html).",
)
JOBS = click.option(
    "--jobs",
    type=click.IntRange(0, 64),
    default=0,
    show_default=True,
    help="Processes for extraction (0: one per core when 32,000 or more characters of articles need extracting); "
    "the output is the same for any number.",
)
CACHE = click.option(
    "--cache",
    type=click.Path(path_type=Path),
    default=Path(".cache/explainer"),
    show_default=True,
    help="Folder for per-article extraction results (safe to delete).",
)
TEMPLATES = click.option(
    "--templates", type=click.Path(path_type=Path), default=Path("templates"), show_default=True, help="Page templates."
)
SITE_URL = click.option("--site-url", default=None, help="The site's public address, for feeds and previews.")
NO_CACHE = click.option("--no-cache", is_flag=True, help="Extract every article again.")
STORY = click.option(
    "--story",
    type=click.Path(path_type=Path),
    default=Path("story.yml"),
    show_default=True,
    help="Story file; the build runs on the text alone if it does not exist.",
)


def check_inputs(seeds: Path, templates: Path | None = None) -> None:
    """Options that name a missing or wrong folder: one line naming the option, before any work."""
    if seeds.exists() and not seeds.is_dir():
        raise BuildError(f"--seeds {seeds}: is a file, not a folder of articles")
    if templates is not None and not templates.is_dir():
        raise BuildError(f"--templates {templates}: no such folder of page templates")


def protected(story: Path, cache: Path) -> dict[str, Path]:
    return {"the project folder": Path.cwd(), "the story file": story, "the extraction cache": cache}


def cache_folder(cache: Path, no_cache: bool = False) -> Path | None:
    """The extraction cache's folder, once it is known to be a real folder of the project's (or None)."""
    from generator.build.outdir import check_path

    if no_cache:
        return None
    check_path(cache, Path.cwd(), "--cache", "the extraction cache")
    return cache


def existing(files: tuple[Path, ...]) -> list[Path]:
    for path in files:
        if path.is_dir():
            raise BuildError(f"{printable(str(path))}: is a folder; give its article files (e.g. {path}/*.txt)")
        if not path.exists():
            raise BuildError(f"{printable(str(path))}: no such file")
    return list(files)


def story_or_none(story: Path) -> Path | None:
    """The story file to read, or None to build on the text alone: only the default story.yml may be missing
    (a path the user typed that does not exist is a typo, not a wish to build without the story)."""
    if os.path.lexists(story):
        from generator.config import story_file

        return story_file(story)
    context = click.get_current_context(silent=True)
    source = context.get_parameter_source("story") if context else None
    if source not in (None, click.core.ParameterSource.DEFAULT):
        raise BuildError(f"--story {printable(str(story))}: no such file (leave the option out to build without one)")
    return None
