"""Event identity measured on ECB+: cluster the gold event mentions of each topic with the project's identity
function (`assemble.identity`, the one the timeline is to use) and score MUC, B³, CEAF-e and CoNLL F1.

    .venv/bin/python bench/ecbplus.py ../shared/benchmarks/ecbplus-dev/ecbplus-dev.jsonl [--predict OUT]

PATH is the JSON-lines corpus described in ../shared/benchmarks/ecbplus-dev/README.md. All mentions of a topic
are clustered together, as a seeds folder would mix them: the `subtopic` field and the documents' ids are never
read (ids are opaque), and `chain` is read only to score. Each sentence is parsed by the project's spaCy
pipeline from the corpus's own tokens, so token indices match the gold mentions. `--predict OUT` writes one
line per mention, `{"mention": id, "cluster": id}`. Printed: the system and the same-head-lemma-within-topic
baseline, on Barhom et al.'s train topics (tuned on), their dev topics, and every topic of the file.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from spacy.tokens import Doc  # noqa: E402

from generator.assemble.identity import cluster_events, document_terms, group_documents  # noqa: E402
from generator.core.syntax import Word  # noqa: E402
from generator.extract.frames import EventFrame, frame_of  # noqa: E402
from generator.nlp.pipeline import sentence_words, trained_pipeline  # noqa: E402

DEV_TOPICS = frozenset({"2", "5", "12", "18", "21", "23", "34", "35"})  # Barhom et al. 2019's dev split

Clusters = Mapping[str, object]  # mention id -> cluster id


# ---------------------------------------------------------------- scoring


def _groups(assignment: Mapping[str, object], mentions: Iterable[str]) -> list[set[str]]:
    groups: dict[object, set[str]] = defaultdict(set)
    for mention in mentions:
        groups[json.dumps(assignment[mention]) if mention in assignment else ("alone", mention)].add(mention)
    return list(groups.values())


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0


def _f1(recall: float, precision: float) -> float:
    return _ratio(2 * recall * precision, recall + precision)


def muc(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    def links(chains: list[set[str]], other: list[set[str]]) -> tuple[int, int]:
        where = {m: i for i, group in enumerate(other) for m in group}
        found = total = 0
        for chain in chains:
            pieces = {where.get(m, ("alone", m)) for m in chain}
            found += len(chain) - len(pieces)
            total += len(chain) - 1
        return found, total

    recall = _ratio(*links(key, response))
    precision = _ratio(*links(response, key))
    return recall, precision, _f1(recall, precision)


def b_cubed(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    key_of = {m: chain for chain in key for m in chain}
    response_of = {m: group for group in response for m in group}
    mentions = list(key_of)
    recall = _ratio(sum(len(key_of[m] & response_of[m]) / len(key_of[m]) for m in mentions), len(mentions))
    precision = _ratio(sum(len(key_of[m] & response_of[m]) / len(response_of[m]) for m in mentions), len(mentions))
    return recall, precision, _f1(recall, precision)


def best_assignment(weights: list[list[float]]) -> float:
    """The largest total weight of a one-to-one pairing of rows with columns (Hungarian algorithm, exact)."""
    rows, cols = len(weights), len(weights[0]) if weights else 0
    size = max(rows, cols)
    cost = [[-(weights[i][j] if i < rows and j < cols else 0.0) for j in range(size)] for i in range(size)]
    inf = float("inf")
    u, v, match, way = [0.0] * (size + 1), [0.0] * (size + 1), [0] * (size + 1), [0] * (size + 1)
    for i in range(1, size + 1):
        match[0], j0 = i, 0
        least, used = [inf] * (size + 1), [False] * (size + 1)
        while match[j0]:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, size + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < least[j]:
                        least[j], way[j] = reduced, j0
                    if least[j] < delta:
                        delta, j1 = least[j], j
            for j in range(size + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    least[j] -= delta
            j0 = j1
        while j0:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
    return -sum(cost[match[j] - 1][j - 1] for j in range(1, size + 1) if match[j])


def ceaf_e(key: list[set[str]], response: list[set[str]]) -> tuple[float, float, float]:
    """CEAF-e: the best pairing is found per connected component of chains and clusters that share mentions."""
    response_of = {m: i for i, group in enumerate(response) for m in group}
    parent = list(range(len(key) + len(response)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for k, chain in enumerate(key):
        for m in chain:
            if m in response_of:
                parent[find(k)] = find(len(key) + response_of[m])
    components: dict[int, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for k in range(len(key)):
        components[find(k)][0].append(k)
    for r in range(len(response)):
        components[find(len(key) + r)][1].append(r)
    total = 0.0
    for chains, groups in components.values():
        if chains and groups:
            total += best_assignment(
                [[2 * len(key[k] & response[r]) / (len(key[k]) + len(response[r])) for r in groups] for k in chains]
            )
    recall, precision = _ratio(total, len(key)), _ratio(total, len(response))
    return recall, precision, _f1(recall, precision)


def score(gold: Clusters, predicted: Clusters) -> dict[str, tuple[float, float, float]]:
    """MUC, B³ and CEAF-e (recall, precision, F1) and CoNLL F1 of a clustering of the gold mentions."""
    key = _groups(gold, gold)
    response = _groups(predicted, gold)
    scores = {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAF-e": ceaf_e(key, response)}
    conll = sum(f for _r, _p, f in scores.values()) / 3
    return {**scores, "CoNLL": (conll, conll, conll)}


# ---------------------------------------------------------------- the corpus, parsed


@dataclass(frozen=True)
class CorpusSentence:
    """A corpus sentence as the project stores one: its text and its parse."""

    text: str
    words: tuple[Word, ...]


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    label: str


@dataclass(frozen=True)
class Mention:
    id: str
    topic: str
    document: str
    chain: str
    frame: EventFrame


def mention_head(sentence: CorpusSentence, tokens: Sequence[int]) -> int:
    """The mention's syntactic head: its first word whose head lies outside the mention."""
    inside = set(tokens)
    for i in tokens:
        if sentence.words[i].head == i or sentence.words[i].head not in inside:
            return i
    return tokens[0]


def is_address(tokens: Sequence[str]) -> bool:
    """A line that is a web address (the page a text came from), not prose."""
    return any(t.lower() in ("http", "https", "www") or "://" in t for t in tokens[:3])


def read_corpus(path: Path) -> tuple[list[Mention], dict[str, Counter[str]], dict[str, str]]:
    """The gold mentions with their frames, each document's terms (for grouping), and each document's topic."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    nlp = trained_pipeline()
    mentions: list[Mention] = []
    terms: dict[str, Counter[str]] = {}
    topics: dict[str, str] = {}
    with nlp.select_pipes(disable=["sentencizer"]):  # the corpus's sentences are given
        for record in records:
            document, topic = record["doc"], record["topic"]
            topics[document] = topic
            kept = [i for i, tokens in enumerate(record["sentences"]) if tokens and not is_address(tokens)]
            docs = nlp.pipe(Doc(nlp.vocab, words=record["sentences"][i]) for i in kept)
            parsed: dict[int, tuple[CorpusSentence, list[Entity]]] = {}
            for i, doc in zip(kept, docs, strict=True):
                entities = [Entity(e.start_char, e.end_char, e.label_) for e in doc.ents]
                parsed[i] = CorpusSentence(doc.text, sentence_words(doc[:], 0)), entities
            terms[document] = document_terms(parsed[i][0] for i in kept)
            for gold in record["mentions"]:
                sentence, entities = parsed[gold["sentence"]]
                head = mention_head(sentence, gold["tokens"])
                frame = frame_of(
                    sentence, head, source=document, sentence_id=f"{document}/{gold['sentence']}", entities=entities
                )
                mentions.append(Mention(gold["id"], topic, document, gold["chain"], frame))
    return mentions, terms, topics


# ---------------------------------------------------------------- systems


def lemma_baseline(mentions: Sequence[Mention], **_: object) -> dict[str, object]:
    """Same head lemma within a topic."""
    return {m.id: f"{m.topic}:{m.frame.lemma}" for m in mentions}


def system(mentions: Sequence[Mention], terms: Mapping[str, Counter[str]], **_: object) -> dict[str, object]:
    """The project's identity function: documents grouped by what they are about, then frames clustered."""
    predicted: dict[str, object] = {}
    by_topic: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        by_topic[mention.topic].append(mention)
    for topic, members in sorted(by_topic.items()):
        groups = group_documents({d: terms[d] for d in sorted({m.document for m in members})})
        labels = cluster_events([m.frame for m in members], [groups[m.document] for m in members])
        for mention, label in zip(members, labels, strict=True):
            predicted[mention.id] = f"{topic}:{label}"
    return predicted


def report(name: str, gold: Clusters, predicted: Clusters, topics: Mapping[str, str]) -> list[str]:
    lines = []
    splits = (("train topics", False), ("dev topics", True), ("all topics", None))
    for split, dev in splits:
        chosen = {m: c for m, c in gold.items() if dev is None or (topics[m] in DEV_TOPICS) == dev}
        scores = score(chosen, predicted)
        cells = " | ".join(f"{scores[k][2] * 100:.1f}" for k in ("MUC", "B3", "CEAF-e", "CoNLL"))
        lines.append(f"| {name} | {split} | {cells} |")
    return lines


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--predict", type=Path, help="write the system's clusters here, one JSON line per mention")
    args = parser.parse_args(argv)
    mentions, terms, _ = read_corpus(args.path)
    gold: dict[str, object] = {m.id: m.chain for m in mentions}
    topic_of = {m.id: m.topic for m in mentions}
    systems: list[tuple[str, Callable[..., dict[str, object]]]] = [
        ("same head lemma within a topic", lemma_baseline),
        ("identity (assemble.identity)", system),
    ]
    print("| system | topics | MUC F1 | B³ F1 | CEAF-e F1 | CoNLL F1 |")
    print("|---|---|---|---|---|---|")
    for name, run in systems:
        predicted = run(mentions, terms=terms)
        print("\n".join(report(name, gold, predicted, topic_of)))
        if run is system and args.predict:
            with args.predict.open("w", encoding="utf-8") as out:
                for mention in mentions:
                    out.write(json.dumps({"mention": mention.id, "cluster": predicted[mention.id]}) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
