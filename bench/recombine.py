"""More articles of real text than a folder holds: each new article is a third of each of three real ones.

    .venv/bin/python bench/recombine.py REAL_FOLDER OUT_FOLDER --count 10000

For `bench/run.py --corpus OUT_FOLDER` at sizes past the real articles at hand (the 10,000-article row). Article k
takes every third paragraph of three articles of REAL_FOLDER (file-name order, chosen by k), starting at an offset
that also depends on k, and the first one's date and outlet. Two new articles share at most a third of their
sentences, so none is counted as a near-duplicate of another (`ingest.dedupe`, 70%); every sentence is a real
outlet's. Deterministic: the same folder and count write the same files. The text is not committed.
"""

from __future__ import annotations

import argparse
from pathlib import Path


def _parts(path: Path) -> tuple[str, list[str]]:
    """An article file's front matter (with its fences, or '') and its paragraphs."""
    text = path.read_text(encoding="utf-8")
    front = ""
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.index("\n---\n", 4) + 5
        front, text = text[:end], text[end:]
    return front, [p.strip() for p in text.split("\n\n") if p.strip()]


def recombine(real: Path, out: Path, count: int) -> int:
    """Write `count` articles into `out`; returns how many real articles they were made from."""
    files = sorted(p for p in real.iterdir() if p.suffix in (".md", ".txt"))
    if len(files) < 3:
        raise SystemExit(f"{real}: {len(files)} articles, at least 3 are needed")
    parts = [_parts(p) for p in files]
    size = len(parts)
    out.mkdir(parents=True, exist_ok=True)
    for k in range(count):
        first, second, third = k % size, (7 * k + 1) % size, (13 * k + 2) % size
        if len({first, second, third}) < 3:
            second, third = (first + 1) % size, (first + 2) % size
        offset = (k // size) % 3
        paragraphs = [p for i in (first, second, third) for p in parts[i][1][offset::3]]
        paragraphs = paragraphs or parts[first][1]
        name = f"r{k:05d}-{files[first].stem}.md"
        (out / name).write_text(parts[first][0] + "\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    return size


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("real", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--count", type=int, default=10_000)
    args = parser.parse_args()
    used = recombine(args.real, args.out, args.count)
    print(f"{args.count} articles written to {args.out} from {used} real ones")


if __name__ == "__main__":
    main()
