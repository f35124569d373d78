"""One spaCy pipeline: tokens, sentences, and actor mentions from the story file's registry."""

from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field

import spacy
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Span

from generator.config import Story
from generator.model import Article, Mention, ParsedArticle, Sentence
from generator.registry import role_patterns, surname_aliases

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


def _plain(word: str) -> str:
    """Lowercase without accents: 'Wiśniewski' -> 'wisniewski'."""
    return unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode("ascii").lower()


@dataclass
class Pipeline:
    """The spaCy pipeline plus the one-word names that spelling variants are matched against."""

    nlp: Language
    one_word_names: dict[str, str]  # 'Tchaikovsky' -> 'Pyotr Tchaikovsky'
    one_token_aliases: dict[str, str] = field(default_factory=dict)  # every alias that is a single token
    variant_cache: dict[str, str | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.plain_names = {_plain(alias): actor for alias, actor in self.one_word_names.items()}
        self.plain_choices = tuple(self.plain_names)  # built once: looked up for every unknown capitalised word

    def variant_of(self, word: str) -> str | None:
        """The actor a capitalised word is a spelling variant of, if any (cached: each word is looked up once)."""
        if word not in self.variant_cache:
            match = None
            plain = _plain(word)
            if len(word) >= 5 and plain not in self.plain_names and self.plain_names:
                found = process.extractOne(plain, self.plain_choices, scorer=fuzz.ratio, score_cutoff=VARIANT_SCORE)
                if found and found[0][0] == plain[0]:
                    match = self.plain_names[found[0]]
            elif plain in self.plain_names and word not in self.one_word_names:
                match = self.plain_names[plain]  # the same name without its accents
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


def _mentions(pipeline: Pipeline, span: Span, sentence_id: str, offset: int) -> list[Mention]:
    """Registered names in a sentence, then capitalised words that are spelling variants of one."""
    found = [
        Mention(ent.ent_id_ or ent.text, ent.text, sentence_id, ent.start_char - offset, ent.end_char - offset)
        for ent in span.ents
    ]
    covered = {i for ent in span.ents for i in range(ent.start, ent.end)}
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


def parse_article(pipeline: Pipeline, article: Article) -> ParsedArticle:
    """Split an article into anchored sentences and find the registered actors they name."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    taken: set[str] = set()
    texts = [block.text for block in article.blocks] + [item.text for item in article.related]
    kinds = [block.kind for block in article.blocks] + ["related"] * len(article.related)
    for block_index, doc in enumerate(pipeline.nlp.pipe(texts)):
        kind = kinds[block_index]
        spans = [doc[:]] if kind in ("heading", "related") else list(doc.sents)
        for span in spans:
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
            mentions.extend(_mentions(pipeline, span, sentence.id, offset))
    return ParsedArticle(article=article, sentences=tuple(sentences), mentions=tuple(mentions))
