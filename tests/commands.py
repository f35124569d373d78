"""`python -m MODULE ARGS` for the suite, in a process forked from one that has already imported MkDocs, Material,
the generator and spaCy, and loaded the model (`tests.preload`), instead of a new interpreter that imports and loads
them again (some 0.5 s for each command, 2 s for each that reads text).

Each command still runs in a process of its own, as a user's does: with its own working folder, environment,
module path (the folder, then PYTHONPATH, then the interpreter's), standard input and output, and exit status;
memory that no earlier command of the suite has touched; the module run as `__main__`, its threads waited for and
its `atexit` functions run at the end. What it shares with the other commands of a test process is what
`python -m` would load the same way each time: the imported modules (what they read from the environment as they
were imported, they read from the suite's, with no test's changes) and the loaded model; and what an interpreter
settles as it starts: the string-hashing seed (the tests of byte-identical output across processes start
interpreters of their own, `fresh=True`) and the `PYTHON…` variables other than PYTHONPATH. It ends when the
command's process does: a process the command started and left running is not waited for."""

from __future__ import annotations

import contextlib
import locale
import multiprocessing
import os
import subprocess
import sys
import tempfile
import threading
from multiprocessing import connection, forkserver
from pathlib import Path

_CONTEXT = multiprocessing.get_context("forkserver") if sys.platform != "win32" else None
if _CONTEXT is not None:
    _CONTEXT.set_forkserver_preload(["tests.preload"])
ROOT = Path(__file__).resolve().parent.parent
_ENVIRONMENT = dict(os.environ)  # the suite's, as it started
_LOCK = threading.Lock()  # a process started or reaped by one thread at a time: each reads others' exit statuses
_started = False


def _start_server() -> None:
    """The fork server, started once, in the project's folder (it finds `tests.preload` by the folder it starts in:
    Python 3.11's fork server is given the suite's module path but does not set it, and another package named
    `tests` may be installed) and with the suite's environment as it started."""
    global _started
    if _started:
        return
    changed = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(_ENVIRONMENT)
        with contextlib.chdir(ROOT):
            forkserver.ensure_running()
        _started = True
    finally:
        os.environ.clear()
        os.environ.update(changed)


def python_m(
    module: str,
    *args: str,
    cwd: Path | str | None = None,
    env: dict[str, str] | None = None,
    input: str | bytes | None = None,
    timeout: float | None = None,
    text: bool = True,
    fresh: bool = False,
) -> subprocess.CompletedProcess:
    """What `subprocess.run([sys.executable, "-m", module, *args], capture_output=True, check=False, ...)` gives:
    the exit status and what the command printed (`text`: as text, and `input` given as text). `fresh`: in a new
    interpreter after all."""
    command = [sys.executable, "-m", module, *args]
    if fresh or _CONTEXT is None:
        return subprocess.run(command, cwd=cwd, env=env, input=input, timeout=timeout, text=text,
                              capture_output=True, check=False)  # fmt: skip
    where = str(cwd or os.getcwd())
    if not os.path.isdir(where):
        raise FileNotFoundError(where)
    if isinstance(input, bytes if text else str):
        raise TypeError(f"input as {'text' if text else 'bytes'}, as `subprocess.run` takes it")
    encoding = locale.getpreferredencoding(False)
    with tempfile.TemporaryDirectory(prefix="command-") as folder:
        streams = [Path(folder, name) for name in ("in", "out", "err")]
        streams[0].write_bytes(input.encode(encoding) if isinstance(input, str) else input or b"")
        for stream in streams[1:]:
            stream.touch()
        environment = dict(os.environ if env is None else env)
        process = _CONTEXT.Process(target=_run, args=(module, list(args), where, environment, streams))
        with _LOCK:
            _start_server()
            process.start()
        try:
            connection.wait([process.sentinel], timeout)
            with _LOCK:
                process.join(0)
            if process.exitcode is None:
                raise subprocess.TimeoutExpired(command, timeout or 0, *(p.read_bytes() for p in streams[1:]))
        except BaseException:
            with _LOCK:
                process.kill()
                process.join()
            raise
        out, err = (p.read_bytes() for p in streams[1:])
    if text:  # as `subprocess.run` reads them: in the locale's encoding, with universal newlines
        out, err = (data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n") for data in (out, err))
    return subprocess.CompletedProcess(command, process.exitcode, out, err)


def _run(module: str, args: list[str], cwd: str, env: dict[str, str], streams: list[Path]) -> None:
    """In the forked process: `python -m module args` as the interpreter runs it, then exit with its status."""
    import atexit
    import runpy

    from tests.preload import BASE_PATH

    for fd, (path, mode) in enumerate(zip(streams, (os.O_RDONLY, os.O_WRONLY, os.O_WRONLY), strict=True)):
        opened = os.open(path, mode)
        os.dup2(opened, fd)
        os.close(opened)
    sys.stdin = open(0, encoding=sys.stdout.encoding, closefd=False)  # noqa: SIM115 - the process's own stdin
    os.chdir(cwd)
    os.environ.clear()
    os.environ.update(env)
    sys.path[:] = [cwd, *filter(None, env.get("PYTHONPATH", "").split(os.pathsep)), *BASE_PATH]
    sys.argv = ["-m", *args]
    code = 0
    try:
        runpy.run_module(module, run_name="__main__", alter_sys=True)
    except SystemExit as stop:
        if isinstance(stop.code, int) or stop.code is None:
            code = stop.code or 0
        else:
            print(stop.code, file=sys.stderr)
            code = 1
    except BaseException:
        sys.excepthook(*sys.exc_info())
        code = 1
    finally:
        threading._shutdown()  # type: ignore[attr-defined] - as the interpreter ends: its threads first
        atexit._run_exitfuncs()
        for stream in (sys.stdout, sys.stderr):
            stream.flush()
    os._exit(code)
