"""The search index a server writes after each rebuild, joined from each entry's JSON kept from the build that
made it: Material dumps the whole index (36,000 entries, 12 MB at 1,000 articles) again after every edit, while a
rebuild gives back most pages' entries as the very objects of the last build (`unchanged`).

The text is Material's own: its index with no entry gives the frame (its configuration, in its key order and
separators), and the entries' texts, each dumped with Material's settings, fill the list. The entries are not
changed once indexed (neither Material nor this plugin edits them), so one entry is one text for as long as it is
kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from generator.core.text import filled_json

HOOKS = ("add_entry_from_context", "generate_search_index", "_explainer_cached")  # what a build sets on the index


def release(search: Any) -> None:
    """Take what this build set on Material's search index (`SearchJson.install`, the plugin's indexing) off it once
    the build is done. Each refers back to the index, which Material's plugin holds until its next build; in a
    server, whose collector walks what earlier builds left only now and then (`build.collector`), that cycle kept
    the index, and the page cache its indexing reaches (a set per page), until such a walk."""
    index = getattr(search, "search_index", None)
    if index is not None:
        for name in HOOKS:
            vars(index).pop(name, None)


def _dumped(entry: dict[str, Any]) -> str:
    return json.dumps(entry, separators=(",", ":"), default=str)  # Material's settings for the whole index


class SearchJson:
    """Each entry's JSON, by the entry's id (the entry held with it while it is in the index)."""

    def __init__(self) -> None:
        self.texts: dict[int, tuple[dict[str, Any], str]] = {}

    def install(self, index: Any) -> None:
        """Have Material's `index` (a `SearchIndex`) write its JSON from the kept texts."""
        index.generate_search_index = self._generate(index, index.generate_search_index)

    def _generate(self, index: Any, material: Callable[[Any], str]) -> Callable[[Any], str]:
        def generate(previous: Any) -> str:
            entries = index.entries
            if previous is not None or not entries:  # Material merging with an earlier index: its own way
                return material(previous)
            index.entries = []
            try:
                frame = material(None)
            finally:
                index.entries = entries
            return filled_json(frame, self._texts(entries), ",") or material(None)

        return generate

    def _texts(self, entries: list[dict[str, Any]]) -> list[str]:
        """Each entry's text, dumped once; the texts of entries no longer indexed are dropped."""
        last, now = self.texts, {}
        texts = []
        for entry in entries:  # an entry with a kept text is held with it: no other object has its id meanwhile
            found = last.get(id(entry))
            text = found[1] if found is not None else _dumped(entry)
            now[id(entry)] = (entry, text)
            texts.append(text)
        self.texts = now
        return texts
