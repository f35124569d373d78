"""Templating: the Jinja2 environment, its escaping filters, and the link helpers every page template gets.

Untrusted article text is escaped wherever it lands: HTML blocks by Jinja's autoescape, Markdown
text by the `md` filter, which also neutralises Markdown and extension syntax.
"""

from __future__ import annotations

import html
import json
import string
from collections.abc import Mapping
from pathlib import Path
from urllib.parse import urlsplit

import jinja2
from markupsafe import Markup

from generator.core.refs import sentence_key
from generator.core.text import shorten
from generator.publish.compiled import COMPILED
from generator.publish.fragments import Fragments
from generator.publish.labels import date_label, date_note
from generator.publish.reads import RecordingContext, recorded
from generator.publish.render_memo import RenderMemo, with_head
from generator.publish.urls import PAGES, html_path, relative

MD_PUNCTUATION = set(string.punctuation) - {"&", "<", ">", '"', "'"}


def md(text: object) -> Markup:
    """Escape text for Markdown: HTML-escape, then backslash every Markdown punctuation mark."""
    out = []
    for char in str(text):
        if char in MD_PUNCTUATION:
            out.append("\\" + char)
        else:
            out.append(html.escape(char, quote=True))
    return Markup(" ".join("".join(out).split()))


def meta_title(text: object) -> Markup:
    """A page title for front matter: HTML-escaped (the theme prints titles as HTML), then YAML-quoted."""
    return Markup(json.dumps(html.escape(" ".join(str(text).split())), ensure_ascii=False))


def safe_url(url: str | None) -> str | None:
    """Only http(s) addresses from metadata become links."""
    if not url:
        return None
    parts = urlsplit(url.strip())
    return url.strip() if parts.scheme in ("http", "https") and parts.netloc else None


def counted(number: int, noun: str) -> str:
    """'1 background date', '3 background dates': a count with its noun in the number it takes."""
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"




class Renderer:
    """Jinja2 environment plus the link helpers every template uses."""

    def __init__(self, templates_dir: Path, pages: dict[str, str] = PAGES, memo: RenderMemo | None = None) -> None:
        self.memo = memo  # a process that builds again: pages whose reads are unchanged are given back
        # the page types this site has (`render.reader_pages`): what templates may link to; recorded once for every
        # page, and last build's very mapping while the types are the same, so no page's memo compares it
        self.pages = memo.recorded({"pages": pages})["pages"] if memo is not None else pages
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(templates_dir)),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
            bytecode_cache=COMPILED,
        )
        # what pages of a folder show alike, drawn once (`fragment` in a template); a server's, kept for its next build
        self.fragments = Fragments(memo.fragments, memo.old_fragments) if memo is not None else Fragments()
        self.env.globals["sentence_key"] = sentence_key
        self.env.globals["fragment"] = self.fragments.draw
        self.env.filters["xml"] = lambda text: Markup(html.escape(str(text)))  # as html.escape: &quot; &#x27;
        self.env.filters.update(
            md=md, meta_title=meta_title, date_label=date_label, date_note=date_note, safe_url=safe_url,
            shorten=shorten, counted=counted,
        )
        self.env.context_class = RecordingContext  # what a page or a shared fragment reads (`reads`)

    def partial(self, template: str, macro: str, *args: object) -> Markup:
        """A fragment drawn by a macro of templates/partials/ (figures such as the SVGs) from plain data."""

        def draw() -> Markup:
            return Markup(str(getattr(self.env.get_template(f"partials/{template}").module, macro)(*args)))

        if self.memo is None:
            return draw()
        text = self.memo.drawing(template, macro, args, draw)  # the very fragment of last build when given back,
        return text if type(text) is Markup else Markup(text)  # so a page that shows it compares it at once

    def page(self, template: str, path: str, head: str = "", **context: object) -> str:
        """Render one page; `head` is extra front-matter lines (description, lastmod, JSON-LD)."""

        def link(target: str, anchor: str = "") -> str:
            """Relative URL from this page to another page (use_directory_urls is off)."""
            return html_path(relative(target, path)) + (f"#{anchor}" if anchor else "")

        def md_link(target: str, anchor: str = "") -> str:
            """Relative link to a page's Markdown source, which MkDocs resolves and validates."""
            return relative(target, path) + (f"#{anchor}" if anchor else "")

        values = {"link": link, "md_link": md_link, "pages": self.pages, **context}
        if self.memo is not None:
            values = recorded(values)
        inputs = {**self.env.globals, **values}  # what the page may read

        def render() -> str:
            with self.fragments.page(path, inputs):
                return self.env.get_template(template).render(values)

        if self.memo is None:
            return with_head(render(), head)
        return self.memo.page(path, template, head, inputs, render)

    def again(
        self, template: str, path: str, head: str, context: Mapping[str, object], shared: Mapping[str, object]
    ) -> str | None:
        """The page `page` would give back unchanged (`context`: its own values, `shared`: what every page of the
        build reads), found without building its context; None when it would be drawn again, or with no memo. (A
        value of its own that is a plain mapping is not wrapped as `page` records it: such a page is never found
        here, only drawn again by `page`.)"""
        if self.memo is None:
            return None
        return self.memo.again(path, template, head, Lookup(context, shared, {"pages": self.pages}, self.env.globals))


class Lookup:
    """A page's values looked up where they are, in the order `Renderer.page` merges them (its own context over
    what every page shares, over the page types, over the environment's globals; its link helpers are code, which
    the memo does not compare): `RenderMemo.again` reads a few, with no mapping built."""

    __slots__ = ("layers",)

    def __init__(self, *layers: Mapping[str, object]) -> None:
        self.layers = layers

    def get(self, name: str, default: object = None, /) -> object:
        for values in self.layers:
            if name in values:
                return values[name]
        return default
