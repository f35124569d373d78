"""Readers: the bytes of an article file (text, Markdown, HTML) -> numbered lines of plain text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import yaml

from generator.errors import IngestError


@dataclass(frozen=True)
class RawLine:
    text: str
    line: int
    heading: int = 0  # Markdown/HTML heading level, 0 for body text


BINARY_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"RIFF", b"\x1f\x8b")


def decode(data: bytes, path: str) -> tuple[str, str | None]:
    """Decode UTF-8 (BOM allowed), or Windows-1252 with a warning; refuse binary data and anything else.

    Returns the text (line endings normalised) and a warning, if any.
    """
    if data.startswith(BINARY_SIGNATURES) or b"\x00" in data[:8192]:
        raise IngestError(f"{path}: binary data (an image or archive?), not text; remove it from the seeds folder")
    warning = None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise IngestError(
                f"{path}:{line}: not UTF-8 (byte 0x{data[exc.start]:02x}) nor Windows-1252; re-save the file as UTF-8"
            ) from None
        warning = f"{path}:{line}: not UTF-8; read as Windows-1252 (Latin-1) — re-save it as UTF-8 to be sure"
    return text.replace("\r\n", "\n").replace("\r", "\n"), warning


def split_front_matter(text: str, path: str) -> tuple[dict, str, int]:
    """Return (front matter, body, line offset of the body) for Markdown with a YAML header."""
    if not text.startswith("---\n"):
        return {}, text, 0
    end = text.find("\n---", 4)
    if end < 0:
        return {}, text, 0
    header = text[4:end]
    try:
        meta = yaml.safe_load(header) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        raise IngestError(f"{path}:{line}: front matter is not valid YAML; fix it or remove it") from None
    if not isinstance(meta, dict):
        raise IngestError(f"{path}:2: front matter must be a mapping such as 'outlet: Reuters'")
    body_start = text.find("\n", end + 4)
    body = text[body_start + 1 :] if body_start >= 0 else ""
    return meta, body, text[: body_start + 1].count("\n") if body_start >= 0 else 0


def text_lines(text: str, offset: int = 0) -> list[RawLine]:
    """Plain text: every non-empty line is a paragraph (scraped news keeps one paragraph per line)."""
    return [RawLine(t.strip(), i + 1 + offset) for i, t in enumerate(text.split("\n")) if t.strip()]


MD_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\([^)]*\)")
MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
MD_EMPHASIS = re.compile(r"(\*\*|__|`)")


def markdown_lines(text: str, offset: int = 0) -> list[RawLine]:
    """Markdown: headings keep their level; wrapped lines of a paragraph are joined."""
    lines: list[RawLine] = []
    buffer: list[str] = []
    start = 0

    def flush() -> None:
        if buffer:
            lines.append(RawLine(" ".join(buffer), start))
            buffer.clear()

    for i, raw in enumerate(text.split("\n")):
        number = i + 1 + offset
        stripped = raw.strip()
        heading = re.match(r"^(#{1,6})\s+(.*?)\s*#*$", stripped)
        if not stripped:
            flush()
        elif heading:
            flush()
            lines.append(RawLine(MD_LINK.sub(r"\1", heading.group(2)), number, len(heading.group(1))))
        elif MD_IMAGE.match(stripped) or re.match(r"^([-*+]|\d+\.)\s", stripped):
            flush()
            lines.append(RawLine(MD_EMPHASIS.sub("", MD_LINK.sub(r"\1", stripped)), number))
        else:
            if not buffer:
                start = number
            buffer.append(MD_EMPHASIS.sub("", MD_LINK.sub(r"\1", stripped)))
    flush()
    return lines


class _HTMLText(HTMLParser):
    """Collect the text of block elements, skipping scripts, styles and page furniture."""

    SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "iframe",
            "nav",
            "footer",
            "header",
            "aside",
            "form",
            "svg",
            "template",
            "button",
            "select",
            "object",
            "embed",
        }
    )
    BLOCKS = frozenset(
        {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption", "div", "td", "pre", "dd"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[RawLine] = []
        self.title: str | None = None
        self._skip = 0
        self._buffer: list[str] = []
        self._tag = ""
        self._line = 1
        self._in_title = False

    def _flush(self) -> None:
        text = " ".join("".join(self._buffer).split())
        if text:
            level = int(self._tag[1]) if re.fullmatch(r"h[1-6]", self._tag) else 0
            self.lines.append(RawLine(text, self._line, level))
        self._buffer = []

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag in self.SKIP:
            self._skip += 1
        elif tag == "title":
            self._in_title = True
        elif tag in self.BLOCKS and not self._skip:
            self._flush()
            self._tag, self._line = tag, self.getpos()[0]
        elif tag == "br":
            self._buffer.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag == "title":
            self._in_title = False
        elif tag in self.BLOCKS and not self._skip:
            self._flush()
            self._tag = ""

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = (self.title or "") + data.strip()
        elif not self._skip:
            self._buffer.append(data)


def html_lines(text: str) -> tuple[list[RawLine], str | None]:
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.lines, parser.title
