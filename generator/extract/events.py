"""Events: dated sentences of one article, grouped into reports with their date and kind."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from generator.core.model import DateMention, DateValue, EventFrame, EventMention, Mention, ParsedArticle, Sentence
from generator.core.refs import block_offsets, by_sentence
from generator.core.syntax import Parse
from generator.core.text import STOP_WORDS, plain
from generator.core.types import DateRole, DateRule, EventKind, Precision
from generator.core.words import REPORTING_VERBS, SPEECH_VERBS, event_word
from generator.extract.attach import past_weekdays, reported_event_time
from generator.extract.dates import DateContext, bound_approximations, find_dates, other_whens, sentence_when
from generator.extract.frames import (
    CLASS_OF,
    content_lemmas,
    dated_trigger,
    frame_of,
    lemma,
    main_trigger,
    named_trigger,
)
from generator.extract.headline import date_clause, event_frame, headline
from generator.extract.occasion import dates_an_occasion
from generator.extract.published import filing_date, infer_published, year_resolver
from generator.extract.wording import cut_off, summarise

SCHEDULED_CUES = re.compile(
    r"\b(?:deadline|due to|scheduled|is set to|are set to|will|(?:is|are) expected to|by which|ultimatum"
    r"|plans to|intends to)\b",
    re.I,
)
BODY_KINDS = ("paragraph", "standfirst")
# 'at 8:40', 'shortly after 11 p.m.': a sentence that tells its own hour after one that told another is a moment
# of its own, not more of the same report
CLOCK_TIME = re.compile(r"\b\d{1,2}(?::\d{2})?\s*[ap]\.?m\b\.?|\b\d{1,2}:\d{2}\b", re.I)

CALENDAR = (Precision.DAY, Precision.RANGE, Precision.MONTH, Precision.YEAR)  # dates on the calendar, not windows


@dataclass(frozen=True)
class ArticleDates:
    """The date layer of one article: its published date and every date mention."""

    published: DateValue | None
    published_inferred: bool
    mentions: tuple[DateMention, ...]
    when: dict[str, DateMention]  # sentence id -> the mention that dates the sentence
    also: dict[str, tuple[DateMention, ...]]  # sentence id -> dates of its other clauses, each an event of its own


NOT_EVENT_WORDS = frozenset(
    "according statement official monday tuesday wednesday thursday friday saturday sunday today yesterday week "
    "month year january february march april june july august september october november december".split()
) | REPORTING_VERBS  # reporting and calendar words: said of every event, they tell none from another
IGNORED = STOP_WORDS | NOT_EVENT_WORDS
WORD = re.compile(r"[a-zà-ÿ][a-zà-ÿ'’-]+")


def _kept(word: str, lemma: str) -> bool:
    """Whether a word says something of what happened: more than three letters, no function or reporting word."""
    return len(word) > 3 and word not in IGNORED and lemma not in IGNORED


def keywords(text: str, *sentences: Sentence, nouns: bool = False) -> tuple[str, ...]:
    """The words reports of one event are matched on, as lemmas ('arrests', 'arrested' -> arrest; 'detained' ->
    arrest, `core.words.event_word`): those of `text` (a headline), read in the parse of `sentences`, where it
    comes from (a name put in for a pronoun stays as written); with `nouns`, the sentences' nouns too (who and
    what a report names outside its headline: 'the suspects', 'the Graz Regional Criminal Court')."""
    lemmas: dict[str, str] = {}
    words: list[tuple[str, str]] = []
    for sentence in sentences:
        for parsed in sentence.words:
            written = sentence.text[parsed.start : parsed.end].lower()
            lemmas.setdefault(written, parsed.lemma or written)  # a word read twice: its first reading
            if nouns and parsed.tag.startswith("NN") and WORD.fullmatch(written):
                words.append((written, parsed.lemma or written))
    for match in WORD.finditer(text.lower()):
        written = match.group(0).strip("'’").removesuffix("'s").removesuffix("’s")
        words.append((written, lemmas.get(written, written)))
    return tuple(sorted({plain(event_word(word, lemma)) for word, lemma in words if _kept(word, lemma)}))


def _explicit_years(sentences: list[Sentence]) -> list[tuple[int, int]]:
    years: list[tuple[int, int]] = []
    blind = DateContext()
    for sentence in sentences:
        for mention in find_dates(sentence.id, sentence.text, blind, sentence.index):
            value = mention.value
            if mention.role == "when" and value.date and value.precision in CALENDAR:
                years.append((sentence.index, int(value.date[:4])))
        for match in re.finditer(r"\bin\s+((?:19|20)\d{2})\b", sentence.text):
            years.append((sentence.index, int(match.group(1))))
    return years


def tag_dates(parsed: ParsedArticle, reference_year: int | None) -> ArticleDates:
    """Find and resolve every date of an article, in reading order, with relative dates chained."""
    body = [s for s in parsed.sentences if s.kind in BODY_KINDS]
    meta = parsed.article.meta
    explicit = _explicit_years(body)
    published_value: DateValue | None = None
    inferred = False
    if meta.published:
        published_value = DateValue(meta.published, Precision.DAY, expression=meta.published, rule=DateRule.METADATA)
    else:
        published_value = infer_published(parsed.article.raw_text, year_resolver(explicit, None, reference_year))
        inferred = published_value is not None
    published = dt.date.fromisoformat(published_value.date) if published_value and published_value.date else None
    filed = filing_date(parsed.article.dropped, published) or published  # relative dates: as of the filing day
    ctx = DateContext(published=filed, year_for=year_resolver(explicit, published, reference_year))
    mentions: list[DateMention] = []
    when: dict[str, DateMention] = {}
    also: dict[str, tuple[DateMention, ...]] = {}
    dated: list[tuple[int, DateMention]] = []
    names = by_sentence(parsed.mentions)
    blocks = parsed.article.blocks
    offsets = block_offsets(body, [b.text for b in blocks])
    for sentence in body:
        found = past_weekdays(sentence, find_dates(sentence.id, sentence.text, ctx, sentence.index))
        mentions.extend(found)
        attachment = reported_event_time(sentence, found)
        if attachment is not None:  # 'said on Monday that on March 3 … met': the reported clause's date
            found = [m for m in found if m not in attachment.reporting]
        chosen = attachment.event if attachment else sentence_when(found)
        block_text = blocks[sentence.block].text if sentence.block < len(blocks) else sentence.text
        at = offsets.get(sentence.index, 0)
        if chosen is None or not dates_an_occasion(sentence, at, block_text, chosen, names.get(sentence.id, [])):
            continue
        when[sentence.id] = chosen
        dated.append((sentence.index, chosen))
        own = names.get(sentence.id, [])
        occasions = [m for m in other_whens(found, chosen) if dates_an_occasion(sentence, at, block_text, m, own)]
        extras = _other_clauses(sentence, chosen, occasions)
        if extras:
            also[sentence.id] = extras
        latest = max((chosen, *extras), key=lambda m: m.start)
        if latest.value.precision not in ("year", Precision.UNDATED):
            ctx.anchor = latest.value
            if _moves_present(latest.value, ctx.latest, published, sentence.text):
                ctx.latest = latest.value
    by_index = {s.index: s.id for s in body}
    for position, mention in bound_approximations(dated, published.isoformat() if published else None).items():
        when[by_index[position]] = mention
    return ArticleDates(published_value, inferred, tuple(mentions), when, also)


def _moves_present(value: DateValue, latest: DateValue | None, published: dt.date | None, text: str) -> bool:
    """Whether a sentence's date is a new 'present' for the story: a later day that has happened (not a deadline
    or a date ahead)."""
    if value.precision != "day" or not value.date or (latest is not None and value.sort_key <= latest.sort_key):
        return False
    return (published is None or value.date <= published.isoformat()) and not SCHEDULED_CUES.search(text)


def _other_clauses(sentence: Sentence, chosen: DateMention, others: list[DateMention]) -> tuple[DateMention, ...]:
    """The dates among `others` that date a clause of their own, one per clause, none in the chosen date's."""
    if not others:
        return ()
    seen = {date_clause(sentence, (chosen.start, chosen.end))}
    kept: list[DateMention] = []
    for mention in others:
        clause = date_clause(sentence, (mention.start, mention.end))
        if clause is not None and clause not in seen:
            seen.add(clause)
            kept.append(mention)
    return tuple(kept)


def _kind(value: DateValue, text: str, reference_year: int | None, published: str | None) -> str:
    """background (years before the story; without a story year, before the year before the article's: 2024 in an
    article of 2026, while 2025 may still be the story), scheduled (ahead of publication, or set as a date), or
    event."""
    year = int((value.date or value.after or "0")[:4] or 0)
    if reference_year and year and year < reference_year:
        return "background"
    day = value.date or value.after
    if reference_year is None and published and day and int(day[:4]) < int(published[:4]) - 1:
        return "background"  # 'in March 2019 … had the route back within weeks', in an article of July 2026
    if value.precision in ("day", Precision.RANGE, Precision.MONTH) and value.date:
        if published and value.date > published:
            return "scheduled"
        if not published and SCHEDULED_CUES.search(text):
            return "scheduled"
    return "event"


def _same_time(a: DateValue, b: DateValue) -> bool:
    return (a.date, a.end, a.precision, a.after, a.before) == (b.date, b.end, b.precision, b.after, b.before)


def _main_sentence(sentences: list[Sentence], names: dict[str, list[Mention]], people: set[str]) -> Sentence:
    """The sentence that best states the event: the first naming a person, else an actor, else the first."""
    for wanted in (people, None):
        for sentence in sentences:
            actors = {m.actor for m in names.get(sentence.id, [])}
            if actors and (wanted is None or actors & wanted):
                return sentence
    return sentences[0]


def report_frame(
    source: str, sentence: Sentence, when: DateMention, names: list[Mention], named: bool = False
) -> EventFrame | None:
    """The frame of the event a date dates in a sentence: the dated clause's trigger (or, for an event named by
    its date, the noun the date modifies), its participants, and the date when it is a day."""
    if not sentence.words:
        return None
    parse = Parse(sentence)
    span = (when.start, when.end) if when.sentence == sentence.id else (0, 0)  # (0, 0): the date is elsewhere
    date_words = [i for i, w in enumerate(parse.words) if span[0] <= w.start and w.end <= span[1]]
    if named:
        trigger = named_trigger(parse, date_words)
    elif not date_words:  # dated by the sentence before it
        trigger = main_trigger(parse)
    else:
        clause = date_clause(sentence, span)
        trigger = None if clause is None else dated_trigger(parse, clause, date_words, SPEECH_VERBS)
    if trigger is None:
        return None
    frame = frame_of(sentence, trigger, source=source, sentence_id=sentence.id, entities=names)
    return frame.with_date((when.value.date or "") if when.value.precision == "day" else "")


def _named_event(
    source: str, sentence: Sentence, named_date: DateMention, reference_year: int | None, names: list[Mention]
) -> EventMention:
    """An event a sentence names with its date: background ("the 1998 harbour treaty"), or one of the story
    reported again in passing ("the July 5 sinking"), which joins that event's entry."""
    year = int((named_date.value.date or "0")[:4] or 0)
    background = (reference_year is None and named_date.value.precision == "year") or bool(
        reference_year and year < reference_year
    )
    phrase = _named_phrase(sentence, named_date)
    return EventMention(
        id=f"{source}-{sentence.id}-{named_date.value.date}",
        source=source,
        sentences=(sentence.id,),
        date=named_date.value,
        kind=EventKind.BACKGROUND if background else EventKind.EVENT,
        summary=f"The {phrase}" if not phrase.lower().startswith("the ") else phrase[0].upper() + phrase[1:],
        actors=(),
        keywords=keywords(phrase, sentence),
        reference=not background,
        frame=report_frame(source, sentence, named_date, names, named=True),
    )


def _named_phrase(sentence: Sentence, named_date: DateMention) -> str:
    """The name of an event a date is part of: from the date to the noun it modifies ('the Sept. 3 walkout', 'the
    March 9 break-in'), read from the parse; without one, up to the first punctuation or joining word."""
    text = sentence.text[named_date.start :]
    if sentence.words:
        parse = Parse(sentence)
        inside = [i for i, w in enumerate(parse.words) if named_date.start <= w.start < named_date.end]
        top = next((i for i in inside if parse.head(i) not in inside), None)  # the date's own head word
        noun = top
        while noun is not None and (head := parse.head(noun)) is not None and head > inside[-1]:
            if not parse.words[head].tag.startswith("NN"):
                break
            noun = head
        if noun is not None and noun != top:
            end = parse.words[noun].end
            for child in parse.children(noun):  # 'the 2014 Revolution of Dignity': a name goes on after 'of'
                named = [c for c in parse.children(child) if parse.words[c].tag in ("NNP", "NNPS")]
                if child > noun and parse.lower(child) == "of" and named:
                    end = max(parse.words[i].end for i in parse.subtree(child))
            return sentence.text[named_date.start : end]
    phrase = re.match(r"(?:[^,;.—–]|\.(?=\s+\d))*", text).group(0)  # type: ignore[union-attr]
    return re.split(r"\s+(?:and|or|in|on|when|which|was|were|is|are|had|has)\b", phrase)[0].strip()


def _named_before(parsed: ParsedArticle, mentions: dict[str, list[Mention]]) -> dict[int, list[str]]:
    """Sentence index -> the last twelve actors named before it (what a pronoun may stand for), in one pass."""
    before: dict[int, list[str]] = {}
    running: list[str] = []
    for sentence in parsed.sentences:
        before[sentence.index] = running[-12:]
        running.extend(m.actor for m in mentions.get(sentence.id, []))
    return before


def _continues(sentence: Sentence, mentions: dict[str, list[Mention]]) -> bool:
    """Whether an undated sentence may go on with the report before it in its paragraph: it names someone or
    gives a figure."""
    return bool(mentions.get(sentence.id) or re.search(r"\d", sentence.text))


def _own_moment(before: Sentence, sentence: Sentence) -> bool:
    """A sentence that tells an hour of its own after one that told another ('at 8:40 p.m. the ferry left', then
    'shortly after 11 p.m. she was on her side'): a moment of its own, on the same day."""
    return bool(CLOCK_TIME.search(sentence.text) and CLOCK_TIME.search(before.text))


def _another_happening(first: Sentence, when: DateMention, sentence: Sentence) -> bool:
    """Whether a sentence that continues a report tells another kind of happening than the report's dated clause
    ('… were charged on Tuesday.' then 'Hofer was released on bail.'): both main verbs name kinds of happening
    (`frames.EVENT_CLASSES`), different kinds, and the first sentence does not name the second's."""
    if not first.words or not sentence.words or when.sentence != first.id:
        return False
    parse, other = Parse(first), Parse(sentence)
    clause = date_clause(first, (when.start, when.end))
    date_words = [i for i, w in enumerate(parse.words) if when.start <= w.start and w.end <= when.end]
    trigger = None if clause is None else dated_trigger(parse, clause, date_words, SPEECH_VERBS)
    own = main_trigger(other)
    if trigger is None or own is None:
        return False
    kinds = {CLASS_OF.get(lemma(parse, trigger)), CLASS_OF.get(lemma(other, own))}
    return None not in kinds and len(kinds) == 2 and lemma(other, own) not in content_lemmas(parse)


def _group_sentences(
    parsed: ParsedArticle,
    dates: ArticleDates,
    mentions_by_sentence: dict[str, list[Mention]],
    dates_by_sentence: dict[str, list[DateMention]],
) -> list[tuple[DateMention, list[Sentence]]]:
    """Dated sentences with the undated ones that continue them in their paragraph; a sentence whose other
    clauses carry dates of their own also starts a group for each."""
    groups: list[tuple[DateMention, list[Sentence]]] = []
    for sentence in parsed.sentences:
        if sentence.kind not in BODY_KINDS:
            continue
        when = dates.when.get(sentence.id)
        previous = groups[-1] if groups else None
        same_block = previous is not None and previous[1][-1].block == sentence.block
        if when is not None:
            if previous and same_block and _same_time(previous[0].value, when.value) and (
                    not _own_moment(previous[1][-1], sentence)):
                previous[1].append(sentence)
            else:
                groups.append((when, [sentence]))
            groups += [(extra, [sentence]) for extra in dates.also.get(sentence.id, ())]
        elif previous and same_block and _continues(sentence, mentions_by_sentence):
            if _own_moment(previous[1][-1], sentence) or _another_happening(previous[1][0], previous[0], sentence):
                groups.append((previous[0], [sentence]))  # 'Hofer was released on bail': its own report
            else:
                previous[1].append(sentence)
    return groups


def build_events(
    parsed: ParsedArticle,
    dates: ArticleDates,
    reference_year: int | None,
    people: set[str],
) -> list[EventMention]:
    """Group dated sentences (and the undated sentences that continue them) into event reports."""
    source = parsed.article.id
    mentions_by_sentence = by_sentence(parsed.mentions)
    dates_by_sentence = by_sentence(dates.mentions)
    named = [
        _named_event(source, sentence, d, reference_year, mentions_by_sentence.get(sentence.id, []))
        for sentence in parsed.sentences if sentence.kind in BODY_KINDS
        for d in dates_by_sentence.get(sentence.id, []) if d.role == DateRole.NAMED
    ]  # fmt: skip
    published = dates.published.date if dates.published and dates.published.precision == "day" else None
    named_before = _named_before(parsed, mentions_by_sentence)
    events: list[EventMention] = []
    for when, sentences in _group_sentences(parsed, dates, mentions_by_sentence, dates_by_sentence):
        first = sentences[0]
        own = (when.start, when.end) if when.sentence == first.id else None  # None: dated by the sentence before
        title = headline(first, own, mentions_by_sentence.get(first.id, []), named_before[first.index], people)
        main = _main_sentence(sentences, mentions_by_sentence, people)
        dated = title if main is not first else None  # its words count when another sentence gives the title
        if main is not first or title is None:
            expressions = [m.value.expression for m in dates_by_sentence.get(main.id, [])] + [when.value.expression]
            names = mentions_by_sentence.get(main.id, [])
            span = own if main is first else None
            title = headline(main, span, names, named_before[main.index], people)
            title = title or summarise(main.text, expressions, cut_off(main))
        actors = sorted({m.actor for s in sentences for m in mentions_by_sentence.get(s.id, [])})
        frame = event_frame(first, own)
        events.append(
            EventMention(
                id=f"{source}-{first.id}" + (f"-{when.start}" if when in dates.also.get(first.id, ()) else ""),
                source=source,
                sentences=tuple([main.id] + [s.id for s in sentences if s.id != main.id]),
                date=when.value,
                kind=EventKind(_kind(when.value, first.text, reference_year, published)),
                summary=title,
                actors=tuple(actors),
                keywords=keywords(f"{title} {dated or ''} {frame}", first, main, nouns=True),
                frame=report_frame(source, first, when, mentions_by_sentence.get(first.id, [])),
            )
        )
    return sorted(events + named, key=lambda e: e.id)
