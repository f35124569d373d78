"""Ingest: read article files (.txt, .md, .html) and separate the article body from page clutter."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from generator.config import ArticleMeta, Story, read_meta_text
from generator.core.datepatterns import DATELINE
from generator.core.model import Article, Block, DroppedLine, RelatedItem, SourceMeta
from generator.core.text import file_slug
from generator.ingest.readers import (
    MD_IMAGE,
    IngestError,
    RawLine,
    decode,
    html_lines,
    markdown_lines,
    split_front_matter,
    text_lines,
)

__all__ = ["EmptyArticle", "IngestError", "article_ids", "article_paths", "read_article", "safe_id"]


class EmptyArticle(IngestError):
    """A file with no text: skipped with a warning rather than stopping the build."""


ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 5 * 1024 * 1024  # a news article is a few tens of kilobytes; more is a mistake


# ── clutter rules: news-site furniture, not story knowledge ───────────────────

IMAGE_FILE = re.compile(r"^[!\[\]()\w./:-]*\.(?:jpe?g|png|gif|webp|svg|avif|bmp)\)?\]?\)?$", re.I)
DONATION = re.compile(
    r"\b(?:your support|support (?:us|our (?:work|journalism|team))|donate|donation"
    r"|become a (?:member|patron|supporter)|subscribe (?:now|today)|keeps? our (?:team|journalists|reporters))\b",
    re.I,
)
BOILERPLATE = re.compile(
    r"^(?:advertisement|share (?:this|on)\b.*|follow us\b.*|sign up\b.*|read more|see more|show more"
    r"|(?:photo|image|picture|video)(?: credit)?:.*|click here\b.*|all rights reserved.*|©.*)$",
    re.I,
)
TIME_STAMP = re.compile(
    r"^(?:updated|published|posted|last updated|first published)\b[:\s].{0,80}\b\d{4}\b.{0,40}$"
    r"|^\d{1,2}:\d{2}\s*(?:[A-Z]{2,4})?,?\s+\d{1,2}\.\d{1,2}\.\d{4}$",
    re.I,
)
TRAILING_LINK = re.compile(r"\s*\b(?:See more|Read more|Continue reading|Show more)[.…]*\s*$", re.I)
RELATED_HEAD = re.compile(r"^(?:More on|Related(?: coverage| stories| articles)?|Read also|See also|More from)\b", re.I)
RELATIVE_AGE = re.compile(
    r"(?:\d+\s*|\b(?:an?|one|two|three)\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?) ago|\bToday\b|\bYesterday\b"
)
GENERIC_LABELS = {"category", "categories", "tags", "tag", "section", "home", "news", "menu", "topics"}
DOMAIN_PREFIX = re.compile(r"^((?:[a-z0-9-]+\.)+(?:com|org|net|news|co\.uk|uk|eu|info|io|tv))(?=[A-Z“\"])")
CAMEL_JOIN = re.compile(r"^(.{2,40}?[a-z])(?=[A-Z][a-z])")
AGE_WORDS = ("ago", "Today", "Yesterday")
LINK_ENDINGS = ("more", "reading")  # a cheap test before TRAILING_LINK's search
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'‘])")


# ── body/clutter separation ───────────────────────────────────────────────────


def _is_label(text: str) -> bool:
    words = text.lstrip("-*• ").split()
    if not words or len(words) > 5 or text.rstrip().endswith((".", "?", "!")):
        return False
    return text.startswith(("- ", "* ", "• ")) or (text.isupper() and len(words) <= 4)


def _has_age_words(text: str) -> bool:
    """A cheap test before RELATIVE_AGE's search, which has no literal prefix to skip ahead on."""
    return any(word in text for word in AGE_WORDS)


def _is_heading(line: RawLine, following: RawLine | None) -> bool:
    text = line.text
    words = text.split()
    if line.heading:
        return True
    if not words or len(words) > 14 or following is None:
        return False
    if text[-1] in ".!?:;,…" or not (text[0].isupper() or text[0] in "“\"‘'"):
        return False
    return len(following.text.split()) > len(words)


def parse_related(text: str) -> tuple[RelatedItem, ...]:
    """Split a run-together related-links line into headlines with their outlet and age."""
    items: list[RelatedItem] = []
    position = 0
    for match in RELATIVE_AGE.finditer(text):
        chunk = text[position : match.start()].strip(" -–|·")
        position = match.end()
        if chunk:
            items.append(_related_item(chunk, match.group(0).strip()))
    rest = text[position:].strip(" -–|·")
    if rest:
        items.append(_related_item(rest, None))
    return tuple(items)


def _related_item(chunk: str, age: str | None) -> RelatedItem:
    outlet = None
    domain = DOMAIN_PREFIX.match(chunk)
    camel = CAMEL_JOIN.match(chunk)
    if domain:
        outlet, chunk = domain.group(1), chunk[domain.end() :]
    elif camel and " " in camel.group(1) and len(camel.group(1).split()) <= 4:
        outlet, chunk = camel.group(1), chunk[camel.end() :]
    return RelatedItem(text=chunk.strip(), outlet=outlet, age=age)


@dataclass
class CleanedBody:
    title: str
    category: str | None
    blocks: list[Block]
    dropped: list[DroppedLine]
    related: list[RelatedItem]


def clean(lines: list[RawLine], fallback_title: str) -> CleanedBody:
    """Separate title, headings and body paragraphs from labels, pleas, image names and link lists."""
    dropped: list[DroppedLine] = []
    kept: list[RawLine] = []
    related: list[RelatedItem] = []
    labels: list[str] = []
    for raw in lines:
        text = raw.text
        if IMAGE_FILE.match(text) or MD_IMAGE.match(text):
            dropped.append(DroppedLine(raw.line, text, "image file name"))
        elif not kept and not raw.heading and _is_label(text):
            dropped.append(DroppedLine(raw.line, text, "category label"))
            labels.append(text.lstrip("-*• ").strip())
        elif DONATION.search(text) and len(text.split()) < 40:
            dropped.append(DroppedLine(raw.line, text, "donation plea"))
        elif TIME_STAMP.match(text):
            dropped.append(DroppedLine(raw.line, text, "time stamp"))
        elif BOILERPLATE.match(text):
            dropped.append(DroppedLine(raw.line, text, "page furniture"))
        elif RELATED_HEAD.match(text) or (_has_age_words(text) and len(RELATIVE_AGE.findall(text)) >= 2):
            dropped.append(DroppedLine(raw.line, text, "related coverage"))
            related.extend(parse_related(text))
        else:
            trailing = TRAILING_LINK.search(text) if text.rstrip(" .…").lower().endswith(LINK_ENDINGS) else None
            if trailing and trailing.start() > 0:
                dropped.append(DroppedLine(raw.line, trailing.group(0).strip(), "link text"))
                raw = RawLine(text[: trailing.start()].rstrip(), raw.line, raw.heading)
            kept.append(raw)

    category = next((label for label in reversed(labels) if label.casefold() not in GENERIC_LABELS), None)
    blocks: list[Block] = []
    title = fallback_title
    if kept:
        first = kept.pop(0)
        parts = SENTENCE_BREAK.split(first.text, maxsplit=1)
        if len(parts) == 2 and len(first.text.split()) > 20 and not first.heading:
            title = parts[0]
            blocks.append(Block("standfirst", parts[1], first.line))
        else:
            title = first.text
    if kept and not kept[0].heading:
        dateline = DATELINE.match(kept[0].text)
        if dateline and len(kept[0].text) > dateline.end() + 20:
            dropped.append(DroppedLine(kept[0].line, dateline.group(0).strip(), "dateline (where and when filed)"))
            kept[0] = RawLine(kept[0].text[dateline.end() :].lstrip(" -–—"), kept[0].line)
    for i, raw in enumerate(kept):
        following = kept[i + 1] if i + 1 < len(kept) else None
        kind = "heading" if _is_heading(raw, following) else "paragraph"
        blocks.append(Block(kind, raw.text, raw.line))
    return CleanedBody(title, category, blocks, dropped, related)


# ── metadata and the whole corpus ─────────────────────────────────────────────


def _metadata(front: ArticleMeta, sidecar: ArticleMeta, story: Story, stem: str) -> tuple[SourceMeta, str | None]:
    """Story file, then sidecar, then front matter: a later value wins."""
    merged: dict = {}
    for given in (story.sources.get(stem), sidecar, front):
        if given is not None:
            merged.update({k: v for k, v in given.model_dump().items() if v is not None})
    published = merged.get("published")
    meta = SourceMeta(outlet=merged.get("outlet"), url=merged.get("url"), published=published and published.isoformat())
    return meta, merged.get("title")


def shown(path: Path) -> str:
    """A file as messages and the site name it: its folder's name and its own, never where the project is."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _sidecar(path: Path) -> tuple[ArticleMeta, list[str]]:
    for candidate in (path.with_suffix(".yml"), path.with_suffix(".yaml")):
        try:
            exists = candidate.is_file()
        except OSError:  # a name too long for the file system once the suffix changes
            continue
        if not exists:
            continue
        _refuse_outside_link(candidate, path.parent)
        try:
            text = candidate.read_text(encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise IngestError(f"{shown(candidate)}: metadata is not UTF-8 (byte {exc.start}); re-save it") from None
        return read_meta_text(text, shown(candidate))
    return ArticleMeta(), []


def _front_matter(text: str, label: str) -> tuple[ArticleMeta, str, int, list[str]]:
    front = split_front_matter(text, label)
    notes = [front.warning] if front.warning else []
    if front.yaml_text is None:
        return ArticleMeta(), front.body, front.body_offset, notes
    meta, warnings = read_meta_text(front.yaml_text, label, front.first_line)
    return meta, front.body, front.body_offset, notes + warnings


def read_article(path: Path, story: Story, data: bytes | None = None, article_id: str | None = None) -> Article:
    """Read one article file into a cleaned Article."""
    label = shown(path)
    size = len(data) if data is not None else path.stat().st_size
    if size > MAX_BYTES:
        raise IngestError(f"{label}: {size // 1_000_000} MB is over the {MAX_BYTES // 1_000_000} MB limit; split it")
    data = path.read_bytes() if data is None else data
    text, notes = decode(data, label)
    suffix = path.suffix.lower()
    front = ArticleMeta()
    html_title = None
    if suffix in (".md", ".markdown"):
        front, body, offset, warnings = _front_matter(text, label)
        notes += warnings
        lines = markdown_lines(body, offset)
    elif suffix in (".html", ".htm"):
        lines, html_title, warnings = html_lines(text, label)
        notes += warnings
    else:
        lines = text_lines(text)
    if not lines:
        raise EmptyArticle(f"{label}: no article text (the file is empty or whitespace only)")
    sidecar, warnings = _sidecar(path)
    notes += warnings
    meta, given_title = _metadata(front, sidecar, story, path.stem)
    cleaned = clean(lines, html_title or path.stem)
    title = given_title or cleaned.title
    if not re.search(r"\w", title):
        notes.append(f"{label}: the title has no letters or digits ({title[:40]!r}); shown as the file name")
        title = f"Untitled ({path.stem})"
    return Article(
        id=article_id or safe_id(path.stem),
        path=path.name,
        title=title,
        category=cleaned.category,
        blocks=tuple(cleaned.blocks),
        dropped=tuple(cleaned.dropped),
        related=tuple(cleaned.related),
        meta=meta,
        raw_text=text,
        notes=tuple(notes),
    )


RESERVED_IDS = re.compile(r"index|page-\d+", re.I)  # the Sources index and its pages share sources/


def safe_id(stem: str) -> str:
    """A file name as an id safe in a URL and a file name: ASCII letters, digits, '.', '_' and '-'."""
    return file_slug(stem) or "article"


def article_ids(paths: list[Path]) -> dict[Path, str]:
    """A unique, safe id per article file, never an index page's name; '-2', '-3' … where two would clash."""
    ids: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        base = safe_id(path.stem)
        if RESERVED_IDS.fullmatch(base):
            base = f"{base}-article"
        candidate, n = base, 2
        while candidate.casefold() in taken:  # case-insensitive file systems too
            candidate, n = f"{base}-{n}", n + 1
        taken.add(candidate.casefold())
        ids[path] = candidate
    return ids


def _refuse_outside_link(path: Path, folder: Path) -> None:
    """A symbolic link may point to another file of the seeds folder, never outside it."""
    if path.is_symlink() and not path.resolve().is_relative_to(folder.resolve()):
        raise IngestError(
            f"{shown(path)}: a symbolic link to a file outside the seeds folder ({path.resolve()}); "
            "copy the article into the folder instead"
        )


def article_paths(seeds_dir: Path) -> list[Path]:
    """Article files in a folder, in a fixed order that does not depend on the file system."""
    if not seeds_dir.is_dir():
        raise IngestError(f"{seeds_dir}: no such folder of articles")
    paths = sorted(p for p in seeds_dir.iterdir() if p.suffix.lower() in ARTICLE_SUFFIXES and p.is_file())
    for path in paths:
        if any(unicodedata.category(c) == "Cc" for c in path.name):
            raise IngestError(
                f"{seeds_dir.name}/{path.name!r}: the file name has a line break or control character; rename it"
            )
        _refuse_outside_link(path, seeds_dir)
    return paths
