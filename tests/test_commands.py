"""The suite's commands run in processes forked from one that has imported everything (`tests.commands`): each sees
what a new interpreter running `python -m` would see."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.commands import ROOT, python_m


def _both(*args: str, cwd: Path, **options: object) -> list[subprocess.CompletedProcess]:
    return [python_m("tests.command_probe", *args, cwd=cwd, fresh=fresh, **options) for fresh in (False, True)]


def test_a_forked_command_sees_its_folder_arguments_environment_and_input_and_exits_as_a_new_one(
    tmp_path: Path,
) -> None:
    env = dict(os.environ, PROBE_VARIABLE="é", PYTHONPATH=str(ROOT))  # a new interpreter finds the probe so
    for code in ("0", "3"):
        forked, fresh = _both(code, cwd=tmp_path, env=env, input="line one\nline two\n")
        assert forked.returncode == fresh.returncode == int(code)
        assert forked.stdout == fresh.stdout and forked.stderr == fresh.stderr == "to standard error\n"
        seen = json.loads(forked.stdout.splitlines()[0])
        assert seen["path"][:2] == [str(tmp_path), str(ROOT)]  # the folder, PYTHONPATH, then the interpreter's
        assert seen == {"cwd": str(tmp_path), "argv": [code], "variable": "é", "stdin": "line one\nline two\n",
                        "marked": False, "path": seen["path"]}  # fmt: skip
        assert forked.stdout.splitlines()[1:] == ["at exit"]
    forked, fresh = _both("refused: a message", cwd=tmp_path, env=env)
    assert forked.returncode == fresh.returncode == 1
    assert forked.stderr == fresh.stderr == "to standard error\nrefused: a message\n"
    forked, fresh = _both("raise", cwd=tmp_path, env=env, input=None, text=False)
    assert forked.returncode == fresh.returncode == 1 and forked.stdout == fresh.stdout
    for done in (forked, fresh):
        lines = done.stderr.decode().splitlines()
        assert lines[:2] == ["to standard error", "Traceback (most recent call last):"]
        assert lines[-1] == "LookupError: an uncaught error"


def test_a_command_that_fails_prints_the_traceback_and_one_that_hangs_is_stopped(tmp_path: Path) -> None:
    forked = python_m("json.tool", cwd=tmp_path, input="{not json")
    fresh = python_m("json.tool", cwd=tmp_path, input="{not json", fresh=True)
    assert forked.returncode == fresh.returncode == 1 and forked.stderr == fresh.stderr != ""
    broken = python_m("generator", "quotes", str(tmp_path / "missing.txt"), cwd=tmp_path)
    assert broken.returncode != 0 and "Traceback" not in broken.stderr and "missing.txt" in broken.stderr
    with pytest.raises(subprocess.TimeoutExpired):
        python_m("http.server", "--bind", "127.0.0.1", "0", cwd=tmp_path, timeout=1)


def test_the_first_model_a_command_asks_for_is_the_loaded_one_and_the_next_is_loaded_afresh(tmp_path: Path) -> None:
    done = python_m("tests.command_probe", "0", "model", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    loaded, distinct, same_pipes, pipes = json.loads(done.stdout.splitlines()[0])["model"]
    assert loaded and distinct and same_pipes and "parser" in pipes and "ner" in pipes
