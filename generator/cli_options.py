"""The command line's shared options (see `generator.cli`)."""

from __future__ import annotations

from pathlib import Path

import click

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
    help="Processes for extraction (0: one per core when 50 or more articles need extracting); "
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
