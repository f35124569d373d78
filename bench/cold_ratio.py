"""What a change costs a cold build: the same corpus built cold by an earlier revision's generator and by this one.

    .venv/bin/python bench/cold_ratio.py --base 9221504            # 100 synthetic articles, 3 rounds
    .venv/bin/python bench/cold_ratio.py --base REV --articles 200 --rounds 5

The two builds alternate round by round in this one run (the machine is shared and noisy), each with an empty
extraction cache and one process (`--jobs 1`), and the ratio of their medians is printed and written to
bench/cold-ratio-results.md. The earlier revision's `generator/` is taken from git into a temporary folder and
put first on the path (with its own templates), so both runs use this checkout's virtual environment and model.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synthesise

ROOT = Path(__file__).resolve().parent.parent


def _checkout(revision: str, folder: Path) -> Path:
    archive = subprocess.run(  # its templates too: a template may use a filter only its own generator has
        ["git", "archive", revision, "generator", "templates"], cwd=ROOT, capture_output=True, check=True
    )
    folder.mkdir(parents=True, exist_ok=True)
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive.stdout, check=True)
    return folder


def _cold(code: Path, seeds: Path, work: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(code), CI="1")
    out = work / "out"
    command = [sys.executable, "-m", "generator", "build", "--seeds", str(seeds), "--story", str(work / "none.yml"),
               "--templates", str(code / "templates"), "--out", str(out), "--no-cache", "--jobs", "1"]  # fmt: skip
    (work / "none.yml").write_text("", encoding="utf-8")
    start = time.perf_counter()
    subprocess.run(command, cwd=work, env=env, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--base", required=True, help="the earlier revision (a commit of this repository)")
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        seeds = folder / "seeds"
        synthesise(args.articles, seeds)
        base = _checkout(args.base, folder / "base")
        times: dict[str, list[float]] = {"base": [], "this": []}
        for _ in range(args.rounds):
            for name, code in (("base", base), ("this", ROOT)):
                work = folder / f"work-{name}"
                work.mkdir(exist_ok=True)
                times[name].append(_cold(code, seeds, work))
    base_s, this_s = statistics.median(times["base"]), statistics.median(times["this"])
    report = (
        f"# Cold build: {args.base} against this revision\n\n"
        f"`python bench/cold_ratio.py --base {args.base} --articles {args.articles} --rounds {args.rounds}`: "
        f"{args.articles} synthetic articles (`synth.py`), no story file, empty cache, one process, "
        f"{args.rounds} alternating rounds.\n\n"
        "| code | cold build, median (s) | runs (s) |\n|---|---:|---|\n"
        f"| {args.base} | {base_s:.1f} | {', '.join(f'{t:.1f}' for t in times['base'])} |\n"
        f"| this revision | {this_s:.1f} | {', '.join(f'{t:.1f}' for t in times['this'])} |\n\n"
        f"Ratio: **{this_s / base_s:.2f}×**.\n"
    )
    print(report)
    (ROOT / "bench" / "cold-ratio-results.md").write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
