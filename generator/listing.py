"""The public faces of the nlp layer on any text: `python -m generator quotes | entities | events FILE...`."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from generator.config import Story
from generator.core.errors import printable
from generator.core.keydate import KeyDate
from generator.core.model import Quote
from generator.extract import Extraction
from generator.ingest.articles import read_article


class QuoteLister:
    """The site's quotes of any article, placed in its text as read; the pipeline is built once for all files."""

    def __init__(self, story: Story) -> None:
        from generator.extract import Extractor
        from generator.nlp.pipeline import build_pipeline

        self.story, self.pipeline = story, build_pipeline(story)
        self.extractor = Extractor.for_story(story, self.pipeline)

    def extract(self, path: Path, data: bytes | None = None, published: str | None = None) -> Extraction:
        """One file's facts; `published` (YYYY-MM-DD), when given, is its date whatever its metadata says."""
        from generator.nlp.pipeline import parse_article

        article = read_article(path, self.story, data)
        if published:
            article = replace(article, meta=replace(article.meta, published=published))
        return self.extractor.extract(parse_article(self.pipeline, article))

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
                 "chain": quote.chain or None, "partial": quote.partial}
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
    """The `entities` command's records: one per canonical actor across the files, with kind, role, the other
    spellings, every mention placed in its file (start/end offsets in the text as read) and why the site shows
    the actor, as the site's assembly says ('' for an actor it leaves out: too little evidence)."""
    from generator.assemble.actors import unify
    from generator.assemble.site import assemble

    raw = [lister.extract(path) for path in paths]
    why = {actor.name: actor.shown_because for actor in assemble(lister.story, raw, []).actors}  # as the site says
    extractions = unify(lister.story, raw)
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
                "source": "story file" if spec else "text", "aliases": [], "mentions": [],
            })  # fmt: skip
            at = where.get(mention.sentence, -1)
            start = at + mention.start if at >= 0 else None
            record["mentions"].append(  # type: ignore[attr-defined]
                {"file": str(path), "start": start, "end": start + len(mention.text) if start is not None else None,
                 "text": mention.text}
            )  # fmt: skip
    for name, record in actors.items():
        mentions: list[dict[str, object]] = record["mentions"]  # type: ignore[assignment]
        record["aliases"] = sorted({str(m["text"]) for m in mentions} - {name})
        record["shown_because"] = why.get(name, "")
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
            who = r["speaker"] or unnamed(str(r["speaker_mention"] or ""))
            kind = "quoted phrase, " if r["partial"] else ""
            lines.append(f"  {r['start']}-{r['end']}  {who} ({kind}{r['rule']}: “{r['cue']}”)  “{r['quote']}”")
            if r["chain"]:
                lines.append(f"      ↳ {r['chain']}")
    return lines


NO_DESCRIPTION = frozenset("which who that it its they them he she i we you this these those".split())


def unnamed(mention: str) -> str:
    """An unnamed speaker as the text calls them ('one visitor, a student who ...' -> 'one visitor (unnamed)'),
    or 'speaker unknown' when the text gives no description ('which', 'they')."""
    head = mention.split(",")[0].strip()
    return f"{head} (unnamed)" if head and head.lower() not in NO_DESCRIPTION else "speaker unknown"


def entity_lines(records: list[dict[str, object]], form: str) -> list[str]:
    """The `entities` command's output: JSON Lines, or one line per actor with its other spellings."""
    if form == "jsonl":
        return [json.dumps(r, ensure_ascii=False) for r in records]
    lines = []
    for record in records:
        mentions: list[dict[str, object]] = record["mentions"]  # type: ignore[assignment]
        spellings: list[str] = record["aliases"]  # type: ignore[assignment]
        role = f", {record['role']}" if record["role"] else ""
        also = f"; also “{'”, “'.join(spellings)}”" if spellings else ""
        why = f"shown: {record['shown_because']}" if record["shown_because"] else "not shown: too little evidence"
        lines.append(
            f"{record['name']} ({record['kind']}{role}; {record['source']}): {len(mentions)} mention"
            f"{'s' * (len(mentions) != 1)}{also} [{why}]"
        )
    return lines


def _sentence_span(text: str, sentence: str, cursor: int) -> tuple[int, int] | None:
    """Where a sentence (as the pipeline holds it, runs of spaces made one) stands in the file's text."""
    start = text.find(sentence, cursor)
    if start >= 0:
        return start, start + len(sentence)
    pattern = r"\s+".join(re.escape(part) for part in sentence.split())
    found = re.compile(pattern).search(text, cursor) if pattern else None
    return (found.start(), found.end()) if found else None


def event_records(lister: QuoteLister, paths: list[Path], published: str | None) -> list[dict[str, object]]:
    """One record per dated event of each file (the `events --format jsonl` contract): the frame extraction read
    from the parse (trigger, lemma, who, what, where), its date as the timeline shows it (a window for an
    uncertain one: `date` None, `after`/`before` its bounds), and the entry's headline.
    `sentence` is file_text[start:end], the file's text as read."""
    from generator.core.syntax import Parse
    from generator.extract.frames import arguments

    records: list[dict[str, object]] = []
    for path in paths:
        extraction = lister.extract(path, published=published)
        parsed, text = extraction.facts.parsed, extraction.facts.parsed.article.raw_text
        sentences = {s.id: s for s in parsed.sentences}
        cursor = 0
        for event in extraction.facts.events:
            frame = event.frame
            sentence = sentences[frame.sentence if frame and frame.sentence in sentences else event.sentences[0]]
            span = _sentence_span(text, sentence.text, cursor) or _sentence_span(text, sentence.text, 0)
            when = extraction.dates.when.get(sentence.id)
            parse = Parse(sentence) if frame and sentence.words else None
            trigger = (
                next((i for i, w in enumerate(parse.words) if w.start == frame.start), None)
                if (parse and frame)
                else None
            )
            who, what, _where = arguments(parse, trigger) if parse and trigger is not None else ([], [], [])
            records.append({
                "file": str(path), "start": span[0] if span else None, "end": span[1] if span else None,
                "sentence": sentence.text if span is None else text[span[0]:span[1]],
                "trigger": frame.trigger if frame else None, "lemma": frame.lemma if frame else None,
                "subject": _phrase(parse, who), "object": _phrase(parse, what),
                "place": " ".join(sorted(frame.place)) or None if frame else None,
                "date": event.date.date, "end_date": event.date.end, "after": event.date.after,
                "before": event.date.before,
                "precision": str(event.date.precision), "role": str(when.role) if when else None,
                "kind": str(event.kind), "headline": event.summary,
            })  # fmt: skip
            cursor = span[1] if span else cursor
    return records


ASIDES = frozenset({"relcl", "acl", "appos", "advcl", "parataxis", "punct"})  # not part of a name as written


def _phrase(parse: object, heads: list[int]) -> str | None:
    """The first argument as written, without its asides ('The fund (SMPF), which pays …,' -> 'The fund (SMPF)')."""
    from generator.core.syntax import Parse

    if not isinstance(parse, Parse) or not heads:
        return None
    whole = set(parse.subtree(heads[0]))
    aside = {j for i in whole if parse.words[i].dep in ASIDES and i != heads[0] for j in parse.subtree(i)}
    kept = sorted(whole - aside) or [heads[0]]
    text = parse.sentence.text[parse.words[kept[0]].start : parse.words[kept[-1]].end]
    return text.strip(" ,;:—–-") or None


def event_lines(records: list[dict[str, object]], form: str) -> list[str]:
    """The `events` command's output: JSON Lines, or one line per event: date, headline, trigger and who."""
    if form == "jsonl":
        return [json.dumps(r, ensure_ascii=False) for r in records]
    lines: list[str] = []
    for r in records:
        who = f"; who: {r['subject']}" if r["subject"] else ""
        what = f"; what: {r['object']}" if r["object"] else ""
        when = r["date"] or (f"{r['after'] or '…'} to {r['before'] or '…'}" if r["after"] or r["before"] else "undated")
        lines.append(f"{printable(str(r['file']))}:{r['start']}-{r['end']}  {when} ({r['precision']})"
                     f"  {r['headline']}  [{r['lemma'] or '-'}{who}{what}]")  # fmt: skip
    return lines


def key_date_lines(days: list[KeyDate], form: str) -> list[str]:
    """The `keydates` command's output: JSON Lines ({date, sentences, citations}), or each date and its
    sentences with their sources."""
    if form == "jsonl":
        return [
            json.dumps(
                {
                    "date": d.date,
                    "sentences": [s.text for s in d.sentences],
                    "citations": [{"source": s.source, "sentence_id": s.sentence} for s in d.sentences],
                },
                ensure_ascii=False,
            )
            for d in days
        ]
    lines: list[str] = []
    for day in days:
        lines.append(f"{day.date}  (salience {day.score:g})")
        lines += [f"  - {printable(s.text)}  [{printable(s.source)}]" for s in day.sentences]
    return lines
