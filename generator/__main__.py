"""Command line: `python -m generator build | export | check`."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import click

from generator.errors import INPUT_ERRORS

SEEDS = click.option(
    "--seeds",
    type=click.Path(path_type=Path),
    default=Path("seeds"),
    show_default=True,
    help="Folder of article files (.txt, .md, .html).",
)
JOBS = click.option(
    "--jobs",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes for extraction; the output is the same for any number.",
)
CACHE = click.option(
    "--cache",
    type=click.Path(path_type=Path),
    default=Path(".cache/explainer"),
    show_default=True,
    help="Folder for per-article extraction results (safe to delete).",
)
NO_CACHE = click.option("--no-cache", is_flag=True, help="Extract every article again.")
STORY = click.option(
    "--story",
    type=click.Path(path_type=Path),
    default=Path("story.yml"),
    show_default=True,
    help="Story file; the build runs on the text alone if it does not exist.",
)


def write_tree(files: dict[str, str], out_dir: Path) -> None:
    """Write all files to a temporary folder, then swap it into place: never a half-written output."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    for path, content in sorted(files.items()):
        target = staging / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    if out_dir.exists():
        shutil.rmtree(out_dir)
    staging.rename(out_dir)


def _story_or_none(story: Path) -> Path | None:
    return story if story.exists() else None


@click.group()
def cli() -> None:
    """Turn a folder of news articles and a story file into an explainer site.

    \b
    Examples:
      python -m generator build                 # pages into generated/
      python -m generator export --seeds seeds --out data
      python -m generator check                 # validate without building
    """


@cli.command()
@SEEDS
@STORY
@click.option("--templates", type=click.Path(path_type=Path), default=Path("templates"), show_default=True)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("generated"),
    show_default=True,
    help="Folder for the generated Markdown pages and data/.",
)
@JOBS
@CACHE
@NO_CACHE
def build(seeds: Path, story: Path, templates: Path, out: Path, jobs: int, cache: Path, no_cache: bool) -> None:
    """Generate the site's Markdown pages and data files (what `mkdocs build` publishes)."""
    from generator.cache import cached_build

    files = cached_build(seeds, _story_or_none(story), templates, None if no_cache else cache, jobs).files
    write_tree(files, out)
    click.echo(f"wrote {len(files)} files to {out}")


@cli.command()
@SEEDS
@STORY
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder for the JSON files.")
@JOBS
@CACHE
@NO_CACHE
def export(seeds: Path, story: Path, out: Path, jobs: int, cache: Path, no_cache: bool) -> None:
    """Write the data only: timeline, actors, plan, sources and comparison as JSON."""
    from generator.export import export_data
    from generator.pipeline import build_site_data

    site = build_site_data(seeds, _story_or_none(story), None if no_cache else cache, jobs)
    files = {path.removeprefix("data/"): text for path, text in export_data(site).items()}
    write_tree(files, out)
    click.echo(f"wrote {len(files)} files to {out}")


@cli.command()
@SEEDS
@STORY
def check(seeds: Path, story: Path) -> None:
    """Validate the story file and the articles without building; list what an editor should review."""
    from generator.pipeline import build_site_data, read_corpus

    _story, articles, warnings = read_corpus(seeds, _story_or_none(story))
    site = build_site_data(seeds, _story_or_none(story))
    unreviewed = [a for a in site.actors if not a.registered]
    for warning in warnings:
        click.echo(f"warning: {warning}")
    for actor in unreviewed:
        where = ", ".join(sorted(actor.mentions))
        click.echo(f"unreviewed actor: {actor.name} ({actor.role or 'no role'}) in {where}")
    for citation in site.review_queue:
        click.echo(f"review: {citation.source}#{citation.sentence}: {citation.text}")
    click.echo(
        f"{len(articles)} articles read; {len(unreviewed)} actors to review; "
        f"{len(site.review_queue)} plan sentences to review"
    )


def main() -> None:
    try:
        cli.main(standalone_mode=False)
    except INPUT_ERRORS as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)
    except Exception as exc:  # never a traceback: one line that says what happened
        click.echo(f"error: unexpected failure ({type(exc).__name__}: {exc}); please report it", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
