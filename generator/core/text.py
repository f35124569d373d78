"""Characters no reader should get: control characters, Unicode non-characters, odd line breaks.

PDF and Word copy-paste bring form feeds and vertical tabs, mojibake brings C1 controls
(U+0080–U+009F), and none of them is allowed in XML, YAML front matter or a calendar file. Text is
cleaned once, where it enters (article files and every YAML string), and the count is reported.
"""

from __future__ import annotations

import re

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
