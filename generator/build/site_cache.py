"""The whole-site cache: an unchanged input (code, address, story file, templates, seeds) is served whole.

Light to import: a warm build never loads the extraction pipeline at all.
"""

from __future__ import annotations

import hashlib
import os
import time
from dataclasses import dataclass
from pathlib import Path

from pydantic import TypeAdapter

from generator.build.cache import (
    MAX_ENTRY,
    BuildInputs,
    Outputs,
    checksum,
    code_fingerprint,
    keep_only,
    read_entry,
    read_stored,
    write_bytes,
    write_entry,
)
from generator.build.collector import pause_collecting
from generator.build.warmup import after_first_build
from generator.build.warmup import wait as wait_for_warm_up
from generator.core.files import RECENT_NS, settled_status
from generator.ingest.names import seed_files


def inputs_key(inputs: BuildInputs) -> str:
    """A hash of everything a build reads: the code, the site's address, the story file, templates and seeds.

    Only files a build reads are hashed (a stray video in seeds/ is not), each streamed, never read whole. A server
    (`inputs.keep`) hashes again only the files whose status changed since its last build.
    """
    digest = hashlib.sha1(code_fingerprint().encode() + b"\0" + (inputs.site_url or "").encode())
    files = [(inputs.story_path, inputs.story_path.name)] if inputs.story_path else []
    templates = inputs.templates_dir
    files += [(p, str(p.relative_to(templates))) for p in sorted(templates.rglob("*")) if p.is_file()]
    seeds = inputs.seeds_dir
    if seeds.is_dir():
        files += [(seeds / file.name, file.name) for file in seed_files(seeds, sidecars=True) if file.regular]
    known: dict[str, tuple[tuple[int, ...], bytes]] = {}
    now = time.time_ns()
    for path, name in files:  # named within its folder: the same project from any working folder is one key
        digest.update(name.encode() + b"\0")
        info = path.stat()
        digest.update(str(info.st_size).encode() + b"\0")
        if info.st_size <= MAX_HASHED:
            digest.update(_file_digest(path, info, known, now) if inputs.keep else _hashed(path))
    if inputs.keep:
        _DIGESTS.clear()
        _DIGESTS.update(known)
    return digest.hexdigest()


_DIGESTS: dict[str, tuple[tuple[int, ...], bytes]] = {}  # a server's: each file's status and digest at its last build


def _hashed(path: Path) -> bytes:
    with path.open("rb") as stream:
        return hashlib.file_digest(stream, "sha1").digest()


def _file_digest(path: Path, info: os.stat_result, known: dict[str, tuple[tuple[int, ...], bytes]], now: int) -> bytes:
    """A file's digest, the last build's while its status is as then (`settled_status`; a file changed in the last
    seconds is hashed on every build until it settles)."""
    state = settled_status(info, now, RECENT_NS)
    found = _DIGESTS.get(str(path))
    value = found[1] if found is not None and state is not None and found[0] == state else _hashed(path)
    if state is not None:
        known[str(path)] = (state, value)
    return value


MAX_HASHED = 64 * 1024 * 1024  # past this a file is refused by ingest anyway: its size stands in for its bytes


@dataclass(frozen=True)
class Manifest:
    """A stored site: each file's path and the SHA-1 of its bytes (the name it is stored under), the warnings and
    the latest date in the content."""

    files: dict[str, str]
    warnings: tuple[str, ...]
    content_date: str | None


MANIFEST = TypeAdapter(Manifest)
FILES = "site"  # the folder of stored files, beside the manifests: one file per distinct content, named by its hash


def _stored(folder: Path, digest: str) -> Path:
    return folder / FILES / digest[:2] / digest


def _store(folder: Path, content: str) -> str:
    """Store one file's text (unless stored already); its digest."""
    data = content.encode("utf-8")
    sha = checksum(data)
    path = _stored(folder, sha)
    try:
        same = path.stat().st_size == len(data)  # (an altered file of the same size is a miss when read)
    except OSError:
        same = False
    if not same:
        write_bytes(path, data)
    return sha


def read_site(manifest: Path) -> Outputs | None:
    """The site a manifest lists, or None when the manifest or any file it names is missing, altered or not ours.

    Files are kept apart, not in one document: a site of 10,000 articles (a gigabyte of pages) is read file by
    file, and an edit that changes a few pages stores only those."""
    listed = read_entry(manifest, MANIFEST)
    if listed is None:
        return None
    files: dict[str, str] = {}
    for name, sha in listed.files.items():
        path = _stored(manifest.parent, sha)
        data = read_stored(path, MAX_ENTRY)
        if data is None:
            return None
        try:
            if checksum(data) != sha:  # altered: a miss, and stored again when built
                path.unlink(missing_ok=True)
                return None
            files[name] = data.decode("utf-8")
        except (OSError, UnicodeDecodeError):
            return None
    return Outputs(files, listed.warnings, listed.content_date)


_WRITTEN: dict[tuple[Path, str], tuple[str, str]] = {}  # a server's last stored files: (folder, name) -> text, digest
_SERVED: set[Path] = set()  # the cache folders a server has built from: its first build stores its site at once
_UNSTORED: list[tuple[Path, Outputs]] = []  # a server's latest rebuilt site (manifest, files), until it stops


def write_site(manifest: Path, outputs: Outputs, keep: bool = False) -> None:
    """Store the site's files (those not stored already), then its manifest; drop every earlier site. `keep`: a
    server's rebuild, where a file whose text is the very string stored last build is not hashed again; it is
    stored again only if it has gone from the store since (removed by hand, by another build's cleaning, or
    never written on a full disk), as the store's listing shows."""
    folder = manifest.parent
    digests: dict[str, str] = {}
    trusted: dict[str, str] = {}  # digest -> text of the files taken as stored last build
    written: dict[tuple[Path, str], tuple[str, str]] = {}
    for name, content in outputs.files.items():
        last = _WRITTEN.get((folder, name)) if keep else None
        if last is not None and last[0] is content:
            digests[name] = last[1]
            trusted[last[1]] = content
        else:
            digests[name] = _store(folder, content)
        if keep:
            written[folder, name] = (content, digests[name])
    _WRITTEN.clear()
    _WRITTEN.update(written)
    for old in (*folder.glob("site-*.json"), *folder.glob("site-*.pickle")):
        if old != manifest:
            old.unlink(missing_ok=True)  # only the latest site is worth keeping (and no entry of the pickle era)
    present = keep_only(folder / FILES, set(digests.values()))
    for digest, content in trusted.items():
        if digest not in present:
            write_bytes(_stored(folder, digest), content.encode("utf-8"))
    write_entry(manifest, MANIFEST, Manifest(digests, outputs.warnings, outputs.content_date))


def cached_build(inputs: BuildInputs) -> Outputs:
    """The site's files: served whole from the cache when no input changed, else built and stored."""
    if inputs.keep:
        wait_for_warm_up()  # its work is this build's first part
        pause_collecting()  # a server's build starts: no collection while idle runs into it
    stored = inputs.cache_dir / f"site-{inputs_key(inputs)}.json" if inputs.cache_dir else None
    previous = read_site(stored) if stored else None
    again = stored is not None and inputs.keep and stored.parent in _SERVED  # a server's rebuild
    if inputs.keep and stored:
        _SERVED.add(stored.parent)
        if not again:  # its first build: the first edit's work starts once it has ended
            after_first_build(inputs, whole=previous is not None)
    if previous is not None:
        _UNSTORED.clear()  # the stored site is this build's: nothing of an earlier rebuild is worth storing
        return previous
    from generator.build.pipeline import build_outputs  # the pipeline loads only when something must be built

    outputs = build_outputs(inputs)
    if stored and again:  # stored when the server stops (`store_unsaved`), as its rendered pages are
        _UNSTORED[:] = [(stored, outputs)]
    elif stored:
        write_site(stored, outputs, inputs.keep)
    return outputs


def store_unsaved() -> None:
    """A server stops: the site its latest rebuild made is stored (its rebuilds do not write it: each would spend
    0.2-0.3 s at 1,000 articles listing and writing the store between the edit and its page)."""
    _SERVED.clear()
    while _UNSTORED:
        manifest, outputs = _UNSTORED.pop()
        write_site(manifest, outputs, keep=True)
