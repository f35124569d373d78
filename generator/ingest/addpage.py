"""`add URL` and `add PAGE.html`: a web page read as a build reads it, written into the seeds folder as Markdown
with front matter (title, outlet, url, published) and the article's body, nothing else.

A page already in the seeds folder (the same canonical address, or the same or nearly the same text) is refused,
naming the file it repeats. The file appears whole or not at all: it is written under a temporary name and linked
into place, never over another file.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import yaml

from generator.config import Story
from generator.core.errors import IngestError
from generator.core.model import Article
from generator.core.text import slug
from generator.ingest.articles import EmptyArticle, article_paths, read_article, shown
from generator.ingest.dedupe import duplicates

TRACKING = re.compile(r"^(?:utm_[a-z]+|fbclid|gclid|ocid|cmpid|smid)=", re.I)


def same_address(url: str) -> str:
    """An address as two copies of one page share it: lower-case host, no fragment, no tracking parameters, no
    trailing slash, http and https alike."""
    parts = urlsplit(url.strip())
    query = "&".join(p for p in parts.query.split("&") if p and not TRACKING.match(p))
    return urlunsplit(("https", parts.netloc.lower().removeprefix("www."), parts.path.rstrip("/"), query, ""))


MD_SPECIAL = re.compile(r"([\\`*_\[\]])")
MD_LINE_START = re.compile(r"^(#|[-+]|\d+\.)")


def md_escaped(text: str) -> str:
    """A paragraph as Markdown that reads back as the same text: backslashes, brackets, emphasis marks and
    backticks escaped, and a line start that would make a heading or a list item."""
    return MD_LINE_START.sub(lambda m: m.group(0)[:-1] + "\\" + m.group(0)[-1], MD_SPECIAL.sub(r"\\\1", text))


def page_markdown(article: Article) -> str:
    """The seed file of a read page: its metadata as front matter, then its headline, headings and paragraphs."""
    meta = article.meta
    front = {"title": article.title, "outlet": meta.outlet, "url": meta.url, "published": meta.published}
    header = yaml.safe_dump({k: v for k, v in front.items() if v}, allow_unicode=True, sort_keys=False, width=1000)
    body = [f"## {md_escaped(b.text)}" if b.kind == "heading" else md_escaped(b.text)
            for b in article.blocks if b.kind != "related"]  # fmt: skip
    return f"---\n{header}---\n\n# {md_escaped(article.title)}\n\n" + "\n\n".join(body) + "\n"


@dataclass
class Seeds:
    """The seeds folder's articles, read once for a whole `add` command (not once per page) and grown as it adds."""

    folder: Path
    story: Story
    _articles: list[Article] | None = None

    def articles(self) -> list[Article]:
        if self._articles is None:
            self._articles = []
            for path in article_paths(self.folder) if self.folder.is_dir() else []:
                try:
                    self._articles.append(read_article(path, self.story))
                except IngestError:  # an unreadable seed is the build's to report; it cannot be repeated here
                    continue
        return self._articles

    def added(self, path: Path) -> None:
        if self._articles is not None:
            self._articles.append(read_article(path, self.story))


def refuse_repeats(article: Article, label: str, seeds: Seeds) -> None:
    """IngestError naming the seed a page repeats (by address or by text), if it repeats one."""
    existing, folder = seeds.articles(), seeds.folder.name
    if article.meta.url:
        address = same_address(article.meta.url)
        twin = next((e for e in existing if e.meta.url and same_address(e.meta.url) == address), None)
        if twin is not None:
            raise IngestError(f"{label}: already in the seeds folder as {folder}/{twin.path} (same address)")
    for repeat, twin, how in duplicates([*existing, article]):
        if repeat is article:
            raise IngestError(f"{label}: already in the seeds folder as {folder}/{twin.path} ({how})")


def add_page(
    data: bytes, label: str, seeds: Seeds, url: str | None = None, encoding: str | None = None,
    given: dict[str, str] | None = None,
) -> Path:
    """Read a page (`data`, in `encoding` when known) and write it into the seeds folder as Markdown; returns the
    file.

    `label` names the page in messages (its address or file); `given`: metadata an editor gave, over the page's own.
    """
    name = Path(f"{slug(Path(urlsplit(url).path if url else label).stem, 'page', max_length=60)}.html")
    try:
        article = read_article(name, seeds.story, data=data, url=url, encoding=encoding, alone=True)
    except EmptyArticle:
        raise IngestError(f"{label}: no article text on the page; nothing added") from None
    except IngestError as exc:  # its message names the page by a made-up file name: name it by its address
        raise IngestError(f"{label}:{str(exc).removeprefix(shown(name) + ':')}") from None
    if given:
        article = _with_meta(article, given)
    if seeds.folder.exists() and not seeds.folder.is_dir():
        raise IngestError(f"--seeds {seeds.folder}: not a folder; give the folder of article files")
    refuse_repeats(article, label, seeds)
    text = page_markdown(article)
    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]
    stem = f"{article.meta.published or 'undated'}-{slug(article.title, 'article', max_length=60)}-{digest}"
    seeds.folder.mkdir(parents=True, exist_ok=True)
    target = _write_new(seeds.folder / f"{stem}.md", text)
    seeds.added(target)
    return target


def _with_meta(article: Article, given: dict[str, str]) -> Article:
    meta = replace(article.meta, **{k: v for k, v in given.items() if k in ("outlet", "url", "published")})
    if "published" in given:
        meta = replace(meta, published_basis="the command line")
    return replace(article, meta=meta, title=given.get("title", article.title))


def _write_new(target: Path, text: str) -> Path:
    """Write `text` to `target` whole (a temporary file linked into place), never over an existing file."""
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".add-", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise IngestError(f"{shown(target)}: already exists; nothing added") from None
    finally:
        Path(temporary).unlink(missing_ok=True)
    return target
