"""After a server's first build: the work its first edit would start with, done while the server waits for it.

A server's first build is often the stored site given back whole (nothing changed since the last build), so no
article is read, no extraction or model is loaded, and nothing is assembled or rendered in memory. The first edit
then did all of that before its own work: at 1,000 real articles, in one process, it took 18.8 s, against 3.4 s
for later edits (loading the model alone takes 1.3 s). So once that first build has ended, a thread of its own
builds the site in memory as the first edit's build would (nothing is written: what it makes is kept for the next
build, see `core.kept`) and loads the model. When the first build built the site itself, only the model is left
to load.

An edit saved meanwhile waits for the warm-up, whose work its build would have done first. The warm-up does not
hold the interpreter longer than Python's interval, so the server answers the browser's requests meanwhile. A
warm-up that fails says nothing: the next build reads the same files and says what is wrong with them.
"""

from __future__ import annotations

import logging
import threading

from generator.build.cache import BuildInputs
from generator.build.collector import after_build, collect_when_idle, in_background

log = logging.getLogger("mkdocs.plugins.explainer")

_LOCK = threading.Lock()  # held while a warm-up runs: a build waits for it


def wait() -> None:
    """A server's build starts: a warm-up still running ends first."""
    with _LOCK:
        pass


def after_first_build(inputs: BuildInputs, whole: bool) -> None:
    """A server's first build (`whole`: given back from the stored site, so the site is built in memory too):
    warm up for the first edit once the build has ended."""
    after_build(lambda: _start(inputs, whole))


def _start(inputs: BuildInputs, whole: bool) -> None:
    _LOCK.acquire()  # here, not in the thread: no build starts before the warm-up has
    try:
        threading.Thread(target=_warm, args=(inputs, whole), name="explainer-warm-up", daemon=True).start()
    except BaseException:
        _LOCK.release()
        raise


def _warm(inputs: BuildInputs, whole: bool) -> None:
    try:
        in_background()
        from generator.build.pipeline import build_outputs, load_model  # (the pipeline imports this module's caller)

        if whole:
            build_outputs(inputs)
        load_model(inputs)
    except BaseException as exc:  # the next build says what is wrong, as it would have without the warm-up
        log.debug("explainer: the warm-up for the first edit stopped: %s", exc)
    finally:
        collect_when_idle()  # what it left behind is collected while idle, as after a build
        _LOCK.release()
