"""A 1 MB article in one paragraph against the same text in ordinary paragraphs: is the cost linear?

    .venv/bin/python bench/long_paragraph.py            # 3 runs of each, medians
    .venv/bin/python bench/long_paragraph.py --runs 5

The text is the seed articles' body sentences repeated to 1 MB (dense with dates, figures, quotes and
actors). Both variants are built with `python -m generator build --no-cache` and with `mkdocs build`
(empty cache), in this one script, so the ratio compares like with like. Results go to
bench/long-paragraph-results.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = ROOT / ".venv" / "bin" / "python"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", CI="1")
SIZE = 1_000_000


def body_sentences() -> list[str]:
    lines = []
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        lines += [line.strip() for line in seed.read_text(encoding="utf-8").splitlines() if len(line.split()) > 8]
    return lines


def article(one_paragraph: bool) -> str:
    paragraphs, size = [], 0
    lines = body_sentences()
    while size < SIZE:
        paragraph = lines[len(paragraphs) % len(lines)]
        paragraphs.append(paragraph)
        size += len(paragraph) + 1
    return "A long article\n" + (" " if one_paragraph else "\n").join(paragraphs) + "\n"


def project(base: Path, text: str) -> Path:
    base.mkdir(parents=True)
    for name in ("mkdocs.yml", "story.yml"):
        shutil.copy(ROOT / name, base / name)
    for name in ("templates", "docs"):
        shutil.copytree(ROOT / name, base / name)
    (base / "seeds").mkdir()
    (base / "seeds" / "long.txt").write_text(text, encoding="utf-8")
    return base


def timed(command: list[str], cwd: Path) -> float:
    shutil.rmtree(cwd / ".cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    commands = {
        "python -m generator build --no-cache": [str(PYTHON), "-m", "generator", "build", "--no-cache"],
        "mkdocs build (empty cache)": [str(PYTHON), "-m", "mkdocs", "build", "-q"],
    }
    rows = []
    with tempfile.TemporaryDirectory(prefix="long-") as base:
        variants = {name: project(Path(base) / name, article(name == "one")) for name in ("one", "many")}
        size = len((variants["one"] / "seeds" / "long.txt").read_bytes())
        for label, command in commands.items():
            times = {name: [timed(command, folder) for _ in range(args.runs)] for name, folder in variants.items()}
            one, many = statistics.median(times["one"]), statistics.median(times["many"])
            rows.append(f"| {label} | {one:.1f} | {many:.1f} | {one / many:.2f}× |")
    lines = [
        "# A 1 MB article in one paragraph",
        "",
        f"`python bench/long_paragraph.py --runs {args.runs}`: a {size / 1e6:.2f} MB article (the seeds' body "
        "sentences repeated), as one paragraph and as ordinary paragraphs; medians of "
        f"{args.runs} runs, each from an empty cache, on {os.cpu_count()} cores.",
        "",
        "| build | one paragraph (s) | ordinary paragraphs (s) | ratio |",
        "|---|---:|---:|---:|",
        *rows,
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "long-paragraph-results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
