"""The model's own time: the project's spaCy pipeline alone over the paragraphs of a folder of articles.

    .venv/bin/python bench/spacy_alone.py SEEDS [--jobs 2]

The baseline a cold build is compared with (bench/run.py): the same trained components the nlp stage runs,
over every paragraph of every article (front matter left out), with `nlp.pipe` over all cores, nothing read
from the parses. Prints the paragraphs, characters and seconds.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from generator.nlp.pipeline import model_chunks, trained_pipeline


def paragraphs(seeds: Path) -> list[str]:
    texts: list[str] = []
    for path in sorted(p for p in seeds.iterdir() if p.suffix in (".md", ".txt", ".html")):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[-1]
        for block in text.split("\n\n"):
            if block.strip():
                texts.extend(model_chunks(" ".join(block.split())))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("seeds", type=Path)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--batch-size", type=int, default=256)
    args = parser.parse_args()
    start = time.perf_counter()
    texts = paragraphs(args.seeds)
    nlp = trained_pipeline()
    count = sum(1 for _ in nlp.pipe(texts, n_process=args.jobs, batch_size=args.batch_size))
    seconds = time.perf_counter() - start
    print(f"{count} paragraphs, {sum(map(len, texts))} characters, {seconds:.1f} s")


if __name__ == "__main__":
    main()
