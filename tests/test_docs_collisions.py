"""A page of the docs folder and a page the generator writes may not share a path (issue 30, item 2).

Both builders refuse with one line naming both files, and the previous site stays as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.build.collisions import check_docs
from generator.core.errors import BuildError
from tests.commands import python_m
from tests.conftest import build_project, copy_project
from tests.test_careless_inputs import ARTICLE

GENERATED = ["index.md", "about.md", "timeline.md", "sources/index.md", "sources/a.md", "data/timeline.json"]
ABOUT = "docs/about.md: the generator also writes about.md (the about page); rename or remove docs/about.md"


@pytest.mark.parametrize(
    ("own", "expected"),
    [
        (["about.md"], ABOUT),
        (
            ["about.html"],
            "docs/about.html: the generator also writes about.html (from about.md, the about page); "
            "rename or remove docs/about.html",
        ),
        (
            ["README.md"],
            "docs/README.md: the generator also writes index.html (from index.md, the home page); "
            "rename or remove docs/README.md",
        ),
        (
            ["sources/a.md", "data/timeline.json", "timeline.md"],
            "docs/data/timeline.json: the generator also writes data/timeline.json; rename or remove "
            "docs/data/timeline.json (and 2 more: docs/sources/a.md, docs/timeline.md)",
        ),
    ],
)
def test_a_docs_file_a_generated_file_would_replace_is_named_with_it(own: list[str], expected: str) -> None:
    with pytest.raises(BuildError) as refused:
        check_docs(["assets/explainer.css", *own], GENERATED, "docs")
    assert str(refused.value) == expected


def test_the_projects_own_static_files_and_other_pages_are_no_collision() -> None:
    check_docs(["assets/explainer.css", "assets/social.png", "notes.md", "sources/notes.md"], GENERATED, "docs")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A one-article project with a built site."""
    base = tmp_path_factory.mktemp("collisions")
    seeds = base / "seeds"
    seeds.mkdir()
    (seeds / "a.txt").write_text(ARTICLE, encoding="utf-8")
    project = copy_project(base / "p", seeds=seeds, story="title: T\n")
    assert build_project(project, project / "site").returncode == 0
    return project


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project, and a hand-written docs/about.md added after the build."""
    project = shutil.copytree(built, tmp_path / "p", symlinks=True)
    (project / "docs" / "about.md").write_text("# About us\n\nWritten by hand.\n", encoding="utf-8")
    return project


def _files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _leftovers(project: Path) -> list[str]:
    return [p.name for p in project.iterdir() if ".building-" in p.name or ".old-" in p.name]


def test_mkdocs_refuses_a_hand_written_page_the_generator_also_writes(project: Path) -> None:
    before = _files(project / "site")
    result = build_project(project, project / "site")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("ERROR")]
    assert len(errors) == 1 and errors[0].endswith(ABOUT), result.stderr
    assert _files(project / "site") == before and not _leftovers(project)


def test_zensical_refuses_a_hand_written_page_the_generator_also_writes(project: Path) -> None:
    before = _files(project / "site")
    result = python_m("generator", "zensical", cwd=project)
    assert (result.returncode, result.stderr) == (2, f"error: {ABOUT}\n")
    assert _files(project / "site") == before and not _leftovers(project)
