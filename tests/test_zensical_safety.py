"""The Zensical builder under abuse and accident (issue 30, items 10 and 12, and its acceptance line).

- mkdocs.yml goes through the project's YAML loader first: aliases that would blow it up are one line, at once;
- the Zensical child never outlives the command, however the command dies;
- a failed Zensical build says what failed (the page and line of a warning, the exception), not its last line;
- two builds at once, of two Zensical runs or of Zensical and MkDocs, both succeed and leave one complete site.
"""

from __future__ import annotations

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.build.mkdocs_yml import read_config
from generator.core.errors import BuildError
from tests.commands import python_m
from tests.conftest import build_project, copy_project
from tests.test_careless_inputs import ARTICLE

UNCHANGED = "the previous site is unchanged"


def laughs(levels: int) -> str:
    """The "billion laughs": each level nine aliases of the one before, so 9**levels strings in all."""
    lines = ['  l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"  l{n}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "extra:\n" + "\n".join(lines) + "\n"


def one_article_project(base: Path) -> Path:
    """A one-article project with mkdocs.yml, docs/ and templates/."""
    seeds = base / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    return copy_project(base / "p", seeds=seeds, story="title: T\n")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return one_article_project(tmp_path)


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project built once by Zensical: its site and its cache (a cold build costs the model; a copy is warm)."""
    project = one_article_project(tmp_path_factory.mktemp("zensical-built"))
    result = zensical(project)
    assert result.returncode == 0, result.stderr
    return project


@pytest.fixture
def built_project(built_once: Path, tmp_path: Path) -> Path:
    """A copy of the built project: a previous site to keep, and a warm cache."""
    return shutil.copytree(built_once, tmp_path / "p", symlinks=True)


def zensical(project: Path, *args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return python_m("generator", "zensical", *args, cwd=project, env=dict(os.environ, **(env or {})), timeout=600)


def fingerprint(site: Path) -> str:
    digest = hashlib.sha1()
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(site)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if ".building-" in p.name or ".old-" in p.name]


# ── item 10: mkdocs.yml through the project's own loader ──


def test_a_billion_laughs_in_mkdocs_yml_is_refused_at_once(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text("site_name: X\n" + laughs(9), encoding="utf-8")  # 387 million strings once expanded
    with pytest.raises(BuildError) as refused:
        read_config(config)  # refused while composing: nothing is ever expanded
    assert str(refused.value).startswith(f"{config}:") and "expand the file to over 100,000 characters" in str(
        refused.value
    )


def test_zensical_refuses_a_mkdocs_yml_whose_aliases_blow_up_and_keeps_the_site(built_project: Path) -> None:
    project = built_project
    before = fingerprint(project / "site")
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(laughs(6))  # half a million strings: Zensical would copy every one
    lines = (project / "mkdocs.yml").read_text(encoding="utf-8").splitlines()
    first_alias = next(n for n, line in enumerate(lines, 1) if "*l" in line)
    result = zensical(project)
    assert result.returncode == 2, result.stderr
    assert result.stderr == (
        f"error: mkdocs.yml:{first_alias + 3}: aliases (*l3) expand the file to over 100,000 characters; "
        "write the values out or use fewer aliases\n"
    )
    assert fingerprint(project / "site") == before and not leftovers(project)


def test_mkdocs_build_refuses_the_same_mkdocs_yml_in_one_line(project: Path) -> None:
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(laughs(9))
    limit = 2 * 1024**3  # were it expanded, MkDocs would need many times this: the test fails, not the machine

    def bounded() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q"], cwd=project, capture_output=True, text=True,
        check=False, timeout=300, preexec_fn=bounded, env=dict(os.environ, NO_MKDOCS_2_WARNING="1"),
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("Error: mkdocs.yml:"), result.stderr
    assert "expand the file to over 100,000 characters" in lines[0]
    assert not (project / "site").exists()


def test_python_tags_on_mappings_reach_zensical_as_written(tmp_path: Path) -> None:
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: X\nmarkdown_extensions:\n  - toc:\n"
        "      slugify: !!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}\n",
        encoding="utf-8",
    )
    import yaml

    from generator.build.mkdocs_yml import Dumper as _Dumper

    written = yaml.dump(read_config(config), Dumper=_Dumper, sort_keys=False)
    assert "slugify: !!python/object/apply:pymdownx.slugs.slugify\n      kwds:\n        case: lower" in written


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process, from /proc; None when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="utf-8").rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], int(fields[1])


def _zensical_child(parent: int) -> int | None:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (_stat(int(entry.name)) or ("", 0))[1] == parent:
            try:
                if b"zensical\0build" in (entry / "cmdline").read_bytes():
                    return int(entry.name)
            except OSError:
                continue
    return None


def _alive(pid: int) -> bool:
    stat = _stat(pid)
    return stat is not None and stat[0] not in ("Z", "X")  # a zombie is dead, waiting to be reaped


@pytest.fixture
def slow_project(built_once: Path, tmp_path: Path) -> Iterator[tuple[Path, dict[str, str]]]:
    """The project (with its cache, without its site) with a Markdown extension that sleeps a minute per page:
    Zensical's child runs for long."""
    project = shutil.copytree(built_once, tmp_path / "p", symlinks=True)
    shutil.rmtree(project / "site")
    extension = tmp_path / "ext"
    extension.mkdir()
    (extension / "sleepy.py").write_text(
        "import time\nfrom markdown import Extension\n\n\nclass Sleepy(Extension):\n"
        "    def extendMarkdown(self, md):\n        time.sleep(60)\n\n\n"
        "def makeExtension(**kwargs):\n    return Sleepy(**kwargs)\n",
        encoding="utf-8",
    )
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("markdown_extensions:\n", "markdown_extensions:\n  - sleepy\n"),
        encoding="utf-8",
    )
    yield project, {"PYTHONPATH": os.pathsep.join(filter(None, [str(extension), os.environ.get("PYTHONPATH")]))}


@pytest.mark.parametrize("death", [signal.SIGKILL, signal.SIGTERM])
def test_the_zensical_child_dies_with_the_command(slow_project: tuple[Path, dict[str, str]], death: int) -> None:
    project, env = slow_project
    parent = subprocess.Popen(
        [sys.executable, "-m", "generator", "zensical"], cwd=project, env=dict(os.environ, **env),
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    child = None
    try:
        deadline = time.monotonic() + 180
        while child is None and time.monotonic() < deadline and parent.poll() is None:
            child = _zensical_child(parent.pid)
            time.sleep(0.1)
        assert child is not None, "Zensical's child never started"
        time.sleep(1)  # well inside its build
        parent.send_signal(death)
        parent.wait()
        deadline = time.monotonic() + 5
        while _alive(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _alive(child), "Zensical's child outlived the command"
        assert not (project / "site").exists()
    finally:
        if child is not None and _alive(child):
            os.kill(child, signal.SIGKILL)
        if parent.poll() is None:
            parent.kill()
            parent.wait()


# ── item 12: the line that says what failed ──


def test_a_zensical_child_killed_on_its_own_is_said_so(slow_project: tuple[Path, dict[str, str]]) -> None:
    project, env = slow_project
    parent = subprocess.Popen(
        [sys.executable, "-m", "generator", "zensical"], cwd=project, env=dict(os.environ, **env),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 180
        child = None
        while child is None and time.monotonic() < deadline and parent.poll() is None:
            child = _zensical_child(parent.pid)
            time.sleep(0.1)
        assert child is not None, "Zensical's child never started"
        os.kill(child, signal.SIGKILL)  # as the OOM killer would
        _out, err = parent.communicate(timeout=60)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
    assert (parent.returncode, err) == (2, f"error: zensical: the build was stopped by SIGKILL; {UNCHANGED}\n")
    assert not (project / "site").exists()


def test_a_zensical_warning_is_named_by_the_editors_page_and_line(built_project: Path) -> None:
    project = built_project
    before = fingerprint(project / "site")
    (project / "docs" / "notes.md").write_text("# Notes\n\nSee [the plan](missing.md).\n", encoding="utf-8")
    result = zensical(project)
    assert (result.returncode, result.stderr) == (
        2,
        "error: docs/notes.md:3:16: page does not exist (Zensical's warning; strict mode stops the build on "
        f"warnings); {UNCHANGED}\n",
    )
    assert fingerprint(project / "site") == before and not leftovers(project)


@pytest.mark.parametrize(
    ("mistake", "fix", "expected"),
    [
        ("  - attr_list\n", "  - attr_lists\n", "ModuleNotFoundError: No module named 'attr_lists'"),
        (
            "  features:\n",
            "  features: 12\n  former_features:\n",
            "ValueError: Failed to cast key 'features' to <class 'list'>: 'int' object is not iterable",
        ),
    ],
    ids=["misspelt-extension", "bad-theme-option"],
)
def test_a_zensical_exception_is_its_error_line(built_project: Path, mistake: str, fix: str, expected: str) -> None:
    project = built_project
    before = fingerprint(project / "site")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(mistake, fix, 1), encoding="utf-8")
    result = zensical(project)
    assert (result.returncode, result.stderr) == (2, f"error: zensical: the build failed ({expected}); {UNCHANGED}\n")
    assert fingerprint(project / "site") == before


# ── acceptance: builds at once ──


def test_two_zensical_builds_at_once_both_succeed_and_leave_one_complete_site(project: Path) -> None:
    command = [sys.executable, "-m", "generator", "zensical"]
    runs = [
        subprocess.Popen(command, cwd=project, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outcomes = [(run.wait(timeout=600), run.communicate()[1]) for run in runs]
    assert [code for code, _err in outcomes] == [0, 0], outcomes
    together = fingerprint(project / "site")
    assert zensical(project).returncode == 0
    assert fingerprint(project / "site") == together  # the site a single build makes
    assert not leftovers(project) and (project / "site" / "timeline.html").is_file()


def test_a_zensical_and_a_mkdocs_build_of_one_site_at_once_both_succeed(built_project: Path, tmp_path: Path) -> None:
    project = built_project  # its site is what a Zensical build alone makes
    assert build_project(project, tmp_path / "by-mkdocs").returncode == 0
    singles = {fingerprint(project / "site"), fingerprint(tmp_path / "by-mkdocs")}
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    commands = [
        [sys.executable, "-m", "generator", "zensical"],
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", "mkdocs.yml"],
    ]
    runs = [
        subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for command in commands
    ]
    outcomes = [(run.wait(timeout=600), run.communicate()[1]) for run in runs]
    assert [code for code, _err in outcomes] == [0, 0], outcomes
    assert fingerprint(project / "site") in singles  # one builder's complete site, not a mix
    assert not leftovers(project)


def test_a_page_type_the_site_left_out_leaves_zensicals_navigation(project: Path) -> None:
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write("nav:\n  - Home: index.md\n  - Timeline: timeline.md\n  - Plan tracker: plan.md\n")
    result = zensical(project)  # the story file has no plan: no plan page, so no entry pointing at one
    assert result.returncode == 0, result.stderr
    written = (project / ".zensical" / "mkdocs.yml").read_text(encoding="utf-8")
    assert "timeline.md" in written and "plan.md" not in written
    assert not (project / "site" / "plan.html").exists()
    assert "plan.html" not in (project / "site" / "index.html").read_text(encoding="utf-8")
