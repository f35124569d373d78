"""The public faces of the nlp layer on any text: `python -m generator quotes | entities FILE...`."""

from __future__ import annotations

import json
from pathlib import Path

from generator.config import Story
from generator.core.errors import printable
from generator.core.model import Quote
from generator.extract import Extraction
from generator.ingest.articles import read_article


class QuoteLister:
    """The site's quotes of any article, placed in its text as read; the pipeline is built once for all files."""

    def __init__(self, story: Story) -> None:
        from generator.extract import Extractor
        from generator.nlp.pipeline import build_pipeline

        self.story, self.pipeline, self.extractor = story, build_pipeline(story), Extractor.for_story(story)

    def extract(self, path: Path, data: bytes | None = None) -> Extraction:
        from generator.nlp.pipeline import parse_article

        return self.extractor.extract(parse_article(self.pipeline, read_article(path, self.story, data)))

    def placed(self, path: Path, data: bytes | None = None) -> tuple[str, list[tuple[int, int, Quote]]]:
        """The article's text as read, and each quote with its offsets in it (the first match after the last)."""
        extraction = self.extract(path, data)
        return _place(extraction.facts.parsed.article.raw_text, list(extraction.facts.quotes))

    def records(self, paths: list[Path]) -> dict[Path, list[dict[str, object]]]:
        """One record per quote of each file (the `quotes --format jsonl` contract); a speaker described by role
        ('a deputy minister') is resolved against the roles every file gives."""
        from generator.assemble.site import known_roles
        from generator.assemble.statements import attribute_by_role

        extractions = [self.extract(path) for path in paths]
        people = set(self.extractor.people) | {d.name for x in extractions for d in x.discovered if d.kind == "person"}
        roles = known_roles(self.story, extractions)
        result: dict[Path, list[dict[str, object]]] = {}
        for path, extraction in zip(paths, extractions, strict=True):
            quotes = attribute_by_role(list(extraction.facts.quotes), roles, people)
            result[path] = [
                {"file": str(path), "start": start, "end": end, "quote": quote.text, "speaker": quote.speaker,
                 "speaker_mention": quote.mention or None, "cue": quote.cue, "rule": str(quote.rule),
                 "partial": quote.partial}
                for start, end, quote in _place(extraction.facts.parsed.article.raw_text, quotes)[1]
            ]  # fmt: skip
        return result


def _place(text: str, found: list[Quote]) -> tuple[str, list[tuple[int, int, Quote]]]:
    placed, cursor = [], 0
    for quote in found:
        start = text.find(quote.text, cursor)
        start = start if start >= 0 else text.find(quote.text)
        if start >= 0:
            cursor = start + len(quote.text)
            placed.append((start, cursor, quote))
    return text, placed


def entity_records(lister: QuoteLister, paths: list[Path]) -> list[dict[str, object]]:
    """The `entities` command's records: one per canonical actor across the files, with kind, role and every
    mention placed in its file (start/end offsets in the text as read)."""
    from generator.assemble.actors import unify

    extractions = unify(lister.story, [lister.extract(path) for path in paths])
    specs = {a.name: a for a in lister.story.actors}
    found = {d.name: d for x in extractions for d in x.discovered}
    actors: dict[str, dict[str, object]] = {}
    for path, extraction in zip(paths, extractions, strict=True):
        parsed = extraction.facts.parsed
        text, cursor, where = parsed.article.raw_text, 0, {}
        for sentence in parsed.sentences:
            at = text.find(sentence.text, cursor)
            where[sentence.id] = at
            cursor = at + len(sentence.text) if at >= 0 else cursor
        for mention in parsed.mentions:
            spec, discovered = specs.get(mention.actor), found.get(mention.actor)
            if spec is None and discovered is None:
                continue
            record = actors.setdefault(mention.actor, {
                "name": mention.actor,
                "kind": str(spec.kind if spec else discovered.kind if discovered else "other"),
                "role": spec.role if spec else discovered.role if discovered else None,
                "source": "story file" if spec else "text", "mentions": [],
            })  # fmt: skip
            at = where.get(mention.sentence, -1)
            start = at + mention.start if at >= 0 else None
            record["mentions"].append(  # type: ignore[attr-defined]
                {"file": str(path), "start": start, "end": start + len(mention.text) if start is not None else None,
                 "text": mention.text}
            )  # fmt: skip
    return sorted(actors.values(), key=lambda r: (-len(r["mentions"]), str(r["name"])))  # type: ignore[arg-type]


def quote_lines(records: dict[Path, list[dict[str, object]]], form: str) -> list[str]:
    """The `quotes` command's output: JSON Lines, or per file a count and one line per quote."""
    lines: list[str] = []
    for path, found in records.items():
        if form == "jsonl":
            lines += [json.dumps(r, ensure_ascii=False) for r in found]
            continue
        lines.append(f"{printable(str(path))}: {len(found)} quotes")
        for r in found:
            who = r["speaker"] or "speaker unknown"
            kind = "quoted phrase, " if r["partial"] else ""
            lines.append(f"  {r['start']}-{r['end']}  {who} ({kind}{r['rule']}: “{r['cue']}”)  “{r['quote']}”")
    return lines


def entity_lines(records: list[dict[str, object]], form: str) -> list[str]:
    """The `entities` command's output: JSON Lines, or one line per actor with its other spellings."""
    if form == "jsonl":
        return [json.dumps(r, ensure_ascii=False) for r in records]
    lines = []
    for record in records:
        mentions: list[dict[str, object]] = record["mentions"]  # type: ignore[assignment]
        spellings = sorted({str(m["text"]) for m in mentions} - {record["name"]})
        role = f", {record['role']}" if record["role"] else ""
        also = f"; also “{'”, “'.join(spellings)}”" if spellings else ""
        lines.append(f"{record['name']} ({record['kind']}{role}; {record['source']}): {len(mentions)} mentions{also}")
    return lines
