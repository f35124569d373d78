"""Write N realistic articles by recombining the seeds' sentences with other dates, names, figures and clutter.

Deterministic for a given seed number: `python bench/synth.py 1000 /tmp/corpus --seed 7`.
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
MONTHS = ["October", "November", "December", "January"]
PEOPLE = ["Marco Rubio", "Volodymyr Zelenskyy", "Vladimir Putin", "Sergey Ryabkov", "Donald Trump", "Steve Witkoff"]
CLUTTER_HEAD = ["- Category\n- War in Ukraine\n", "CELEBRITY\n", "- Section\n- World\n", ""]
CLUTTER_BODY = [
    "Every article pushes back against disinformation. Your support keeps our team in the field.",
    "-{h:032x}.jpg)",
    "Advertisement",
]
RELATED = (
    "More on the talks Reuters Talks resume in {city} Today ft.comEnvoys head to {city}{n} days ago"
    "apnews.comLeaders meet again{m} days ago"
)
CITIES = ["Geneva", "Istanbul", "Abu Dhabi", "Berlin", "Miami", "Riyadh", "Moscow", "Kyiv"]


def seed_sentences() -> list[str]:
    """Body sentences of the seed articles (clutter lines left out by a simple length test)."""
    sentences = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line.split()) >= 12:
                sentences += [s for s in re.split(r"(?<=[.!?])\s+(?=[A-Z“])", line) if len(s.split()) >= 6]
    return sentences


def vary(sentence: str, rng: random.Random) -> str:
    """Change dates, names and numbers so that articles differ like real coverage does."""
    month = rng.choice(MONTHS)
    sentence = re.sub(r"\b(November|December) (\d{1,2})\b", lambda m: f"{month} {rng.randint(1, 28)}", sentence)
    sentence = re.sub(r"\b(Marco Rubio|Volodymyr Zelenskyy|Sergey Ryabkov)\b", lambda m: rng.choice(PEOPLE), sentence)
    sentence = re.sub(r"\b\d{2,3}\b(?! ?(?:points|point))", lambda m: str(rng.randint(5, 900)), sentence)
    sentence = re.sub(r"\bGeneva\b", lambda m: rng.choice(CITIES), sentence)
    return sentence


def article(index: int, pool: list[str], rng: random.Random) -> str:
    lines = [rng.choice(CLUTTER_HEAD).rstrip("\n")] if rng.random() < 0.7 else []
    opener = rng.choice(["Talks", "Strikes", "Envoys", "Leaders", "Allies"])
    lines.append(f"{opener} {vary(rng.choice(pool), rng)[:80]}")
    for paragraph in range(rng.randint(6, 14)):
        lines.append(" ".join(vary(rng.choice(pool), rng) for _ in range(rng.randint(2, 4))))
        if paragraph == 2 and rng.random() < 0.5:
            lines.append(rng.choice(CLUTTER_BODY).format(h=rng.getrandbits(128)))
        if rng.random() < 0.15:
            lines.append(f"{rng.choice(['What comes next', 'The front line', 'Diplomacy', 'Conclusion'])}")
    if rng.random() < 0.4:
        lines.append(RELATED.format(city=rng.choice(CITIES), n=rng.randint(1, 9), m=rng.randint(1, 9)))
    lines.append(f"(Synthetic article {index}.)")
    return "\n".join(line for line in lines if line) + "\n"


def synthesise(count: int, folder: Path, seed: int = 1) -> list[Path]:
    rng = random.Random(seed)
    pool = seed_sentences()
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        path = folder / f"synthetic-{index:05d}.txt"
        path.write_text(article(index, pool, rng), encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("count", type=int)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    synthesise(args.count, args.folder, args.seed)


if __name__ == "__main__":
    main()
