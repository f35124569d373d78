"""Issue 30: what a build writes, where, and from what — each refusal one line, exit 2, nothing else touched.

Covers: reserved page names (1), symbolic links to the output under every builder (3), an old output that
cannot be deleted (4), a cache that cannot run code (5) nor be a link (6), and the user mistakes that used to
read "unexpected failure … please report it" (7, 13).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.commands import python_m
from tests.conftest import ROOT, copy_project, in_process

PYTHON = sys.executable
SETPRIV = shutil.which("setpriv")
# Root ignores file modes; without these capabilities it meets them as any user does (a read-only folder,
# another user's lock file), which is how the tests below make the machine say no.
AS_A_USER = [SETPRIV or "setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", "--"]
needs_setpriv = pytest.mark.skipif(os.geteuid() != 0 or SETPRIV is None, reason="needs root and setpriv")


def run(args: list[str], cwd: Path, as_user: bool = False, module: str = "generator") -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("EXPLAINER_DEBUG", None)
    if not as_user:
        return python_m(module, *args, cwd=cwd, env=env, timeout=300)
    command = [*AS_A_USER, PYTHON, "-m", module, *args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, env=env, timeout=300, check=False)


Here = Callable[[list[str], Path], subprocess.CompletedProcess[str]]


@pytest.fixture
def here(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Here:
    """`run` in this process, as `python -m generator` runs it (`cli.main`), without starting an interpreter (nor
    importing spaCy) for each command: for what a test does not need a process of its own for."""
    monkeypatch.delenv("EXPLAINER_DEBUG", raising=False)
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    return lambda args, cwd: in_process(*args, cwd=cwd, monkeypatch=monkeypatch, capsys=capsys)


def one_line(result: subprocess.CompletedProcess, code: int = 2) -> str:
    """The single line a refusal prints; fails the test on a traceback, a second line or another exit code."""
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert result.returncode == code, result.stderr + result.stdout
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr and "please report it" not in result.stderr
    return lines[0]


def tree(folder: Path) -> dict[str, str]:
    """Every file under `folder` with a hash of its bytes: to show a folder was left as it was."""
    return {
        str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and not p.is_symlink()
    }


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with its output built once (so the cache holds every kind of entry)."""
    folder = copy_project(tmp_path_factory.mktemp("safety") / "project")
    result = run(["build", "--out", "generated"], folder)
    assert result.returncode == 0, result.stderr
    return folder


# ── 1. a name never takes a page the site reserves ────────────────────────────


def test_an_actor_named_index_does_not_take_the_actors_list(tmp_path: Path) -> None:
    from generator.build.pipeline import generate

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Monitors report new strikes\n\nIndex, a monitoring group, said on Monday that strikes hit Kharkiv. "
        "Maria Lopez, a spokeswoman for Index, said the group would publish its data.\n",
        encoding="utf-8",
    )
    story = "title: Strikes\nactors:\n  - {name: Index, kind: organisation}\n  - {name: Maria Lopez, kind: person}\n"
    (tmp_path / "story.yml").write_text(story, encoding="utf-8")
    files = generate(seeds, tmp_path / "story.yml", ROOT / "templates")
    assert "actors/index-actor.md" in files
    assert "Index" in files["actors/index-actor.md"]
    listing = files["actors/index.md"]
    assert "index-actor.html" in listing and "maria-lopez.html" in listing


def test_reserved_names_are_one_rule() -> None:
    from generator.core.text import unreserved

    assert [unreserved(n, "actor") for n in ("index", "Index", "page-3", "search", "data", "assets", "indexer")] == [
        "index-actor", "Index-actor", "page-3-actor", "search-actor", "data-actor", "assets-actor", "indexer",
    ]  # fmt: skip


# ── 3. a link where the site goes is refused by every builder ─────────────────


def test_every_builder_refuses_a_linked_site_folder(project: Path, tmp_path: Path, here: Here) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("mine", encoding="utf-8")
    link = project / "site"
    link.symlink_to(elsewhere)
    try:
        zensical = one_line(here(["zensical"], project))
        assert zensical == (
            f"error: site_dir {project / 'site'}: site is a symbolic link (to {elsewhere}); a build would write "
            "the output there. Remove the link or give a real folder"
        )
        cli = one_line(here(["build", "--out", "site"], project))
        assert cli.startswith("error: --out site: site is a symbolic link (to ")
        mkdocs = run(["build", "--strict", "-q"], project, module="mkdocs")
        assert mkdocs.returncode == 1 and "site is a symbolic link" in mkdocs.stderr
        assert "Traceback" not in mkdocs.stderr
    finally:
        link.unlink()
    assert tree(elsewhere) == {"keep.txt": hashlib.sha1(b"mine").hexdigest()}


# ── 4. an old output that cannot be deleted is said as it is ──────────────────


@needs_setpriv
def test_an_old_output_that_cannot_be_deleted_is_reported_as_left_behind(project: Path) -> None:
    out = project / "stuck"
    assert run(["build", "--out", "stuck"], project).returncode == 0
    (out / "data").chmod(0o555)  # its files cannot be deleted by anyone but root with its override
    try:
        result = run(["build", "--out", "stuck"], project, as_user=True)
        assert result.returncode == 0, result.stderr
        assert "the previous output is unchanged" not in result.stderr
        left = sorted(project.glob(".stuck.building-*"))
        assert len(left) == 1
        message = result.stderr.strip()
        assert message.startswith(
            "warning: stuck: the new output is in place, but the previous one could not be deleted (Permission "
            f"denied: {left[0].name}/data/"
        )
        assert message.endswith(f"); it was left in {left[0].name}: delete it yourself (the next build tries again)")
        assert "\n" not in message
        assert (out / "index.md").is_file() and (out / ".explainer-output").is_file()
    finally:
        for folder in (out, *project.glob(".stuck.building-*")):
            for sub in folder.rglob("*"):
                if sub.is_dir():
                    sub.chmod(0o755)
        shutil.rmtree(out, ignore_errors=True)
        for folder in project.glob(".stuck.*"):
            shutil.rmtree(folder, ignore_errors=True) if folder.is_dir() else folder.unlink()


def test_the_swap_says_what_happened_when_the_old_output_stays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from generator.build import outdir

    out = tmp_path / "site"
    outdir.write_tree({"index.html": "old"}, out)
    real = shutil.rmtree

    def stubborn(path: object, *args: object, **kwargs: object) -> None:
        onerror = kwargs.get("onerror")
        if callable(onerror) and ".site.building-" in str(path):
            onerror(os.unlink, f"{path}/index.html", (PermissionError, PermissionError(13, "Permission denied"), None))
            return
        real(path, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(outdir.shutil, "rmtree", stubborn)
    note = outdir.write_tree({"index.html": "new"}, out)
    assert (out / "index.html").read_text(encoding="utf-8") == "new"
    assert note is not None and note.startswith(f"{out}: the new output is in place, but the previous one could")
    assert "Permission denied" in note and "delete it yourself" in note


# ── 5. the cache is data: never run, a wrong shape is a miss ──────────────────


class _Payload:
    def __reduce__(self) -> tuple:
        return (os.system, (f"touch {Path.cwd() / 'RAN-FROM-CACHE'}",))


def test_a_crafted_cache_entry_runs_nothing_and_is_a_miss(project: Path) -> None:
    cache = project / ".cache" / "explainer"
    entries = sorted(p for p in cache.rglob("*") if p.is_file() and not p.name.endswith(".lock"))
    assert entries and not any(p.suffix == ".pickle" for p in entries)  # nothing is stored as pickle any more
    before = tree(project / "generated")
    crafted = pickle.dumps(_Payload())
    for index, entry in enumerate(entries):
        # a pickle where JSON belongs, JSON of the wrong shape, and a pickle beside each entry under the old name
        entry.write_bytes([crafted, b'{"facts": 1, "files": []}', b"[]"][index % 3])
        entry.with_suffix(".pickle").write_bytes(crafted)
    result = run(["build", "--out", "generated"], project)
    assert result.returncode == 0, result.stderr
    assert not (project / "RAN-FROM-CACHE").exists()
    assert tree(project / "generated") == before  # every entry missed and was made again: the same output
    assert run(["build", "--out", "generated"], project).returncode == 0
    assert not (project / "RAN-FROM-CACHE").exists()


# ── 6. the cache is never a link ──────────────────────────────────────────────


def test_a_linked_cache_is_refused_by_every_builder(project: Path, tmp_path: Path, here: Here) -> None:
    target = tmp_path / "etc"
    target.mkdir()
    cache = project / ".cache"
    shutil.move(cache, tmp_path / "cache-aside")
    try:
        cache.mkdir()
        (cache / "explainer").symlink_to(target)
        cli = one_line(here(["build", "--out", "generated"], project))
        assert cli == (
            f"error: --cache .cache/explainer: explainer is a symbolic link (to {target}); a build would write "
            "the extraction cache there. Remove the link or give a real folder"
        )
        zensical = one_line(here(["zensical"], project))
        assert zensical.startswith("error: mkdocs.yml: plugins: explainer: cache: ")
        assert "explainer is a symbolic link" in zensical
        mkdocs = run(["build", "--strict", "-q", "-d", str(tmp_path / "site")], project, module="mkdocs")
        assert mkdocs.returncode == 1 and "explainer is a symbolic link" in mkdocs.stderr
        assert list(target.iterdir()) == []
        shutil.rmtree(cache)
        cache.symlink_to(tmp_path / "nowhere")  # a dangling link: no folder may be made at its target
        dangling = one_line(here(["build", "--out", "generated"], project))
        assert dangling.startswith("error: --cache .cache/explainer: .cache is a symbolic link (to ")
        assert not (tmp_path / "nowhere").exists()
    finally:
        if cache.is_symlink() or cache.is_file():
            cache.unlink()
        else:
            shutil.rmtree(cache, ignore_errors=True)
        shutil.move(tmp_path / "cache-aside", cache)


# ── 7. a user's mistake is one line, exit 2 ───────────────────────────────────


def test_a_cache_that_is_a_file_is_named(project: Path, tmp_path: Path, here: Here) -> None:
    seeds = project / "seeds"
    before = tree(seeds)
    line = one_line(here(["build", "--out", "generated", "--cache", "seeds/000_a5c0679ffe64ab60.txt/x"], project))
    assert line == (
        "error: --cache seeds/000_a5c0679ffe64ab60.txt/x: seeds/000_a5c0679ffe64ab60.txt is a file, not a folder; "
        "give a folder for the extraction cache"
    )
    assert tree(seeds) == before


@needs_setpriv
def test_another_users_lock_file_and_a_read_only_project(project: Path) -> None:
    lock = project / ".cache" / ".explainer.lock"
    lock.touch()
    os.chown(lock, 65534, 65534)
    lock.chmod(0o600)
    try:
        line = one_line(run(["build", "--out", "generated"], project, as_user=True))
        assert line == (
            f"error: {lock}: cannot take the build's lock (Permission denied); the folder must be writable by "
            "you (a lock file of another user's build can be deleted when no build runs)"
        )
    finally:
        lock.unlink()
    before = tree(project / "generated")
    project.chmod(0o555)
    try:
        line = one_line(run(["build", "--out", "fresh", "--no-cache"], project, as_user=True))
        assert line == (
            f"error: {project / '.fresh.lock'}: cannot take the build's lock (Permission denied); the folder must "
            "be writable by you (a lock file of another user's build can be deleted when no build runs)"
        )
    finally:
        project.chmod(0o755)
    assert tree(project / "generated") == before and not (project / "fresh").exists()


@pytest.mark.parametrize("command", ["build", "export"])
def test_the_outputs_lock_is_taken_before_any_work(
    project: Path, here: Here, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    """A folder that cannot be locked (read-only, another user's lock) is refused at once: the output's lock is taken
    with the cache's, before the articles are read."""
    from generator.build import outdir, pipeline

    events: list[str] = []
    real_lock, real_read = outdir.build_lock, pipeline.read_corpus

    def lock(folders: list[Path], wait_message: object = None):  # type: ignore[no-untyped-def]
        events.append("lock " + " ".join(sorted(f.name for f in folders)))
        return real_lock(folders, wait_message)

    def read(*args, **kwargs):  # type: ignore[no-untyped-def]
        events.append("read")
        return real_read(*args, **kwargs)

    monkeypatch.setattr(outdir, "build_lock", lock)
    monkeypatch.setattr(pipeline, "read_corpus", read)
    result = here([command, "--out", "locked-first", "--no-cache"], project)
    assert result.returncode == 0, result.stderr
    assert events[:2] == ["lock locked-first", "read"]


def test_templates_missing_in_mkdocs_yml_is_one_line(project: Path, tmp_path: Path, here: Here) -> None:
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "      templates: templates\n" in text
    variant = tmp_path / "project"
    shutil.copytree(project, variant, ignore=shutil.ignore_patterns(".cache", "generated"), symlinks=True)
    changed = text.replace("      templates: templates\n", "      templates: /nonexistent\n")
    (variant / "mkdocs.yml").write_text(changed, encoding="utf-8")
    mkdocs = run(["build", "--strict", "-q"], variant, module="mkdocs")
    assert mkdocs.returncode == 1, mkdocs.stderr
    assert "plugins: explainer: templates: /nonexistent: no such folder of page templates" in mkdocs.stderr
    assert "please report it" not in mkdocs.stderr and "Traceback" not in mkdocs.stderr
    zensical = one_line(here(["zensical"], variant))
    assert zensical == "error: mkdocs.yml: plugins: explainer: templates: /nonexistent: no such folder"
    assert not (variant / "site").exists()


def test_an_output_name_too_long_for_the_build_is_refused(project: Path, here: Here) -> None:
    name = "x" * 250
    line = one_line(here(["build", "--out", name], project))
    assert line == (
        f"error: --out {'x' * 59}…: a folder name of 250 bytes is too long; give one of at most 236 (the build "
        "writes beside it under a longer name)"
    )
    zensical = one_line(here(["zensical", "--site-dir", name], project))
    assert zensical == (
        f"error: --site-dir {str(project / name)[:59]}…: a folder name of 250 bytes is too long; give one of at most "
        "236 (the build writes beside it under a longer name)"
    )
    assert not any(p.name.startswith(("x" * 20, ".xxxxxxxx")) for p in project.iterdir())


def test_a_reference_year_at_the_calendars_end_is_blamed_on_the_story_file(tmp_path: Path, here: Here) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Talks end\n\nOn December 31, the delegations met in Lisbon.\n\nThe following day, they signed the deal.\n",
        encoding="utf-8",
    )
    (tmp_path / "story.yml").write_text("title: Talks\nreference_year: 9999\n", encoding="utf-8")
    args = ["build", "--out", "out", "--templates", str(ROOT / "templates"), "--no-cache"]
    line = one_line(here(args, tmp_path))
    assert line == "error: story.yml:2: reference_year: Input should be less than or equal to 9000; correct the value"
    assert not (tmp_path / "out").exists()


# ── 13. smaller things a user meets at the command line ───────────────────────


def test_a_typo_in_story_is_said_not_silently_built_without(project: Path, here: Here) -> None:
    line = one_line(here(["build", "--out", "generated", "--story", "stroy.yml"], project))
    assert line == "error: --story stroy.yml: no such file (leave the option out to build without one)"


def test_entities_of_a_folder_says_it_is_a_folder(project: Path, here: Here) -> None:
    line = one_line(here(["entities", "seeds"], project))
    assert line == "error: seeds: is a folder; give its article files (e.g. seeds/*.txt)"


def test_file_names_with_newlines_stay_on_their_line(tmp_path: Path) -> None:
    name = tmp_path / "two\nlines.txt"
    name.write_text("On Monday the talks began.\n", encoding="utf-8")
    result = run(["dates", str(name), "--published", "2025-11-26"], tmp_path)
    assert result.returncode == 0, result.stderr
    first = result.stdout.splitlines()[0]
    assert first.startswith(f"{tmp_path}/two\\nlines.txt: 1 temporal expressions")


def test_add_says_it_created_the_seeds_folder(tmp_path: Path) -> None:
    article = tmp_path / "talks.txt"
    article.write_text("Talks resume\n\nThe delegations met in Lisbon on Monday, officials said.\n", encoding="utf-8")
    result = run(["add", str(article), "--seeds", "new-seeds", "--published", "2025-11-24"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "created the folder new-seeds (it did not exist)"
    assert sorted(p.suffix for p in (tmp_path / "new-seeds").iterdir()) == [".txt", ".yml"]


def test_explain_takes_a_repeated_sentences_id(tmp_path: Path, here: Here) -> None:
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(
        "Talks end\n\nThe delegations met in Lisbon on Monday.\n\nThe delegations met in Lisbon on Monday.\n",
        encoding="utf-8",
    )
    from generator.core.model import Article  # noqa: F401  (the id scheme lives in the nlp stage)

    listing = here(["explain", "a#s-00000000", "--seeds", "seeds"], tmp_path)
    assert "no sentence" in listing.stdout + listing.stderr or listing.returncode != 0
    ids = sorted({line.split("#")[1][:13] for line in listing.stdout.splitlines() if "#s-" in line})
    html = tmp_path / "out"
    built = here(["build", "--out", str(html), "--templates", str(ROOT / "templates"), "--no-cache"], tmp_path)
    assert built.returncode == 0, built.stderr
    page = (html / "sources" / "a.md").read_text(encoding="utf-8")
    repeated = sorted(set(__import__("re").findall(r'id="(s-[0-9a-f]{8}-2)"', page)))
    assert repeated, ids
    result = here(["explain", f"a#{repeated[0]}", "--seeds", "seeds"], tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Lisbon" in result.stdout


def test_a_folder_given_as_the_story_file_is_one_line_under_every_builder(
    project: Path, tmp_path: Path, here: Here
) -> None:
    variant = tmp_path / "project"
    shutil.copytree(project, variant, ignore=shutil.ignore_patterns(".cache", "generated"), symlinks=True)
    cli = one_line(here(["build", "--out", "generated", "--story", "seeds"], variant))
    assert cli == "error: seeds: a folder, not a regular file; give the path of a story file (story.yml)"
    config = variant / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("story: story.yml", "story: seeds"), encoding="utf-8")
    mkdocs = run(["build", "--strict", "-q"], variant, module="mkdocs")
    assert mkdocs.returncode == 1 and "please report it" not in mkdocs.stderr
    assert f"{variant / 'seeds'}: a folder, not a regular file; give the path of a story file" in mkdocs.stderr
    zensical = one_line(here(["zensical"], variant))
    assert zensical == f"error: {variant / 'seeds'}: a folder, not a regular file; give the path of a story file " \
        "(story.yml)"
    assert not (variant / "site").exists() and not (variant / "generated").exists()


@needs_setpriv
def test_add_into_a_read_only_folder_or_onto_a_folder_is_one_line(project: Path, tmp_path: Path, here: Here) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Talks\n\nThe delegations met in Lisbon on Monday, officials said.\n", encoding="utf-8")
    seeds = project / "seeds"
    before = tree(seeds)
    trial = run(["add", str(article), "--published", "2025-11-24", "--seeds", str(tmp_path / "trial")], project)
    assert trial.returncode == 0, trial.stderr
    target = next(p.name for p in (tmp_path / "trial").iterdir() if p.suffix == ".txt")  # the name add gives it
    (seeds / target).mkdir()
    try:
        line = one_line(here(["add", str(article), "--published", "2025-11-24"], project))
        assert line == f"error: seeds/{target}: Is a directory; check that it can be read and written by you"
    finally:
        (seeds / target).rmdir()
    seeds.chmod(0o555)
    try:
        line = one_line(run(["add", str(article), "--published", "2025-11-24"], project, as_user=True))
        assert line.startswith("error: seeds/") and line.endswith(": Permission denied; check that it can be read "
                                                                 "and written by you")
    finally:
        seeds.chmod(0o755)
    assert tree(seeds) == before
