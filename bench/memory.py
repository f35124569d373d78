"""Peak memory and time of one long article through the nlp and extract stages, each in a process of its own.

    .venv/bin/python bench/memory.py                      # 1 MB and 5 MB, into bench/memory-results.md
    .venv/bin/python bench/memory.py --only "1 MB, one paragraph" --out /tmp/memory.md
    .venv/bin/python bench/memory.py --code /tmp/old-tree --out /tmp/before.md   # another revision's code

Each article is news-like English: the seed articles' sentences recombined with other dates, names and
figures (`synth.py`), two to four sentences a paragraph, one paragraph a line, under a headline (sentences
with "ago", "Today" or "Yesterday" left out: two of those make a paragraph read as a related-links list, and
the one-paragraph article would not be a paragraph at all). A child
process reads it as a build does (`read_article`), loads the trained pipeline with the story file's actors,
then parses and extracts it (`parse_article`, `Extractor.extract`), as a build's worker does for one
article. The child reports the time of those two stages and its peak resident memory (`ru_maxrss`) before
and after them; the difference is what the article cost, the rest is Python, spaCy and the model.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, os.environ.get("PYTHONPATH", "").split(os.pathsep)[0] or str(ROOT))  # the code measured

from synth import seed_sentences, vary  # noqa: E402

CASES = {  # label: (bytes, one paragraph)
    "1 MB, ordinary paragraphs": (1_000_000, False),
    "1 MB, one paragraph": (1_000_000, True),
    "5 MB, ordinary paragraphs": (5_000_000, False),
    "5 MB, one paragraph": (5_000_000, True),
}


def news_article(size: int, one_paragraph: bool, seed: int = 7) -> str:
    """A headline and paragraphs of recombined seed sentences, at most `size` bytes of UTF-8."""
    rng = random.Random(seed)
    pool = [s for s in seed_sentences() if not any(word in s for word in ("ago", "Today", "Yesterday"))]
    head = "Envoys weigh the plan as talks resume\n"
    joint = " " if one_paragraph else "\n"
    parts: list[str] = []
    used = len(head.encode()) + 1
    while True:
        paragraph = " ".join(vary(rng.choice(pool), rng) for _ in range(rng.randint(2, 4)))
        cost = len(paragraph.encode()) + len(joint)
        if used + cost > size:
            break
        parts.append(paragraph)
        used += cost
    return head + joint.join(parts) + "\n"


def peak_rss_mb() -> float:
    """This process's peak resident memory so far (Linux reports kilobytes, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024 if sys.platform == "darwin" else 1024)


def child(path: Path) -> None:
    """Parse and extract one article; print {seconds, base_mb, peak_mb, sentences} as JSON."""
    from generator.config import load_story
    from generator.extract import Extractor
    from generator.ingest.articles import read_article
    from generator.nlp.pipeline import build_pipeline, parse_article

    story = load_story(ROOT / "story.yml")
    article = read_article(path, story)
    pipeline = build_pipeline(story)
    extractor = Extractor.for_story(story, pipeline)
    parse_article(pipeline, read_article(ROOT / "seeds" / sorted(os.listdir(ROOT / "seeds"))[0], story))  # warm
    base = peak_rss_mb()
    start = time.perf_counter()
    extraction = extractor.extract(parse_article(pipeline, article))
    seconds = time.perf_counter() - start
    sentences = len(extraction.facts.parsed.sentences)
    code = str(Path(sys.modules["generator"].__file__ or "").parent.parent)
    print(json.dumps({"seconds": seconds, "base_mb": base, "peak_mb": peak_rss_mb(), "sentences": sentences,
                      "code": code}))  # fmt: skip


def measure(label: str, folder: Path, code: Path) -> dict:
    size, one_paragraph = CASES[label]
    path = folder / f"{label.replace(' ', '-').replace(',', '')}.txt"
    path.write_text(news_article(size, one_paragraph), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, __file__, "--child", str(path)],
        capture_output=True, text=True, check=False, env=dict(os.environ, PYTHONPATH=str(code)),
    )  # fmt: skip
    if done.returncode != 0:
        raise SystemExit(f"{label}: the child failed:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    return {"label": label, "bytes": path.stat().st_size, **result}


def table(rows: list[dict]) -> list[str]:
    lines = [
        "| article | size (bytes) | sentences | parse + extract (s) | peak RSS (MB) | of which the article (MB) |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['label']} | {r['bytes']:,} | {r['sentences']:,} | {r['seconds']:.1f} | {r['peak_mb']:,.0f} "
            f"| {r['peak_mb'] - r['base_mb']:,.0f} |"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", action="append", choices=sorted(CASES), help="measure only this case (repeatable)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "memory-results.md")
    parser.add_argument("--code", type=Path, default=ROOT, help="a folder holding the generator package to measure")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    rows = []
    with tempfile.TemporaryDirectory(prefix="memory-") as folder:
        for label in args.only or list(CASES):
            rows.append(measure(label, Path(folder), args.code.resolve()))
            print("\n".join(table(rows[-1:])[2:]), flush=True)
    lines = [
        "# Memory and time of one long article",
        "",
        f"`python bench/memory.py`: Python {platform.python_version()}, {os.cpu_count()} cores; each article in a "
        "process of its own (read, then parse and extract as a build's worker does). Peak RSS is the process's "
        "whole peak; the last column is that peak minus the peak before the article (Python, spaCy and the "
        "model, loaded and warmed on one seed article).",
        "",
        *table(rows),
    ]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
