"""One spaCy pipeline: tokens, sentences, and actor mentions from the story file's registry."""

from __future__ import annotations

import hashlib

import spacy
from spacy.language import Language

from generator.config import Story
from generator.model import Article, Mention, ParsedArticle, Sentence


def alias_patterns(nlp: Language, story: Story) -> list[dict]:
    """Entity-ruler token patterns: exact case for names, any case for all-lowercase descriptions."""
    patterns: list[dict] = []
    for actor in story.actors:
        for alias in (actor.name, *actor.aliases, *actor.metonyms):
            tokens = [t.text for t in nlp.make_doc(alias)]
            if not tokens:
                continue
            attr = "LOWER" if alias == alias.lower() else "ORTH"
            pattern = [{attr: t.lower() if attr == "LOWER" else t} for t in tokens]
            patterns.append({"label": "ACTOR", "pattern": pattern, "id": actor.name})
    return patterns


def build_pipeline(story: Story) -> Language:
    """Blank English, a rule-based sentencizer, and an entity ruler built from the story's actors."""
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    patterns = alias_patterns(nlp, story)
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", config={"validate": True})
        ruler.add_patterns(patterns)  # type: ignore[attr-defined]
    return nlp


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


def parse_article(nlp: Language, article: Article) -> ParsedArticle:
    """Split an article into anchored sentences and find the registered actors they name."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    taken: set[str] = set()
    texts = [block.text for block in article.blocks] + [item.text for item in article.related]
    kinds = [block.kind for block in article.blocks] + ["related"] * len(article.related)
    for block_index, doc in enumerate(nlp.pipe(texts)):
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
            for ent in span.ents:
                mentions.append(
                    Mention(
                        actor=ent.ent_id_ or ent.text,
                        text=ent.text,
                        sentence=sentence.id,
                        start=ent.start_char - offset,
                        end=ent.end_char - offset,
                    )
                )
    return ParsedArticle(article=article, sentences=tuple(sentences), mentions=tuple(mentions))
