"""Reading the article out of a saved web page: `read` against trafilatura alone, on the article-extraction benchmark.

    .venv/bin/python bench/extraction.py ../shared/benchmarks/article-extraction-dev
    .venv/bin/python bench/extraction.py PATH --pages 8     # the first 8 pages, a quick look
    .venv/bin/python bench/extraction.py PATH --worst 10    # also the 10 pages `read` does worst on

PATH holds `html/<id>.html.gz` and `ground-truth.json` (scrapinghub/article-extraction-benchmark, MIT). The body
`python -m generator read PAGE --format json` gives (the same function, called in this process) is scored with the
benchmark's own metric: tokens `\\w+`, 4-token shingles as multisets, mean page precision and recall, F1 of the two
means, accuracy = the share of pages whose tokens equal the truth's; ± is the standard deviation over 1,000
bootstrap resamples of the pages. trafilatura alone (`trafilatura.extract`, comments left out as the benchmark
leaves them out) is run in the same script. Results are printed and written to bench/extraction-results.md.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import trafilatura

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.ingest.page import read_file

WORD = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    tokens = WORD.findall(text or "")
    if 0 < len(tokens) < 4:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + 4]) for i in range(len(tokens) - 3))


@dataclass
class Score:
    precision: float | None  # None: an empty prediction (left out of the precision mean)
    recall: float
    exact: bool


def score(truth: str, prediction: str) -> Score:
    true, pred = shingles(truth), shingles(prediction)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    precision = None if tp + fp == 0 else tp / (tp + fp)
    recall = 1.0 if tp + fn == 0 else tp / (tp + fn)
    return Score(precision, recall, WORD.findall(truth or "") == WORD.findall(prediction or ""))


def summary(scores: list[Score]) -> tuple[float, float, float, float]:
    precisions = [s.precision for s in scores if s.precision is not None]
    p = sum(precisions) / len(precisions) if precisions else 0.0
    r = sum(s.recall for s in scores) / len(scores)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return f1, p, r, sum(s.exact for s in scores) / len(scores)


def spread(scores: list[Score], rounds: int = 1000) -> tuple[float, ...]:
    """Standard deviation of each figure over bootstrap resamples of the pages (a fixed seed: the same each run)."""
    rng = random.Random(0)
    samples = [summary([rng.choice(scores) for _ in scores]) for _ in range(rounds)]
    columns = list(zip(*samples, strict=True))
    return tuple((sum((x - sum(c) / len(c)) ** 2 for x in c) / len(c)) ** 0.5 for c in columns)


def ours(html: bytes, folder: Path, name: str) -> str:
    page = folder / f"{name}.html"
    page.write_bytes(html)
    return str(read_file(page)["body"])


def trafilatura_alone(html: bytes, _folder: Path, _name: str) -> str:
    return trafilatura.extract(html.decode("utf-8"), include_comments=False) or ""


def row(name: str, scores: list[Score]) -> str:
    figures, errors = summary(scores), spread(scores)
    cells = " | ".join(f"{v:.3f} ± {e:.3f}" for v, e in zip(figures, errors, strict=True))
    return f"| {name} | {cells} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("path", type=Path)
    parser.add_argument("--pages", type=int, default=0, help="only the first N pages (by id)")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages `read` scores lowest on")
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "extraction-results.md")
    args = parser.parse_args()
    truth = json.loads((args.path / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)[: args.pages or None]
    systems: dict[str, Callable[[bytes, Path, str], str]] = {"read": ours, "trafilatura 2.3.1 alone": trafilatura_alone}
    scores: dict[str, list[Score]] = {name: [] for name in systems}
    with tempfile.TemporaryDirectory() as work:
        for page_id in ids:
            with gzip.open(args.path / "html" / f"{page_id}.html.gz", "rb") as stream:
                html = stream.read()
            for name, extract in systems.items():
                scores[name].append(score(truth[page_id]["articleBody"], extract(html, Path(work), page_id)))
    lines = [
        "# Article extraction: `read` against trafilatura alone",
        "",
        f"`python bench/extraction.py {args.path.name}`: {len(ids)} pages, the benchmark's metric (4-token shingles), "
        "± the standard deviation over 1,000 bootstrap resamples.",
        "",
        "| extractor | F1 | precision | recall | accuracy |",
        "|---|---|---|---|---|",
        *(row(name, found) for name, found in scores.items()),
    ]
    if args.worst:
        mine = sorted(zip(ids, scores["read"], scores["trafilatura 2.3.1 alone"], strict=True),
                      key=lambda t: (t[1].precision or 0) + t[1].recall)  # fmt: skip
        lines += ["", "| page | read P | read R | trafilatura P | trafilatura R |", "|---|---:|---:|---:|---:|"]
        for page_id, a, b in mine[: args.worst]:
            lines.append(f"| {page_id[:12]} | {a.precision or 0:.2f} | {a.recall:.2f} | {b.precision or 0:.2f} | "
                         f"{b.recall:.2f} |")  # fmt: skip
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.pages:
        args.out.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
