"""Text in one place: characters no reader should get, slugs, accent-free spellings, stop words, and JSON text
joined from pieces.

PDF and Word copy-paste bring form feeds and vertical tabs, mojibake brings C1 controls
(U+0080–U+009F), and none of them is allowed in XML, YAML front matter or a calendar file. Text is
cleaned once, where it enters (article files and every YAML string), and the count is reported.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from slugify import slugify

# Unicode's line and paragraph separators become a line end; page breaks, Word's manual line break
# (vertical tab) and the like a space; other controls (but tab and line feed), DEL, C1 controls, lone
# surrogates and the non-characters U+FDD0–U+FDEF, U+xFFFE and U+xFFFF go.
LINE_ENDS = re.compile("[\u2028\u2029]")
BREAKS = re.compile("[\x0b\x0c\x1c-\x1e\x85]")
CONTROLS = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0010fffe\U0010ffff]"
)

ANY = re.compile(f"{LINE_ENDS.pattern}|{BREAKS.pattern}|{CONTROLS.pattern}")


def strip_controls(text: str) -> str:
    """A string with line-break controls as spaces and every other control character removed."""
    return CONTROLS.sub("", BREAKS.sub(" ", LINE_ENDS.sub(" ", text)))


def clean_article_text(text: str) -> tuple[str, int, int]:
    """(cleaned text, characters changed, line of the first): separators end lines, breaks are spaces."""
    first = ANY.search(text)
    if first is None:
        return text, 0, 0
    line = text.count("\n", 0, first.start()) + 1
    text, ends = LINE_ENDS.subn("\n", text)
    text, breaks = BREAKS.subn(" ", text)
    text, removed = CONTROLS.subn("", text)
    return text, ends + breaks + removed, line


# ── names as slugs, and words that carry no content ──────────────────────────


def slug(text: str, fallback: str = "item", max_length: int = 0) -> str:
    """A readable ASCII slug for a URL or file name ('Curaçao' -> 'curacao', Cyrillic transliterated)."""
    return slugify(text, max_length=max_length) or fallback


# Names the site's own pages and files take in a folder of named pages (the actors', the sources'): the list
# page, its later pages, and what MkDocs writes at the top. A name from the text is never given one of these.
RESERVED_NAMES = re.compile(r"index|page-\d+|404|search|assets|data|feed|sitemap|timeline", re.I)


def unreserved(name: str, kind: str) -> str:
    """`name` as a page name of its own: one the site reserves gets `-KIND` ('index' -> 'index-actor')."""
    return f"{name}-{kind}" if RESERVED_NAMES.fullmatch(name) else name


def file_slug(stem: str, max_length: int = 80) -> str:
    """A file name made safe for a URL, keeping its case, dots and underscores ('Bericht #2' -> 'Bericht-2')."""
    return slugify(stem, lowercase=False, regex_pattern=r"[^-a-zA-Z0-9._]+", max_length=max_length).strip("._-")


def plain(word: str) -> str:
    """Lowercase without accents, for comparing spellings: 'Wiśniewski' -> 'wisniewski'."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii").lower()


# The commonest English function words: what comparing two wordings of one quote ignores.
COMMON_WORDS = frozenset(
    "a and any are as at be by for in is it no not of on or our that the this to was we with".split()
)
# Function words, which say nothing about what an event is: left out of the keywords that match reports of one
# event (with the reporting verbs, `core.words.REPORTING_VERBS`).
STOP_WORDS = COMMON_WORDS | frozenset(
    "about after all also an been before but can could even from had has have he her here his into its just many "
    "may might more most only other over own same she should so some such than their then there "
    "these they those too very were what when where which while who whom will would your".split()
)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a word and ended with '…' (the site's one ellipsis)."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] if " " in text[: limit - 1] else text[: limit - 1]
    return cut.rstrip(" ,;:—–-") + "…"



def filled_json(frame: str, items: Iterable[str], separator: str) -> str | None:
    """`frame` (JSON text ending in an empty list and the braces that close it: `..."docs":[]}`) with that list
    holding `items`, each an item's JSON text dumped with the frame's settings, between `separator`s (`json.dumps`
    puts ", " between items, "," with compact separators): the text dumping the whole at once writes, so long
    lists are written from items kept from an earlier build. None when the frame does not end so."""
    head, empty, tail = frame.rpartition("[]")
    if not empty or tail.strip("}"):
        return None
    return f"{head}[{separator.join(items)}]{tail}"
