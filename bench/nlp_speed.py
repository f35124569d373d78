"""How much the extraction costs beyond the spaCy components it runs: both timed in one process, same text.

    .venv/bin/python bench/nlp_speed.py                  # 1,000 synthetic articles, 3 rounds
    .venv/bin/python bench/nlp_speed.py --count 200 --rounds 5

The corpus is the one `bench/run.py` builds (`synth.py`, fixed seed). Each round times, one after the other:
- spaCy alone: the pipeline's components (sentencizer, the story's entity ruler, tok2vec, tagger, parser,
  ner) over exactly the texts the nlp stage gives them, the docs consumed and dropped;
- extraction: the nlp stage and the extract stage (`parse_article` then `Extractor.extract`) on every
  article, which includes that same spaCy work.
The ratio extraction / spaCy alone is reported per round and as the median. One process, one core, no
cache: the machine's noise falls on both sides alike. Results are printed and written to
bench/nlp-speed-results.md.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synth import synthesise  # noqa: E402

from generator.build.pipeline import read_corpus  # noqa: E402
from generator.core.model import Article  # noqa: E402
from generator.extract import Extractor  # noqa: E402
from generator.nlp.pipeline import Pipeline, build_pipeline, model_chunks, parse_article  # noqa: E402


def model_texts(articles: list[Article]) -> list[str]:
    """The texts the nlp stage hands to spaCy, in the same pieces."""
    texts = [block.text for article in articles for block in article.blocks]
    texts += [item.text for article in articles for item in article.related]
    return [piece for text in texts for piece in model_chunks(text)]


def spacy_alone(pipeline: Pipeline, texts: list[str]) -> float:
    start = time.perf_counter()
    for _doc in pipeline.nlp.pipe(texts):
        pass
    return time.perf_counter() - start


def extraction(pipeline: Pipeline, extractor: Extractor, articles: list[Article]) -> float:
    start = time.perf_counter()
    for article in articles:
        extractor.extract(parse_article(pipeline, article))
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=1000, help="articles (default 1,000)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of both timings (default 3)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "nlp-speed-results.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        seeds = Path(folder) / "seeds"
        synthesise(args.count, seeds, seed=7)
        story, articles, _warnings = read_corpus(seeds, ROOT / "story.yml")
    pipeline = build_pipeline(story)
    extractor = Extractor.for_story(story, pipeline)
    texts = model_texts(articles)
    words = sum(len(t.split()) for t in texts)
    extraction(pipeline, extractor, articles[:20])  # warm up: model weights, caches, lazy imports
    rounds = []
    for number in range(args.rounds):
        alone = spacy_alone(pipeline, texts)
        full = extraction(pipeline, extractor, articles)
        rounds.append((alone, full))
        print(f"round {number + 1}: spaCy alone {alone:.1f} s, extraction {full:.1f} s, ratio {full / alone:.2f}×")
    ratio = statistics.median(full / alone for alone, full in rounds)
    components = ", ".join(pipeline.nlp.pipe_names)
    lines = [
        "# Extraction against the spaCy components alone",
        "",
        f"Machine: Python {platform.python_version()}, one process. Produced by `python bench/nlp_speed.py "
        f"--count {args.count} --rounds {args.rounds}`; both timings of a round run one after the other in "
        "the same process.",
        "",
        f"Corpus: {len(articles)} synthetic articles (`bench/synth.py`, seed 7), {len(texts)} texts, "
        f"{words:,} words. Components: {components}.",
        "",
        "| round | spaCy alone (s) | extraction (s) | ratio |",
        "|---:|---:|---:|---:|",
        *(f"| {i + 1} | {a:.1f} | {f:.1f} | {f / a:.2f}× |" for i, (a, f) in enumerate(rounds)),
        "",
        f"Median ratio: **{ratio:.2f}×** (target: at most 1.5×).",
        "",
    ]
    args.out.write_text("\n".join(lines), encoding="utf-8")
    print(f"median ratio {ratio:.2f}× — written to {args.out}")


if __name__ == "__main__":
    main()
