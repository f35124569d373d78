"""Imported once by the process `tests.commands` forks each command from: what `python -m generator` and
`python -m mkdocs` import on every run, and the trained model, loaded as `trained_pipeline` loads it. The first
command of a forked process to ask for the model gets this one (its own copy, as the process is a fork); anything
that asks again in that process loads it as usual."""

from __future__ import annotations

import contextlib
import importlib
import io
import os
import sys

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


# The fork server ignores an import that fails and stops on any other error: whatever fails here leaves the
# commands to load what they need themselves.
with (
    contextlib.suppress(Exception),
    contextlib.redirect_stdout(io.StringIO()),
    contextlib.redirect_stderr(io.StringIO()),
):
    _preload()
sys.stdout.flush()
sys.stderr.flush()
