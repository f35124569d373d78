"""Material's search parse of a dirty rebuild's pages, run in a helper process beside the build.

After one edited article a server's rebuild writes a handful of pages, and Material's search plugin parses each one's
HTML as MkDocs writes it: at 1,000 articles the timeline's month page, its first page and the sources index cost
0.15 s of a 2 s rebuild. Every page's HTML is final once MkDocs has read them all (`on_env`), well before it writes
them, so a server hands the pages it will write to a helper process then, and takes each page's entries back when
Material would parse it: the parse runs on another core while MkDocs does the rest.

The helper runs Material's own indexing (`SearchIndex.add_entry_from_context`) on what that reads of a page: its
HTML, address, table of contents and the front matter it looks at, so the entries are the ones Material makes in
the build's process. Jobs and answers are JSON lines on the helper's standard input and output (data, never
code). A page the helper cannot take (front matter that is not plain data, a helper that died or is slow to
answer) is parsed in the build's process as before; the helper is started again on the next rebuild.

Run as a script, this module is the helper.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

MAX_PAGES = 200  # pages of one rebuild handed over at most: a rebuild of the whole site parses in its own process
PATIENCE = 10.0  # seconds a page's entries may keep the build waiting before the helper is given up
PIPE_SIZE = 1 << 20  # each pipe (Linux; the most an unprivileged process may ask): a rebuild's pages sent at once


def _toc(items: Iterable[Any]) -> list[Any]:
    """A table of contents as Material reads it (`id`, `url`, `children`), as lists."""
    return [[item.id, item.url, _toc(item.children)] for item in items]


def _job(number: int, page: Any) -> bytes | None:
    """A page as the helper reads it, one line of JSON; None for front matter Material reads that is not plain
    data."""
    meta = {key: page.meta.get(key) for key in ("search", "tags")} | {"title": str(page.meta.get("title", page.title))}
    fields = {"n": number, "content": page.content, "url": page.url, "toc": _toc(page.toc), "meta": meta}
    try:
        return json.dumps(fields, allow_nan=False).encode("ascii") + b"\n"
    except (TypeError, ValueError):
        return None


class SearchHelper:
    """A server's helper process, and the pages of the current rebuild handed to it."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.sent: dict[str, tuple[int, str]] = {}  # page -> (job number, the HTML sent), this rebuild
        self.answers: dict[int, Any] = {}
        self.buffer = b""
        self.number = 0

    def submit(self, pages: list[Any]) -> None:
        """Hand `pages` (MkDocs pages, read, not yet written) to the helper, started if it is not running."""
        self.sent, self.answers = {}, {}
        searched = [p for p in pages if p.content and not (p.meta.get("search") or {}).get("exclude")]
        if not searched or len(searched) > MAX_PAGES or not self.start():
            return
        jobs = []
        for page in searched:
            self.number += 1
            job = _job(self.number, page)
            if job is not None:
                self.sent[page.file.src_uri] = (self.number, page.content)
                jobs.append(job)
        assert self.process is not None and self.process.stdin is not None
        _send(self.process.stdin.fileno(), b"".join(jobs))

    def install(self, index: Any) -> None:
        """Have Material's search `index` take a page's entries from the helper when it was handed over."""
        material = index.add_entry_from_context

        def add_entry_from_context(page: Any) -> None:
            entries = self._entries(page)
            if entries is None:
                material(page)
            else:
                index.entries.extend(entries)

        index.add_entry_from_context = add_entry_from_context

    def _entries(self, page: Any) -> list[Any] | None:
        sent = self.sent.pop(page.file.src_uri, None)
        if sent is None or sent[1] is not page.content:  # not handed over, or changed since by another plugin
            return None
        number, _content = sent
        deadline = time.monotonic() + PATIENCE
        while number not in self.answers:
            if self.process is None or not self._read(deadline):
                self.stop()
                return None
        answer = self.answers.pop(number)
        return answer.get("entries") if isinstance(answer, dict) else None

    def _read(self, deadline: float) -> bool:
        """Read what the helper has answered (waiting until `deadline`); False when it is gone or too slow."""
        assert self.process is not None and self.process.stdout is not None
        stream = self.process.stdout.fileno()
        ready, _, _ = select.select([stream], [], [], max(0.0, deadline - time.monotonic()))
        chunk = os.read(stream, PIPE_SIZE) if ready else b""
        if not chunk:
            return False
        *lines, self.buffer = (self.buffer + chunk).split(b"\n")
        try:
            for line in lines:
                answer = json.loads(line)
                self.answers[answer["n"]] = answer
        except (ValueError, KeyError, TypeError):  # not an answer: the helper is given up
            return False
        return True

    def start(self) -> bool:
        """Start the helper unless it is running (a server starts it with its first build: it loads Material's
        search plugin meanwhile); False where it cannot run."""
        if self.process is not None and self.process.poll() is None:
            return True
        self.stop()
        if os.name != "posix":  # (waiting for its answers uses `select` on a pipe)
            return False
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-I", os.path.abspath(__file__)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        except OSError:
            return False
        assert self.process.stdin is not None and self.process.stdout is not None
        for stream in (self.process.stdin.fileno(), self.process.stdout.fileno()):
            _widen(stream)
        os.set_blocking(self.process.stdin.fileno(), False)
        return True

    def stop(self) -> None:
        """End the helper (the pages handed to it are parsed in the build's process)."""
        process, self.process, self.sent, self.answers, self.buffer = self.process, None, {}, {}, b""
        if process is not None:
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()
            process.kill()
            process.wait()


def _send(stream: int, data: bytes) -> None:
    """Write `data` to the helper's (non-blocking) input: what the pipe takes at once now, the rest from a thread of
    its own, so the build goes on while the helper reads (a thread waits for the interpreter between writes, which a
    build holds for long stretches: `collector.BUILD_SWITCH`)."""
    with contextlib.suppress(BlockingIOError, OSError):
        data = data[os.write(stream, data) :]
    if data:  # the thread writes to a copy of the pipe's end: a helper stopped meanwhile closes only its own
        threading.Thread(target=_send_rest, args=(os.dup(stream), data), daemon=True).start()


def _send_rest(stream: int, data: bytes) -> None:
    try:
        while data:
            select.select([], [stream], [])
            with contextlib.suppress(BlockingIOError):
                data = data[os.write(stream, data) :]
    except (OSError, ValueError):  # the helper is gone: nothing to write to
        pass
    finally:
        os.close(stream)


def _widen(stream: int) -> None:
    """A pipe that holds a rebuild's pages, or a large page's entries, whole (Linux; elsewhere as it is)."""
    try:
        import fcntl

        fcntl.fcntl(stream, getattr(fcntl, "F_SETPIPE_SZ", 1031), PIPE_SIZE)
    except (ImportError, OSError):
        pass


class _TocItem:
    def __init__(self, fields: list[Any]) -> None:
        self.id, self.url = fields[0], fields[1]
        self.children = [_TocItem(child) for child in fields[2]]


class _Page:
    """What Material's indexing reads of a page."""

    def __init__(self, job: dict[str, Any]) -> None:
        self.content, self.url, self.meta = job["content"], job["url"], job["meta"]
        self.title = self.meta["title"]
        self.toc = [_TocItem(item) for item in job["toc"]]


def serve(jobs: Iterable[bytes], write: Callable[[bytes], Any]) -> None:
    """The helper: each job's page indexed by Material, its entries (or what went wrong) answered in turn."""
    from material.plugins.search.plugin import SearchIndex

    for line in jobs:
        job = json.loads(line)
        try:
            index = SearchIndex()
            index.add_entry_from_context(_Page(job))
            answer: dict[str, Any] = {"n": job["n"], "entries": index.entries}
        except Exception as exc:  # the build parses the page itself
            answer = {"n": job["n"], "error": f"{type(exc).__name__}: {exc}"}
        write(json.dumps(answer).encode("ascii") + b"\n")


if __name__ == "__main__":
    serve(sys.stdin.buffer, lambda data: (sys.stdout.buffer.write(data), sys.stdout.buffer.flush()))
