"""Command line: `python -m generator build | zensical | export | check | add | read | explain`, and (from
`cli_text`) the nlp layer's faces on any text: `dates | quotes | entities | events`."""

from __future__ import annotations

import os
import re
import sys
import traceback
from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path

import click

from generator.cli_options import (
    CACHE,
    JOBS,
    NO_CACHE,
    SEEDS,
    SITE_URL,
    STORY,
    TEMPLATES,
    cache_folder,
    check_inputs,
    protected,
    story_or_none,
)
from generator.cli_text import TEXT_COMMANDS
from generator.core.errors import INPUT_ERRORS, BuildError, one_line, printable


def _build_into(
    out: Path, cache_dir: Path | None, build: Callable[[], dict[str, str]], given: tuple[Path, Path, Path, Path]
) -> dict[str, str]:
    """Build and replace `out` with the files atomically, holding the cache's lock (two builds never write one cache
    at once) and the output's from the start: a folder that cannot be locked is said before the build's work (a
    read-only project is refused at once, not after every article is extracted). `out` is checked again before it
    is written (`given`: the seeds, story file, templates and cache options, which it must not replace). A command
    that writes no output holds the cache's lock alone."""
    from generator.build.outdir import check_target, remove_leftovers, write_tree

    seeds, story, templates, cache = given
    with _locked([*([cache_dir] if cache_dir else []), out]):
        files = build()
        check_target(out, protected(story, cache), [seeds, templates, Path("docs")])
        try:
            remove_leftovers(out)
            note = write_tree(files, out)
        except OSError as exc:
            raise BuildError(
                f"--out {out}: could not be written or replaced ({exc.strerror}); the previous output is unchanged"
            ) from None
    if note:
        click.echo(f"warning: {note}", err=True)
    return files


def _locked(folders: list[Path]) -> AbstractContextManager[None]:
    """The build's locks of `folders`, saying so on standard error while another build holds one."""
    from generator.build.outdir import build_lock

    return build_lock(folders, lambda message: click.echo(message, err=True))


BLOCKING = ("review",)  # what `check` fails on without --strict (actors found in the text are only listed)


@click.group()
@click.option(
    "--debug", is_flag=True, help="Show the full traceback of an unexpected failure (or set EXPLAINER_DEBUG=1)."
)
def cli(debug: bool) -> None:
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
@TEMPLATES
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("generated"),
    show_default=True,
    help="Folder for the generated Markdown pages and data/.",
)
@SITE_URL
@JOBS
@CACHE
@NO_CACHE
def build(
    seeds: Path, story: Path, templates: Path, out: Path, site_url: str | None, jobs: int, cache: Path, no_cache: bool
) -> None:
    """Generate the site's Markdown pages and data files (what `mkdocs build` publishes).

    \b
    Examples:
      python -m generator build                       # seeds/ and story.yml into generated/
      python -m generator build --jobs 4 --site-url https://example.org/explainer/
    """
    from generator.build.cache import BuildInputs
    from generator.build.outdir import check_target
    from generator.build.site_cache import cached_build

    check_inputs(seeds, templates)
    check_target(out, protected(story, cache), [seeds, templates, Path("docs")])
    cache_dir = cache_folder(cache, no_cache)
    inputs = BuildInputs(seeds, story_or_none(story), templates, cache_dir, jobs, site_url)
    files = _build_into(out, cache_dir, lambda: cached_build(inputs).files, (seeds, story, templates, cache))
    click.echo(f"wrote {len(files)} files to {out}")


@cli.command()
@click.option("--config-file", "config", type=click.Path(path_type=Path), default=Path("mkdocs.yml"), show_default=True)
@click.option(
    "--site-dir", "site", type=click.Path(path_type=Path), help="Where the site goes (default: mkdocs.yml's)."
)
def zensical(config: Path, site: Path | None) -> None:
    """Build the site with Zensical instead of MkDocs, from the same mkdocs.yml (`make site-zensical`).

    The seeds, story file and templates are the `explainer` plugin's options there; the pages are written
    first, then Zensical renders them, and the new site replaces the old one in one step.
    """
    from generator.build.zensical import build_with_zensical

    if not config.is_file():
        raise BuildError(f"--config-file {config}: no such file")
    pages = build_with_zensical(config, site)
    click.echo(f"built {pages} pages with Zensical into {site or 'the site folder'}")


@cli.command()
@SEEDS
@STORY
@TEMPLATES
@click.option("--out", type=click.Path(path_type=Path), required=True, help="Folder for the exported files.")
@SITE_URL
@JOBS
@CACHE
@NO_CACHE
def export(
    seeds: Path, story: Path, templates: Path, out: Path, site_url: str | None, jobs: int, cache: Path, no_cache: bool
) -> None:
    """Write the data only: JSON (with its schema), CSV, TimelineJS, iCalendar and the Atom feed.

    \b
    Examples:
      python -m generator export --out data
      python -m generator export --seeds other/seeds --story other/story.yml --out other-data
    """
    from generator.build.outdir import check_target
    from generator.build.pipeline import build_site_data
    from generator.publish.exports.files import exports

    check_inputs(seeds, templates)
    check_target(out, protected(story, cache), [seeds, templates, Path("docs")])
    cache_dir = cache_folder(cache, no_cache)

    def run() -> dict[str, str]:
        site = build_site_data(seeds, story_or_none(story), cache_dir, jobs)
        return {path.removeprefix("data/"): text for path, text in exports(site, templates, site_url).items()}

    files = _build_into(out, cache_dir, run, (seeds, story, templates, cache))
    click.echo(f"wrote {len(files)} files to {out}")


@cli.command()
@SEEDS
@STORY
@click.option("--dates", "count", type=click.IntRange(1, 1000), default=None,
              help="How many key dates (default: the story file's key_dates, else by the story's size).")  # fmt: skip
@click.option("--sentences", "per_date", type=click.IntRange(1, 50), default=2, help="Sentences per date.")
@click.option("--keywords", default="", help="Comma-separated: only sentences holding one of them are chosen.")
@click.option("--format", "form", type=click.Choice(["text", "jsonl"]), default="text")
@JOBS
@CACHE
@NO_CACHE
def keydates(
    seeds: Path, story: Path, count: int | None, per_date: int, keywords: str, form: str, jobs: int, cache: Path,
    no_cache: bool,
) -> None:  # fmt: skip
    """List the story's key dates, each told in the sentences that best say what happened that day.

    jsonl: one line per date, in date order: {date, sentences, citations: [{source, sentence_id}]}.

    \b
    Examples:
      python -m generator keydates
      python -m generator keydates --seeds other/seeds --dates 12 --sentences 3 --format jsonl
    """
    from generator.assemble.keydates import KeyRequest
    from generator.build.pipeline import build_site_data
    from generator.listing import key_date_lines

    check_inputs(seeds, None)
    cache_dir = cache_folder(cache, no_cache)
    request = KeyRequest(count, per_date, tuple(w.strip() for w in keywords.split(",") if w.strip()))

    with _locked([cache_dir] if cache_dir else []):  # two builds never write one cache at once
        site = build_site_data(seeds, story_or_none(story), cache_dir, jobs, request)
    click.echo("\n".join(key_date_lines(site.key_dates, form)))


@cli.command()
@SEEDS
@STORY
@CACHE
@click.option("--strict", is_flag=True, help="Exit 1 on warnings and unused aliases too, not only on review items.")
def check(seeds: Path, story: Path, cache: Path, strict: bool) -> None:
    """Lint the articles and the story file without building; list what an editor should review.

    \b
    Exit codes (for CI):
      0  nothing to review
      1  something to review: plan sentences that match no provision (with --strict also actors
         found in the text only, input warnings, aliases never seen, provisions no article mentions)
      2  an input error: the story file or an article cannot be read

    \b
    Examples:
      python -m generator check
      python -m generator check --strict --seeds seeds --story story.yml
    """
    from generator.assemble.site import assemble
    from generator.build.pipeline import extract_corpus, read_corpus
    from generator.editor import lint

    story_path = story_or_none(story)
    story_data, articles, warnings = read_corpus(seeds, story_path)
    site = assemble(story_data, extract_corpus(story_data, articles, cache_folder(cache)), warnings)
    findings = lint(story_data, str(story), site, warnings)
    for finding in findings:
        click.echo(finding.line())
    blocking = [f for f in findings if strict or f.kind in BLOCKING]
    click.echo(f"{len(articles)} articles read; {len(findings)} findings; {len(blocking)} to review")
    if blocking:
        sys.exit(1)


@cli.command()
@click.argument("sources", nargs=-1, required=True)
@click.option("--outlet", help="Who published it, e.g. 'Reuters'.")
@click.option("--url", help="The article's address (http or https).")
@click.option("--published", help="Publication date, YYYY-MM-DD.")
@SEEDS
@STORY
def add(sources: tuple[str, ...], outlet: str | None, url: str | None, published: str | None, seeds: Path,
        story: Path) -> None:  # fmt: skip
    """Add articles to the seeds folder: web addresses, saved pages (.html), text or Markdown files ('-' reads
    standard input).

    A web page (downloaded or saved) is read as a build reads it and written as Markdown: front matter (title,
    outlet, url, published) and the article's body; see it first with `python -m generator read`. A text or
    Markdown file is normalised (UTF-8, one line ending) and written with a metadata file beside it. A page or
    text already in the seeds folder is refused, naming the file it repeats. --outlet, --url and --published
    override what a page says; each failure is one line, and nothing is written for it.

    \b
    Examples:
      python -m generator add https://www.example.org/news/talks-resume
      python -m generator add ~/Downloads/talks.html --published 2025-11-24
      pbpaste | python -m generator add - --outlet "Daily Courier"
    """
    from generator.config import load_story
    from generator.editor import add_sources

    if len(sources) > 1 and url:
        raise click.BadParameter("one address for several articles: give --url with one only", param_hint="--url")
    created = not os.path.lexists(seeds)
    written, failures = add_sources(sources, seeds, load_story(story_or_none(story)), outlet, url, published)
    if created and written:
        click.echo(f"created the folder {printable(str(seeds))} (it did not exist)")
    for path in written:
        click.echo(f"wrote {path}")
    for failure in failures:
        click.echo(f"error: {failure}", err=True)
    if written:
        click.echo("next: python -m generator check, then make site")
    if failures:
        sys.exit(2)


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--format", "form", type=click.Choice(["text", "json"]), default="text", show_default=True)
def read(file: Path, form: str) -> None:
    """Show what a build reads from one article file (.html, .md or .txt): title, outlet, address, publication
    date and where it was found, the body, and every line set aside with the reason.

    \b
    Examples:
      python -m generator read ~/Downloads/talks.html
      python -m generator read seeds/talks.md --format json
    """
    import json

    from generator.ingest.page import reading

    if not os.path.lexists(file):
        raise click.BadParameter(f"{file}: no such file", param_hint="FILE")
    found = reading(file)
    if form == "json":
        click.echo(json.dumps(found.model_dump(), ensure_ascii=False, indent=2))
        return
    for key in ("title", "outlet", "url", "published", "published_basis"):
        click.echo(f"{key}: {printable(str(getattr(found, key) or '-'))}")
    click.echo("")
    click.echo(found.body)
    if found.set_aside:
        click.echo(f"\nset aside ({len(found.set_aside)}):")
        for item in found.set_aside:
            click.echo(f"  line {item.line}: {printable(item.text[:100])}  [{item.reason}]")


@cli.command()
@click.argument("sentence")
@SEEDS
@STORY
@CACHE
def explain(sentence: str, seeds: Path, story: Path, cache: Path) -> None:
    """Show every fact extracted from one sentence and the rule that produced it.

    SENTENCE is SOURCE#s-XXXXXXXX, as in the address of a citation (sources/SOURCE.html#s-XXXXXXXX).

    \b
    Examples:
      python -m generator explain 000_a5c0679ffe64ab60#s-a51a906f
      python -m generator explain sources/000_a5c0679ffe64ab60.html#s-a51a906f
    """
    from generator.assemble.site import assemble
    from generator.build.pipeline import extract_corpus, read_corpus
    from generator.editor import explain as explain_sentence

    match = re.fullmatch(r"(?:.*/)?([^/#]+?)(?:\.html|\.md)?#(s-[0-9a-f]{8}(?:-[0-9]+)?)", sentence.strip())
    if not match:
        raise click.BadParameter("write it as SOURCE#s-XXXXXXXX, e.g. 000_a5c0679ffe64ab60#s-a51a906f")
    source, sentence_id = match.groups()
    story_data, articles, warnings = read_corpus(seeds, story_or_none(story))
    extractions = extract_corpus(story_data, articles, cache_folder(cache))
    extraction = next((x for x in extractions if x.facts.parsed.article.id == source), None)
    if extraction is None:
        raise click.BadParameter(f"no article {source!r} in {seeds}", param_hint="SENTENCE")
    site = assemble(story_data, extractions, warnings)
    for line in explain_sentence(extraction, site, sentence_id):
        click.echo(line)


for command in TEXT_COMMANDS:
    cli.add_command(command)


def debugging(argv: list[str] | None = None) -> bool:
    """--debug on the command line, or EXPLAINER_DEBUG set to anything but '', '0' or 'no'."""
    flag = os.environ.get("EXPLAINER_DEBUG", "")
    return "--debug" in (sys.argv if argv is None else argv) or flag not in ("", "0", "no")


def main() -> None:
    debug = debugging()
    try:
        cli.main(standalone_mode=False)
    except INPUT_ERRORS as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except OSError as exc:  # the machine said no (permissions, a full or read-only disk): one line, naming the file
        where = printable(str(exc.filename)) if exc.filename else "a file"
        click.echo(f"error: {where}: {exc.strerror or exc}; check that it can be read and written by you", err=True)
        sys.exit(2)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("error: interrupted; the previous output is unchanged", err=True)
        sys.exit(130)
    except SystemExit:
        raise
    except BaseException as exc:  # never a traceback (extensions' panics are BaseExceptions): one line
        if debug:
            traceback.print_exc()
        else:
            click.echo(
                f"error: unexpected failure ({type(exc).__name__}: {one_line(str(exc))}); please report it "
                "(run again with --debug for the details)",
                err=True,
            )
        sys.exit(1)
