"""The nlp layer's faces on any text, as commands: `dates | quotes | entities | events FILE...` (see `cli`)."""

from __future__ import annotations

from pathlib import Path

import click

from generator.cli_options import STORY, existing, story_or_none
from generator.core.errors import BuildError, printable


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--published", help="The documents' date, YYYY-MM-DD: what 'Friday' or 'last week' is read against.")
@click.option("--format", "form", type=click.Choice(["text", "jsonl", "timeml"]), default="text", show_default=True)
def dates(files: tuple[Path, ...], published: str | None, form: str) -> None:
    """Find every temporal expression in text files: dates, times, durations and sets, with TIMEX3 values.

    Offsets count characters of the file's text as read (UTF-8 or Windows-1252, line ends as '\\n').

    \b
    Examples:
      python -m generator dates seeds/000_a5c0679ffe64ab60.txt --published 2025-11-26
      python -m generator dates notes.txt --published 2013-03-22 --format jsonl
      python -m generator dates notes.txt --published 2013-03-22 --format timeml > notes.tml
    """
    import datetime as dt
    import json

    from generator.core.files import read_limited
    from generator.extract.timex import output
    from generator.extract.timex.tagger import tag
    from generator.ingest.articles import MAX_BYTES
    from generator.ingest.readers import decode

    try:
        day = dt.date.fromisoformat(published) if published else None
    except ValueError:
        raise BuildError(f"--published {published}: not a date; write it as YYYY-MM-DD") from None
    if day is None:
        raise BuildError("--published: give the documents' date (YYYY-MM-DD); relative dates are read against it")
    for path in existing(files):
        data = read_limited(path, MAX_BYTES, printable(str(path)), not_a_file="give a text file", too_big="split it")
        text, _warnings = decode(data, str(path))
        found = tag(text, day)
        if form == "jsonl":
            for item in found:
                click.echo(json.dumps(output.record(item, str(path)), ensure_ascii=False))
        elif form == "timeml":
            click.echo(output.timeml(text, found), nl=False)
        else:
            click.echo(f"{printable(str(path))}: {len(found)} temporal expressions (read against {day.isoformat()})")
            for item in found:
                click.echo("  " + output.line(item, text))


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@STORY
@click.option("--format", "form", type=click.Choice(["text", "jsonl"]), default="text")
def quotes(files: tuple[Path, ...], story: Path, form: str) -> None:
    """List the direct quotes of article files with their speakers, as the site reads them.

    jsonl: one object per quote, {file, start, end, quote, speaker, speaker_mention, cue, rule, chain, partial};
    `quote` is file_text[start:end] without its quotation marks; `speaker` the actor's name or null (unknown,
    with `speaker_mention` what the text calls them: 'one visitor'); `chain` how a resolved speaker was found
    ('“she” → Ana Ortega: was named 1 sentence before').
    Example: python -m generator quotes seeds/*.txt --format jsonl"""
    paths = existing(files)  # a file given wrong is said before the model loads
    from generator.config import load_story
    from generator.listing import QuoteLister, quote_lines

    records = QuoteLister(load_story(story_or_none(story))).records(paths)
    click.echo("\n".join(quote_lines(records, form)))


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@STORY
@click.option("--format", "form", type=click.Choice(["text", "jsonl"]), default="text")
def entities(files: tuple[Path, ...], story: Path, form: str) -> None:
    """List the actors of article files: one name per real entity, its kind, role, mentions and why it is shown.

    jsonl: {name, kind, role, source ("story file" or "text"), aliases, mentions: [{file, start, end, text}],
    shown_because} where shown_because is '' for an actor the site leaves out (named once, saying nothing).

    Example: python -m generator entities seeds/*.txt --format jsonl"""
    paths = existing(files)  # a file given wrong is said before the model loads
    from generator.config import load_story
    from generator.listing import QuoteLister, entity_lines, entity_records

    records = entity_records(QuoteLister(load_story(story_or_none(story))), paths)
    click.echo("\n".join(entity_lines(records, form)))


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--published", help="The documents' date, YYYY-MM-DD, when their metadata gives none.")
@STORY
@click.option("--format", "form", type=click.Choice(["text", "jsonl"]), default="text")
def events(files: tuple[Path, ...], published: str | None, story: Path, form: str) -> None:
    """List the dated events of article files as the timeline reads them, each with its frame from the parse.

    jsonl: {file, start, end, sentence, trigger, lemma, subject, object, place, date, end_date, after, before,
    precision, role, kind, headline}; `sentence` is file_text[start:end].
    Example: python -m generator events seeds/*.txt"""
    import datetime as dt

    if published:
        try:
            dt.date.fromisoformat(published)
        except ValueError:
            raise BuildError(f"--published {published}: not a date; write it as YYYY-MM-DD") from None
    paths = existing(files)  # a file given wrong is said before the model loads
    from generator.config import load_story
    from generator.listing import QuoteLister, event_lines, event_records

    records = event_records(QuoteLister(load_story(story_or_none(story))), paths, published)
    click.echo("\n".join(event_lines(records, form)))


TEXT_COMMANDS = (dates, quotes, entities, events)
