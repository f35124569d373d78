"""The layout carries the design: stages import only earlier stages, no cycles, small modules and functions."""

from __future__ import annotations

import ast
import functools
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "generator"
# The pipeline's stages in order; a module may import its own stage and earlier ones, never a later one.
STAGES = [
    "core",
    "config",
    "ingest",
    "nlp",
    "extract",
    "assemble",
    "publish",
    "build",
    "editor",
    "listing",
    "cli_options",
    "cli_text",
    "cli",
    "plugin",
]
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """Every generator module a file imports, at the top or inside a function."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("generator"):
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in MODULES else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return {name for name in found if name in MODULES}


@functools.cache
def graph() -> dict[str, set[str]]:
    """Each generator module's imports: parsed when a test first asks (every xdist worker imports this file to
    collect it, and one of them runs its tests)."""
    return {name: imports(path) for name, path in MODULES.items()}


def stage(module: str) -> int:
    parts = module.split(".")
    return STAGES.index(parts[1]) if len(parts) > 1 and parts[1] in STAGES else -1


def test_every_module_belongs_to_a_stage() -> None:
    assert [m for m in MODULES if m != "generator" and stage(m) < 0 and m != "generator.__main__"] == []


def test_stages_import_only_earlier_stages() -> None:
    backwards = [
        f"{module} imports {target}"
        for module, targets in graph().items()
        for target in targets
        if stage(module) >= 0 and stage(target) > stage(module)
    ]
    assert backwards == []


def test_no_import_cycles() -> None:
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    cycles: list[str] = []

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph()[module]):
            if state.get(target) == 1:
                cycles.append(" -> ".join([*path[path.index(target) :], target]))
            elif target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in sorted(graph()):
        if module not in state:
            visit(module, [module])
    assert cycles == []


def test_modules_are_small() -> None:
    sizes = {name: len(path.read_text(encoding="utf-8").splitlines()) for name, path in MODULES.items()}
    assert {name: n for name, n in sizes.items() if n > MAX_MODULE_LINES} == {}


def test_functions_are_short() -> None:
    long = []
    for name, path in MODULES.items():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                lines = (node.end_lineno or node.lineno) - node.lineno + 1
                if lines > MAX_FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {lines} lines")
    assert long == []


@pytest.mark.parametrize(
    ("module", "absent"),
    [
        ("generator.ingest.articles", ["spacy", "vaderSentiment", "generator.extract", "jinja2"]),
        ("generator.build.site_cache", ["spacy", "vaderSentiment", "generator.extract", "jinja2"]),
        ("generator.config", ["spacy", "generator.ingest"]),
        # every command starts here: spaCy (a second to import) is loaded only when a model is, so a build that
        # reads everything from its cache, a refusal and `mkdocs build` of an unchanged site never import it
        ("generator.cli", ["spacy", "thinc"]),
        # the plugin: `mkdocs build` of an unchanged site is served from the cache, and loads no extraction, assembly
        # or page templating (a third of such a build's time went to importing them)
        ("generator.plugin", ["spacy", "thinc", "generator.build.pipeline", "generator.extract", "generator.assemble",
                              "generator.publish.templating", "generator.publish.render", "rapidfuzz", "icalendar"]),
        ("generator.build.pipeline", ["spacy", "thinc"]),
    ],
)
def test_importing_an_early_stage_loads_nothing_later(module: str, absent: list[str]) -> None:
    code = f"import sys, {module}; print(sorted(m for m in sys.modules if m.split('.')[0] in {absent!r} or "
    code += f"any(m.startswith(a) for a in {absent!r})))"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_one_slug_function_reads_any_script() -> None:
    from generator.core.text import file_slug, slug

    assert slug("Curaçao") == "curacao" and slug("Володимир Зеленський") == "volodimir-zelenskii"
    assert slug("!!!", "actor") == "actor"
    assert file_slug("000_a5c0679ffe64ab60") == "000_a5c0679ffe64ab60" and file_slug("a#b?c=1&d%20e") == "a-b-c-1-d-20e"


def test_extractions_are_keyed_by_the_stages_before_assembly() -> None:
    from generator.build.cache import EXTRACTION_STAGES

    stages = [s for s in EXTRACTION_STAGES if "/" not in s]
    assert stages == STAGES[: STAGES.index("extract") + 1]
