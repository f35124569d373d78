"""Shared fixtures: the gold annotation, the seeds' site data, and a built site served on loopback."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml

from generator.assemble import evidence, merge, profiles
from generator.build import cache as extraction_cache
from generator.build import collector, pipeline, site_cache
from generator.build.pipeline import build_site_data
from generator.config import Story
from generator.core import kept
from generator.core.model import Site
from generator.extract import Extractor
from generator.nlp import pipeline as nlp_pipeline
from generator.nlp.pipeline import Pipeline
from generator.publish import render_memo
from tests.commands import ROOT, python_m

SHARED_MODELS = 4  # the stories whose loaded model a test process keeps


def _shared_models(build: Callable[[Story], Pipeline]) -> Callable[[Story], Pipeline]:
    """`build_pipeline` for the suite: the model a story's build loads is loaded once per test process and shared
    by every later build of that story, as a server shares it between its builds (0.5-0.7 s a load; the suite's
    builds in its own processes had loaded it some 80 times). Each build still gets a `Pipeline` of its own: no
    parse or spelling another test's build held."""
    models: OrderedDict[str, Pipeline] = OrderedDict()

    def shared(story: Story) -> Pipeline:
        key = extraction_cache.story_fingerprint(story)
        made = models.pop(key, None) or build(story)
        models[key] = made
        while len(models) > SHARED_MODELS:
            models.popitem(last=False)
        return Pipeline(made.nlp, dict(made.one_word_names), dict(made.one_token_aliases), aliases=dict(made.aliases))

    return shared


nlp_pipeline.build_pipeline = _shared_models(nlp_pipeline.build_pipeline)  # before any test module imports it
SEEDS = ROOT / "seeds"
STORY = ROOT / "story.yml"
GOLD = Path(__file__).parent / "fixtures" / "gold.yml"


class StoryReader:
    """A story's model and extractor for a test module, loaded when a test first reads them: not when the suite is
    collected (every xdist worker collects every module), and once per module."""

    def __init__(self, story: Story) -> None:
        self.story = story

    @functools.cached_property
    def pipeline(self) -> Pipeline:
        return nlp_pipeline.build_pipeline(self.story)

    @functools.cached_property
    def extractor(self) -> Extractor:
        return Extractor.for_story(self.story, self.pipeline)


@pytest.fixture(scope="session")
def gold() -> dict:
    return yaml.safe_load(GOLD.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def site() -> Site:
    return build_site_data(SEEDS, STORY)


@pytest.fixture
def forget_rebuilds() -> Iterator[None]:
    """A test that builds as a server does (keeping articles, extractions, rendered pages and the model between
    builds) leaves nothing of them to the next test of its process."""
    yield
    pipeline._KEPT_ARTICLES.clear()
    extraction_cache._LAST_BUILD.clear()
    site_cache._WRITTEN.clear()
    site_cache._UNSTORED.clear()
    site_cache._SERVED.clear()
    site_cache._DIGESTS.clear()
    render_memo._LAST = None
    evidence._LAST, profiles._LAST = None, None
    merge._LAST_ENTRIES.clear()
    kept.start(False)
    pipeline._forget_worker()
    collector.stop_collecting()


@pytest.fixture
def no_render_memo() -> Iterator[None]:
    """No last build's page memo before the test or after it (`render_memo.start` would give it back)."""
    render_memo._LAST = None
    yield
    render_memo._LAST = None


def write_templates(folder: Path, templates: dict[str, str]) -> Path:
    """A templates folder holding `templates` (file name -> text)."""
    for name, text in templates.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def build_project(
    project: Path, out: Path, quiet: bool = True, site_url: str | None = None, fresh: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run `mkdocs build` on a project folder (mkdocs.yml, seeds/, story file, templates/); `fresh`: in a new
    interpreter (`tests.commands`)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("SITE_URL", None)
    if site_url:
        env["SITE_URL"] = site_url
    flags = ["-q"] if quiet else []
    command = ["build", "--strict", *flags, "-f", str(project / "mkdocs.yml"), "-d", str(out)]
    return python_m("mkdocs", *command, env=env, fresh=fresh)


def in_process(*args: str, cwd: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> (
    subprocess.CompletedProcess[str]
):
    """The command line run in this process, as `python -m generator` runs it (`cli.main`), without starting an
    interpreter: what it printed and its exit status."""
    from generator.cli import main

    monkeypatch.chdir(cwd)
    monkeypatch.setattr(sys, "argv", ["generator", *args])
    capsys.readouterr()
    try:
        main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(["generator", *args], code, out, err)


def stored_site_has(project: Path, text: str) -> bool:
    """Whether the project's stored site (the whole-site cache keeps one) has a file with `text`."""
    (manifest,) = (project / ".cache" / "explainer").glob("site-*.json")
    stored = site_cache.read_site(manifest)
    assert stored is not None, f"{manifest}: the stored site does not read"
    return any(text in page for page in stored.files.values())


def seed_folder(folder: Path, articles: dict[str, str]) -> Path:
    """A folder of article files (file name -> text), made afresh."""
    folder.mkdir(parents=True)
    for name, text in articles.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def copy_project(target: Path, seeds: Path | None = None, story: str | None = None) -> Path:
    """A copy of this project's site configuration with other seeds or another story file."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("mkdocs.yml",):
        shutil.copy(ROOT / name, target / name)
    shutil.copytree(ROOT / "templates", target / "templates")
    shutil.copytree(ROOT / "docs", target / "docs")
    shutil.copytree(seeds or SEEDS, target / "seeds")
    if story is None:
        shutil.copy(STORY, target / "story.yml")
    else:
        (target / "story.yml").write_text(story, encoding="utf-8")
    return target


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("site")
    result = build_project(ROOT, out)
    assert result.returncode == 0, result.stderr
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served_site(built_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


# The files that take longest (seconds of one run, most first), given to the workers first: pytest-xdist hands out
# whole files (`--dist loadfile`) in the order they are collected, and a long file collected last (the suite's
# files go in alphabetical order: test_zensical_safety.py is among the last) keeps one worker busy while the others
# have nothing left. A file not listed keeps its place after these.
LONGEST_FILES = (
    "test_browser.py",  # 48
    "test_serve_dirty.py",  # 22
    "test_hostile.py",  # 22
    "test_zensical_safety.py",  # 18
    "test_page_cache.py",  # 18
    "test_careless_inputs.py",  # 16
    "test_scale.py",  # 16
    "test_serve.py",  # 15
    "test_build_safety.py",  # 11
    "test_editor.py",  # 11
    "test_rebuild_in_process.py",  # 9
    "test_output_folders.py",  # 9
    "test_devcorpus.py",  # 8
    "test_zensical.py",  # 7
    "test_idle_collection.py",  # 6
    "test_reader_pages.py",  # 5
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: i for i, name in enumerate(LONGEST_FILES)}
    items.sort(key=lambda item: rank.get(item.path.name, len(rank)))  # stable: a file's tests keep their order
