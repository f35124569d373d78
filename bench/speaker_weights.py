"""Choose the pronoun weights of `extract.referents` on a training split (PolNeAR train), by grid search.

    .venv/bin/python bench/speaker_weights.py ../shared/benchmarks/polnear-train/polnear-train.jsonl

Each article is parsed once; the quote finder then runs under every combination of the weights, scored with
bench/quotes.py's rules. Prints the best combinations; the chosen ones are written into
generator/extract/referents.py by hand, and measured on the development split by bench/quotes.py.
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from quotes import Misses, Predicted, Score, score_article  # noqa: E402

from generator.config import load_story  # noqa: E402
from generator.extract import referents  # noqa: E402
from generator.extract.quotes import find_quotes  # noqa: E402
from generator.ingest.articles import read_article  # noqa: E402
from generator.listing import QuoteLister, _place  # noqa: E402
from generator.nlp.pipeline import parse_article  # noqa: E402

GRID = {"SUBJECT_BONUS": (0, 1, 2, 3, 4), "SPEAKER_BONUS": (0, 1, 2, 3, 4, 6), "UNKNOWN_GENDER": (0, 1, 2, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--limit", type=int, default=0)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = rows[: args.limit] if args.limit else rows
    lister = QuoteLister(load_story(None))
    parsed = []
    for row in rows:
        article = read_article(Path(f"{row['id']}.txt"), lister.story, row["text"].encode("utf-8"))
        one = parse_article(lister.pipeline, article)
        people = set(lister.extractor.people) | {d.name for d in one.discovered if d.kind == "person"}
        parsed.append((row, one, people))
    results = []
    for values in itertools.product(*GRID.values()):
        for name, value in zip(GRID, values, strict=True):
            setattr(referents, name, value)
        total, misses = Score(), Misses()
        for row, one, people in parsed:
            quotes = find_quotes(one, people, lister.extractor.roles)
            placed = _place(one.article.raw_text, quotes)[1]
            predicted = [Predicted(s, e, q.speaker) for s, e, q in placed if not q.partial]
            score_article(row, predicted, total, misses)
        results.append((total.row()["speaker accuracy"], values))
        print(f"{values} {total.row()['speaker accuracy']:.4f}", flush=True)
    for accuracy, values in sorted(results, reverse=True)[:10]:
        print(f"best {dict(zip(GRID, values, strict=True))}: speaker accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
