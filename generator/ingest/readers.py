"""Readers: the bytes of an article file (text, Markdown, HTML) -> numbered lines of plain text."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser

from generator.core.errors import IngestError
from generator.core.text import clean_article_text


@dataclass(frozen=True)
class RawLine:
    text: str
    line: int
    heading: int = 0  # Markdown/HTML heading level, 0 for body text


BINARY_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"%PDF", b"PK\x03\x04", b"RIFF", b"\x1f\x8b")


UTF16_32 = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF16_LE, "utf-16"),
            (codecs.BOM_UTF16_BE, "utf-16"))  # fmt: skip


def _wide_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32, by its byte-order mark or by the zero bytes of mostly-Latin text (checked by decoding)."""
    for bom, name in UTF16_32:
        if data.startswith(bom):
            return name
    head = data[:4096]
    if len(head) < 8 or head.count(0) < len(head) // 4:
        return None
    quarters = [head[i::4].count(0) / max(1, len(head[i::4])) for i in range(4)]
    halves = [head[i::2].count(0) / max(1, len(head[i::2])) for i in range(2)]
    guesses = []
    if quarters[0] < 0.1 and min(quarters[1:]) > 0.8:
        guesses.append("utf-32-le")
    if halves[0] < 0.1 and halves[1] > 0.4:
        guesses.append("utf-16-le")
    if halves[1] < 0.1 and halves[0] > 0.4:
        guesses.append("utf-16-be")
    for name in guesses:
        try:
            sample = head[: len(head) - len(head) % 4].decode(name)
        except UnicodeDecodeError:
            continue
        if sum(c.isprintable() or c.isspace() for c in sample) >= 0.95 * len(sample):
            return name
    return None


def _binary(data: bytes) -> bool:
    """An image or archive: a known signature, or NUL bytes in more than 1% of the file (a few stray ones in
    text are removed as control characters instead)."""
    nuls = data.count(b"\x00")
    return data.startswith(BINARY_SIGNATURES) or (nuls >= 4 and nuls > len(data) // 100)


RESAVE = "re-save the file as UTF-8"


def _undecodable(path: str, data: bytes, utf8_at: int, cp1252_at: int) -> str:
    """Text that is neither UTF-8 nor Windows-1252, naming the byte each fails on and its line.

    The two can differ: 'café' saved as Windows-1252 fails UTF-8 at 0xe9, but only a byte Windows-1252
    leaves undefined (0x81, 0x8d, 0x8f, 0x90, 0x9d) makes it fail too.
    """

    def line(at: int) -> int:
        return data.count(b"\n", 0, at) + 1

    if utf8_at == cp1252_at:
        return f"{path}:{line(utf8_at)}: not UTF-8 (byte 0x{data[utf8_at]:02x}) nor Windows-1252; {RESAVE}"
    return (
        f"{path}:{line(cp1252_at)}: not Windows-1252 (byte 0x{data[cp1252_at]:02x}) nor UTF-8 (byte "
        f"0x{data[utf8_at]:02x} on line {line(utf8_at)}); {RESAVE}"
    )


def decode(data: bytes, path: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode UTF-8 (BOM allowed), UTF-16/32 or Windows-1252 (with a warning); refuse binary data.
    `declared`: the character set the file declares for itself (a web page's), used unless a BOM says otherwise.

    Returns the text (line endings normalised, control characters removed) and warnings.
    """
    warnings: list[str] = []
    wide = _wide_encoding(data)
    if declared and not wide and not data.startswith(codecs.BOM_UTF8) and not _binary(data):
        text = data.decode(declared, "replace")
    elif wide:
        try:
            text = data.decode(wide)
        except UnicodeDecodeError:
            raise IngestError(f"{path}: looks like {wide.upper()} but cannot be decoded; re-save it as UTF-8") from None
        warnings.append(f"{path}:1: {wide.upper()[:6]} text; read it, but re-save it as UTF-8 to be sure")
    elif _binary(data):
        raise IngestError(f"{path}: binary data (an image or archive?), not text; remove it from the seeds folder")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            bom = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0  # exc.start counts after it
            line = data[: bom + exc.start].count(b"\n") + 1
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError as cp1252:
                raise IngestError(_undecodable(path, data, bom + exc.start, cp1252.start)) from None
            warnings.append(
                f"{path}:{line}: not UTF-8; read as Windows-1252 (Latin-1) — re-save it as UTF-8 to be sure"
            )
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text, changed, line = clean_article_text(text)
    if changed:
        warnings.append(
            f"{path}:{line}: {changed} control character{'s' if changed > 1 else ''} (page breaks, NUL, C1 or "
            "non-characters) removed or read as spaces"
        )
    return text, warnings


@dataclass(frozen=True)
class FrontMatter:
    """A Markdown file's YAML header: its text, the file line it starts on, and the body after it."""

    yaml_text: str | None
    first_line: int
    body: str
    body_offset: int
    warning: str | None = None


def split_front_matter(text: str, path: str) -> FrontMatter:
    """Split a YAML header (between `---` lines) from the Markdown body.

    A header that never closes is read up to the first blank line, with a warning.
    """
    if not text.startswith("---\n"):
        return FrontMatter(None, 0, text, 0)
    end = text.find("\n---", 3)
    if end >= 0 and text[end + 4 : end + 5] in ("", "\n", " "):
        header = text[4 : end + 1]
        body_start = text.find("\n", end + 4)
        body = text[body_start + 1 :] if body_start >= 0 else ""
        offset = text[: body_start + 1].count("\n") if body_start >= 0 else text.count("\n") + 1
        return FrontMatter(header, 2, body, offset)
    blank = text.find("\n\n", 3)
    stop = blank + 1 if blank >= 0 else len(text)
    offset = text[:stop].count("\n")
    return FrontMatter(
        text[4:stop], 2, text[stop:], offset,
        f"{path}:1: the front matter never closes (no second '---' line); read it up to the first blank line",
    )  # fmt: skip


def text_lines(text: str, offset: int = 0) -> list[RawLine]:
    """Plain text: every non-empty line is a paragraph (scraped news keeps one paragraph per line)."""
    return [RawLine(t.strip(), i + 1 + offset) for i, t in enumerate(text.split("\n")) if t.strip()]


MD_LINK = re.compile(r"(?<![!\\])\[((?:[^\]\\]|\\.)*)\]\([^)]*\)")
MD_IMAGE = re.compile(r"^!\[[^\]]*\]\([^)]*\)$")
MD_EMPHASIS = re.compile(r"(?<!\\)(\*\*|__|`)")
MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")  # a backslash before ASCII punctuation: the character itself


def _md_text(text: str) -> str:
    """A Markdown line's text: link syntax and emphasis marks dropped, backslash escapes undone."""
    return MD_ESCAPE.sub(r"\1", MD_EMPHASIS.sub("", MD_LINK.sub(r"\1", text)))


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
            text = MD_ESCAPE.sub(r"\1", MD_LINK.sub(r"\1", heading.group(2)))
            lines.append(RawLine(text, number, len(heading.group(1))))
        elif MD_IMAGE.match(stripped) or re.match(r"^([-*+]|\d+\.)\s", stripped):
            flush()
            lines.append(RawLine(_md_text(stripped), number))
        else:
            if not buffer:
                start = number
            buffer.append(_md_text(stripped))
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


RAW_TEXT = re.compile(r"<(script|style|textarea|title)\b.*?</\1\s*>", re.I | re.S)  # no comments inside these


def unclosed_comment(text: str) -> int | None:
    """Where an HTML comment opens that never closes (a browser hides everything after it), if one does.

    '<!--' inside a script, a style sheet or a text area is their text, not a comment.
    """
    raw = [(m.start(), m.end()) for m in RAW_TEXT.finditer(text)]
    start = text.find("<!--")
    while start >= 0:
        inside = next((end for begin, end in raw if begin < start < end), None)
        if inside is not None:
            start = text.find("<!--", inside)
            continue
        close = text.find("-->", start + 4)
        if close < 0:
            return start
        start = text.find("<!--", close + 3)
    return None


def html_lines(text: str, path: str = "") -> tuple[list[RawLine], str | None, list[str]]:
    """Block texts of an HTML page, its <title>, and warnings."""
    warnings = []
    cut = unclosed_comment(text)
    if cut is not None:
        line = text.count("\n", 0, cut) + 1
        warnings.append(f"{path}:{line}: an HTML comment '<!--' never closes; the text after it is left out")
        text = text[:cut]
    parser = _HTMLText()
    parser.feed(text)
    parser.close()
    parser._flush()
    return parser.lines, parser.title, warnings
