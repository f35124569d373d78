"""Provisions found by paraphrase, and sentences that read like plan content but match no provision.

A provision's vocabulary is the lemmas of its title and phrases (read by the story's spaCy pipeline, as the
articles are), each weighted by how few provisions share it. A sentence that talks about a plan and carries
enough of one provision's distinctive vocabulary refers to it even without an editor's phrase; one that talks
about a plan's terms and matches nothing goes to the review queue for an editor.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from generator.config import PlanSpec
from generator.core.model import Sentence

PLAN_WORDS = frozenset(
    "plan plans proposal proposals draft deal agreement framework point points provision provisions clause "
    "clauses terms treaty settlement accord roadmap document text version".split()
)
OBLIGATION = re.compile(
    r"\b(?:would|should|must|shall|requires?|required|calls? for|bans?|banning|ban on|limits?|limiting|caps?|capping"
    r"|give up|giving up|hand(?:ing)? over|recogni[sz](?:e|ed|ing)|withdraw(?:al|ing)?|lift(?:ed|ing)?|guarantees?"
    r"|cedes?|ceding|renounc\w*|prohibit\w*|forbid\w*|freez\w*)\b",
    re.I,
)
STOP = frozenset(
    "the and for with that this from into their its his her they them than then also over under about after before "
    "would could should will must been being were have has had which while where when what who whom some such "
    "other more most very only just each both either neither nor not no any all part parts issue issues side sides "
    "thing things time times year years people country countries state states still hold holds way ways".split()
)
MIN_LEMMAS = 2  # distinctive provision words a sentence must share, one of them from the title
TOKEN = re.compile(r"[a-zà-ÿ][a-zà-ÿ'’-]+|\d[\d,.]*\d|\d")
IGNORED = STOP | PLAN_WORDS
# texts -> each text's words, lower case, each with its lemma (one call for all: the model reads them in one batch)
Lemmatise = Callable[[Sequence[str]], Sequence[Sequence[tuple[str, str]]]]


def _lemmas(words: Iterable[tuple[str, str]]) -> set[str]:
    """The lemmas of the content words among (word, lemma) pairs: 'downsizing' and 'downsize' -> downsize."""
    return {
        lemma
        for word, lemma in words
        if TOKEN.fullmatch(word) and (len(word) >= 4 or word[0].isdigit()) and word not in IGNORED
        and lemma not in IGNORED
    }


def sentence_lemmas(sentence: Sentence) -> list[tuple[str, str]]:
    """A parsed sentence's words, lower case, with their lemmas (a word as written where no lemmatizer ran)."""
    words = [sentence.text[w.start : w.end].lower() for w in sentence.words]
    return [(text, w.lemma or text) for text, w in zip(words, sentence.words, strict=True)]


@dataclass(frozen=True)
class Vocabulary:
    """Per provision, its distinctive lemmas and their weights."""

    weights: dict[str, dict[str, float]]  # provision id -> lemma -> weight
    title_lemmas: dict[str, set[str]]  # provision id -> lemmas of its title
    plan_words: frozenset[str]

    @classmethod
    def for_plan(cls, plan: PlanSpec | None, lemmatise: Lemmatise, names: set[str] | None = None) -> Vocabulary:
        """Vocabulary of a plan, its words read by `lemmatise`; the words of actors' names (`names`) say who, not
        which provision."""
        if plan is None:
            return cls({}, {}, PLAN_WORDS)
        texts = {p.id: (p.title, *(phrase.replace("*", "").replace("..", " ") for phrase in p.phrases))
                 for p in plan.provisions}  # fmt: skip
        names_text = " ".join(sorted(names or ()))
        unique = sorted({names_text, *(t for group in texts.values() for t in group)})
        read = dict(zip(unique, map(_lemmas, lemmatise(unique)), strict=True))
        name_lemmas = read[names_text]
        lemmas = {pid: set().union(*(read[t] for t in group)) - name_lemmas for pid, group in texts.items()}
        df = Counter(s for group in lemmas.values() for s in group)
        total = max(1, len(lemmas))
        weights = {pid: {s: math.log((total + 1) / df[s]) for s in group if df[s] <= max(1, total // 5)}
                   for pid, group in lemmas.items()}  # fmt: skip
        titles = {p.id: read[p.title] - name_lemmas for p in plan.provisions}
        own = {w.lower() for w in re.findall(r"[A-Za-z]+", plan.title)} | set(plan.unit_words)
        return cls(weights, titles, PLAN_WORDS | {w for w in own if len(w) >= 4})

    def talks_about_plan(self, text: str, context: frozenset[str] = frozenset()) -> bool:
        """Plan vocabulary in the sentence or in its paragraph's words (`context`, from `words_of`)."""
        return bool((words_of(text) | context) & self.plan_words)

    def best(self, sentence: Sentence) -> tuple[str, list[str]] | None:
        """The provision a sentence paraphrases, with the words (lemmas) that matched, if one stands out."""
        present = _lemmas(sentence_lemmas(sentence))
        scored = []
        for pid, weights in self.weights.items():
            shared = sorted(s for s in present if s in weights)
            score = sum(weights[s] for s in shared)
            if len(shared) >= MIN_LEMMAS and set(shared) & self.title_lemmas[pid]:
                scored.append((score, pid, shared))
        if not scored:
            return None
        scored.sort(key=lambda item: (-item[0], item[1]))
        if len(scored) > 1 and scored[1][0] >= scored[0][0] * 0.9:
            return None  # two provisions fit about as well: leave it to an editor
        return scored[0][1], scored[0][2]


def words_of(text: str) -> frozenset[str]:
    """The lowercase words of a text: computed once per paragraph, not once per sentence in it."""
    return frozenset(re.findall(r"[a-z]+", text.lower()))


def looks_like_plan_content(text: str, vocabulary: Vocabulary, context: frozenset[str]) -> bool:
    """A sentence about a plan's terms: plan vocabulary nearby and an obligation or concession word."""
    return vocabulary.talks_about_plan(text, context) and bool(OBLIGATION.search(text))
