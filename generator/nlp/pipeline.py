"""One spaCy pipeline: tokens, sentences, and actor mentions from the story file's registry."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import spacy
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Span

from generator.config import Story
from generator.core.model import Article, Mention, ParsedArticle, Sentence
from generator.core.text import plain
from generator.nlp.people import with_discovered
from generator.nlp.registry import role_patterns, surname_aliases

VARIANT_SCORE = 85  # rapidfuzz ratio for a spelling variant ('Tchaikovski' for 'Tchaikovsky')


def alias_patterns(nlp: Language, story: Story) -> list[dict]:
    """Entity-ruler token patterns: exact case for names, any case for all-lowercase descriptions."""
    patterns: list[dict] = []
    surnames = surname_aliases(story)
    names = [(a.name, (a.name, *a.aliases, *a.metonyms)) for a in story.actors]
    names += [(owner, (surname,)) for surname, owner in surnames.items()]
    for actor, aliases in names:
        for alias in aliases:
            tokens = [t.text for t in nlp.make_doc(alias)]
            if not tokens:
                continue
            attr = "LOWER" if alias == alias.lower() else "ORTH"
            pattern = [{attr: t.lower() if attr == "LOWER" else t} for t in tokens]
            patterns.append({"label": "ACTOR", "pattern": pattern, "id": actor})
    return patterns + role_patterns(story)


@dataclass
class Pipeline:
    """The spaCy pipeline plus the one-word names that spelling variants are matched against."""

    nlp: Language
    one_word_names: dict[str, str]  # 'Tchaikovsky' -> 'Pyotr Tchaikovsky'
    one_token_aliases: dict[str, str] = field(default_factory=dict)  # every alias that is a single token
    variant_cache: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.plain_names = {plain(alias): actor for alias, actor in self.one_word_names.items()}
        self.plain_choices = tuple(self.plain_names)  # built once: looked up for every unknown capitalised word

    def variant_of(self, word: str) -> str | None:
        """The actor a capitalised word is a spelling variant of, if any (cached: each word is looked up once)."""
        if word not in self.variant_cache:
            match = None
            spelling = plain(word)
            if len(word) >= 5 and spelling not in self.plain_names and self.plain_names:
                found = process.extractOne(spelling, self.plain_choices, scorer=fuzz.ratio, score_cutoff=VARIANT_SCORE)
                if found and found[0][0] == spelling[0]:
                    match = self.plain_names[found[0]]
            elif spelling in self.plain_names and word not in self.one_word_names:
                match = self.plain_names[spelling]  # the same name without its accents
            self.variant_cache[word] = match
        return self.variant_cache[word]


def build_pipeline(story: Story) -> Pipeline:
    """Blank English, a rule-based sentencizer, and an entity ruler built from the story's actors."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    patterns = alias_patterns(nlp, story)
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    one_word = {
        alias: actor.name
        for actor in story.actors
        for alias in (actor.name, *actor.aliases, *actor.name.split()[-1:])
        if " " not in alias and alias[:1].isupper() and len(alias) >= 5
    }
    single = {
        alias: actor.name
        for actor in story.actors
        for alias in (actor.name, *actor.aliases, *actor.metonyms)
        if len(nlp.make_doc(alias)) == 1
    }
    return Pipeline(nlp, one_word, single)


def sentence_anchor(text: str, taken: set[str]) -> str:
    """A stable anchor id from the sentence's own words, so edits elsewhere do not move it."""
    digest = hashlib.sha1(" ".join(text.split()).encode("utf-8")).hexdigest()
    anchor = f"s-{digest[:8]}"
    suffix = 2
    while anchor in taken:
        anchor = f"s-{digest[:8]}-{suffix}"
        suffix += 1
    taken.add(anchor)
    return anchor


def _mentions(pipeline: Pipeline, span: Span, ents: list[Span], sentence_id: str, offset: int) -> list[Mention]:
    """Registered names in a sentence (`ents`: the entities inside it), then spelling variants of one."""
    found = [
        Mention(ent.ent_id_ or ent.text, ent.text, sentence_id, ent.start_char - offset, ent.end_char - offset)
        for ent in ents
    ]
    covered = {i for ent in ents for i in range(ent.start, ent.end)}
    for token in span:
        if token.i in covered:
            continue
        head = token.text.split("-")[0]
        if "-" in token.text and head in pipeline.one_token_aliases:  # "U.N.-backed", "Paris-based"
            start = token.idx - offset
            found.append(Mention(pipeline.one_token_aliases[head], head, sentence_id, start, start + len(head)))
            continue
        if not token.is_title or token.is_sent_start:
            continue
        actor = pipeline.variant_of(token.text)
        if actor:
            start = token.idx - offset
            found.append(Mention(actor, token.text, sentence_id, start, start + len(token.text)))
    return sorted(found, key=lambda m: m.start)


MODEL_CHUNK = 100_000  # characters per text given to spaCy (whose own limit is 1,000,000)
CHUNK_BREAK = re.compile(r"[.!?][\"'”’)\]]*\s+|\s+")


def model_chunks(text: str, limit: int = MODEL_CHUNK) -> list[str]:
    """A block's text in pieces of at most `limit` characters, cut after a sentence end where there is one."""
    pieces: list[str] = []
    while len(text) > limit:
        sentence_end = space = 0
        for match in CHUNK_BREAK.finditer(text, 0, limit):
            space = match.end()
            if text[match.start()] in ".!?":
                sentence_end = match.end()
        cut = sentence_end or space or limit
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _entities_by_span(spans: list[Span], ents: Sequence[Span]) -> list[list[Span]]:
    """The entities inside each span, in one pass over both sorted lists (spans do not overlap)."""
    grouped: list[list[Span]] = [[] for _ in spans]
    i = 0
    for index, span in enumerate(spans):
        while i < len(ents) and ents[i].start < span.start:
            i += 1
        j = i
        while j < len(ents) and ents[j].end <= span.end:
            grouped[index].append(ents[j])
            j += 1
        i = j
    return grouped


def parse_article(pipeline: Pipeline, article: Article) -> ParsedArticle:
    """The nlp stage for one article: anchored sentences, the actors they name, and the people it introduces."""
    return with_discovered(segment_article(pipeline, article))


def segment_article(pipeline: Pipeline, article: Article) -> ParsedArticle:
    """Split an article into anchored sentences and find the registered actors they name."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    taken: set[str] = set()
    units = [(i, block.kind, block.text) for i, block in enumerate(article.blocks)]
    units += [(len(article.blocks) + i, "related", item.text) for i, item in enumerate(article.related)]
    pieces = [(index, kind, piece) for index, kind, text in units for piece in model_chunks(text)]
    for (block_index, kind, _text), doc in zip(pieces, pipeline.nlp.pipe(p[2] for p in pieces), strict=True):
        spans = [doc[:]] if kind in ("heading", "related") else list(doc.sents)
        for span, ents in zip(spans, _entities_by_span(spans, doc.ents), strict=True):
            text = span.text.strip()
            if not text:
                continue
            sentence = Sentence(
                id=sentence_anchor(text, taken),
                source=article.id,
                block=block_index,
                index=len(sentences),
                text=text,
                kind=kind,
            )
            sentences.append(sentence)
            offset = span.start_char + (len(span.text) - len(span.text.lstrip()))
            mentions.extend(_mentions(pipeline, span, ents, sentence.id, offset))
    return ParsedArticle(article=article, sentences=tuple(sentences), mentions=tuple(mentions))
