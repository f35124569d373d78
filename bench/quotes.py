"""Score the quote extractor on gold articles with direct quotes and their speakers (JSON Lines).

    .venv/bin/python bench/quotes.py PATH [--story story.yml]

PATH is a JSONL file of `{"id", "text", "quotes": [{"quote", "start", "end", "speaker",
"speaker_mentions", "speaker_scorable", ...}]}`, such as the development split of PolNeAR (Newell et al.,
LREC 2018: US political news, 2016), built from the public repository networkdynamics/PolNeAR
(`data/dev/`); nothing of it is copied here. Each article runs through the site's own pipeline (ingest, nlp,
extraction) with no story file unless one is given.

Scoring, as the data's README gives it (the separate test measurement scores the same way): a predicted quote
matches a gold one when their spans overlap by at least half of the gold span, one to one, greedily by overlap;
extraction P/R/F1 over direct quotes (the pipeline's mixed quotes, a phrase quoted inside the reporter's own
sentence, are left out as the gold leaves them out). A speaker is right (case-insensitive, whitespace
normalised, "'s" dropped) when it equals the gold name or one of its mention strings (bare pronouns never
count), or contains the gold name's last word; when the gold speaker is unnamed, no speaker or a mention string
is right. Speaker accuracy is over matched quotes with `speaker_scorable`, reported by the gold's speaker type
too; end-to-end F1 counts a matched quote right when its speaker is right or not scorable. Results are printed
and written to bench/quotes-results.md.

    --misses FILE  each wrong speaker with its context (for reading, never committed: the texts are the
                   publishers')
    --audit FILE   also score against bench/polnear-dev-audit.tsv, the gold speakers a reading of the text
                   contradicts (the conversion resolved pronouns with automatic coreference)
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
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


PRONOUNS = frozenset("he she i we they you it him her them us me".split())


def _norm(name: str) -> str:
    """A name compared as the data's README compares it: case-folded, whitespace normalised, "'s" dropped."""
    return re.sub(r"['’]s\b", "", " ".join(name.casefold().split()))


def speaker_right(predicted: str | None, gold: dict) -> bool:
    """The README's rule: the prediction equals the gold name or one of its mention strings (bare pronouns never
    count), or contains the gold name's last word ('Mr. Obama' for 'Barack Obama'); when the gold speaker is
    unnamed, no prediction or one of its mention strings is right."""
    mentions = {_norm(m) for m in gold.get("speaker_mentions", []) if m and _norm(m) not in PRONOUNS}
    if not gold.get("speaker"):
        return not predicted or _norm(predicted) in mentions
    if not predicted or _norm(predicted) in PRONOUNS:
        return False
    guess, canonical = _norm(predicted), _norm(gold["speaker"])
    last = canonical.split()[-1] if canonical.split() else ""
    return guess == canonical or guess in mentions or (bool(last) and last in re.findall(r"[\w.'’-]+", guess))


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


@dataclass
class Misses:
    """Speaker accuracy by the gold's speaker type, and the wrong speakers (for reading)."""

    by_type: Counter[tuple[str, bool]] = field(default_factory=Counter)
    wrong: Counter[str] = field(default_factory=Counter)
    lines: list[str] = field(default_factory=list)


def _match(gold_quotes: list[dict], predicted: list[Predicted]) -> dict[int, int]:
    """Gold index -> predicted index: pairs overlapping by at least half the gold span, greedily by overlap."""
    pairs = []
    for g, gold in enumerate(gold_quotes):
        for i, p in enumerate(predicted):
            overlap = min(p.end, gold["end"]) - max(p.start, gold["start"])
            if overlap >= (gold["end"] - gold["start"]) / 2:
                pairs.append((-overlap, g, i))
    matched: dict[int, int] = {}
    for _overlap, g, i in sorted(pairs):
        if g not in matched and i not in matched.values():
            matched[g] = i
    return matched


def score_article(row: dict, predicted: list[Predicted], total: Score, misses: Misses) -> None:
    total.gold += len(row["quotes"])
    total.predicted += len(predicted)
    for g, i in sorted(_match(row["quotes"], predicted).items()):
        gold, guess = row["quotes"][g], predicted[i]
        total.matched += 1
        right = speaker_right(guess.speaker, gold)
        scorable = gold.get("speaker_scorable", True)
        if scorable:
            total.scorable += 1
            total.speaker_right += right
            misses.by_type[(gold.get("speaker_type") or "?", right)] += 1
            if not right:
                misses.wrong[f"{gold['speaker']} given as {guess.speaker}"] += 1
                misses.lines.append(
                    f"{row['id']}\t{gold.get('speaker_type')}\t{gold['speaker']}\t{guess.speaker}\t"
                    f"{row['text'][max(0, gold['start'] - 300) : gold['end'] + 150]!r}\t{gold['start']}"
                )
        total.end_to_end += right or not scorable


def _audit(path: Path) -> dict[tuple[str, int], str | None]:
    """(article id, quote start) -> the speaker a reading of the text gives (None: unnamed)."""
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines() if line and line[0] != "#"]
    return {(r[0], int(r[1])): (r[4] or None) for r in rows[1:]}


def _corrected(row: dict, corrections: dict[tuple[str, int], str | None]) -> dict:
    quotes = []
    for quote in row["quotes"]:
        key = (row["id"], quote["start"])
        if key in corrections:
            reading = corrections[key]
            quote = {**quote, "speaker": reading, "speaker_mentions": [reading] if reading else []}
        quotes.append(quote)
    return {**row, "quotes": quotes}


def _type_rows(misses: Misses) -> list[str]:
    kinds = sorted({kind for kind, _right in misses.by_type})
    rows = []
    for kind in kinds:
        right, wrong = misses.by_type[(kind, True)], misses.by_type[(kind, False)]
        rows.append(f"| {kind} | {right + wrong} | {right} | {right / max(1, right + wrong):.3f} |")
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--story", type=Path, default=None)
    parser.add_argument("--misses", type=Path, default=None, help="write each wrong speaker, with its context")
    parser.add_argument("--audit", type=Path, default=None, help="also score against gold speakers read by hand")
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.path.read_text(encoding="utf-8").splitlines() if line.strip()]
    lister = QuoteLister(load_story(args.story))
    total, misses, audited = Score(), Misses(), Score()
    corrections = _audit(args.audit) if args.audit else {}
    start = time.perf_counter()
    for row in rows:
        predicted = predict(row["text"], row["id"], lister)
        score_article(row, predicted, total, misses)
        if corrections:
            score_article(_corrected(row, corrections), predicted, audited, Misses())
    seconds = time.perf_counter() - start
    figures = total.row()
    lines = [
        "# Quotes and speakers", "",
        f"`python bench/quotes.py {args.path.name}`: {len(rows)} articles, {total.gold} gold direct quotes, "
        f"{total.scorable} of the matched ones with a scorable speaker; the site's pipeline with "
        f"{'the story file ' + str(args.story) if args.story else 'no story file'}, {seconds:.1f} s.", "",
        "| " + " | ".join(figures) + " |", "|" + "---:|" * len(figures),
        "| " + " | ".join(f"{v:.3f}" for v in figures.values()) + " |", "",
        "A nearest-name baseline (every double-quoted span; the nearest capitalised two-word name before it) "
        "gets extraction F1 about 0.78 and speaker accuracy 0.17 (the data's README).", "",
        "Speaker accuracy by the gold's speaker type:", "",
        "| speaker type | matched | right | accuracy |", "|---|---:|---:|---:|",
        *_type_rows(misses), "",
        "Commonest wrong speakers: " + "; ".join(f"{k} ×{v}" for k, v in misses.wrong.most_common(10)), "",
    ]  # fmt: skip
    if corrections:
        lines += [
            f"Against the gold with the {len(corrections)} speakers of `{args.audit.name}` read by hand (quotes "
            f"where this pipeline and the gold disagreed, so an upper bound): speaker accuracy "
            f"{audited.row()['speaker accuracy']:.3f}.", "",
        ]  # fmt: skip
    if args.misses:
        args.misses.write_text("\n".join(misses.lines) + "\n", encoding="utf-8")
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "quotes-results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
