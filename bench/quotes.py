"""Score the quote extractor on gold articles with direct quotes and their speakers (JSON Lines).

    .venv/bin/python bench/quotes.py PATH [--story story.yml]

PATH is a JSONL file of `{"id", "text", "quotes": [{"quote", "start", "end", "speaker",
"speaker_mentions", "speaker_scorable", ...}]}`, such as the development split of PolNeAR (Newell et al.,
LREC 2018: US political news, 2016), built from the public repository networkdynamics/PolNeAR
(`data/dev/`); nothing of it is copied here. Each article runs through the site's own pipeline (ingest, nlp,
extraction) with no story file unless one is given.

Scoring: a predicted quote matches a gold one when their spans overlap by at least half of the gold span
(one to one); extraction P/R/F1 over direct quotes (the pipeline's mixed quotes, a phrase quoted inside the
reporter's own sentence, are left out as the gold leaves them out); speaker accuracy over matched quotes whose
speaker can be known (right when the predicted speaker equals the gold name or one of its mentions,
case-insensitive and up to honorifics and suffixes such as 'Mr.' or 'Jr.'; a gold name that ends a longer
name, 'Ms. Moore' or 'Suu Kyi', accepts the longer name); end-to-end F1
(matched and speaker right, over all gold quotes). Results are printed and written to bench/quotes-results.md.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.config import load_story  # noqa: E402
from generator.listing import QuoteLister  # noqa: E402


@dataclass(frozen=True)
class Predicted:
    start: int
    end: int
    speaker: str | None


def predict(text: str, name: str, lister: QuoteLister) -> list[Predicted]:
    """The pipeline's direct quotes, placed in the article's text (quoted phrases inside a sentence of the
    reporter's, 'called it "a disaster"', are mixed quotes, which the gold leaves out)."""
    _text, placed = lister.placed(Path(f"{name}.txt"), text.encode("utf-8"))
    return [Predicted(start, end, quote.speaker) for start, end, quote in placed if not quote.partial]


HONORIFIC = re.compile(r"^(?:mr|mrs|ms|miss|dr|sen|rep|gov|gen|president|sir)\.?\s+|,?\s+(?:jr|sr|ii|iii|iv)\.?$")


def _norm(name: str) -> str:
    """A name compared without honorifics or generational suffixes: 'Ms. Moore' -> 'moore'."""
    return HONORIFIC.sub("", HONORIFIC.sub("", " ".join(name.casefold().split())))


def speaker_right(predicted: str | None, gold: dict) -> bool:
    """The predicted speaker is the gold name or one of its mentions, up to honorifics and suffixes; a gold
    name that is the end of a longer name ('Ms. Moore', 'Suu Kyi') accepts that longer name ('Minyon Moore',
    'Aung San Suu Kyi')."""
    if not predicted:
        return False
    names = {_norm(n) for n in [gold.get("speaker") or "", *gold.get("speaker_mentions", [])] if n}
    guess = _norm(predicted)
    canonical = _norm(gold.get("speaker") or "")
    words = canonical.split()
    return guess in names or (bool(words) and guess.split()[-len(words) :] == words)


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    scorable: int = 0
    speaker_right: int = 0
    end_to_end: int = 0

    def row(self) -> dict[str, float]:
        p, r = self.matched / max(1, self.predicted), self.matched / max(1, self.gold)
        e2e_p, e2e_r = self.end_to_end / max(1, self.predicted), self.end_to_end / max(1, self.gold)
        return {
            "P": p, "R": r, "extraction F1": 2 * p * r / max(1e-9, p + r),
            "speaker accuracy": self.speaker_right / max(1, self.scorable),
            "end-to-end F1": 2 * e2e_p * e2e_r / max(1e-9, e2e_p + e2e_r),
        }  # fmt: skip


def score_article(row: dict, predicted: list[Predicted], total: Score, wrong: Counter[str]) -> None:
    total.gold += len(row["quotes"])
    total.predicted += len(predicted)
    used: set[int] = set()
    for gold in row["quotes"]:
        need = (gold["end"] - gold["start"]) / 2
        hit = next((i for i, p in enumerate(predicted) if i not in used
                    and min(p.end, gold["end"]) - max(p.start, gold["start"]) >= need), None)  # fmt: skip
        if hit is None:
            continue
        used.add(hit)
        total.matched += 1
        right = speaker_right(predicted[hit].speaker, gold)
        if gold.get("speaker_scorable", True) and gold.get("speaker"):
            total.scorable += 1
            total.speaker_right += right
            if not right:
                wrong[f"{gold['speaker']} given as {predicted[hit].speaker}"] += 1
        total.end_to_end += right or (not gold.get("speaker") and predicted[hit].speaker is None)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--story", type=Path, default=None)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lister = QuoteLister(load_story(args.story))
    total, wrong = Score(), Counter[str]()
    start = time.perf_counter()
    for row in rows:
        score_article(row, predict(row["text"], row["id"], lister), total, wrong)
    seconds = time.perf_counter() - start
    figures = total.row()
    lines = [
        "# Quotes and speakers", "",
        f"`python bench/quotes.py {args.path.name}`: {len(rows)} articles, {total.gold} gold direct quotes, "
        f"{total.scorable} of the matched ones with a knowable speaker; the site's pipeline with "
        f"{'the story file ' + str(args.story) if args.story else 'no story file'}, {seconds:.1f} s.", "",
        "| " + " | ".join(figures) + " |", "|" + "---:|" * len(figures),
        "| " + " | ".join(f"{v:.3f}" for v in figures.values()) + " |", "",
        "A nearest-name baseline (every double-quoted span; the nearest capitalised two-word name before it) "
        "gets extraction F1 about 0.78 and speaker accuracy 0.17 (the data's README).", "",
        "Commonest wrong speakers: " + "; ".join(f"{k} ×{v}" for k, v in wrong.most_common(10)), "",
    ]  # fmt: skip
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "quotes-results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
