"""Run by `tests/test_commands.py` as a command (`python -m tests.command_probe EXIT [model]`): prints what it
sees of its process as JSON, leaves a mark for a later command to look for, and exits with EXIT (a number, a
message, or `raise`: an uncaught error)."""

from __future__ import annotations

import atexit
import json
import os
import sys

import generator.core.text

atexit.register(print, "at exit")
seen = {
    "cwd": os.getcwd(),
    "argv": sys.argv[1:],
    "variable": os.environ.get("PROBE_VARIABLE"),
    "stdin": sys.stdin.read(),
    "marked": hasattr(generator.core.text, "probe_mark"),  # left by an earlier command of the suite
    "path": sys.path,
}
generator.core.text.probe_mark = True  # type: ignore[attr-defined]
if sys.argv[2:] == ["model"]:  # the first model a command asks for is the loaded one, as a fresh load makes it
    from generator.nlp.pipeline import trained_pipeline

    first, second = trained_pipeline(), trained_pipeline()
    loaded = getattr(sys.modules.get("tests.preload"), "_LOADED", None)  # None: a new interpreter
    seen["model"] = [first is loaded, first is not second, first.pipe_names == second.pipe_names, first.pipe_names]
print(json.dumps(seen), flush=True)
print("to standard error", file=sys.stderr)
code = sys.argv[1]
if code == "raise":
    raise LookupError("an uncaught error")
sys.exit(int(code) if code.isdigit() else code)
