"""`mkdocs serve` rebuilds when a seed changes, does not rebuild in a loop, and keeps its page cache."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from mkdocs.config import load_config

from generator.build.unchanged import SETTLE
from tests.conftest import copy_project, stored_site_has

NEW_ARTICLE = """Envoys meet again
On November 30, 2025, negotiators met in Lisbon to revise the framework.
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
        return response.read().decode("utf-8")


def _wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_rebuilds_on_seed_change_without_a_loop(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    port = _free_port()
    log, temporary = tmp_path / "serve.log", tmp_path / "tmp"
    temporary.mkdir()
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", TMPDIR=str(temporary))
    with log.open("w") as out:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}", "-f", str(project / "mkdocs.yml")],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        url = f"http://127.0.0.1:{port}/timeline.html"
        assert _wait_for(lambda: "Timeline" in _fetch(url), 60), log.read_text()
        assert "Lisbon" not in _fetch(url)
        pages = project / ".cache" / "explainer" / "pages"

        def saved() -> str:  # every stored page entry, one file each
            return "".join(p.read_text(encoding="utf-8") for p in sorted(pages.glob("??/*.json")))

        assert "Timeline" in saved()
        (project / "seeds" / "zz-new.txt").write_text(NEW_ARTICLE, encoding="utf-8")
        assert _wait_for(lambda: "Lisbon" in _fetch(url), 60), log.read_text()
        time.sleep(3)
        builds = log.read_text().count("Documentation built")
        time.sleep(4)
        assert log.read_text().count("Documentation built") == builds, "the server keeps rebuilding"
        # the first build's pages were written at once, the rebuild's stay in memory until the server stops
        assert "Lisbon" not in saved()
        [folder] = temporary.glob("mkdocs_*")  # MkDocs serves from a temporary copy of the site
        assert (folder / "timeline.html").is_file()
        assert not stored_site_has(project, "Lisbon")  # nor is the site it built stored
        server.send_signal(signal.SIGTERM)  # a process manager stops it so; handled as Ctrl-C is (KeyboardInterrupt)
        assert server.wait(timeout=30) == 0, log.read_text()
        assert "Lisbon" in saved(), log.read_text()
        assert stored_site_has(project, "Lisbon"), log.read_text()
        assert not folder.exists(), "the temporary copy of the site was left behind"
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)


def test_a_server_watches_the_seeds_story_and_templates_and_builds_soon_after_a_change(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = load_config(config_file=str(project / "mkdocs.yml"))

    class Watcher:  # the part of MkDocs' server the plugin sees
        def __init__(self) -> None:
            self.build_delay = 0.1  # MkDocs' wait for more changes after one
            self.watched: list[str] = []

        def watch(self, path: str) -> None:
            self.watched.append(path)

    server = Watcher()
    assert config.plugins.on_serve(server, config=config, builder=print) is server  # type: ignore[arg-type]
    assert sorted(server.watched) == [str(project.resolve() / name) for name in ("seeds", "story.yml", "templates")]
    assert server.build_delay == SETTLE < 0.1
