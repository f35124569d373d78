"""Score the site on the development corpus: stories it was not written for, each told by several outlets.

    .venv/bin/python bench/devcorpus.py                 # every story under tests/fixtures/devcorpus/
    .venv/bin/python bench/devcorpus.py crime disaster  # some of them

Each story folder holds 5+ articles (with `.yml` sidecars: outlet, url, published) and a hand-made `gold.yml`:
events with every report of each (source, exact quote), things that must not become timeline entries, direct
quotes with their speakers, figures with the verdict a reader should see, framing words with their target.
The site is built from the articles alone (no story file), as a user's first build would be. Measured:

- events found: gold events with a timeline entry citing one of their reports;
- one entry per event: of the events several outlets report, those whose reports all sit in one entry;
- reports joined: gold reports cited by the entry that holds most of their event's reports;
- wrong merges: entries that hold reports of two or more gold events;
- dates right: found events whose entry date agrees with the gold date (day, or the gold month);
- spurious entries: entries that cite no gold event report, and how many of them cite a not-event
  (a statistic's year, an age, a time of day, a caption, ...);
- headlines: at most 20 words, quotation marks balanced;
- quotes: gold direct quotes found (overlap of at least half) and their speakers right (gold name or alias);
- figure verdicts: 'differ' shown between values the gold says agree, change over time or are unrelated
  (false alarms), and gold disagreements shown as 'differ';
- framing: gold loaded words counted for their target actor, and counted for another (a wrong label).

Results are printed and written to bench/devcorpus-results.md.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rapidfuzz import fuzz

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build.pipeline import build_site_data  # noqa: E402
from generator.core.model import Site, TimelineEntry  # noqa: E402

CORPUS = ROOT / "tests" / "fixtures" / "devcorpus"
HOLDOUT = ROOT / "tests" / "fixtures" / "holdout"  # stories written after the tuning, by someone who saw no code


@dataclass
class Tally:
    counts: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)

    def ratio(self, hit: str, total: str) -> str:
        return f"{self.counts[hit]}/{self.counts[total]}"


def _norm(text: str) -> str:
    return " ".join(text.replace("’", "'").replace("“", '"').replace("”", '"').split())


def _cites(entry: TimelineEntry, source: str, quote: str) -> bool:
    wanted = _norm(quote)
    return any(c.source == source and (wanted in _norm(c.text) or _norm(c.text) in wanted) for c in entry.citations)


def _dated_like(entry: TimelineEntry, gold_date: str) -> bool:
    date = entry.date.date or ""
    return bool(date) and (date == gold_date or (len(gold_date) == 7 and date.startswith(gold_date)))


def _holder(gold: dict) -> Callable[[TimelineEntry, dict, str, str], bool]:
    """Whether an entry holds an event's report. A sentence that reports two events ('were arrested last
    Thursday; Koller followed on Saturday') is cited by each event's entry: an entry citing it holds the
    event whose gold date it carries, or every event in it when it carries none of their dates. An event named
    again in passing ('its inquiry into the 5 July capsizing', the gold's later references) counts as in it."""
    quotes = [
        (ev, r["source"], _norm(r["quote"]))
        for ev in gold["events"]
        for r in ev["reports"] + ev.get("later_references", [])
    ]

    def holds(entry: TimelineEntry, event: dict, source: str, quote: str) -> bool:
        texts = [_norm(c.text) for c in entry.citations if c.source == source]
        text = next((t for t in texts if _norm(quote) in t or t in _norm(quote)), None)
        if text is None:
            return False
        sharing = [ev for ev, src, q in quotes if src == source and q in text]
        if len({ev["id"] for ev in sharing}) < 2:
            return True
        fitting = [ev for ev in sharing if _dated_like(entry, str(ev["date"]))]
        return not fitting or event in fitting

    return holds


def score_events(site: Site, gold: dict, tally: Tally) -> set[str]:
    """Event identity, dates and non-events; returns the ids of entries that cite some gold report."""
    matched_entries: set[str] = set()
    holds = _holder(gold)
    for event in gold["events"]:
        reports = [(r["source"], r["quote"]) for r in event["reports"]]
        holding = {e.id: e for e in site.timeline for s, q in reports if holds(e, event, s, q)}
        tally.counts["events"] += 1
        tally.counts["reports"] += len(reports)
        if not holding:
            tally.notes.append(f"missed event {event['id']}")
            continue
        tally.counts["events found"] += 1
        matched_entries.update(holding)
        main = max(holding.values(), key=lambda e: sum(holds(e, event, s, q) for s, q in reports))
        joined = sum(holds(main, event, s, q) for s, q in reports)
        tally.counts["reports joined"] += joined
        if len({s for s, _q in reports}) > 1:
            tally.counts["multi-source events"] += 1
            if len(holding) == 1:
                tally.counts["one entry"] += 1
            else:
                tally.notes.append(f"{event['id']}: {len(holding)} entries")
        gold_date = str(event["date"])
        date = main.date.date or ""
        if _dated_like(main, gold_date):
            tally.counts["dates right"] += 1
        elif not date and main.date.after and main.date.after <= gold_date <= (main.date.before or "9999"):
            tally.counts["dates right"] += 1  # an uncertain window that holds the gold date
        else:
            tally.notes.append(f"{event['id']}: dated {date or (main.date.after, main.date.before)}, gold {gold_date}")
    for entry in site.timeline:  # one entry holding reports of two real events is a wrong merge
        held = {ev["id"] for ev in gold["events"] for r in ev["reports"] if holds(entry, ev, r["source"], r["quote"])}
        if len(held) > 1:
            tally.counts["wrong merges"] += 1
            tally.notes.append(f"one entry for {', '.join(sorted(held))}: {entry.summary[:70]}")
    not_events = gold.get("not_events", [])
    for entry in site.timeline:
        tally.counts["entries"] += 1
        words = [w for w in entry.summary.split() if re.search(r"\w", w)]
        tally.counts["short headlines"] += len(words) <= 20
        balanced = entry.summary.count("“") == entry.summary.count("”") and entry.summary.count('"') % 2 == 0
        tally.counts["balanced headlines"] += balanced
        if entry.id in matched_entries:
            continue
        tally.counts["spurious entries"] += 1
        kinds = [n["kind"] for n in not_events if _cites(entry, n["source"], n["text"])]
        if kinds:
            tally.counts["not-event entries"] += 1
            tally.notes.append(f"not-event entry ({', '.join(sorted(set(kinds)))}): {entry.summary[:90]}")
    return matched_entries


def _names(gold: dict) -> dict[str, set[str]]:
    names: dict[str, set[str]] = {}
    for actor in gold.get("actors", []):
        spellings = {actor["name"], *(actor.get("aliases") or [])}
        names[actor["name"]] = {s.casefold() for s in spellings}
    return names


def score_quotes(site: Site, gold: dict, tally: Tally) -> None:
    """Gold quotes against the site's quotes (speakers as the site shows them, resolved across articles)."""
    names = _names(gold)
    for quote in gold.get("quotes", []):
        tally.counts["gold quotes"] += 1
        wanted = _norm(quote["quote"])
        hit = next(
            (q for q in site.quotes if q.source == quote["source"]
             and fuzz.partial_ratio(_norm(q.text), wanted) >= 90 and len(q.text) >= len(wanted) / 2),
            None,
        )  # fmt: skip
        if hit is None:
            continue
        tally.counts["quotes found"] += 1
        if quote.get("speaker"):
            tally.counts["speakers known"] += 1
            spellings = names.get(quote["speaker"], set()) | {quote["speaker"].casefold()}
            if hit.speaker and hit.speaker.casefold() in spellings:
                tally.counts["speakers right"] += 1
            else:
                tally.notes.append(f"speaker: {quote['speaker']} given as {hit.speaker}: {quote['quote'][:50]}")


def score_figures(site: Site, gold: dict, tally: Tally) -> None:
    rows = site.comparison.figure_rows
    for figure in gold.get("figures", []):
        texts = [(v["source"], _norm(v["text"])) for v in figure["values"]]

        def holds(row, texts=texts) -> int:  # type: ignore[no-untyped-def]
            return sum(
                any(_norm(f.text) in t or t in _norm(f.text) for f in row.by_source.get(s, [])) for s, t in texts
            )

        differ_rows = [r for r in rows if r.verdict == "differ" and holds(r) >= 2]
        if figure["verdict"] == "differ":
            tally.counts["gold disagreements"] += 1
            tally.counts["disagreements shown"] += bool(differ_rows)
        else:
            tally.counts["gold non-disagreements"] += 1
            if differ_rows:
                tally.counts["false 'differ'"] += 1
                tally.notes.append(f"false 'differ' on {figure['measure']} ({figure['verdict']})")


def score_framing(site: Site, gold: dict, tally: Tally) -> None:
    """Gold loaded words against each source's words about an actor (the target by its gold name or alias)."""
    names = _names(gold)
    for item in gold.get("framing", []):
        tally.counts["gold framing"] += 1
        word = item["word"].casefold()
        target = names.get(item["target"], set()) | {item["target"].casefold()}
        for framing in site.comparison.framing:
            if framing.source != item["source"]:
                continue
            owners = {
                a.casefold() for a, words in framing.about.items() if any(w.word.casefold() == word for w in words)
            }
            if owners & target:
                tally.counts["framing on target"] += 1
            if owners - target:
                tally.counts["framing on others"] += 1


def _spelling(name: str) -> str:
    """A name as compared with the gold's: case, curly apostrophes and a leading 'the' aside."""
    name = name.casefold().replace("’", "'")
    return name[4:] if name.startswith("the ") else name


def score_actors(site: Site, gold: dict, tally: Tally) -> None:
    """The actors the site shows against the gold's: names of nobody (precision), kinds, one actor per entity."""
    owners: dict[str, str] = {}
    for actor in gold.get("actors", []):
        for spelling in {actor["name"], *(actor.get("aliases") or [])}:
            owners.setdefault(_spelling(spelling), actor["name"])
    kinds = {a["name"]: a["kind"] for a in gold.get("actors", [])}
    not_actors = {n.casefold() for n in gold.get("not_actors", [])}
    shown_as: dict[str, list[str]] = {}
    for actor in site.actors:
        tally.counts["actors shown"] += 1
        owner = owners.get(_spelling(actor.name))
        if owner is None:
            tally.notes.append(f"not an actor{' (gold not_actors)' if actor.name.casefold() in not_actors else ''}: "
                               f"{actor.name} ({actor.kind})")  # fmt: skip
            continue
        tally.counts["actors real"] += 1
        shown_as.setdefault(owner, []).append(actor.name)
        if str(actor.kind) == kinds[owner] or (str(actor.kind), kinds[owner]) == ("media", "organisation"):
            tally.counts["kinds right"] += 1
        else:
            tally.notes.append(f"kind: {actor.name} shown as {actor.kind}, gold {kinds[owner]}")
    tally.counts["gold actors"] += len(kinds)
    tally.counts["gold actors shown"] += len(shown_as)
    for owner, names in sorted(shown_as.items()):
        if len(names) > 1:
            tally.counts["actors split"] += 1
            tally.notes.append(f"split: {owner} shown as {', '.join(names)}")


def score(folder: Path) -> Tally:
    gold = yaml.safe_load((folder / "gold.yml").read_text(encoding="utf-8"))
    site = build_site_data(folder, None)
    tally = Tally()
    score_events(site, gold, tally)
    score_quotes(site, gold, tally)
    score_actors(site, gold, tally)
    score_figures(site, gold, tally)
    score_framing(site, gold, tally)
    return tally


COLUMNS = [
    ("events found", "events found", "events"),
    ("one entry per event", "one entry", "multi-source events"),
    ("reports joined", "reports joined", "reports"),
    ("wrong merges", "wrong merges", "entries"),
    ("dates right", "dates right", "events found"),
    ("spurious entries", "spurious entries", "entries"),
    ("of which not-events", "not-event entries", "spurious entries"),
    ("headlines ≤ 20 words", "short headlines", "entries"),
    ("quotes found", "quotes found", "gold quotes"),
    ("speakers right", "speakers right", "speakers known"),
    ("actors that are names", "actors real", "actors shown"),
    ("actor kinds right", "kinds right", "actors real"),
    ("gold actors shown", "gold actors shown", "gold actors"),
    ("actors shown twice", "actors split", "gold actors shown"),
    ("disagreements shown", "disagreements shown", "gold disagreements"),
    ("false 'differ'", "false 'differ'", "gold non-disagreements"),
    ("framing on target", "framing on target", "gold framing"),
    ("framing on another actor", "framing on others", "gold framing"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("stories", nargs="*")
    parser.add_argument("--notes", action="store_true", help="print what was missed")
    args = parser.parse_args()
    tables = []
    notes = []
    for title, corpus in (("tuned on", CORPUS), ("held out", HOLDOUT)):
        folders = sorted(p for p in corpus.iterdir() if (p / "gold.yml").exists()) if corpus.is_dir() else []
        folders = [f for f in folders if not args.stories or f.name in args.stories]
        if not folders:
            continue
        tallies = {folder.name: score(folder) for folder in folders}
        total = Tally()
        for tally in tallies.values():
            total.counts.update(tally.counts)
        tables += [
            *(f"| {name} | " + " | ".join(t.ratio(hit, of) for _c, hit, of in COLUMNS) + " |"
              for name, t in [*tallies.items(), (f"**all {title}**", total)]),
        ]  # fmt: skip
        notes += [f"\n## {name} ({title})\n" + "\n".join(f"- {n}" for n in t.notes) for name, t in tallies.items()]
    header = "| story | " + " | ".join(c[0] for c in COLUMNS) + " |"
    lines = [
        "# Development corpus", "",
        "`python bench/devcorpus.py`: each story built from its articles alone (no story file) and scored against "
        "its gold file (see the script's docstring for each measure). The stories under `tests/fixtures/devcorpus/` "
        "were used to tune the extraction; those under `tests/fixtures/holdout/` were written afterwards, by a "
        "writer who saw no code, and measure what the tuning is worth on a story it has not seen.", "",
        header, "|---|" + "---:|" * len(COLUMNS), *tables, "",
    ]  # fmt: skip
    text = "\n".join(lines)
    print(text)
    if args.notes:
        print("\n".join(notes))
    if not args.stories:
        (ROOT / "bench" / "devcorpus-results.md").write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
