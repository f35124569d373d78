"""`mkdocs serve` rebuilds when a seed changes, does not rebuild in a loop, and keeps its page cache."""

from __future__ import annotations

import errno
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from watchdog.observers.inotify import InotifyObserver
from watchdog.observers.polling import PollingObserver

from generator.build import theme_cache, watcher
from generator.build.theme_cache import list_theme_once
from generator.build.watcher import EVENTS_SETTLE, SETTLE, file_system, polling_reason
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
        time.sleep(2)
        builds = log.read_text().count("Documentation built")
        time.sleep(3)
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


def _server(project: Path) -> tuple[LiveReloadServer, MkDocsConfig]:
    """MkDocs' server as `mkdocs serve` sets it up before its plugins' `on_serve` (not bound, not serving)."""
    config = load_config(config_file=str(project / "mkdocs.yml"))
    server = LiveReloadServer(builder=print, host="127.0.0.1", port=_free_port(), root=str(project / "site"))
    server.watch(config.docs_dir)
    server.watch(str(project / "mkdocs.yml"))
    return server, config


def _heard(server: LiveReloadServer, change: Callable[[], object], seconds: float = 2.0) -> bool:
    """Whether `change` makes the server want a rebuild within `seconds`."""
    with server._rebuild_cond:
        server._want_rebuild = False
    change()
    deadline = time.monotonic() + seconds
    with server._rebuild_cond:
        while not server._want_rebuild and time.monotonic() < deadline:
            server._rebuild_cond.wait(0.05)
        return server._want_rebuild


def test_a_server_hears_the_kernels_events_for_the_seeds_story_templates_docs_and_config(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    server, config = _server(project)
    assert config.plugins.on_serve(server, config=config, builder=print) is server  # type: ignore[arg-type]
    try:
        names = ("docs", "mkdocs.yml", "seeds", "story.yml", "templates")
        assert sorted(server._watched_paths) == [str(project.resolve() / name) for name in names]
        assert isinstance(server.observer, InotifyObserver) and server.observer.is_alive()
        assert server.build_delay == EVENTS_SETTLE < 0.1
        server.observer.start()  # MkDocs starts it when it serves: once is enough
        seed = sorted((project / "seeds").iterdir())[0]
        assert not _heard(server, seed.read_text, 0.5), "reading a seed (as every build does) started a build"
        assert _heard(server, lambda: seed.write_text(seed.read_text() + "\nMore.\n"))
        assert _heard(server, lambda: (project / "story.yml").touch())
        assert _heard(server, lambda: (project / "templates" / "new.md.j2").write_text("x"))
        assert _heard(server, lambda: (project / "docs" / "extra.md").write_text("# Extra\n"))
        saved = project / "mkdocs.new"  # saved as editors do: written beside it, then renamed over it
        saved.write_text((project / "mkdocs.yml").read_text())
        assert _heard(server, lambda: saved.replace(project / "mkdocs.yml"))
    finally:
        server.observer.stop()


@pytest.mark.parametrize("mode", ["auto", "poll"])
def test_a_server_does_not_rebuild_for_an_editors_swap_lock_or_backup_files(tmp_path: Path, mode: str) -> None:
    project = copy_project(tmp_path / "project")
    seeds = project / "seeds"
    server, config = _server(project)
    config.plugins["explainer"].config.watch = mode
    config.plugins.on_serve(server, config=config, builder=print)
    assert isinstance(server.observer, InotifyObserver if mode == "auto" else PollingObserver)
    server.observer.start()
    name = "000_a5c0679ffe64ab60.txt"

    def clutter() -> None:  # what editors write beside an article while it is edited, and a folder of drafts
        (seeds / f".#{name}").symlink_to("someone@host.4242:1700000000")  # Emacs' lock
        (seeds / f".{name}.swp").write_text("vim")
        (seeds / f"#{name}#").write_text("emacs")
        (seeds / f"{name}~").write_text("backup")
        (seeds / "drafts").mkdir()
        (seeds / "drafts" / "later.txt").write_text("not read")

    try:
        assert not _heard(server, clutter, 0.4 if mode == "auto" else 1.2)  # polling looks twice a second
        assert _heard(server, lambda: (seeds / "zz-new.txt").write_text(NEW_ARTICLE), 3.0)
        assert _heard(server, lambda: (seeds / "zz-new.yml").write_text("outlet: The Gazette\n"), 3.0)
        temporary = seeds / ".zz-new.txt.tmp"  # saved as editors do: written beside it, then renamed over it
        temporary.write_text(NEW_ARTICLE + "More.\n")
        assert _heard(server, lambda: temporary.replace(seeds / "zz-new.txt"), 3.0)
    finally:
        server.observer.stop()


def test_a_server_polls_where_events_may_not_arrive(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    (project / "seeds" / "linked.txt").symlink_to(tmp_path / "elsewhere.txt")
    server, config = _server(project)
    config.plugins.on_serve(server, config=config, builder=print)
    assert isinstance(server.observer, PollingObserver) and not server.observer.is_alive()
    assert len(server._watched_paths) == 5 and server.build_delay == SETTLE < 0.1
    (project / "seeds" / "linked.txt").unlink()
    (tmp_path / "extra").mkdir()
    (tmp_path / "extra" / "linked.md").symlink_to(tmp_path / "elsewhere.md")
    server, config = _server(project)
    config.watch = [str(tmp_path / "extra")]  # mkdocs.yml's watch:, which MkDocs watches after its plugins
    config.plugins.on_serve(server, config=config, builder=print)
    assert isinstance(server.observer, PollingObserver) and len(server._watched_paths) == 5
    server, config = _server(project)
    config.plugins["explainer"].config.watch = "poll"
    config.plugins.on_serve(server, config=config, builder=print)
    assert isinstance(server.observer, PollingObserver) and len(server._watched_paths) == 5


def test_a_server_refused_file_events_by_the_kernel_polls(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    class Refused(InotifyObserver):  # the kernel's per-user limit of event watchers is reached
        def schedule(self, *args: Any, **options: Any) -> Any:
            raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(watcher, "_event_observer", lambda seeds: Refused())
    project = copy_project(tmp_path / "project")
    server, config = _server(project)
    config.plugins.on_serve(server, config=config, builder=print)
    assert isinstance(server.observer, PollingObserver) and not server.observer.is_alive()
    assert len(server._watched_paths) == 5 and server.build_delay == SETTLE
    server.observer.start()  # as MkDocs starts it: every path is watched
    try:
        assert _heard(server, lambda: (project / "story.yml").write_text("title: Changed\n"), 3.0)
    finally:
        server.observer.stop()


MOUNTINFO = """22 1 254:0 / / rw,relatime shared:1 - ext4 /dev/vda rw
30 22 0:40 / /mnt/shared\\040docs rw,relatime shared:9 - nfs4 server:/docs rw
31 30 0:41 / /mnt/shared\\040docs/local rw - tmpfs tmpfs rw
32 22 0:42 / /media/vm rw - fuse.vmhgfs-fuse vmhgfs-fuse rw
"""


def test_the_file_system_of_a_path_is_its_deepest_mount(tmp_path: Path) -> None:
    assert file_system(Path("/work/site/seeds"), MOUNTINFO) == "ext4"
    assert file_system(Path("/mnt/shared docs/seeds"), MOUNTINFO) == "nfs4"
    assert file_system(Path("/mnt/shared docs/local/seeds"), MOUNTINFO) == "tmpfs"
    assert file_system(Path("/mnt/shared docsx"), MOUNTINFO) == "ext4"
    assert "nfs4" in (polling_reason([Path("/mnt/shared docs/seeds")], MOUNTINFO) or "")
    assert "fuse.vmhgfs-fuse" in (polling_reason([Path("/media/vm/seeds")], MOUNTINFO) or "")
    assert polling_reason([Path("/nowhere/seeds")], None) == "no file events here"
    (tmp_path / "seeds" / "deep").mkdir(parents=True)
    assert polling_reason([tmp_path / "seeds"], MOUNTINFO) is None
    (tmp_path / "seeds" / "deep" / "link").symlink_to(tmp_path)
    assert "symbolic link" in (polling_reason([tmp_path / "seeds"], MOUNTINFO) or "")


def test_a_server_lists_the_theme_once_and_again_when_a_theme_folder_changes(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    config = load_config(config_file=str(project / "mkdocs.yml"))

    def theme_files() -> list[str]:
        files = Files([])
        files.add_files_from_theme(config.theme.get_env(), config)
        return [f"{f.src_dir}:{f.src_uri}" for f in files]

    as_mkdocs_lists = theme_files()
    assert list_theme_once(config) is config
    assert theme_files() == as_mkdocs_lists and len(as_mkdocs_lists) > 40
    material = next(folder for folder in config.theme.dirs if folder.endswith("material/templates"))
    assert theme_cache._listing(material) is theme_cache._listing(material)  # not listed again
    custom = project / "templates" / "theme"
    (custom / "assets").mkdir()
    (custom / "assets" / "extra.css").write_text("body {}\n")
    assert f"{custom}:assets/extra.css" in theme_files()
    (custom / "assets" / "extra.css").rename(custom / "assets" / "renamed.css")
    assert f"{custom}:assets/renamed.css" in theme_files() and f"{custom}:assets/extra.css" not in theme_files()
