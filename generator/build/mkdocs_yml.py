"""mkdocs.yml as both builders read it: through the project's guarded YAML loader (no alias bombs, no deep
nesting), with MkDocs' `!ENV` tags read and Python tags kept as written for Zensical; and the `explainer`
plugin's options checked against one schema."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from generator.build.settings import PluginOptions
from generator.core.errors import BuildError, one_line
from generator.core.yamlload import GuardedLoader, YamlProblem, load_yaml

PLUGIN = "explainer"


class _Loader(GuardedLoader):
    """mkdocs.yml as MkDocs reads it: `!ENV [NAME, …, default]` takes the first variable set, else the default;
    a Python tag (`!!python/name:material.extensions.emoji.twemoji`) is kept as it is, for Zensical to read.
    The project's limits hold (aliases that would blow the file up, nesting), so what Zensical gets is small."""

    refuse_duplicates = False  # MkDocs keeps the last of a key given twice, and so must this


class Dumper(yaml.SafeDumper):
    pass


class _Tagged(str):
    tag = ""


class _TaggedMap(dict[Any, Any]):  # `!!python/object/apply:pymdownx.slugs.slugify {kwds: {case: lower}}`
    tag = ""


class _TaggedList(list[Any]):
    tag = ""


def _env(loader: GuardedLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        items = [str(item) for item in loader.construct_sequence(node)]
    else:
        items = [str(loader.construct_scalar(node))]  # type: ignore[arg-type]
    names, default = (items[:-1], items[-1]) if len(items) > 1 else (items, None)
    return next((os.environ[name] for name in names if name in os.environ), default)


def _python(loader: GuardedLoader, suffix: str, node: yaml.Node) -> _Tagged | _TaggedMap | _TaggedList:
    value: _Tagged | _TaggedMap | _TaggedList
    if isinstance(node, yaml.MappingNode):
        value = _TaggedMap(loader.construct_mapping(node, deep=True))
    elif isinstance(node, yaml.SequenceNode):
        value = _TaggedList(loader.construct_sequence(node, deep=True))
    else:
        value = _Tagged(loader.construct_scalar(node))  # type: ignore[arg-type]
    value.tag = f"tag:yaml.org,2002:python/{suffix}"
    return value


_Loader.add_constructor("!ENV", _env)  # type: ignore[type-var]
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", _python)
Dumper.add_representer(_Tagged, lambda dumper, data: dumper.represent_scalar(data.tag, str(data)))
Dumper.add_representer(_TaggedMap, lambda dumper, data: dumper.represent_mapping(data.tag, dict(data)))
Dumper.add_representer(_TaggedList, lambda dumper, data: dumper.represent_sequence(data.tag, list(data)))


def read_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml, with its environment variables read; a file that is not a YAML mapping is one line."""
    try:
        config, _root = load_yaml(path.read_text(encoding="utf-8"), loader_class=_Loader)
    except OSError as exc:
        raise BuildError(f"{path}: cannot be read ({exc.strerror})") from None
    except UnicodeDecodeError:
        raise BuildError(f"{path}: not UTF-8 text; save it as UTF-8") from None
    except YamlProblem as exc:
        raise BuildError(f"{path}{f':{exc.line}' if exc.line else ''}: {one_line(exc.message)}") from None
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
