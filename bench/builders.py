"""MkDocs or Zensical: the two builders' times on the same generated pages, at several corpus sizes.

    .venv/bin/python bench/builders.py                    # N = 100, 1000, 10000
    .venv/bin/python bench/builders.py --sizes 100 1000   # a quicker run

For each size a synthetic corpus (bench/synth.py) is extracted once, cold, which fills the extraction cache;
then each builder runs `--rounds` times, alternating, on the same cached pages: `mkdocs build` (the plugin
serves the pages from the cache, MkDocs renders them) and `python -m generator zensical` (the same pages
written out, Zensical renders them). The generator's own warm run (`python -m generator build`) is timed
too: it is the part both builders share. Every figure comes from this one run, so the ratios compare like
with like on a noisy machine. Results are printed and written to bench/builders-results.md.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import PYTHON, ROOT, Run, project, timed
from synth import synthesise


def _pages(site: Path) -> int:
    return sum(1 for path in site.rglob("*.html") if "assets" not in path.parts)


def measure(size: int, work: Path, rounds: int) -> dict[str, object]:
    corpus = work / f"corpus-{size}"
    synthesise(size, corpus / "seeds")
    folder = project(work / f"project-{size}", corpus / "seeds")
    generator = [PYTHON, "-m", "generator", "build", "--jobs", "2", "--out", "generated"]
    cold = timed(generator, folder)  # extracts every article and fills the cache the builders read
    mkdocs = [PYTHON, "-m", "mkdocs", "build", "-q", "--strict", "-d", "site-mkdocs"]
    zensical = [PYTHON, "-m", "generator", "zensical", "--site-dir", "site-zensical"]
    runs: dict[str, list[Run]] = {"generator": [], "mkdocs": [], "zensical": []}
    for _round in range(rounds):
        runs["generator"].append(timed(generator, folder))
        runs["mkdocs"].append(timed(mkdocs, folder))
        runs["zensical"].append(timed(zensical, folder))
    pages = (_pages(folder / "site-mkdocs"), _pages(folder / "site-zensical"))
    shutil.rmtree(folder, ignore_errors=True)
    shutil.rmtree(corpus, ignore_errors=True)
    median = {name: statistics.median(r.seconds for r in found) for name, found in runs.items()}
    return {"size": size, "cold": cold.seconds, "median": median, "pages": pages}


def report(rows: list[dict], rounds: int) -> str:
    lines = [
        "# Builders: MkDocs and Zensical on the same pages",
        "",
        f"Produced by `python bench/builders.py`; medians of {rounds} alternating rounds per builder, all measured "
        "in one run on a 2-core machine. Both builders read the pages from the warm extraction cache; the "
        "generator's warm run is the part they share.",
        "",
        "| articles | pages (MkDocs / Zensical) | extraction cold (s) | generator warm (s) | MkDocs build (s) "
        "| Zensical build (s) | Zensical / MkDocs |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        median, pages = row["median"], row["pages"]
        lines.append(
            f"| {row['size']} | {pages[0]} / {pages[1]} | {row['cold']:.1f} | {median['generator']:.2f} "
            f"| {median['mkdocs']:.2f} | {median['zensical']:.2f} | {median['zensical'] / median['mkdocs']:.2f}× |"
        )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="bench-builders-") as tmp:
        for size in args.sizes:
            rows.append(measure(size, Path(tmp), args.rounds))
            print(report(rows, args.rounds), flush=True)
    (ROOT / "bench" / "builders-results.md").write_text(report(rows, args.rounds), encoding="utf-8")


if __name__ == "__main__":
    main()
