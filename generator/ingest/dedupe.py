"""Duplicate and near-duplicate articles: reported, and counted once.

Exact duplicates share the hash of their normalised text. Near-duplicates (one sentence edited, a
different headline) share most of their sentences: each article is compared only with the earlier
articles that share one of its sentences, so the cost stays linear in the corpus.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from itertools import chain

from generator.core.kept import Kept
from generator.core.model import Article

NEAR = 0.7  # share of sentences two articles must have in common (one edited sentence in four still counts)
SENTENCE = re.compile(r"(?<=[.!?])\s+")
MAX_POSTINGS = 50  # a sentence shared by more articles than this is boilerplate, not evidence


def _sentences(article: Article) -> set[str]:
    text = " ".join(b.text for b in article.blocks if b.kind != "related")
    return {
        hashlib.sha1(" ".join(s.lower().split()).encode()).hexdigest()[:16]
        for s in SENTENCE.split(text)
        if len(s.split()) >= 4
    }


def _fingerprint(article: Article) -> tuple[str, frozenset[str]]:
    """The hash of an article's normalised text, and of each of its sentences."""
    body = " ".join(" ".join(b.text for b in article.blocks).lower().split())
    return hashlib.sha1(body.encode()).hexdigest(), frozenset(_sentences(article))


_KEPT_PRINTS: Kept[tuple[str, frozenset[str]]] = Kept("article fingerprints")  # by file


def duplicates(articles: list[Article]) -> list[tuple[Article, Article, str]]:
    """Each article that repeats an earlier one (by file name order), with that earlier one and how: "same text"
    or "nearly the same text"."""
    found: list[tuple[Article, Article, str]] = []
    kept: list[Article] = []
    by_text: dict[str, Article] = {}
    postings: dict[str, list[int]] = defaultdict(list)
    shingles: list[frozenset[str]] = []
    for article in articles:
        digest, own = _KEPT_PRINTS.call(article.path, _fingerprint, article)
        if digest in by_text:
            found.append((article, by_text[digest], "same text"))
            continue
        shared = Counter(chain.from_iterable(postings[s][:MAX_POSTINGS] for s in own if s in postings))
        twins = [i for i, n in shared.items() if n >= NEAR * min(len(own), len(shingles[i]))]
        twin = min(twins) if twins else None
        if twin is not None and own:
            found.append((article, kept[twin], "nearly the same text"))
            continue
        by_text[digest] = article
        for sentence in own:
            postings[sentence].append(len(kept))
        shingles.append(own)
        kept.append(article)
    return found


def drop_duplicates(articles: list[Article]) -> tuple[list[Article], list[str]]:
    """The articles to keep (the first of each group, by file name) and one warning per dropped file."""
    found = duplicates(articles)
    dropped = {id(a) for a, _twin, _how in found}
    warnings = [f"{a.path}: {how} as {twin.path}; counted once" for a, twin, how in found]
    return [a for a in articles if id(a) not in dropped], warnings
