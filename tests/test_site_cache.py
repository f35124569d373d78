"""The stored site of a server's rebuild: only the texts it did not store last build are hashed and written."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.build import site_cache
from generator.build.cache import Outputs
from generator.build.site_cache import read_site, write_site


@pytest.fixture(autouse=True)
def forget_written() -> None:
    site_cache._WRITTEN.clear()


def test_a_servers_rebuild_stores_only_the_texts_it_did_not_store_last_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    manifest = tmp_path / "site-key.json"
    kept = "".join(["<p>a page ", "the edit left alone</p>"])
    write_site(manifest, Outputs({"a.md": kept, "b.md": "<p>before</p>"}, (), None), keep=True)
    stored: list[str] = []
    store = site_cache._store
    monkeypatch.setattr(site_cache, "_store", lambda folder, text: stored.append(text) or store(folder, text))

    edited = Outputs({"a.md": kept, "b.md": "<p>after</p>", "c.md": kept}, ("a warning",), "2025-11-23")
    write_site(manifest, edited, keep=True)
    assert stored == ["<p>after</p>", kept]  # a.md, the very string stored last build, is not hashed; c.md is new
    assert read_site(manifest) == edited

    write_site(manifest, Outputs({"a.md": kept}, (), None))  # a build that does not build again checks every file
    assert stored[2:] == [kept] and not site_cache._WRITTEN

    write_site(manifest, Outputs({"a.md": kept}, (), None), keep=True)  # a server's build again
    for path in (tmp_path / "site").rglob("*"):
        if path.is_file():
            path.unlink()  # the stored files removed behind the server's back: a miss, never a wrong site
    assert read_site(manifest) is None
    write_site(manifest, Outputs({"a.md": kept}, (), None), keep=True)  # its next rebuild, the same strings
    assert stored[-1] is kept and read_site(manifest) == Outputs({"a.md": kept}, (), None)  # stored again


def test_a_server_hashes_again_only_the_files_whose_status_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    from generator.build.cache import BuildInputs

    seeds, templates = tmp_path / "seeds", tmp_path / "templates"
    seeds.mkdir()
    templates.mkdir()
    for name in ("a", "b", "c"):
        (seeds / f"{name}.txt").write_text(f"Article {name}.\n", encoding="utf-8")
        os.utime(seeds / f"{name}.txt", ns=(10**18, 10**18))
    hashed: list[str] = []
    hashed_file = site_cache._hashed
    monkeypatch.setattr(site_cache, "_hashed", lambda path: hashed.append(path.name) or hashed_file(path))
    monkeypatch.setattr(site_cache, "RECENT_NS", 0)  # the files count as settled (their change time is now)
    monkeypatch.setattr(site_cache, "_DIGESTS", {})
    server = BuildInputs(seeds, None, templates, keep=True)
    first = site_cache.inputs_key(server)
    assert sorted(hashed) == ["a.txt", "b.txt", "c.txt"]
    assert site_cache.inputs_key(server) == first and len(hashed) == 3  # nothing changed: nothing hashed again
    (seeds / "b.txt").write_text("Article B.\n", encoding="utf-8")  # the same size, another text
    os.utime(seeds / "b.txt", ns=(2 * 10**18, 2 * 10**18))  # a later time, whatever the clock's resolution
    edited = site_cache.inputs_key(server)
    assert edited != first and hashed[3:] == ["b.txt"]
    assert edited == site_cache.inputs_key(BuildInputs(seeds, None, templates))  # a build's key, every file hashed
    monkeypatch.setattr(site_cache, "RECENT_NS", 10**30)  # every file just changed: none of their digests is kept
    site_cache.inputs_key(server)
    assert site_cache._DIGESTS == {}
