"""Clean: separate an article's body from page clutter (labels, pleas, image names, link lists) and say what went.

The rules describe news-site furniture, not any story.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from generator.core.model import Block, DroppedLine, RelatedItem
from generator.core.words import DATELINE
from generator.ingest.readers import MD_IMAGE, RawLine

# ── clutter rules: news-site furniture, not story knowledge ───────────────────

IMAGE_FILE = re.compile(r"^[!\[\]()\w./:-]*\.(?:jpe?g|png|gif|webp|svg|avif|bmp)\)?\]?\)?$", re.I)
DONATION = re.compile(
    r"\b(?:your support|support (?:us|our (?:work|journalism|team))|donate|donation"
    r"|become a (?:member|patron|supporter)|subscribe (?:now|today)|keeps? our (?:team|journalists|reporters))\b",
    re.I,
)
BOILERPLATE = re.compile(
    r"^(?:advertisement|share (?:this|on)\b.*|follow us\b.*|sign up\b.*|read more|see more|show more"
    r"|(?:photo|image|picture|video)(?: credit)?:.*|click here\b.*|all rights reserved.*|©.*)$",
    re.I,
)
TIME_STAMP = re.compile(
    r"^(?:updated|published|posted|last updated|first published)\b[:\s].{0,80}\b\d{4}\b.{0,40}$"
    r"|^\d{1,2}:\d{2}\s*(?:[A-Z]{2,4})?,?\s+\d{1,2}\.\d{1,2}\.\d{4}$",
    re.I,
)
CAPTION = re.compile(  # 'Farmers inspect a canal on Monday. (Photo: Jane Doe/Courier)', 'FILE PHOTO: …'
    r"^(?:FILE(?: PHOTO\b| ?[-–—:] ).*"  # 'FILE - Police stand outside ...' (a wire photo's caption)
    r"|.{0,300}[(\[](?:photo|photograph|image|picture|pictured|credit)s?\s*(?::|by\b)[^)\]]{0,80}[)\]]\.?"
    r"|.{0,300}\((?:[\w.&’'-]+ ){0,3}photo/[^)]{1,80}\)\.?"  # '... (AP Photo/Jane Doe, File)'
    r"|.{0,300}\b(?:photo|photograph|image|picture)s?:\s*[^.!?/]{1,60}/[^.!?]{1,60})$",  # '... Photo: Jo Ng/Courier'
    re.I,
)
# 'Ref. DRWF/PR/2026/19 | 30 October 2026 | For immediate release', 'Office of Public Affairs | +63 2 8555 0100':
# fields a page sets side by side, not a sentence (a title's '| Site name' is read by the title rule first)
FIELDS = re.compile(r"^[^|]{1,120}(?:\s\|\s[^|]{1,120})+$")
# '(Reporting by Jo Ng; Editing by Al Li)': a wire story's credits, after its last paragraph
CREDITS = re.compile(
    r"^\(?(?:(?:additional )?reporting|writing|editing|edited|compiled|produced) by\b[^.!?]{0,200}\)?\.?$", re.I
)
BYLINE = re.compile(r"^By\s+[A-Z][\w.'’-]+(?:\s+(?:[A-Z][\w.'’-]+|and|de|van|von|al))*(?:,\s*[^.]{0,60})?$")
TRAILING_LINK = re.compile(r"\s*\b(?:See more|Read more|Continue reading|Show more)[.…]*\s*$", re.I)
RELATED_HEAD = re.compile(r"^(?:More on|Related(?: coverage| stories| articles)?|Read also|See also|More from)\b", re.I)
RELATIVE_AGE = re.compile(
    r"(?:\d+\s*|\b(?:an?|one|two|three)\s+)?(?:minutes?|hours?|days?|weeks?|months?|years?) ago|\bToday\b|\bYesterday\b"
)
GENERIC_LABELS = {"category", "categories", "tags", "tag", "section", "home", "news", "menu", "topics"}
DOMAIN_PREFIX = re.compile(r"^((?:[a-z0-9-]+\.)+(?:com|org|net|news|co\.uk|uk|eu|info|io|tv))(?=[A-Z“\"])")
CAMEL_JOIN = re.compile(r"^(.{2,40}?[a-z])(?=[A-Z][a-z])")
AGE_WORDS = ("ago", "Today", "Yesterday")
HEADLINE_AFTER = re.compile(
    r"\s*(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Febr)uary|March|April|May|June|July|August"
    r"|(?:Septem|Octo|Novem|Decem)ber)(?:[A-Z“\"‘]|[a-z0-9-]+\.(?:com|org|net|news|co\.uk|uk|eu|info|io|tv))"
)
LINK_ENDINGS = ("more", "reading")  # a cheap test before TRAILING_LINK's search
SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"'‘])")


# ── body/clutter separation ───────────────────────────────────────────────────


HEADLINE = "the headline (shown as the title)"
SECTION_LABEL = re.compile(r"^(LIVE|BREAKING|WATCH|EXCLUSIVE|UPDATED?|ANALYSIS|OPINION|VIDEO|PHOTOS)[:\s–—-]+(?=[A-Z])")
# 'in central LisbonThe museum said': a paragraph's end run into the next one's first word (a lost line break)
GLUED = re.compile(
    r"(?<=[a-z]{2})(?=(?:The|A|An|In|On|At|He|She|It|They|We|But|And|This|That|His|Her|Its|Their|Our|Police"
    r"|Officials|However|Meanwhile|After|When|While) [a-z])"
)


def _unglued(raw: RawLine, dropped: list[DroppedLine]) -> list[RawLine]:
    """A line split where words run together at a lost line break ('LisbonThe museum'), saying so."""
    parts = GLUED.split(raw.text)
    if len(parts) == 1:
        return [raw]
    for left, right in itertools.pairwise(parts):
        glued = f"{left.split()[-1]}{right.split()[0]}" if left.split() and right.split() else ""
        dropped.append(DroppedLine(raw.line, glued, "words run together: split into two paragraphs"))
    return [RawLine(part.strip(), raw.line, raw.heading) for part in parts if part.strip()]


def _is_label(text: str) -> bool:
    words = text.lstrip("-*• ").split()
    if not words or len(words) > 5 or text.rstrip().endswith((".", "?", "!")):
        return False
    return text.startswith(("- ", "* ", "• ")) or (text.isupper() and len(words) <= 4)


def _has_age_words(text: str) -> bool:
    """A cheap test before RELATIVE_AGE's search, which has no literal prefix to skip ahead on."""
    return any(word in text for word in AGE_WORDS)


def _run_together_headlines(text: str) -> bool:
    """A related-links footer pasted as one line: two or more ages each run on into the next headline or
    outlet ('…talks stall6 days agoexample.comMinister resigns…'). In prose an age ends a clause or opens a sentence
    ('two days ago, officials said'; '. Today the minister…'), so a paragraph that says 'ago' twice is kept."""
    if not _has_age_words(text):
        return False
    joined = 0
    for match in RELATIVE_AGE.finditer(text):
        opens_sentence = not text[: match.start()].strip() or text[: match.start()].rstrip()[-1] in '.!?:;"”'
        if not opens_sentence and HEADLINE_AFTER.match(text, match.end()):
            joined += 1
            if joined >= 2:
                return True
    return False


def _is_heading(line: RawLine, following: RawLine | None) -> bool:
    text = line.text
    words = text.split()
    if line.heading:
        return True
    if not words or len(words) > 14 or following is None:
        return False
    if text[-1] in ".!?:;,…" or not (text[0].isupper() or text[0] in "“\"‘'"):
        return False
    return len(following.text.split()) > len(words)


def parse_related(text: str) -> tuple[RelatedItem, ...]:
    """Split a run-together related-links line into headlines with their outlet and age."""
    items: list[RelatedItem] = []
    position = 0
    for match in RELATIVE_AGE.finditer(text):
        chunk = text[position : match.start()].strip(" -–|·")
        position = match.end()
        if chunk:
            items.append(_related_item(chunk, match.group(0).strip()))
    rest = text[position:].strip(" -–|·")
    if rest:
        items.append(_related_item(rest, None))
    return tuple(items)


def _related_item(chunk: str, age: str | None) -> RelatedItem:
    outlet = None
    domain = DOMAIN_PREFIX.match(chunk)
    camel = CAMEL_JOIN.match(chunk)
    if domain:
        outlet, chunk = domain.group(1), chunk[domain.end() :]
    elif camel and " " in camel.group(1) and len(camel.group(1).split()) <= 4:
        outlet, chunk = camel.group(1), chunk[camel.end() :]
    return RelatedItem(text=chunk.strip(), outlet=outlet, age=age)


@dataclass
class CleanedBody:
    title: str
    category: str | None
    blocks: list[Block]
    dropped: list[DroppedLine]
    related: list[RelatedItem]


def clean(lines: list[RawLine], fallback_title: str, known_title: str | None = None) -> CleanedBody:
    """Separate title, headings and body paragraphs from labels, pleas, image names and link lists.

    `known_title`: the headline a web page states apart from its body; the first line is then body, unless it
    repeats that headline."""
    dropped: list[DroppedLine] = []
    kept: list[RawLine] = []
    related: list[RelatedItem] = []
    labels: list[str] = []
    for raw in (part for line in lines for part in _unglued(line, dropped)):
        text = raw.text
        if IMAGE_FILE.match(text) or MD_IMAGE.match(text):
            dropped.append(DroppedLine(raw.line, text, "image file name"))
        elif not kept and not raw.heading and _is_label(text):
            dropped.append(DroppedLine(raw.line, text, "category label"))
            labels.append(text.lstrip("-*• ").strip())
        elif DONATION.search(text) and len(text.split()) < 40:
            dropped.append(DroppedLine(raw.line, text, "donation plea"))
        elif TIME_STAMP.match(text):
            dropped.append(DroppedLine(raw.line, text, "time stamp"))
        elif BOILERPLATE.match(text):
            dropped.append(DroppedLine(raw.line, text, "page furniture"))
        elif CAPTION.match(text):
            dropped.append(DroppedLine(raw.line, text, "photo caption"))
        elif BYLINE.match(text) and len(text.split()) <= 12:
            dropped.append(DroppedLine(raw.line, text, "byline"))
        elif kept and CREDITS.match(text):
            dropped.append(DroppedLine(raw.line, text, "credits (reporting and editing)"))
        elif RELATED_HEAD.match(text) or _run_together_headlines(text):
            dropped.append(DroppedLine(raw.line, text, "related coverage"))
            related.extend(parse_related(text))
        elif kept and FIELDS.match(text) and len(text.split()) <= 30 and not text.rstrip().endswith((".", "!", "?")):
            dropped.append(DroppedLine(raw.line, text, "page furniture"))
        else:
            trailing = TRAILING_LINK.search(text) if text.rstrip(" .…").lower().endswith(LINK_ENDINGS) else None
            if trailing and trailing.start() > 0:
                dropped.append(DroppedLine(raw.line, trailing.group(0).strip(), "link text"))
                raw = RawLine(text[: trailing.start()].rstrip(), raw.line, raw.heading)
            kept.append(raw)

    category = next((label for label in reversed(labels) if label.casefold() not in GENERIC_LABELS), None)
    blocks: list[Block] = []
    title = _title(kept, blocks, dropped, fallback_title, known_title)
    if kept and not kept[0].heading:
        dateline = DATELINE.match(kept[0].text)
        if dateline and len(kept[0].text) > dateline.end() + 20:
            dropped.append(DroppedLine(kept[0].line, dateline.group(0).strip(), "dateline (where and when filed)"))
            kept[0] = RawLine(kept[0].text[dateline.end() :].lstrip(" -–—"), kept[0].line)
    for i, raw in enumerate(kept):
        following = kept[i + 1] if i + 1 < len(kept) else None
        kind = "heading" if _is_heading(raw, following) else "paragraph"
        blocks.append(Block(kind, raw.text, raw.line))
    return CleanedBody(title, category, blocks, dropped, related)


def _title(
    kept: list[RawLine], blocks: list[Block], dropped: list[DroppedLine], fallback: str, known: str | None
) -> str:
    """The article's title, taken off the front of `kept`: the first line, split from a standfirst glued to it
    (added to `blocks`); with a `known` title, only a first line that repeats it is taken off."""
    if kept and known and " ".join(kept[0].text.split()).casefold() == " ".join(known.split()).casefold():
        dropped.append(DroppedLine(kept[0].line, kept.pop(0).text, HEADLINE))
    if known or not kept:
        return known or fallback
    first = kept.pop(0)
    label = SECTION_LABEL.match(first.text)
    if label and not first.heading:  # 'LIVE Lisbon art theft: ...': the page's section label, glued on
        dropped.append(DroppedLine(first.line, label.group(1), "section label"))
        first = RawLine(first.text[label.end() :], first.line)
    parts = SENTENCE_BREAK.split(first.text, maxsplit=1)
    if len(parts) == 2 and len(first.text.split()) > 20 and not first.heading:
        blocks.append(Block("standfirst", parts[1], first.line))
        return parts[0]
    return first.text
