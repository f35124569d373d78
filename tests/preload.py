"""Imported once by the process `tests.commands` forks each command from: what `python -m generator` and
`python -m mkdocs` import on every run, and the trained model, loaded as `trained_pipeline` loads it. The first
command of a forked process to ask for the model gets this one (its own copy, as the process is a fork); anything
that asks again in that process, or in a process it forks, loads it as usual."""

from __future__ import annotations

import contextlib
import importlib
import os
import sys

# The module path a new interpreter starts with, after its first entry (the folder of `python -m`) and the
# folders of PYTHONPATH: this process was started as one, with `python -c` (`tests.commands` gives each command
# its own first entry and PYTHONPATH).
BASE_PATH = [entry for entry in sys.path[1:] if entry not in os.environ.get("PYTHONPATH", "").split(os.pathsep)]
_LOADED: object = None
_TAKEN = False  # by this process or the one it was forked from


def _preload() -> None:
    global _LOADED
    for name in ("mkdocs.__main__", "mkdocs.commands.build", "generator.cli", "generator.plugin"):
        importlib.import_module(name)
    del sys.modules["mkdocs.__main__"]  # what it imports stays; it runs afresh, as `__main__`
    from mkdocs.config import load_config

    from generator.nlp import pipeline

    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    load_config(os.path.join(root, "mkdocs.yml"))  # the theme's, the plugins' and the extensions' modules
    loader = pipeline.trained_pipeline
    _LOADED = loader()

    def trained_pipeline():  # type: ignore[no-untyped-def]
        global _TAKEN
        if _TAKEN:
            return loader()
        _TAKEN = True
        return _LOADED

    pipeline.trained_pipeline = trained_pipeline


@contextlib.contextmanager
def _quiet() -> object:
    """Standard output and error sent nowhere at the level of the process's files, so what the imports print is
    not shown, and what keeps `sys.stderr` from them (a logging handler) writes to each command's own."""
    sys.stdout.flush()
    sys.stderr.flush()
    kept = os.dup(1), os.dup(2)
    nowhere = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(nowhere, 1)
        os.dup2(nowhere, 2)
        yield None
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        for fd, old in enumerate(kept, start=1):
            os.dup2(old, fd)
            os.close(old)
        os.close(nowhere)


# The fork server ignores an import that fails and stops on any other error: whatever fails here leaves the
# commands to load what they need themselves.
with _quiet(), contextlib.suppress(Exception):
    _preload()
