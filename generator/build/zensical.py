"""The second builder: the generator's pages built by Zensical, Material for MkDocs' successor, into the site.

Zensical reads mkdocs.yml but runs no MkDocs plugin, so this does what the `explainer` plugin does for
MkDocs, around it: the pages are written (from the extraction cache, as `mkdocs build` writes them) into a
work folder beside the docs folder's own files; a copy of mkdocs.yml without the plugin points Zensical at
them; the finished site then replaces the site folder in one step. The seeds, story file and templates are the
plugin's options in mkdocs.yml, so both builders read one configuration.
"""

from __future__ import annotations

import ctypes
import functools
import os
import re
import shutil
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

from generator.build.cache import BuildInputs
from generator.build.collisions import check_docs
from generator.build.mkdocs_yml import PLUGIN, Dumper, plugin_options, read_config
from generator.build.outdir import (
    build_lock,
    check_path,
    check_target,
    remove_leftovers,
    staging_folder,
    swap_into_place,
)
from generator.build.settings import PluginOptions, content_epoch, jobs_setting
from generator.build.site_cache import cached_build
from generator.config import story_file
from generator.core.errors import BuildError, one_line
from generator.publish.navigation import prune_nav

WORK = ".zensical"  # beside mkdocs.yml: Zensical's config, docs, site and cache (its site must be under its root)
RAW_EXTENSION = "generator.publish.rawhtml"  # the plugin's raw-HTML passthrough, as a Markdown extension

# Zensical's output: colours (even into a pipe), a diagnostic ("Warning: page does not exist") with its place on a
# later line ("╭─[ notes.md:3:16 ]"), a Python exception's last line, and status lines that say nothing of a failure
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
DIAGNOSTIC = re.compile(r"^(Error|Warning): (.+)$")
LOCATION = re.compile(r"\[ ([^\s\]]+:\d+(?::\d+)?) \]")
EXCEPTION = re.compile(r"^[A-Za-z_][\w.]*(?:Error|Exception): \S")
STRIP = re.compile(r"^RuntimeError: (?:Python error: )?")  # Zensical's runtime wraps what went wrong in these
STRICT_ABORT = "Aborted because --strict flag is set"  # says that a warning stopped it, not which
STATUS = re.compile(r"^(Build started|Build finished in .*|No issues found|\d+ issues? found|\(?None\)?|Traceback .*)$")

_prctl = getattr(ctypes.CDLL(None, use_errno=True), "prctl", None) if sys.platform.startswith("linux") else None
PR_SET_PDEATHSIG = 1


def zensical_config(config: dict[str, Any], project: Path, work: Path) -> dict[str, Any]:
    """mkdocs.yml as Zensical should read it: no `explainer` plugin, and its folders inside the work folder."""
    variant = dict(config)
    variant["plugins"] = [
        e for e in config.get("plugins") or [] if e != PLUGIN and not (isinstance(e, dict) and PLUGIN in e)
    ]
    variant["docs_dir"], variant["site_dir"] = "docs", "site"
    extensions = list(config.get("markdown_extensions") or [])
    variant["markdown_extensions"] = [RAW_EXTENSION, *[e for e in extensions if e != RAW_EXTENSION]]
    theme = dict(config.get("theme") or {})
    if theme.get("custom_dir"):
        theme["custom_dir"] = os.path.relpath(project / theme["custom_dir"], work)
    variant["theme"] = theme
    return variant


def _prepare(project: Path, work: Path, config: dict[str, Any], pages: dict[str, str]) -> None:
    """The work folder: the docs folder's own files, the generated pages beside them, and Zensical's config.

    A docs file that a generated page would overwrite is refused first (`check_docs`), as under MkDocs."""
    own = project / config.get("docs_dir", "docs")
    own_files = [p.relative_to(own).as_posix() for p in own.rglob("*") if p.is_file()] if own.is_dir() else []
    check_docs(own_files, pages, config.get("docs_dir", "docs"))
    docs = work / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.rmtree(work / "site", ignore_errors=True)
    if own.is_dir():
        shutil.copytree(own, docs)
    for name, content in sorted(pages.items()):
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    variant = zensical_config(config, project, work)
    if isinstance(variant.get("nav"), list):  # the page types this site left out leave the navigation too
        variant["nav"] = prune_nav(variant["nav"], pages)
    text = yaml.dump(variant, Dumper=Dumper, sort_keys=False, allow_unicode=True)
    (work / "mkdocs.yml").write_text("# Written by `python -m generator zensical` from mkdocs.yml: edit that.\n" + text)


def _die_with_parent(parent: int) -> None:
    """In the child, before Zensical starts: be killed when the parent dies, however it dies (SIGKILL too)."""
    if _prctl is not None:
        _prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _run(work: Path, epoch: str | None, project: Path, docs: str) -> None:
    """Zensical's build of the work folder, in a child that never outlives this process; its complaint as one line.

    `docs` is mkdocs.yml's docs folder, so that a page Zensical complains about is named by the editor's path.
    """
    env = dict(os.environ, **({"SOURCE_DATE_EPOCH": epoch} if epoch else {}))
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file", "mkdocs.yml"]
    guard = functools.partial(_die_with_parent, os.getpid()) if _prctl is not None else None
    # (subprocess.run kills the child on any exception here, a Ctrl-C included; the guard covers a killed parent)
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, check=False, preexec_fn=guard)
    if done.returncode < 0:  # killed (the OOM killer, a user): no output says why
        stopped = signal.Signals(-done.returncode).name
        raise BuildError(f"zensical: the build was stopped by {stopped}; the previous site is unchanged")
    if done.returncode != 0 or not (work / "site" / "index.html").is_file():
        raise BuildError(failure_line(done.stderr + "\n" + done.stdout, project, docs))


def failure_line(output: str, project: Path, docs: str) -> str:
    """What Zensical's output says went wrong, as one line: its first warning or error with the page and line,
    else the exception it ended with, else its last line that is not a status line."""
    lines = [ANSI.sub("", line).rstrip() for line in output.splitlines()]
    found: list[tuple[str, str, str | None]] = []  # (Error or Warning, what, where)
    for number, line in enumerate(lines):
        if diagnostic := DIAGNOSTIC.match(line):
            where = next(filter(None, (LOCATION.search(after) for after in lines[number + 1 : number + 3])), None)
            kind, message = diagnostic.group(1, 2)
            found.append((kind, message, _editor_path(where.group(1), project, docs) if where else None))
    unchanged = "the previous site is unchanged"
    if found and found[0][2]:
        kind, message, place = found[0]
        more = f", and {len(found) - 1} more" if len(found) > 1 else ""
        why = "; strict mode stops the build on warnings" if kind == "Warning" else ""
        return f"{place}: {one_line(message)} (Zensical's {kind.lower()}{more}{why}); {unchanged}"
    raised = [STRIP.sub("", line) for line in lines if EXCEPTION.match(line) and STRICT_ABORT not in line]
    others = [line for line in lines if line.strip() and not STATUS.match(line) and not line.startswith(" ")]
    reason = found[0][1] if found else (raised or others or ["no message"])[-1]
    return f"zensical: the build failed ({one_line(reason)}); {unchanged}"


def _editor_path(location: str, project: Path, docs: str) -> str:
    """`notes.md:3:16` (in the work folder's docs) as the editor knows it: `docs/notes.md:3:16`."""
    page = location.split(":", 1)[0]
    if (project / docs / page).is_file():
        return f"{Path(docs) / page}{location[len(page) :]}"
    return f"{location} (a generated page)"


def build_with_zensical(config_path: Path, site: Path | None = None) -> int:
    """Write the pages, build them with Zensical and put the site in place; returns the number of pages."""
    project = config_path.resolve().parent
    config = read_config(config_path)
    options = plugin_options(config, config_path)
    seeds, story, templates = project / options.seeds, project / options.story, project / options.templates
    cache = project / options.cache if options.cache else None
    option = "--site-dir" if site else "site_dir"
    site = Path(os.path.abspath(site or project / config.get("site_dir", "site")))  # links stay visible to checks
    work = project / WORK
    protected = {"the project folder": project, "the Zensical work folder": work}
    protected |= {"the extraction cache": cache} if cache else {}
    read = [seeds, templates, project / config.get("docs_dir", "docs")]
    check_target(site, protected, read, option=option, project=project)
    check_path(work, project, str(config_path), "Zensical's work files")
    if cache:
        check_path(cache, project, f"{config_path}: plugins: {PLUGIN}: cache:", "the cache")
    if not templates.is_dir():
        raise BuildError(f"{config_path}: plugins: {PLUGIN}: templates: {options.templates}: no such folder")
    if options.story != PluginOptions().story and not os.path.lexists(story):
        raise BuildError(f"{config_path}: plugins: {PLUGIN}: story: {options.story}: no such file")
    work.mkdir(exist_ok=True)
    with build_lock([site, work, *([cache] if cache else [])]):
        remove_leftovers(site)
        story_path = story_file(story) if os.path.lexists(story) else None
        jobs = jobs_setting(options.jobs)
        inputs = BuildInputs(seeds, story_path, templates, cache, jobs, config.get("site_url") or None)
        outputs = cached_build(inputs)
        try:
            _prepare(project, work, config, outputs.files)
        except OSError as exc:
            raise BuildError(
                f"{work}: cannot write the pages for Zensical ({exc.strerror}); the site is unchanged"
            ) from None
        _run(work, content_epoch(outputs.content_date), project, config.get("docs_dir", "docs"))
        staging = staging_folder(site)
        try:
            for entry in sorted((work / "site").iterdir()):
                shutil.move(entry, staging / entry.name)
            note = swap_into_place(staging, site)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    if note:
        print(f"warning: {note}", file=sys.stderr)
    return sum(1 for name in outputs.files if name.endswith(".md"))
