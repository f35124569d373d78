"""The editor's tools behind `python -m generator check | add | explain`: pure functions over the pipeline's data."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import yaml
from pydantic import ValidationError

from generator.config import ArticleMeta, Story
from generator.core.errors import IngestError, one_line, printable
from generator.core.files import file_status, read_limited
from generator.core.model import Site
from generator.core.refs import sentence_key
from generator.core.text import slug
from generator.extract import Extraction
from generator.ingest.articles import MAX_BYTES, NOT_AN_ARTICLE, article_paths, read_article, shown
from generator.ingest.names import ARTICLE_SUFFIXES
from generator.ingest.readers import decode
from generator.publish.labels import date_label


@dataclass(frozen=True)
class Finding:
    """One thing an editor should look at: a kind, where, and what to do."""

    kind: str
    where: str
    message: str

    def line(self) -> str:
        return f"{self.kind}: {self.where}: {self.message}"


def lint(story: Story, story_label: str, site: Site, warnings: list[str]) -> list[Finding]:
    """Everything `check` reports, in a fixed order: input warnings, what the story file leaves out, actors,
    aliases, provisions, review queue. Hints for the editor are here, never on the reader's pages."""
    findings = [Finding("warning", w.split(": ", 1)[0], w.split(": ", 1)[-1]) for w in warnings]
    findings += _story_gaps(story, story_label)
    for actor in (a for a in site.actors if not a.registered and a.mentions):
        where = ", ".join(sorted(actor.mentions))
        findings.append(Finding("found actor", actor.name, f"found in {where}; add it to {story_label} to correct it"))
    for actor in (a for a in site.actors if a.registered and not a.mentions):
        message = f"in {story_label} but named in no article; keep it if later articles may name it"
        findings.append(Finding("unnamed actor", actor.name, message))
    findings += _unused_aliases(story, site)
    for provision in site.provisions:
        if not provision.mentions:
            findings.append(Finding("unmentioned provision", provision.id, f"“{provision.title}” is in no article"))
    for citation in site.review_queue:
        findings.append(
            Finding(
                "review", sentence_key(citation.source, citation.sentence), f"reads like plan content: {citation.text}"
            )
        )
    return findings


def _story_gaps(story: Story, story_label: str) -> list[Finding]:
    """What the story file leaves out that readers would miss: the home page's summary, a plan to track."""
    gaps = []
    if not story.summary:
        message = "no `summary:`; the home page shows a count of articles instead"
        gaps.append(Finding("missing summary", story_label, message))
    if not (story.plan and story.plan.provisions):
        gaps.append(Finding("no plan", story_label, "no `plan:` with `provisions:`; the site has no plan tracker"))
    return gaps


def _unused_aliases(story: Story, site: Site) -> list[Finding]:
    """Aliases of the story file that no sentence contains (one pass over the corpus with one pattern)."""
    aliases = sorted({alias for spec in story.actors for alias in spec.aliases}, key=len, reverse=True)
    if not aliases:
        return []
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(a) for a in aliases) + r")(?!\w)", re.I)
    found = {m.group(0).casefold() for s in site.sentences.values() for m in pattern.finditer(s.text)}
    return [
        Finding("unused alias", spec.name, f"“{alias}” appears in no article; keep it if later articles may use it")
        for spec in story.actors
        for alias in spec.aliases
        if alias.casefold() not in found
    ]


def explain(extraction: Extraction, site: Site, sentence_id: str) -> list[str]:
    """Every fact read from one sentence, with the words it was read from and the rule that produced it."""
    facts = extraction.facts
    source = facts.parsed.article.id
    sentence = next((s for s in facts.parsed.sentences if s.id == sentence_id), None)
    if sentence is None:
        raise IngestError(f"{source}: no sentence {sentence_id}; sentence ids are the #s-… anchors on its page")
    lines = [f"{source}#{sentence.id} ({sentence.kind}, sentence {sentence.index + 1})", f"“{sentence.text}”", ""]
    for m in (m for m in facts.parsed.mentions if m.sentence == sentence_id):
        origin = "story file" if m.registered else "found in the text (not in the story file)"
        lines.append(f"actor     “{m.text}” → {m.actor} ({origin})")
    for d in (d for d in facts.dates if d.sentence == sentence_id):
        lines.append(f"date      “{d.value.expression}” → {date_label(d.value)} (rule {d.value.rule}; role {d.role})")
    for entry in site.timeline:
        if any(c.source == source and c.sentence == sentence_id for c in entry.citations):
            others = len({c.source for c in entry.citations}) - 1
            lines.append(
                f"event     {date_label(entry.date)} [{entry.kind}] “{entry.summary}” — timeline entry e-{entry.id}"
                + (f", also reported by {others} other source(s)" if others else "")
            )
    for q in (q for q in facts.quotes if q.sentence == sentence_id):
        lines.append(f"quote     {q.speaker or 'unknown speaker'}: “{q.text}” (attributed by “{q.cue}”)")
    for f in (f for f in facts.figures if f.sentence == sentence_id):
        related = "; from a related headline" if f.related else ""
        lines.append(f"figure    “{f.text}” {f.unit} (bound {f.bound}; {f.low}–{f.high}{related})")
    titles = {p.id: p.title for p in site.provisions}
    for p in (p for p in facts.plan_mentions if p.sentence == sentence_id):
        how = "shared vocabulary (paraphrase)" if p.paraphrase else f"phrase “{p.phrase}”"
        who = f"{p.actor} {p.stance}" if p.actor else p.stance
        lines.append(f"provision {titles.get(p.provision, p.provision)}: {who} (matched by {how})")
    words = [w for w, first in extraction.framing.first.items() if first == sentence_id]
    if words:
        lines.append(f"framing   loaded words first used here: {', '.join(sorted(words))}")
    if len(lines) == 3:
        lines.append("nothing was extracted from this sentence")
    return lines


# ── add ───────────────────────────────────────────────────────────────────────


def _kind(name: str, text: str) -> str:
    suffix = Path(name).suffix.lower()
    if suffix in ARTICLE_SUFFIXES:
        return ".md" if suffix == ".markdown" else ".html" if suffix == ".htm" else suffix
    return ".html" if re.search(r"<(?:html|body|p|article)\b", text[:2000], re.I) else ".txt"


def _check_meta(outlet: str | None, url: str | None, published: str | None) -> dict:
    """The options as the metadata schema reads them; a mistake names its option."""
    given = {"outlet": outlet and " ".join(outlet.split()), "url": url, "published": published and published.strip()}
    try:
        meta = ArticleMeta.model_validate({k: v for k, v in given.items() if v})
    except ValidationError as exc:
        error = exc.errors()[0]
        option = str(error["loc"][0])
        message = error["msg"].removeprefix("Value error, ")
        value = str(given[option])
        raise IngestError(f"--{option} {value if value.isprintable() else repr(value)}: {message}") from None
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in meta.model_dump(exclude_none=True).items()}


def article_input(file: Path) -> tuple[bytes, str]:
    """What `add` reads and the name it goes by: standard input for '-' (as 'stdin.txt'), else a regular file;
    never more than an article's limit."""
    if str(file) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise IngestError(f"stdin.txt: more than the {MAX_BYTES / 1e6:g} MB limit; split the article")
        return data, "stdin.txt"
    not_a_file = "give the path of an article file (.txt, .md or .html)"
    return read_limited(file, MAX_BYTES, str(file), not_a_file=not_a_file, too_big="split it"), file.name


def _same_bytes(path: Path, data: bytes) -> bool:
    """Whether a seed holds exactly `data`: only a file of the same size is read, and no more than that."""
    info = file_status(path, shown(path), NOT_AN_ARTICLE)
    if (info.st_size if info else 0) != len(data):
        return False
    changed = "it changed while it was read"
    return read_limited(path, len(data), shown(path), not_a_file=NOT_AN_ARTICLE, too_big=changed) == data


def add_article(
    data: bytes, name: str, seeds_dir: Path, story: Story, outlet: str | None, url: str | None, published: str | None
) -> list[Path]:
    """Normalise an article (UTF-8, NFC, LF, no trailing spaces) into seeds/ with a metadata sidecar.

    The article is read exactly as a build would read it before anything is written; an exact duplicate of
    a seed already there is refused. Returns the files written.
    """
    meta = _check_meta(outlet, url, published)
    if seeds_dir.exists() and not seeds_dir.is_dir():
        raise IngestError(f"--seeds {seeds_dir}: not a folder; give the folder of article files")
    text, _warnings = decode(data, name)
    text = "\n".join(line.rstrip() for line in unicodedata.normalize("NFC", text).split("\n")).strip() + "\n"
    suffix = _kind(name, text)
    probe = read_article(Path(name).with_suffix(suffix), story, text.encode("utf-8"))  # errors name the input
    digest = hashlib.sha1(text.encode()).hexdigest()
    seeds_dir.mkdir(parents=True, exist_ok=True)
    encoded = text.encode("utf-8")
    for existing in article_paths(seeds_dir):  # a named pipe or a device among them is refused, never read
        if _same_bytes(existing, encoded):
            raise IngestError(f"{name}: already in the seeds folder as {existing}; nothing added")
    stem = f"{meta.get('published', 'undated')}-{slug(probe.title, 'article', max_length=60)}-{digest[:6]}"
    target = seeds_dir / f"{stem}{suffix}"
    written = [target]
    target.write_text(text, encoding="utf-8")
    if meta:
        sidecar = target.with_suffix(".yml")
        sidecar.write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=True), encoding="utf-8")
        written.append(sidecar)
    return written


def add_sources(
    sources: tuple[str, ...], seeds_dir: Path, story: Story, outlet: str | None, url: str | None,
    published: str | None,
) -> tuple[list[Path], list[str]]:
    """`add`: each web address, saved page or text file into the seeds folder; the files written, and one line
    per source that failed (nothing written for it)."""
    from generator.ingest.addpage import Seeds, add_page
    from generator.ingest.fetch import fetch

    given = _check_meta(outlet, url, published)
    seeds = Seeds(seeds_dir, story)
    written: list[Path] = []
    failures: list[str] = []
    for source in sources:
        try:
            if re.match(r"(?i)https?://", source):
                page = fetch(source)
                written.append(add_page(page.text.encode("utf-8"), source, seeds, page.url, "utf-8", given))
                continue
            file = Path(source)
            if source != "-" and not os.path.lexists(file):
                raise IngestError(f"{source}: no such file (give a web address, a saved page or a text file)")
            data, name = article_input(file)
            if _kind(name, data[:2000].decode("utf-8", "replace")) == ".html":
                written.append(add_page(data, source, seeds, given=given))
            else:
                added = add_article(data, name, seeds_dir, story, outlet, url, published)
                seeds.added(added[0])
                written += added
        except IngestError as exc:
            failures.append(str(exc))
        except OSError as exc:  # the machine said no (permissions, a full disk, a folder in the way)
            where = printable(str(exc.filename)) if exc.filename else source
            failures.append(f"{where}: {exc.strerror or exc}; check that it can be read and written by you")
        except Exception as exc:  # a page no reader expected: named, one line, and the other sources still go on
            failures.append(f"{source}: could not be read ({type(exc).__name__}: {one_line(str(exc))}); nothing added")
    return written, failures
