"""The second builder: the generator's pages built by Zensical, Material for MkDocs' successor, into the site.

Zensical reads mkdocs.yml but runs no MkDocs plugin, so this does what the `explainer` plugin does for
MkDocs, around it: the pages are written (from the extraction cache, as `mkdocs build` writes them) into a
work folder beside the docs folder's own files; a copy of mkdocs.yml without the plugin points Zensical at
them; the finished site then replaces the site folder in one step. The seeds, story file and templates are the
plugin's options in mkdocs.yml, so both builders read one configuration.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.build.cache import BuildInputs
from generator.build.outdir import build_lock, check_target, remove_leftovers, staging_folder, swap_into_place
from generator.build.settings import PluginOptions, content_epoch, jobs_setting
from generator.build.site_cache import cached_build
from generator.core.errors import BuildError, one_line

WORK = ".zensical"  # beside mkdocs.yml: Zensical's config, docs, site and cache (its site must be under its root)
PLUGIN = "explainer"
RAW_EXTENSION = "generator.publish.rawhtml"  # the plugin's raw-HTML passthrough, as a Markdown extension


class _Loader(yaml.SafeLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, …, default]` takes the first variable set, else the default;
    a Python tag (`!!python/name:material.extensions.emoji.twemoji`) is kept as it is, for Zensical to read."""


class _Dumper(yaml.SafeDumper):
    pass


class _Tagged(str):
    tag = ""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        items = [str(item) for item in loader.construct_sequence(node)]
    else:
        items = [str(loader.construct_scalar(node))]  # type: ignore[arg-type]
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[name] for name in names if name in os.environ), default)


def _python(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> _Tagged:
    value = _Tagged(loader.construct_scalar(node))  # type: ignore[arg-type]
    value.tag = f"tag:yaml.org,2002:python/{suffix}"
    return value


_Loader.add_constructor("!ENV", _env)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python)
_Dumper.add_representer(_Tagged, lambda dumper, data: dumper.represent_scalar(data.tag, str(data)))


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml, with its environment variables read; a file that is not a YAML mapping is one line."""
    try:
        config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Loader)
    except OSError as exc:
        raise BuildError(f"{path}: cannot be read ({exc.strerror})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark else ""
        raise BuildError(f"{path}{where}: not valid YAML ({one_line(str(getattr(exc, 'problem', exc)))})") from None
    if not isinstance(config, dict):
        raise BuildError(f"{path}: not a MkDocs configuration (a mapping of settings)")
    return config


def plugin_options(config: dict[str, Any], path: Path) -> PluginOptions:
    """The `explainer` plugin's options, checked against the schema MkDocs' plugin takes its defaults from."""
    entries = config.get("plugins") or []
    found = [e.get(PLUGIN) or {} for e in entries if isinstance(e, dict) and PLUGIN in e]
    found += [{} for e in entries if e == PLUGIN]
    if not found:
        raise BuildError(f"{path}: no `{PLUGIN}` plugin under `plugins:`, so no seeds, story or templates to build")
    try:
        return PluginOptions.model_validate(found[0])
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise BuildError(f"{path}: plugins: {PLUGIN}: {where}: {error['msg']}") from None


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
    """The work folder: the docs folder's own files, the generated pages over them, and Zensical's config."""
    docs = work / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.rmtree(work / "site", ignore_errors=True)
    own = project / config.get("docs_dir", "docs")
    if own.is_dir():
        shutil.copytree(own, docs)
    for name, content in sorted(pages.items()):
        target = docs / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, encoding="utf-8")
    text = yaml.dump(zensical_config(config, project, work), Dumper=_Dumper, sort_keys=False, allow_unicode=True)
    (work / "mkdocs.yml").write_text("# Written by `python -m generator zensical` from mkdocs.yml: edit that.\n" + text)


def _run(work: Path, epoch: str | None) -> None:
    """Zensical's build of the work folder; its complaint, if any, as one line."""
    env = dict(os.environ, **({"SOURCE_DATE_EPOCH": epoch} if epoch else {}))
    command = [sys.executable, "-m", "zensical", "build", "--clean", "--strict", "--config-file", "mkdocs.yml"]
    done = subprocess.run(command, cwd=work, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0 or not (work / "site" / "index.html").is_file():
        lines = [line for line in (done.stderr + done.stdout).splitlines() if line.strip()]
        raise BuildError(f"zensical: the build failed ({one_line(lines[-1]) if lines else 'no message'})")


def build_with_zensical(config_path: Path, site: Path | None = None) -> int:
    """Write the pages, build them with Zensical and put the site in place; returns the number of pages."""
    project = config_path.resolve().parent
    config = read_config(config_path)
    options = plugin_options(config, config_path)
    seeds, story, templates = project / options.seeds, project / options.story, project / options.templates
    cache = project / options.cache if options.cache else None
    site = (site or project / config.get("site_dir", "site")).resolve()
    work = project / WORK
    protected = {"the project folder": project, "the Zensical work folder": work}
    protected |= {"the extraction cache": cache} if cache else {}
    check_target(site, protected, [seeds, templates, project / config.get("docs_dir", "docs")], option="site_dir")
    work.mkdir(exist_ok=True)
    with build_lock([site, work, *([cache] if cache else [])]):
        remove_leftovers(site)
        story_path = story if story.exists() else None
        jobs = jobs_setting(options.jobs)
        inputs = BuildInputs(seeds, story_path, templates, cache, jobs, config.get("site_url") or None)
        outputs = cached_build(inputs)
        try:
            _prepare(project, work, config, outputs.files)
        except OSError as exc:
            raise BuildError(
                f"{work}: cannot write the pages for Zensical ({exc.strerror}); the site is unchanged"
            ) from None
        _run(work, content_epoch(outputs.content_date))
        staging = staging_folder(site)
        try:
            for entry in sorted((work / "site").iterdir()):
                shutil.move(entry, staging / entry.name)
            swap_into_place(staging, site)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
    return sum(1 for name in outputs.files if name.endswith(".md"))
