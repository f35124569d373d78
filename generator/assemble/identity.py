"""Event identity: whether two reports (`extract.frames.EventFrame`) tell of one event, and the clusters of
reports that do.

Two steps, as the ECB+ measurement showed they must be (bench/ecbplus-results.md):
1. Reports are grouped by what their articles are about (`group_documents`: TF-IDF over the articles' nouns,
   names and numbers, average-linkage clustering), because the same words ('arrested', 'earthquake') name
   different events in articles about different happenings.
2. Inside a group, two frames are one event when their triggers mean the same (one lemma, or one class of
   `extract.frames.EVENT_CLASSES`) and nothing they say disagrees: whom it happened to, the speaker of a
   statement, the date (`same_event`). Place and the sentence's other words are in the frame but decide nothing
   yet: on ECB+ a place that disagrees, or words shared, cost more links than they saved
   (bench/ecbplus-results.md).
Clusters are the transitive closure of those links (`cluster_events`).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence

from generator.core.syntax import Parse, Parsed
from generator.core.words import REPORTING_NOUNS, REPORTING_VERBS
from generator.extract.frames import CLASS_OF, WORD, EventFrame, lemma

DOCUMENT_LINK = 0.05  # average cosine similarity above which two groups of articles are about one happening
NAME_WEIGHT = 3  # a proper name or number says more about which happening an article reports than a common noun
STOP_LEMMAS = frozenset({"be", "have", "do", "say", "will", "would", "can", "could", "may", "also", "year", "time"})


def document_terms(sentences: Iterable[Parsed]) -> Counter[str]:
    """An article's terms for grouping: the lemmas of its nouns and numbers, names and numbers weighted up (verbs
    and adjectives say what kind of thing happened, which similar happenings share)."""
    terms: Counter[str] = Counter()
    for sentence in sentences:
        parse = Parse(sentence)
        for i, word in enumerate(parse.words):
            if not word.tag.startswith(("NN", "CD")) or not WORD.search(parse.text(i)):
                continue
            term = lemma(parse, i)
            if term in STOP_LEMMAS or len(term) < 2:
                continue
            terms[term] += NAME_WEIGHT if word.tag in ("NNP", "NNPS", "CD") else 1
    return terms


def _vectors(documents: Mapping[str, Counter[str]]) -> dict[str, dict[str, float]]:
    """Unit TF-IDF vectors (sublinear term frequency, inverse document frequency within the given articles)."""
    frequency = Counter(term for terms in documents.values() for term in terms)
    total = len(documents)
    vectors: dict[str, dict[str, float]] = {}
    for name, terms in documents.items():
        vector = {
            t: (1 + math.log(n)) * math.log((1 + total) / frequency[t]) for t, n in terms.items() if n > 0
        }
        norm = math.sqrt(sum(w * w for w in vector.values())) or 1.0
        vectors[name] = {t: w / norm for t, w in vector.items() if w > 0}
    return vectors


def _cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())


def group_documents(documents: Mapping[str, Counter[str]], threshold: float = DOCUMENT_LINK) -> dict[str, int]:
    """Articles grouped by the happening they report: average-linkage clustering of their TF-IDF vectors,
    merging the two closest groups while their mean similarity reaches `threshold`."""
    names = sorted(documents)
    vectors = _vectors(documents)
    similarity = {(a, b): _cosine(vectors[a], vectors[b]) for i, a in enumerate(names) for b in names[i + 1 :]}
    groups: list[list[str]] = [[name] for name in names]

    def linkage(x: list[str], y: list[str]) -> float:
        return sum(similarity[min(a, b), max(a, b)] for a in x for b in y) / (len(x) * len(y))

    while len(groups) > 1:
        best, pair = max(
            ((linkage(groups[i], groups[j]), (i, j)) for i in range(len(groups)) for j in range(i + 1, len(groups))),
        )
        if best < threshold:
            break
        i, j = pair
        groups[i] = groups[i] + groups[j]
        del groups[j]
    return {name: index for index, group in enumerate(groups) for name in group}


# Speech and report words: one class, and one statement only when one named speaker makes it.
REPORTING = REPORTING_VERBS | REPORTING_NOUNS


def trigger_key(frame: EventFrame) -> str:
    """What a trigger means, for matching: its class, or its lemma with a noun's '-ing' or a stray plural '-s'
    taken off ('shootings', 'checks' tagged as a name)."""
    word = frame.lemma
    if word in REPORTING:
        return "reporting"
    if word not in CLASS_OF and len(word) > 5 and word.endswith("ing"):
        word = word[:-4] + "ie" if word.endswith("ying") else word[:-3]  # 'dying' -> 'die'
        if len(word) > 3 and word[-1] == word[-2]:
            word = word[:-1]  # 'shipping' -> 'ship'
    elif word not in CLASS_OF and len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    return f"class:{CLASS_OF[word]}" if word in CLASS_OF else word


def _disagree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Both name someone or something, and nothing in common ('Tara Reid' and 'Lindsay Lohan')."""
    return bool(a) and bool(b) and not (a & b)


def same_event(a: EventFrame, b: EventFrame) -> bool:
    """Two reports of one event: triggers that mean the same, and no date or patient that disagrees (an arrest
    of one person is not the arrest of another); statements are one only when one named speaker makes them."""
    if trigger_key(a) != trigger_key(b):
        return False
    if a.date and b.date and a.date != b.date:
        return False
    if a.lemma in REPORTING and not (a.who & b.who):
        return False  # 'said' twice: two statements, unless one speaker is named in both
    return not _disagree(a.what, b.what)


def cluster_events(frames: Sequence[EventFrame], groups: Sequence[object] | None = None) -> list[int]:
    """A cluster number per frame: the transitive closure of `same_event` inside each group (of `group_documents`,
    or one group when none are given)."""
    parent = list(range(len(frames)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    members: dict[object, list[int]] = defaultdict(list)
    for index in range(len(frames)):
        members[groups[index] if groups is not None else 0].append(index)
    for indices in members.values():
        for n, i in enumerate(indices):
            for j in indices[n + 1 :]:
                if find(i) != find(j) and same_event(frames[i], frames[j]):
                    parent[find(j)] = find(i)
    return [find(i) for i in range(len(frames))]
