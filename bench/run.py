"""Benchmark the generator and the site build at several corpus sizes, against a plain MkDocs baseline.

    .venv/bin/python bench/run.py                      # N = 100, 1000, 10000
    .venv/bin/python bench/run.py --sizes 100 1000     # a quicker run
    .venv/bin/python bench/run.py --corpus FOLDER --sizes 100 800   # real articles: the first N files of FOLDER

With --corpus the articles are real ones (for example the TimeLine17 topics written as seeds by bench/tls.py's
`write_seeds`), built with a story file that names nothing, and the table adds a bare MkDocs of the same
articles as plain pages. Every size also measures the model alone (bench/spacy_alone.py: the spaCy pipeline over
the same paragraphs, every core) and `mkdocs serve`, plain and with `--dirty` (`make serve`): seconds from saving
an edited article to its source page showing the edit (`--no-serve` leaves that out).

Every figure is measured in this one run, so ratios compare like with like on a noisy machine; a warm build and the
bare MkDocs are each the median of three rebuilds (`WARM_RUNS`). Results are printed and written to
bench/results.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synth import synthesise

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", CI="1")


@dataclass
class Run:
    seconds: float
    peak_mb: float


@dataclass
class Row:
    size: int
    generator_cold: Run | None  # None: not measured (--site-only)
    generator_warm: list[Run] = field(default_factory=list)
    site_cold: Run | None = None
    site_warm: Run | None = None
    baseline: Run | None = None
    bare: Run | None = None  # MkDocs of the same articles as plain pages (real corpora)
    model: Run | None = None  # spaCy's pipeline alone over the same paragraphs, every core (bench/spacy_alone.py)
    serve: float | None = None  # `mkdocs serve`: seconds from saving an edited article to its page showing it
    serve_first: float | None = None  # the same for the server's first edit (which also loads the model)
    serve_dirty: float | None = None  # `mkdocs serve --dirty` (`make serve`): the same, median of the later edits
    pages: int = 0
    output_mb: float = 0.0
    largest_page: tuple[str, int] = ("", 0)
    search_index_mb: float = 0.0

    @property
    def warm_seconds(self) -> float:
        return statistics.median(r.seconds for r in self.generator_warm) if self.generator_warm else float("nan")


def timed(command: list[str], cwd: Path) -> Run:
    """Wall time and peak resident memory of one child process."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    if status != 0:
        error = process.stderr.read().decode() if process.stderr else ""
        raise SystemExit(f"failed: {' '.join(command)}\n{error[-2000:]}")
    return Run(seconds, usage.ru_maxrss / 1024)


WARM_RUNS = 3  # a warm build and the bare MkDocs are each the median of three rebuilds: the first warm build after a
# cold one shares the disk with the writing back of the cold build's 500 MB (at 1,000 articles), which took it from
# 6.8 to 9.2 s in one run


def median_run(runs: list[Run]) -> Run:
    """The run of median time (its own peak memory with it)."""
    return sorted(runs, key=lambda run: run.seconds)[len(runs) // 2]


def project(folder: Path, seeds: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml", "story.yml"):
        shutil.copy(ROOT / name, folder / name)
    for name in ("templates", "docs"):
        shutil.copytree(ROOT / name, folder / name, dirs_exist_ok=True)
    if not (folder / "seeds").exists():
        shutil.copytree(seeds, folder / "seeds")
    return folder


def baseline_project(folder: Path, pages: list[tuple[str, int]]) -> Path:
    """A plain Material site with the same number of pages of the same sizes, and no plugin."""
    docs = folder / "docs"
    filler = "The delegations met again and discussed the draft in detail before the talks ended. "
    for relative, size in pages:
        path = docs / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        body = (filler * (size // len(filler) + 1))[:size]
        path.write_text(f"# Page {relative}\n\n{body}\n", encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    start = config.index("  - explainer:")
    end = config.index("\n\n", start)
    (folder / "mkdocs.yml").write_text(config[:start] + config[end + 1 :], encoding="utf-8")  # same nav and theme
    shutil.copytree(ROOT / "templates" / "theme", folder / "templates" / "theme", dirs_exist_ok=True)
    return folder


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return str(answer.read().decode("utf-8", "replace"))
    except OSError:
        return None


EDIT_WORDS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
DIRTY_EDITS = 7  # `--dirty`: the median of six edits after the first (two varied by 0.3 s on a busy machine)


def serve_latency(
    site_project: Path, seeds: Path, edits: int = 3, limit: float = 1800.0, dirty: bool = False
) -> tuple[float, float]:
    """Seconds from saving an edited article to `mkdocs serve` (`dirty`: with `--dirty`) showing the edit on its
    source page: the first edit after the server came up, and the median of the next ones. Each edit is a sentence
    never seen before, so the article is parsed again (the first edit also loads the model into the server)."""
    port = free_port()
    command = [PYTHON, "-m", "mkdocs", "serve", "-q", "-a", f"127.0.0.1:{port}", "-f",
               str(site_project / "mkdocs.yml"), *(["--dirty"] if dirty else [])]  # fmt: skip
    server = subprocess.Popen(command, cwd=site_project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    article = sorted(p for p in seeds.iterdir() if p.suffix in (".md", ".txt"))[0]
    page = f"http://127.0.0.1:{port}/sources/{article.stem}.html"
    original = article.read_text(encoding="utf-8")
    stamp = f"{time.time_ns() % 1_000_000_007}"  # new text on every run, so never an entry of the cache
    try:
        start = time.perf_counter()
        while fetch(page) is None:  # MkDocs serves once its first build is done
            if time.perf_counter() - start > limit or server.poll() is not None:
                raise SystemExit("mkdocs serve did not come up")
            time.sleep(0.5)
        seconds = []
        for number in range(edits):
            time.sleep(2.0)  # past the watcher's last look: an editor saves once the page is shown, not mid-build
            marker = f"The benchmark edit {stamp} number {number} added this sentence on {EDIT_WORDS[number % 7]}."
            text = article.read_text(encoding="utf-8")
            body = text.index("\n---\n") + 5 if text.startswith("---\n") else 0
            cut = text.index("\n\n", text.index("\n\n", body) + 2)  # after the body's first paragraph
            article.write_text(f"{text[:cut]}\n\n{marker}{text[cut:]}", encoding="utf-8")
            saved = time.perf_counter()
            while marker not in (fetch(page) or ""):
                if time.perf_counter() - saved > limit:
                    raise SystemExit("mkdocs serve did not show the edit")
                time.sleep(0.05)
            seconds.append(time.perf_counter() - saved)
        shown = ", ".join(f"{s:.2f}" for s in seconds)
        print(f"mkdocs serve{' --dirty' if dirty else ''}, {article.name}: each edit shown after {shown} s", flush=True)
        return seconds[0], statistics.median(seconds[1:] or seconds)
    finally:
        server.terminate()
        server.wait()
        article.write_text(original, encoding="utf-8")  # the corpus as it was, for the next measurement


def real_seeds(source: Path, size: int, seeds: Path) -> None:
    """The first `size` article files of a folder of real articles (sorted by name)."""
    files = sorted(p for p in source.iterdir() if p.suffix in (".md", ".txt", ".html"))
    if len(files) < size:
        raise SystemExit(f"{source}: {len(files)} articles, fewer than {size}")
    seeds.mkdir(parents=True, exist_ok=True)
    for path in files[:size]:
        shutil.copy(path, seeds / path.name)


def articles_project(folder: Path, seeds: Path) -> Path:
    """A plain Material site (search on) with one page per article, its text as it is: the bare baseline. Its
    navigation lists the home page only, as the site's lists its index pages only: a navigation of every page is
    drawn into every page, which makes MkDocs' build grow with the square of the articles (35.7 s against 5.6 s at
    1,000 articles), and the ratios against it flattering."""
    docs = folder / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    for path in sorted(seeds.iterdir()):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---\n"):
            text = text.split("\n---\n", 1)[-1]
        (docs / f"{path.stem}.md").write_text(text, encoding="utf-8")
    (docs / "index.md").write_text("# Articles\n", encoding="utf-8")
    config = ("site_name: Bare\nuse_directory_urls: false\ntheme:\n  name: material\nplugins:\n  - search\n"
              "nav:\n  - index.md\n")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder


def measure(
    size: int, work: Path, repeat: int, jobs: int, generator_only: bool = False, real: Path | None = None,
    serve: bool = True, site_only: bool = False, builds_only: bool = False,
) -> Row:
    corpus = work / f"corpus-{size}"
    if real is None:
        synthesise(size, corpus / "seeds", seed=1)
    else:
        real_seeds(real, size, corpus / "seeds")
    story = ROOT / "story.yml"
    if real is not None:  # real articles, with a story file that names nothing (only a title)
        story = work / "story.yml"
        story.write_text("title: Real articles\n", encoding="utf-8")
    cache = work / f"cache-{size}"
    shutil.rmtree(cache, ignore_errors=True)
    pages_out = work / f"pages-{size}"
    command = [PYTHON, "-m", "generator", "build", "--seeds", str(corpus / "seeds"), "--story",
               str(story), "--templates", str(ROOT / "templates"), "--out", str(pages_out),
               "--cache", str(cache), "--jobs", str(jobs)]  # fmt: skip
    row = Row(size, None if site_only else timed(command, ROOT))
    row.generator_warm = [] if site_only else [timed(command, ROOT) for _ in range(repeat)]
    if generator_only:
        return row
    site_project = project(work / f"site-{size}", corpus / "seeds")
    shutil.rmtree(site_project / ".cache", ignore_errors=True)
    if real is not None:
        shutil.copy(story, site_project / "story.yml")
    mkdocs = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(site_project / "mkdocs.yml"), "-d",
              str(site_project / "site")]  # fmt: skip
    row.site_cold = timed(mkdocs, site_project)
    row.site_warm = median_run([timed(mkdocs, site_project) for _ in range(WARM_RUNS)])
    if builds_only:  # the site builds alone: how they grow with the corpus, against a smaller size of the same run
        row.pages = sum(1 for p in (site_project / "site").rglob("*.html") if "assets" not in p.parts)
        return row
    if real is not None:
        bare = articles_project(work / f"bare-{size}", corpus / "seeds")
        plain = [PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(bare / "mkdocs.yml"), "-d", str(bare / "site")]
        timed(plain, bare)
        row.bare = median_run([timed(plain, bare) for _ in range(WARM_RUNS)])  # rebuilds over its own site, as warm
    alone = [PYTHON, str(ROOT / "bench" / "spacy_alone.py"), str(corpus / "seeds"), "--jobs", str(jobs)]
    row.model = timed(alone, ROOT)
    if serve:
        row.serve_first, row.serve = serve_latency(site_project, site_project / "seeds")
        row.serve_dirty = serve_latency(site_project, site_project / "seeds", edits=DIRTY_EDITS, dirty=True)[1]
    if site_only:  # no pages of the generator's own run to copy the sizes of: the baseline is left out
        row.pages = sum(1 for p in (site_project / "site").rglob("*.html") if "assets" not in p.parts)
        return row
    markdown = [(str(p.relative_to(pages_out)), p.stat().st_size) for p in sorted(pages_out.rglob("*.md"))]
    row.pages = len(markdown)
    base = baseline_project(work / f"baseline-{size}", markdown)
    row.baseline = timed([PYTHON, "-m", "mkdocs", "build", "-q", "-f", str(base / "mkdocs.yml"), "-d",
                          str(base / "site")], base)  # fmt: skip
    html = [p for p in (site_project / "site").rglob("*.html")]
    row.output_mb = sum(p.stat().st_size for p in (site_project / "site").rglob("*") if p.is_file()) / 1e6
    largest = max(html, key=lambda p: p.stat().st_size)
    row.largest_page = (str(largest.relative_to(site_project / "site")), largest.stat().st_size)
    index = site_project / "site" / "search" / "search_index.json"
    row.search_index_mb = index.stat().st_size / 1e6 if index.exists() else 0.0
    return row


def ratio_table(rows: list[Row]) -> list[str]:
    """Cold against the model alone plus a bare MkDocs, warm against the bare MkDocs, and serve."""
    rows = [r for r in rows if r.site_cold and r.site_warm and r.model]
    if not rows:
        return []
    lines = ["", "Against the model alone (spaCy over the same paragraphs, same cores) and a bare MkDocs (Material, "
             "search) of the same site: for real articles the articles as plain pages, else pages of the same "
             "sizes:", "",
             "| articles | site cold (s) | site warm (s) | spaCy alone (s) | bare MkDocs (s) | cold / (spaCy + bare) "
             "| warm / bare | serve: edit shown after (s) | serve --dirty (s) | peak MB (site) |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]  # fmt: skip
    for r in rows:
        assert r.site_cold and r.site_warm and r.model
        bare = r.bare or r.baseline
        assert bare is not None
        serve = f"{r.serve:.1f} (first edit {r.serve_first:.1f})" if r.serve is not None else "–"
        dirty = f"{r.serve_dirty:.1f}" if r.serve_dirty is not None else "–"
        lines.append(
            f"| {r.size} | {r.site_cold.seconds:.1f} | {r.site_warm.seconds:.1f} | {r.model.seconds:.1f} | "
            f"{bare.seconds:.1f} | {r.site_cold.seconds / (r.model.seconds + bare.seconds):.2f}× | "
            f"{r.site_warm.seconds / bare.seconds:.2f}× | {serve} | {dirty} | {r.site_cold.peak_mb:.0f} |"
        )
    return lines


def report(rows: list[Row], jobs: int) -> str:
    lines = [
        "# Benchmark results",
        "",
        f"Machine: {os.cpu_count()} cores; Python {sys.version.split()[0]}; generator with --jobs {jobs}; "
        "mkdocs build with the plugin's automatic jobs (one per core).",
        "Produced by `python bench/run.py`; every figure below was measured in the same run.",
        "",
        "| articles | generator cold (s) | warm (s, median) | warm / cold | site cold (s) | site warm (s) "
        "| baseline (s) | site warm / baseline | pages | peak MB (gen / site) | output MB | largest page (KB) "
        "| search index MB |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        if r.generator_cold is None:
            continue  # --site-only: in the table below
        if not (r.site_cold and r.site_warm and r.baseline):
            lines.append(
                f"| {r.size} | {r.generator_cold.seconds:.1f} | {r.warm_seconds:.2f} | "
                f"{r.warm_seconds / r.generator_cold.seconds:.0%} | – | – | – | – | – | "
                f"{r.generator_cold.peak_mb:.0f} / – | – | – | – |"
            )
            continue
        lines.append(
            f"| {r.size} | {r.generator_cold.seconds:.1f} | {r.warm_seconds:.2f} | "
            f"{r.warm_seconds / r.generator_cold.seconds:.0%} | {r.site_cold.seconds:.1f} | "
            f"{r.site_warm.seconds:.1f} | "
            f"{r.baseline.seconds:.1f} | {r.site_warm.seconds / r.baseline.seconds:.2f}× | {r.pages} | "
            f"{r.generator_cold.peak_mb:.0f} / {r.site_cold.peak_mb:.0f} | {r.output_mb:.1f} | "
            f"{r.largest_page[1] / 1000:.0f} ({r.largest_page[0]}) | {r.search_index_mb:.1f} |"
        )
    lines += ratio_table(rows)
    by_size = {r.size: r for r in rows}
    lines.append("")
    for small in rows:
        large = by_size.get(small.size * 10)
        if large is None:
            continue
        parts = []
        if large.generator_cold and small.generator_cold:
            parts.append(f"generator cold {large.generator_cold.seconds / small.generator_cold.seconds:.1f}×")
        if large.site_cold and small.site_cold and large.site_warm and small.site_warm:
            parts += [f"site cold {large.site_cold.seconds / small.site_cold.seconds:.1f}× "
                      f"({small.site_cold.seconds:.1f} s → {large.site_cold.seconds:.1f} s)",
                      f"site warm {large.site_warm.seconds / small.site_warm.seconds:.1f}× "
                      f"({small.site_warm.seconds:.1f} s → {large.site_warm.seconds:.1f} s)",
                      f"peak MB cold {small.site_cold.peak_mb:.0f} → {large.site_cold.peak_mb:.0f}",
                      f"peak MB warm {small.site_warm.peak_mb:.0f} → {large.site_warm.peak_mb:.0f}",
                      f"pages {small.pages} → {large.pages}"]  # fmt: skip
        lines.append(f"- {large.size} against {small.size} articles (10×): " + ", ".join(parts) + ".")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="warm runs per size (the median is reported)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument(
        "--generator-only",
        type=int,
        nargs="*",
        default=[],
        metavar="N",
        help="sizes measured for the generator alone (no site builds), e.g. 10000",
    )
    parser.add_argument("--corpus", type=Path, default=None, help="a folder of real articles instead of synthetic ones")
    parser.add_argument("--no-serve", action="store_true", help="leave out the `mkdocs serve` measurement")
    parser.add_argument("--serve-up-to", type=int, default=None, metavar="N",
                        help="measure `mkdocs serve` at sizes up to N only (its target is at 1,000 articles)")
    parser.add_argument(
        "--site-only", type=int, nargs="*", default=[], metavar="N",
        help="sizes measured by the site builds, the model alone and the bare MkDocs only (no generator-alone runs, "
        "no synthetic baseline), e.g. 10000",
    )  # fmt: skip
    parser.add_argument(
        "--builds-only", type=int, nargs="*", default=[], metavar="N",
        help="sizes measured by the cold and warm site builds alone (no baselines, no serve), e.g. 10000",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, default=Path(__file__).resolve().parent / "results.md")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="explainer-bench-") as work:
        for size in args.sizes:
            rows.append(measure(size, Path(work), args.repeat, args.jobs, size in args.generator_only, args.corpus,
                                not args.no_serve and (args.serve_up_to is None or size <= args.serve_up_to),
                                size in args.site_only or size in args.builds_only,
                                size in args.builds_only))
            print(report(rows, args.jobs), flush=True)
    text = report(rows, args.jobs)
    args.out.write_text(text, encoding="utf-8")
    print(f"written to {args.out}")


if __name__ == "__main__":
    main()
