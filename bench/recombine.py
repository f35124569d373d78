"""More articles of real text than a folder holds: each new article is ten runs of real paragraphs.

    .venv/bin/python bench/recombine.py REAL_FOLDER OUT_FOLDER --count 10000

For `bench/run.py --corpus OUT_FOLDER` at sizes past the real articles at hand (the 10,000-article row). The
paragraphs of every article of REAL_FOLDER (file-name order) are cut into runs of three consecutive paragraphs of
one article; new article k is ten runs, run j being number (a_j * k + b_j) mod R, where R, the number of runs
used, is prime and the multipliers a_j differ. Two new articles then share a run only where two of these lines
cross: at most a run or two of ten, far under the 70% that makes a near-duplicate (`ingest.dedupe`), whatever
the corpus size. Each article takes the date and outlet of its first run's article. Every sentence is a real
outlet's; the articles are about as long as the real ones (10 runs of 3 paragraphs) but mix stories, so they
name more people and places per article than one story would. Deterministic; the text is not committed.
"""

from __future__ import annotations

import argparse
from pathlib import Path

RUN = 3  # paragraphs per run
RUNS_PER_ARTICLE = 10
MULTIPLIERS = (1, 3, 7, 11, 13, 17, 19, 23, 29, 31)  # one per run of an article; all coprime with a prime R > 31


def _parts(path: Path) -> tuple[str, list[str]]:
    """An article file's front matter (with its fences, or '') and its paragraphs."""
    text = path.read_text(encoding="utf-8")
    front = ""
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.index("\n---\n", 4) + 5
        front, text = text[:end], text[end:]
    return front, [p.strip() for p in text.split("\n\n") if p.strip()]


def _largest_prime(limit: int) -> int:
    for n in range(limit, 1, -1):
        if all(n % d for d in range(2, int(n**0.5) + 1)):
            return n
    raise SystemExit("too few paragraphs")


def recombine(real: Path, out: Path, count: int) -> tuple[int, int]:
    """Write `count` articles into `out`; returns the real articles and the runs they were made from."""
    files = sorted(p for p in real.iterdir() if p.suffix in (".md", ".txt"))
    runs: list[tuple[str, str, list[str]]] = []  # (front matter, source stem, paragraphs)
    for path in files:
        front, paragraphs = _parts(path)
        runs += [(front, path.stem, paragraphs[i : i + RUN]) for i in range(0, len(paragraphs) - RUN + 1, RUN)]
    size = _largest_prime(len(runs))
    if size <= max(MULTIPLIERS):
        raise SystemExit(f"{real}: {len(runs)} runs of {RUN} paragraphs, too few")
    out.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        chosen = [runs[(a * k + 7919 * j) % size] for j, a in enumerate(MULTIPLIERS)]
        front, stem, _ = chosen[0]
        body = "\n\n".join(p for _front, _stem, paragraphs in chosen for p in paragraphs)
        (out / f"r{k:05d}-{stem}.md").write_text(front + "\n" + body + "\n", encoding="utf-8")
    return len(files), size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("real", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    articles, runs = recombine(args.real, args.out, args.count)
    print(f"{args.count} articles written to {args.out} from {runs} runs of {articles} real articles")


if __name__ == "__main__":
    main()
