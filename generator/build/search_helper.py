"""Material's search parse of a dirty rebuild's pages, run in a helper process beside the build.

After one edited article a server's rebuild writes a handful of pages, and Material's search plugin parses each one's
HTML as MkDocs writes it: at 1,000 articles the timeline's month page, its first page and the sources index cost
0.15 s of a 2 s rebuild. MkDocs reads every page (`on_env`) before it writes any, so a server hands the pages it will
write to a helper process then, and takes each page's entries back when Material would parse it: the parse runs on
another core while MkDocs does the rest.

The helper runs Material's own indexing (`SearchIndex.add_entry_from_context`, with the build's import path) on what
that reads of a page: its HTML, address, table of contents and the front matter it looks at. A page is handed over
only when all of that is plain JSON data (a tuple of tags, which Material passes by, would reach the helper as a
list), and its entries are taken back only while all of it is as it was handed over; a site that splits Chinese
words for search (`jieba`, which Material sets up in the build's process) parses in its own process. Jobs and
answers are JSON lines on the helper's standard input and output (data, never code). A page the helper does not
answer for (it died, answered garbage or kept the build waiting) is parsed in the build's process as before; a new
helper is started for the next rebuild, up to `GIVE_UP_AFTER` times.
"""

from __future__ import annotations

import contextlib
import json
import os
import selectors
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import Any

from generator.build.page_cache import MATERIAL_META, toc_data

MAX_PAGES = 200  # pages of one rebuild handed over at most: a rebuild of the whole site parses in its own process
PATIENCE = 10.0  # seconds a page's entries may keep the build waiting before the helper is given up
PIPE_SIZE = 1 << 20  # each pipe (Linux; the most an unprivileged process may ask): a rebuild's pages sent at once
GIVE_UP_AFTER = 3  # helpers of one server that failed, after which its builds parse in their own process


def _fields(page: Any) -> dict[str, Any]:
    """What Material's indexing reads of a page besides its HTML."""
    meta = {key: page.meta.get(key) for key in MATERIAL_META} | {"title": str(page.meta.get("title", page.title))}
    return {"url": page.url, "toc": toc_data(list(page.toc)), "meta": meta}


def _plain(fields: dict[str, Any]) -> bytes | None:
    """`fields` as JSON when they read back as they are (plain data), else None."""
    try:
        text = json.dumps(fields, allow_nan=False)
    except (TypeError, ValueError):
        return None
    return text.encode("ascii") if json.loads(text) == fields else None


class SearchHelper:
    """A server's helper process, and the pages of the current rebuild handed to it."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[bytes] | None = None
        self.waiting: selectors.BaseSelector | None = None  # for the helper's answers
        self.sent: dict[str, tuple[int, str, dict[str, Any]]] = {}  # page -> job number, the HTML and fields sent
        self.answers: dict[int, Any] = {}
        self.buffer = b""
        self.number = 0
        self.failures = 0

    def begin(self) -> None:
        """A new build: pages an earlier build handed over and did not take back (it failed, or indexed them
        otherwise) end the helper, whose answers for them would come first."""
        if self.sent:
            self.stop(failed=False)

    def submit(self, pages: list[Any]) -> None:
        """Hand `pages` (MkDocs pages, read, not yet written) to the helper, started if it is not running."""
        from material.plugins.search import plugin as material

        searched = [page for page in pages if page.content]
        if not searched or len(searched) > MAX_PAGES or material.jieba is not None or not self.start():
            return
        jobs = []
        for page in searched:
            fields = _fields(page)
            plain = _plain(fields)
            if plain is not None:
                self.number += 1
                content = json.dumps(page.content).encode("ascii")
                jobs.append(b'{"n": %d, "content": %s, "fields": %s}\n' % (self.number, content, plain))
                self.sent[page.file.src_uri] = (self.number, page.content, fields)
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
        if sent is None or sent[1] is not page.content or sent[2] != _fields(page):  # changed since it was sent
            return None
        number = sent[0]
        deadline = time.monotonic() + PATIENCE
        while number not in self.answers:
            if not self._read(deadline):
                self.stop()
                return None
        entries = self.answers.pop(number).get("entries")  # none: Material failed on it, and says why in the build
        if not isinstance(entries, list) or not all(isinstance(entry, dict) for entry in entries):
            return None
        return entries

    def _read(self, deadline: float) -> bool:
        """Read what the helper has answered (waiting until `deadline`); False when it is gone, too slow or not
        answering in answers."""
        if self.process is None or self.waiting is None or self.process.stdout is None:
            return False
        if not self.waiting.select(max(0.0, deadline - time.monotonic())):
            return False
        chunk = os.read(self.process.stdout.fileno(), PIPE_SIZE)
        if not chunk:
            return False
        *lines, self.buffer = (self.buffer + chunk).split(b"\n")
        try:
            for line in lines:
                answer = json.loads(line)
                self.answers[answer["n"]] = answer
        except (ValueError, KeyError, TypeError):
            return False
        return True

    def start(self) -> bool:
        """Start the helper unless it is running (a server starts it with its first build: it loads Material's
        search plugin meanwhile); False where it cannot run or has failed too often."""
        if self.process is not None and self.process.poll() is None:
            return True
        self.stop(failed=self.process is not None)
        if self.failures >= GIVE_UP_AFTER or os.name != "posix":  # (answers are waited for with a selector and jobs
            return False  # written without blocking: POSIX pipes)
        paths = [path for path in sys.path if path]  # the build's: the helper imports what the build imported
        code = f"import sys; sys.path[:0] = {paths!r}; from generator.build.search_helper import main; main()"
        try:
            process = subprocess.Popen(
                [sys.executable, "-I", "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
            )  # fmt: skip
        except OSError:
            self.failures += 1
            return False
        assert process.stdin is not None and process.stdout is not None
        for stream in (process.stdin.fileno(), process.stdout.fileno()):
            _widen(stream)
        os.set_blocking(process.stdin.fileno(), False)
        self.process, self.waiting = process, selectors.DefaultSelector()
        self.waiting.register(process.stdout.fileno(), selectors.EVENT_READ)
        return True

    def stop(self, failed: bool = True) -> None:
        """End the helper (the pages handed to it are parsed in the build's process); `failed`: it is counted
        against `GIVE_UP_AFTER`."""
        process, waiting, self.process, self.waiting = self.process, self.waiting, None, None
        self.sent, self.answers, self.buffer = {}, {}, b""
        if waiting is not None:
            waiting.close()
        if process is not None:
            self.failures += failed
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
    deadline = time.monotonic() + PATIENCE
    try:
        with selectors.DefaultSelector() as writable:
            writable.register(stream, selectors.EVENT_WRITE)
            while data and writable.select(max(0.0, deadline - time.monotonic())):
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

        fcntl.fcntl(stream, fcntl.F_SETPIPE_SZ, PIPE_SIZE)
    except (ImportError, AttributeError, OSError):
        pass


class _TocItem:
    """A table of contents' entry as Material reads it (MkDocs' `AnchorLink`: its address is its anchor)."""

    def __init__(self, fields: dict[str, Any]) -> None:
        self.id, self.url = fields["id"], "#" + fields["id"]
        self.children = [_TocItem(child) for child in fields["children"]]


class _Page:
    """What Material's indexing reads of a page."""

    def __init__(self, content: str, fields: dict[str, Any]) -> None:
        self.content, self.url, self.meta = content, fields["url"], fields["meta"]
        self.title = self.meta["title"]
        self.toc = [_TocItem(item) for item in fields["toc"]]


def serve(jobs: Iterable[bytes], write: Callable[[bytes], Any]) -> None:
    """The helper: each job's page indexed by Material, its entries (or what went wrong) answered in turn; a line
    that is not a job ends it (the build then parses its pages itself)."""
    from material.plugins.search.plugin import SearchIndex

    for line in jobs:
        try:
            job = json.loads(line)
            number, page = job["n"], _Page(job["content"], job["fields"])
        except (ValueError, KeyError, TypeError):
            return
        try:
            index = SearchIndex()
            index.add_entry_from_context(page)
            answer: dict[str, Any] = {"n": number, "entries": index.entries}
        except Exception as exc:  # the build parses the page itself, and says what is wrong with it
            answer = {"n": number, "error": f"{type(exc).__name__}: {exc}"}
        write(json.dumps(answer).encode("ascii") + b"\n")


def main() -> None:
    serve(sys.stdin.buffer, lambda data: (sys.stdout.buffer.write(data), sys.stdout.buffer.flush()))
