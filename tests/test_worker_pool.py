"""The build's worker pools end quietly when a server has a SIGTERM handler (`mkdocs serve` installs one)."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from tests.conftest import ROOT

SCRIPT = textwrap.dedent(
    """
    import os, signal
    from generator.build.forked import worker_pool

    def stop(signum, frame):  # what the plugin installs for `mkdocs serve`
        raise KeyboardInterrupt

    def mark(tag):
        os.environ["MARK"] = tag

    def work(x):
        return os.environ.get("MARK", "") + str(x * 2)

    signal.signal(signal.SIGTERM, stop)
    for _ in range(30):  # a pool's end races its workers' exit: one pool alone shows the traceback one time in five
        with worker_pool(2, mark, ("w",)) as pool:
            assert sorted(pool.imap(work, range(4))) == ["w0", "w2", "w4", "w6"]
    print("done")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="spawned workers cannot import a function of `python -c`")
def test_a_pool_ended_under_a_servers_sigterm_handler_prints_no_traceback() -> None:
    done = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "done"
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr[-2000:]


SLOW_START = textwrap.dedent(
    """
    import os, signal, time
    from generator.build import forked

    def stop(signum, frame):  # what the plugin installs for `mkdocs serve`
        raise KeyboardInterrupt

    start = forked._start

    def late_start(*args):  # a worker slow to start: the signal reaches it before it has set its own
        time.sleep(0.5)
        start(*args)

    forked._start = late_start
    signal.signal(signal.SIGTERM, stop)
    pool = forked.worker_pool(2)
    for worker in list(pool._pool):
        os.kill(worker.pid, signal.SIGTERM)
    time.sleep(1)
    pool.terminate()
    pool.join()
    print("done")
    """
)


@pytest.mark.skipif(sys.platform == "win32", reason="spawned workers inherit no handler")
def test_a_worker_ended_before_it_has_set_its_signals_ends_quietly() -> None:
    done = subprocess.run([sys.executable, "-c", SLOW_START], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "done", done.stderr[-2000:]
    assert "Traceback" not in done.stderr and "KeyboardInterrupt" not in done.stderr, done.stderr[-2000:]
