"""The whole-site cache: an unchanged input (code, address, story file, templates, seeds) is served whole.

Light to import: a warm build never loads the extraction pipeline at all.
"""

from __future__ import annotations

import hashlib

from pydantic import TypeAdapter

from generator.build.cache import BuildInputs, Outputs, code_fingerprint, read_entry, write_entry

SEED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".yml", ".yaml")  # articles and their sidecars


def inputs_key(inputs: BuildInputs) -> str:
    """A hash of everything a build reads: the code, the site's address, the story file, templates and seeds.

    Only files a build reads are hashed (a stray video in seeds/ is not), each streamed, never read whole.
    """
    digest = hashlib.sha1(code_fingerprint().encode() + b"\0" + (inputs.site_url or "").encode())
    files = [(inputs.story_path, inputs.story_path.name)] if inputs.story_path else []
    templates = inputs.templates_dir
    files += [(p, str(p.relative_to(templates))) for p in sorted(templates.rglob("*")) if p.is_file()]
    seeds = inputs.seeds_dir
    if seeds.is_dir():
        files += [(p, p.name) for p in sorted(seeds.iterdir()) if p.suffix.lower() in SEED_SUFFIXES and p.is_file()]
    for path, name in files:  # named within its folder: the same project from any working folder is one key
        digest.update(name.encode() + b"\0")
        size = path.stat().st_size
        digest.update(str(size).encode() + b"\0")
        if size <= MAX_HASHED:
            with path.open("rb") as stream:
                digest.update(hashlib.file_digest(stream, "sha1").digest())
    return digest.hexdigest()


OUTPUTS = TypeAdapter(Outputs)
MAX_HASHED = 64 * 1024 * 1024  # past this a file is refused by ingest anyway: its size stands in for its bytes


def cached_build(inputs: BuildInputs) -> Outputs:
    """The site's files: served whole from the cache when no input changed, else built and stored."""
    stored = inputs.cache_dir / f"site-{inputs_key(inputs)}.json" if inputs.cache_dir else None
    previous = read_entry(stored, OUTPUTS) if stored else None
    if previous is not None:
        return previous
    from generator.build.pipeline import build_outputs  # the pipeline loads only when something must be built

    outputs = build_outputs(inputs)
    if stored:
        for old in (*stored.parent.glob("site-*.json"), *stored.parent.glob("site-*.pickle")):
            old.unlink(missing_ok=True)  # only the latest site is worth keeping (and no entry of the pickle era)
        write_entry(stored, OUTPUTS, outputs)
    return outputs
