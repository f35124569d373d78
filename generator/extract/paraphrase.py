"""Provisions found by paraphrase, and sentences that read like plan content but match no provision.

A provision's vocabulary is the stems of its title and phrases, each weighted by how few provisions share
it. A sentence that talks about a plan and carries enough of one provision's distinctive vocabulary refers
to it even without an editor's phrase; one that talks about a plan's terms and matches nothing goes to the
review queue for an editor.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from generator.config import PlanSpec

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
MIN_STEMS = 2  # distinctive provision words a sentence must share, one of them from the title


def stem(word: str) -> str:
    """A crude English stem, enough to match 'downsizing' with 'downsize' and 'limits' with 'limit'."""
    word = word.lower().strip("'’").removesuffix("'s").removesuffix("’s")
    for suffix, repl in (("ations", "ate"), ("ation", "ate"), ("ments", ""), ("ment", ""), ("ings", ""), ("ing", ""),
                         ("ies", "y"), ("es", ""), ("s", ""), ("ed", ""), ("e", "")):  # fmt: skip
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)] + repl
    return word


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-zà-ÿ][a-zà-ÿ'’-]+|\d[\d,.]*\d|\d", text.lower())
    return {stem(w) for w in words if (len(w) >= 4 or w[0].isdigit()) and w not in STOP and w not in PLAN_WORDS}


@dataclass(frozen=True)
class Vocabulary:
    """Per provision, its distinctive stems and their weights."""

    weights: dict[str, dict[str, float]]  # provision id -> stem -> weight
    title_stems: dict[str, set[str]]  # provision id -> stems of its title
    plan_words: frozenset[str]

    @classmethod
    def for_plan(cls, plan: PlanSpec | None, names: set[str] | None = None) -> Vocabulary:
        """Vocabulary of a plan; the words of actors' names (`names`) say who, not which provision."""
        if plan is None:
            return cls({}, {}, PLAN_WORDS)
        name_stems = _stems(" ".join(names or ()))
        stems = {
            p.id: _stems(" ".join((p.title, *p.phrases)).replace("*", "").replace("..", " ")) - name_stems
            for p in plan.provisions
        }
        df = Counter(s for group in stems.values() for s in group)
        total = max(1, len(stems))
        weights = {pid: {s: math.log((total + 1) / df[s]) for s in group if df[s] <= max(1, total // 5)}
                   for pid, group in stems.items()}  # fmt: skip
        titles = {p.id: _stems(p.title) - name_stems for p in plan.provisions}
        own = {w.lower() for w in re.findall(r"[A-Za-z]+", plan.title)} | set(plan.unit_words)
        return cls(weights, titles, PLAN_WORDS | {w for w in own if len(w) >= 4})

    def talks_about_plan(self, text: str, context: frozenset[str] = frozenset()) -> bool:
        """Plan vocabulary in the sentence or in its paragraph's words (`context`, from `words_of`)."""
        return bool((words_of(text) | context) & self.plan_words)

    def best(self, text: str) -> tuple[str, list[str]] | None:
        """The provision a sentence paraphrases, with the words that matched, if one stands out."""
        present = _stems(text)
        scored = []
        for pid, weights in self.weights.items():
            shared = sorted(s for s in present if s in weights)
            score = sum(weights[s] for s in shared)
            if len(shared) >= MIN_STEMS and set(shared) & self.title_stems[pid]:
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
