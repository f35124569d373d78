"""Raw HTML passthrough: blocks the templates already rendered as HTML skip the Markdown parser.

A template marks such a block with a line `<!--raw-->` before it and `<!--/raw-->` after it. Python-Markdown
would otherwise re-parse every tag of it to find where the HTML ends, which is most of a large site's build
time. A block comes back as Python-Markdown gives an HTML block, byte for byte, and the plugin counts its anchors
as the page's, as MkDocs counts those of HTML it passes through; without the plugin the markers are plain HTML
comments and the page renders the same. For builders that run no MkDocs plugin (Zensical), this module is also a
Python-Markdown extension giving the same HTML (`markdown_extensions: [generator.publish.rawhtml]`); such a
builder finds the anchors its own way.
"""

from __future__ import annotations

import re
from html import unescape
from typing import TYPE_CHECKING

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

if TYPE_CHECKING:
    from mkdocs.structure.pages import Page

RAW_BLOCK = re.compile(r"^<!--raw-->\n(.*?)\n<!--/raw-->$", re.S | re.M)
PLACEHOLDER = re.compile(r"<p>explainerraw(\d+)</p>")
# An element's id (the first in its tag), or a link's name, in HTML the templates wrote (attributes in double quotes,
# values escaped). `raw_anchors` finds the ids the first pattern finds, going from each `id="` back to its tag's
# start: the pattern tries every tag (1.0 ms a page for the 200 largest actor pages of 1,000 articles; this, 0.4 ms).
ANCHORS = (re.compile(r'<[a-zA-Z][^<>]*?\sid="([^"]*)"'), re.compile(r'<a\s[^<>]*?\sname="([^"]*)"'))
ID = re.compile(r'\sid="')  # where an id's attribute may start
BLANK_THEN_MORE = re.compile(r"\n[ \t]*\n\s*\S")  # a blank line after a block, and more of the page after it


def stash_raw(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each marked block replaced by a placeholder paragraph, and the blocks in order, each as
    Python-Markdown would give it (`_block`)."""
    blocks: list[str] = []

    def stash(match: re.Match[str]) -> str:
        blocks.append(_block(markdown, match))
        return f"\nexplainerraw{len(blocks) - 1}\n"

    return RAW_BLOCK.sub(stash, markdown), blocks


def _block(markdown: str, match: re.Match[str]) -> str:
    """A marked block of `markdown` as Python-Markdown gives an HTML block: an empty line after it where the page
    has a blank line and more after it."""
    return match.group(1) + ("\n" if BLANK_THEN_MORE.match(markdown, match.end()) else "")


def restore_raw(html: str, blocks: list[str]) -> str:
    """Put the stashed blocks back where their placeholder paragraphs ended up (the last thing of the page with no
    space after it, as Python-Markdown ends a page: what followed it in the page may have given no HTML)."""
    if not blocks:
        return html

    def block(match: re.Match[str]) -> str:
        index = int(match.group(1))
        if index >= len(blocks):
            return match.group(0)  # not ours: leave it as it is
        return blocks[index].rstrip() if match.end() == len(html) else blocks[index]

    return PLACEHOLDER.sub(block, html)


def with_raw(page: Page, html: str, blocks: list[str]) -> str:
    """A page's HTML with its stashed blocks put back, their anchors counted as the page's."""
    if blocks:
        page.present_anchor_ids = (page.present_anchor_ids or set()) | raw_anchors(blocks)
    return restore_raw(html, blocks)


def raw_anchors(blocks: list[str]) -> set[str]:
    """The anchors the blocks hold (each element's id, a link's name), as MkDocs finds them in the HTML Markdown
    passes through: a link from another page to one of them is not reported as leading nowhere."""
    found = {unescape(name) for block in blocks if "name=" in block for name in ANCHORS[1].findall(block)}
    for block in blocks:
        after = 0  # where `ANCHORS[0]` would look on from: past the last id it found
        for match in ID.finditer(block):
            end = block.find('"', match.end())
            if end >= 0 and _in_tag(block, after, match.start()):
                found.add(unescape(block[match.end() : end]))
                after = end + 1
    return found


def _in_tag(block: str, after: int, at: int) -> bool:
    """Whether `at` is inside a tag that starts after `after` with a letter (`<div`, not `</div` or `<!--`)."""
    start = block.rfind("<", after, at)
    first = block[start + 1 : start + 2]
    return start >= 0 and block.find(">", start, at) < 0 and first.isascii() and first.isalpha()


class _StashRaw(Preprocessor):
    """The marked blocks into Python-Markdown's own stash of raw HTML, before its HTML-block scan."""

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        return RAW_BLOCK.sub(lambda m: f"\n\n{self.md.htmlStash.store(_block(text, m))}\n\n", text).split("\n")


class RawBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        md.preprocessors.register(_StashRaw(md), "explainer_raw", 25)  # after whitespace (30), before HTML (20)


def makeExtension(**kwargs: object) -> RawBlocks:  # how Python-Markdown loads an extension by its name
    return RawBlocks(**kwargs)
