"""Articles: the seeds folder's files, their ids and metadata, each read into a cleaned Article."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from pydantic import ValidationError

from generator.config import EMPTY_STORY, META_KEYS, ArticleMeta, Story, read_meta_text
from generator.core.files import file_status, read_limited, too_large
from generator.core.model import Article, DroppedLine, SourceMeta
from generator.core.text import file_slug, unreserved
from generator.ingest.clean import HEADLINE, clean
from generator.ingest.fetch import page_charset
from generator.ingest.names import seed_files
from generator.ingest.readers import (
    IngestError,
    decode,
    markdown_lines,
    split_front_matter,
    text_lines,
)
from generator.ingest.webpage import SET_ASIDE, WebPage, read_html

__all__ = ["EmptyArticle", "IngestError", "article_ids", "article_paths", "read_article", "safe_id"]


class EmptyArticle(IngestError):
    """A file with no text: skipped with a warning rather than stopping the build."""


MAX_BYTES = 5_000_000  # a news article is a few tens of kilobytes; more is a mistake
SIDECAR_MAX_BYTES = 1_000_000  # four keys of metadata fit in a few hundred bytes
NOT_AN_ARTICLE = "remove it from the seeds folder"


def _metadata(
    front: ArticleMeta, sidecar: ArticleMeta, story: Story, stem: str, page: ArticleMeta | None = None,
    page_basis: str | None = None,
) -> tuple[SourceMeta, str | None]:
    """A saved page's own metadata, then the story file, sidecar and front matter: a later value wins."""
    merged: dict = {}
    basis = None
    givers = ((page, page_basis), (story.sources.get(stem), "the story file"), (sidecar, "the metadata file"),
              (front, "the front matter"))  # fmt: skip
    for given, where in givers:
        if given is not None:
            merged.update({k: v for k, v in given.model_dump().items() if v is not None})
            basis = where if given.published is not None else basis
    published = merged.get("published")
    meta = SourceMeta(outlet=merged.get("outlet"), url=merged.get("url"), published=published and published.isoformat(),
                      published_basis=basis if published else None)  # fmt: skip
    return meta, merged.get("title")


def _page_meta(page: WebPage) -> ArticleMeta:
    """A saved page's own metadata, each value kept where it is valid metadata (a relative canonical link is not)."""
    kept: dict[str, object] = {}
    for key, value in (("outlet", page.outlet), ("url", page.url), ("published", page.published)):
        try:
            ArticleMeta.model_validate({key: value})
        except ValidationError:
            continue
        kept[key] = value
    return ArticleMeta.model_validate(kept)


def shown(path: Path) -> str:
    """A file as messages and the site name it: its folder's name and its own, never where the project is."""
    return f"{path.parent.name}/{path.name}" if path.parent.name else path.name


def _sidecar(path: Path) -> tuple[ArticleMeta, list[str]]:
    for candidate in (path.with_suffix(".yml"), path.with_suffix(".yaml")):
        try:
            exists = os.path.lexists(candidate) and not candidate.is_dir()
        except (OSError, ValueError):  # a name too long for the file system once the suffix changes
            continue
        if not exists:
            continue
        label = shown(candidate)
        file_status(candidate, label, NOT_AN_ARTICLE)  # a pipe or a device is refused before any link is followed
        _refuse_outside_link(candidate, path.parent)
        data = read_limited(
            candidate, SIDECAR_MAX_BYTES, label, not_a_file=NOT_AN_ARTICLE,
            too_big="a metadata file holds a few lines (outlet, url, published, title)",
        )  # fmt: skip
        try:
            text = data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError as exc:
            raise IngestError(f"{label}: metadata is not UTF-8 (byte {exc.start}); re-save it") from None
        return read_meta_text(text, label)
    return ArticleMeta(), []


def _front_matter(text: str, label: str) -> tuple[ArticleMeta, str, int, list[str]]:
    front = split_front_matter(text, label)
    notes = [front.warning] if front.warning else []
    if front.yaml_text is None:
        return ArticleMeta(), front.body, front.body_offset, notes
    if front.warning and not _looks_like_metadata(front.yaml_text):
        # a '---' rule opens the article and no metadata follows: the whole file is body text
        body = text.split("\n", 1)[1] if "\n" in text else ""
        return (
            ArticleMeta(),
            body,
            1,
            [f"{label}:1: a '---' line opens the file but no front matter follows; read as text"],
        )
    meta, warnings = read_meta_text(front.yaml_text, label, front.first_line)
    return meta, front.body, front.body_offset, notes + warnings


def _looks_like_metadata(header: str) -> bool:
    """Whether an unclosed header's lines read as `key: value` metadata (most keys known)."""
    keys = [line.split(":", 1)[0].strip().lower() for line in header.splitlines() if line.strip()]
    return (
        bool(keys)
        and all(re.fullmatch(r"[a-z_]+", k) for k in keys)
        and 2 * sum(k in META_KEYS for k in keys) > len(keys)
    )


def read_article(
    path: Path, story: Story, data: bytes | None = None, article_id: str | None = None, url: str | None = None,
    encoding: str | None = None, alone: bool = False,
) -> Article:
    """Read one article file into a cleaned Article (`url`: the address a page was downloaded from; `encoding`:
    the character set `data` is known to be in, else a web page's own declaration is followed; `alone`: a page
    not in a seeds folder, so no metadata file beside it and no story-file entry are looked for)."""
    label = shown(path)
    if data is None:
        data = read_limited(path, MAX_BYTES, label, not_a_file=NOT_AN_ARTICLE, too_big="split it")
    elif len(data) > MAX_BYTES:
        raise too_large(len(data), MAX_BYTES, label, "split it")
    suffix = path.suffix.lower()
    declared = encoding or (page_charset(data) if suffix in (".html", ".htm") else None)
    text, notes = decode(data, label, None if declared in ("utf-8", "utf-8-sig") else declared)
    front = ArticleMeta()
    html_title = page_basis = None
    page_meta: ArticleMeta | None = None
    set_aside: list[DroppedLine] = []
    if suffix in (".md", ".markdown"):
        front, body, offset, warnings = _front_matter(text, label)
        notes += warnings
        lines = markdown_lines(body, offset)
    elif suffix in (".html", ".htm"):
        page = read_html(text, label, url)
        lines, html_title, notes = page.lines, page.title, notes + page.warnings
        headline = " ".join((page.title or "").split()).casefold()
        set_aside = [DroppedLine(b.line, b.text, HEADLINE if b.text.casefold() == headline else SET_ASIDE)
                     for b in page.set_aside]  # fmt: skip
        page_meta = _page_meta(page)
        page_basis = page.published_basis
    else:
        lines = text_lines(text)
    if not lines:
        raise EmptyArticle(f"{label}: no article text (the file is empty or whitespace only)")
    sidecar, warnings = (ArticleMeta(), []) if alone else _sidecar(path)
    notes += warnings
    meta, given_title = _metadata(front, sidecar, EMPTY_STORY if alone else story, path.stem, page_meta, page_basis)
    cleaned = clean(lines, html_title or path.stem, html_title if page_meta is not None else None)
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
        dropped=tuple(sorted([*cleaned.dropped, *set_aside], key=lambda d: d.line)),
        related=tuple(cleaned.related),
        meta=meta,
        raw_text=text,
        notes=tuple(notes),
    )




def safe_id(stem: str) -> str:
    """A file name as an id safe in a URL and a file name: ASCII letters, digits, '.', '_' and '-'."""
    return file_slug(stem) or "article"


def article_ids(paths: list[Path]) -> dict[Path, str]:
    """A unique, safe id per article file, never an index page's name; '-2', '-3' … where two would clash."""
    ids: dict[Path, str] = {}
    taken: set[str] = set()
    for path in paths:
        base = unreserved(safe_id(path.stem), "article")  # the Sources index and its pages share sources/
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
    """Article files in a folder, in a fixed order that does not depend on the file system.

    A folder named like an article is passed over; a named pipe, a device or a link to nothing is refused.
    """
    if not seeds_dir.is_dir():
        raise IngestError(f"{seeds_dir}: no such folder of articles")
    found = [file for file in seed_files(seeds_dir) if not file.folder]
    for file in found:
        if any(unicodedata.category(c) == "Cc" for c in file.name):
            raise IngestError(
                f"{seeds_dir.name}/{file.name!r}: the file name has a line break or control character; rename it"
            )
        path = seeds_dir / file.name
        file_status(path, shown(path), NOT_AN_ARTICLE)
        if file.link:
            _refuse_outside_link(path, seeds_dir)
    return [seeds_dir / file.name for file in found]
