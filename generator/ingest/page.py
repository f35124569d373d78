"""What the project reads from one article file, as `python -m generator read FILE` shows it before a build."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict

from generator.config import EMPTY_STORY
from generator.ingest.articles import read_article


class SetAside(BaseModel):
    """A line of the file that is not the article's body, and why."""

    model_config = ConfigDict(frozen=True)
    line: int
    text: str
    reason: str


class Reading(BaseModel):
    """One file as the build reads it: metadata, the body's paragraphs (one per line), what was set aside."""

    model_config = ConfigDict(frozen=True)
    title: str
    outlet: str | None
    url: str | None
    published: str | None  # YYYY-MM-DD
    published_basis: str | None  # where the date was read; None with no date
    body: str
    set_aside: list[SetAside]


def reading(path: Path, data: bytes | None = None, url: str | None = None) -> Reading:
    """Read one file (.html, .md or .txt) the way a build reads a seed, with no story file."""
    article = read_article(path, EMPTY_STORY, data=data, url=url)
    body = "\n".join(block.text for block in article.blocks if block.kind != "related")
    aside = [SetAside(line=d.line, text=d.text, reason=d.reason) for d in article.dropped]
    related = [b for b in article.blocks if b.kind == "related"]
    aside += [SetAside(line=b.line, text=b.text, reason="related coverage") for b in related]
    meta = article.meta
    return Reading(
        title=article.title, outlet=meta.outlet, url=meta.url, published=meta.published,
        published_basis=meta.published_basis, body=body, set_aside=sorted(aside, key=lambda a: a.line),
    )  # fmt: skip


def read_file(path: Path) -> dict[str, object]:
    """`reading` as plain data (the `read` command's JSON)."""
    return reading(path).model_dump()
