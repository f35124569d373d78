"""Kill builds at random moments and check what is left: the old complete output or the new complete one.

    .venv/bin/python bench/kill.py      # 30 trials each of `make site`, `python -m generator build` and `… zensical`
    .venv/bin/python bench/kill.py --trials 50 --seed 7

Each trial changes the input (an article comes or goes), starts a build in its own session, sends SIGKILL after
a random delay within the build's usual duration, and compares the output folder with fingerprints of the
complete old and new outputs. `make site` and `generator build` are killed with their whole process group (as
a CI runner's timeout kills a job); `generator zensical` is killed alone, and its Zensical child must die with
it (as when the OOM killer or `kill -9` picks the command; every other trial aims at the child's run): no
process of the build's session may be left running. A last build per command checks that the leftovers of
killed builds (staging folders) are cleaned up. Results are printed and written to bench/kill-results.md.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
ENV = dict(os.environ, NO_MKDOCS_2_WARNING="1", CI="1")
EXTRA = "Envoys return to Geneva\nDelegations returned to Geneva on November 30, 2025, for a further round of talks.\n"


def fingerprint(folder: Path) -> str | None:
    """A hash of every file's path and bytes; None when the folder is missing."""
    if not folder.is_dir():
        return None
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def project_copy(base: Path) -> Path:
    project = base / "project"
    project.mkdir(parents=True)
    for name in ("mkdocs.yml", "story.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, project / name)  # (keeps pyproject.toml older than the venv stamp)
    for name in ("seeds", "templates", "docs", "requirements"):
        shutil.copytree(ROOT / name, project / name)  # (copy2: mtimes kept, so make sees the venv as current)
    return project


def set_variant(project: Path, variant: int) -> None:
    extra = project / "seeds" / "zz-extra.txt"
    if variant:
        extra.write_text(EXTRA, encoding="utf-8")
    else:
        extra.unlink(missing_ok=True)


def run(command: list[str], project: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=project, env=ENV, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def session_left(session: int) -> list[int]:
    """Processes still running (not zombies) in a killed build's session: children it left behind."""
    left = []
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # not a process, or gone meanwhile
        if int(fields[3]) == session and fields[0] not in ("Z", "X"):
            left.append(int(entry.name))
    return left


def no_child_left(session: int) -> bool:
    """Wait a few seconds for the session to empty (a child killed with its parent takes a moment)."""
    deadline = time.monotonic() + 5
    while session_left(session) and time.monotonic() < deadline:
        time.sleep(0.05)
    left = session_left(session)
    for pid in left:
        os.kill(pid, signal.SIGKILL)  # so that the next trial starts clean
    return not left


def wait_for_child(process: subprocess.Popen[bytes], limit: float) -> None:
    """Until the command has started a child of its own (or ended, or `limit` seconds have passed)."""
    deadline = time.monotonic() + limit
    while process.poll() is None and time.monotonic() < deadline:
        if any(pid != process.pid for pid in session_left(process.pid)):
            return
        time.sleep(0.01)


def trials(
    name: str, command: list[str], output: str, project: Path, count: int, rng: random.Random, group: bool = True
) -> dict:
    """`count` kills of `command`: of its whole process group, or (`group=False`) of the command alone."""
    out = project / output
    prints = {}
    for variant in (1, 0):  # complete outputs of both inputs
        set_variant(project, variant)
        run(command, project)
        prints[variant] = fingerprint(out)
    assert prints[0] != prints[1]
    set_variant(project, 1)
    warm = run(command, project)  # the input changed, its articles' extractions cached: as a user's next build
    set_variant(project, 0)
    shutil.rmtree(project / ".cache", ignore_errors=True)
    cold = run(command, project)  # the first build of a clone: everything extracted
    windows = {"warm": warm * 1.1, "cold": cold * 1.1}
    outcomes: Counter[str] = Counter()
    with_child = 0  # kills that landed while the command had a child running (for zensical: Zensical itself)
    current = 0
    for trial in range(count):
        target = 1 - current
        set_variant(project, target)
        kind = "cold" if trial % 4 == 0 else "warm"  # a cold build now and then: the kill lands in extraction too
        if kind == "cold":
            shutil.rmtree(project / ".cache", ignore_errors=True)
        process = subprocess.Popen(
            command, cwd=project, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
        )
        late = trial % 2 == 1  # every other kill aims at the build's last moments: writing, swapping, cleaning up
        if late and not group:  # for Zensical: at its child's run, or the swap just after it
            wait_for_child(process, limit=120)
            time.sleep(rng.uniform(0, 1.0))
        else:
            time.sleep(windows[kind] * (rng.uniform(0.8, 1.0) if late else rng.uniform(0, 1.0)))
        finished = process.poll() is not None
        if not finished:
            with_child += any(pid != process.pid for pid in session_left(process.pid))
            (os.killpg if group else os.kill)(process.pid, signal.SIGKILL)
        process.wait()
        if not no_child_left(process.pid):  # start_new_session: the session's id is the command's pid
            outcomes["CHILD LEFT RUNNING"] += 1
            print(f"{name}: trial {trial}: a process of the build outlived it", file=sys.stderr)
        found = fingerprint(out)
        if found == prints[current]:
            outcomes["old complete output" + (" (build had finished)" if finished else "")] += 1
        elif found == prints[target]:
            outcomes["new complete output" + (" (build had finished)" if finished else "")] += 1
            current = target
        else:
            outcomes["NEITHER: partial or missing output"] += 1
            print(f"{name}: trial {trial}: the output is neither complete version", file=sys.stderr)
    set_variant(project, current)
    run(command, project)
    leftovers = sorted(p.name for p in project.iterdir() if ".building-" in p.name or ".old-" in p.name)
    window = f"{windows['warm']:.1f} / {windows['cold']:.1f}"
    killed = "the process group" if group else "the command alone"
    return {
        "name": name, "trials": count, "window": window, "outcomes": outcomes, "leftovers": leftovers,
        "killed": killed, "with_child": with_child,
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--trials", type=int, default=30)
    parser.add_argument("--seed", type=int, default=14)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    results = []
    with tempfile.TemporaryDirectory(prefix="kill-") as base:
        project = project_copy(Path(base))
        make = ["make", "-f", str(ROOT / "Makefile"), f"VENV={VENV}", "site"]
        results.append(trials("make site", make, "site", project, args.trials, rng))
        generate = [str(VENV / "bin" / "python"), "-m", "generator", "build"]
        results.append(trials("python -m generator build", generate, "generated", project, args.trials, rng))
        zensical = [str(VENV / "bin" / "python"), "-m", "generator", "zensical"]
        results.append(trials("python -m generator zensical", zensical, "site", project, args.trials, rng, group=False))
    lines = [
        "# Kill test: SIGKILL at random moments during a build",
        "",
        f"`python bench/kill.py --trials {args.trials} --seed {args.seed}`: each trial changes the input, starts "
        "the build in its own session and sends SIGKILL after a random delay within 1.1× the build's "
        "measured duration (every other trial within its last 30%, where the output is written and swapped; a "
        "quarter of the trials with an empty cache, the others with the changed article's extraction cached). "
        "`python -m generator zensical` is killed alone, not with its Zensical child, which must die with it "
        "(its late trials wait for that child to start and kill within a second of it); after every kill no "
        "process of the build's session may be left running.",
        "",
        "| command | killed | trials | kill window, warm / cold (s) | outcome | count |",
        "|---|---|---:|---:|---|---:|",
    ]
    for r in results:
        for outcome, number in sorted(r["outcomes"].items()):
            lines.append(f"| `{r['name']}` | {r['killed']} | {r['trials']} | {r['window']} | {outcome} | {number} |")
    lines += ["", "Kills that landed while the build had a child process running (MkDocs under make; Zensical): "
              + ", ".join(f"`{r['name']}`: {r['with_child']}" for r in results) + "."]  # fmt: skip
    lines += ["", "Leftover staging folders after the next complete build: "
              + ", ".join(f"`{r['name']}`: {len(r['leftovers'])}" for r in results) + "."]  # fmt: skip
    text = "\n".join(lines) + "\n"
    print(text)
    (ROOT / "bench" / "kill-results.md").write_text(text, encoding="utf-8")
    failed = any("NEITHER" in o or "LEFT" in o for r in results for o in r["outcomes"])
    if failed or any(r["leftovers"] for r in results):
        sys.exit(1)


if __name__ == "__main__":
    main()
