"""Refactoring guard: the site and the exports built by another revision and by the working tree are the same.

    .venv/bin/python scripts/same_output.py                  # against HEAD
    .venv/bin/python scripts/same_output.py --base main~3    # against any revision
    .venv/bin/python scripts/same_output.py --allow 'data/schema/*'

Both builds read the working tree's seeds/ and story.yml (the same input); each uses its own code,
templates, docs/ and mkdocs.yml. It builds the site with `mkdocs build` and the data with
`python -m generator export`, compares every file byte for byte, lists the differences and exits 1 if
there are any (files matching an --allow pattern are listed but do not fail).
"""

from __future__ import annotations

import argparse
import fnmatch
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def build(code: Path, out: Path) -> None:
    """The site (out/site) and the exports (out/export) of the code in `code`, from the working tree's input."""
    project = out / "project"
    project.mkdir(parents=True)
    shutil.copy(code / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(code / "templates", project / "templates")
    shutil.copytree(code / "docs", project / "docs")
    shutil.copytree(ROOT / "seeds", project / "seeds")
    shutil.copy(ROOT / "story.yml", project / "story.yml")
    env = dict(os.environ, PYTHONPATH=str(code), NO_MKDOCS_2_WARNING="1", CI="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    run = {"cwd": project, "env": env, "check": True, "stdout": subprocess.DEVNULL}
    subprocess.run([PYTHON, "-m", "mkdocs", "build", "-q", "-d", str(out / "site")], **run)  # type: ignore[call-overload]
    subprocess.run([PYTHON, "-m", "generator", "export", "--no-cache", "--out", str(out / "export")], **run)  # type: ignore[call-overload]


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="HEAD", help="the revision to compare with (default HEAD)")
    parser.add_argument("--allow", action="append", default=[], help="a glob of files that may differ")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="same-output-") as temp:
        base_code = Path(temp) / "base-code"
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "-q", "--detach", str(base_code), args.base],
                       check=True)  # fmt: skip
        try:
            build(base_code, Path(temp) / "base")
            build(ROOT, Path(temp) / "new")
        finally:
            subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(base_code)], check=True)
        failing, allowed = [], []
        for part in ("site", "export"):
            before, after = files(Path(temp) / "base" / part), files(Path(temp) / "new" / part)
            for name in sorted(set(before) | set(after)):
                if before.get(name) != after.get(name):
                    state = "only before" if name not in after else "only after" if name not in before else "differs"
                    target = allowed if any(fnmatch.fnmatch(name, g) for g in args.allow) else failing
                    target.append(f"{part}/{name}: {state}")
            print(f"{part}: {len(after)} files compared")
    for line in allowed:
        print(f"allowed: {line}")
    for line in failing:
        print(f"DIFFERENT: {line}")
    print("identical" if not failing else f"{len(failing)} files differ")
    return 1 if failing else 0


if __name__ == "__main__":
    sys.exit(main())
