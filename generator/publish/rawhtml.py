"""Raw HTML passthrough: blocks the templates already rendered as HTML skip the Markdown parser.

A template marks such a block with a line `<!--raw-->` before it and `<!--/raw-->` after it. Python-Markdown
would otherwise re-parse every tag of it to find where the HTML ends, which is most of a large site's build
time. Without the plugin the markers are plain HTML comments and the page renders the same. For builders that
run no MkDocs plugin (Zensical), this module is also a Python-Markdown extension doing the same
(`markdown_extensions: [generator.publish.rawhtml]`).
"""

from __future__ import annotations

import re

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

RAW_BLOCK = re.compile(r"^<!--raw-->\n(.*?)\n<!--/raw-->$", re.S | re.M)
PLACEHOLDER = re.compile(r"<p>explainerraw(\d+)</p>")


def stash_raw(markdown: str) -> tuple[str, list[str]]:
    """The Markdown with each marked block replaced by a placeholder paragraph, and the blocks in order."""
    blocks: list[str] = []

    def stash(match: re.Match[str]) -> str:
        blocks.append(match.group(1))
        return f"\nexplainerraw{len(blocks) - 1}\n"

    return RAW_BLOCK.sub(stash, markdown), blocks


def restore_raw(html: str, blocks: list[str]) -> str:
    """Put the stashed blocks back where their placeholder paragraphs ended up."""
    if not blocks:
        return html

    def block(match: re.Match[str]) -> str:
        index = int(match.group(1))
        return blocks[index] if index < len(blocks) else match.group(0)  # not ours: leave it as it is

    return PLACEHOLDER.sub(block, html)


class _StashRaw(Preprocessor):
    """The marked blocks into Python-Markdown's own stash of raw HTML, before its HTML-block scan."""

    def run(self, lines: list[str]) -> list[str]:
        text = RAW_BLOCK.sub(lambda m: f"\n\n{self.md.htmlStash.store(m.group(1))}\n\n", "\n".join(lines))
        return text.split("\n")


class RawBlocks(Extension):
    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown's name
        md.preprocessors.register(_StashRaw(md), "explainer_raw", 25)  # after whitespace (30), before HTML (20)


def makeExtension(**kwargs: object) -> RawBlocks:  # how Python-Markdown loads an extension by its name
    return RawBlocks(**kwargs)
