"""Search finds each sentence once, on its source's page; elsewhere a cited sentence is not indexed again."""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from generator.core.model import Site


def test_each_sentence_is_indexed_on_one_page_only(built_site: Path, site: Site) -> None:
    docs = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    pages: dict[str, set[str]] = defaultdict(set)
    texts = [(d["location"].split("#")[0], re.sub(r"<[^>]+>", " ", d["text"])) for d in docs]
    headlines = {" ".join(e.summary.split())[:70] for e in site.timeline}  # a headline is searchable as such
    long_sentences = [
        s.text
        for s in site.sentences.values()
        if len(s.text) > 80 and s.kind == "paragraph" and " ".join(s.text.split())[:70] not in headlines
    ]
    assert len(long_sentences) > 20
    for sentence in long_sentences:
        needle = " ".join(sentence.split())[:70]
        for page, text in texts:
            if needle in " ".join(text.split()):
                pages[sentence].add(page)
    repeated = {s[:60]: sorted(p) for s, p in pages.items() if len(p) > 1}
    assert repeated == {}
    found = [p for p in pages.values() if p]
    assert len(found) >= len(long_sentences) * 0.9  # still searchable: on the page of its source
    assert all(page.startswith("sources/") for p in found for page in p)


def _material_index() -> object:
    from material.plugins.search.plugin import SearchIndex

    fields = {"title": {"boost": 1e3}, "text": {"boost": 1e0}, "tags": {"boost": 1e6}}
    return SearchIndex(lang=["en"], separator=r"[\s\-]+", pipeline=["stemmer"], fields=fields)


def test_a_servers_index_json_joined_from_kept_texts_is_materials_own() -> None:
    from generator.build.search_json import SearchJson

    joined, material = _material_index(), _material_index()
    memo = SearchJson()  # one memo for the three builds below, as a server's
    memo.install(joined)
    kept = [{"location": f"p{n}.html", "title": f"Ünïcode “{n}”", "text": "<p>a</p>", "tags": ["x"]} for n in range(5)]
    for step in range(3):
        entries = list(kept)
        entries[step] = {"location": f"p{step}.html#new", "title": f"changed {step}", "text": "b", "boost": 2}
        entries.append(kept[0])  # one entry object twice
        joined.entries, material.entries = entries, list(entries)  # type: ignore[attr-defined]
        text = joined.generate_search_index(None)  # type: ignore[attr-defined]
        assert text == material.generate_search_index(None)  # type: ignore[attr-defined]
        assert json.loads(text)["docs"][step]["title"] == f"changed {step}"
        kept[step] = entries[step]  # the next build keeps the changed entry: its text is the one kept
    assert len(memo.texts) == 5  # the texts of entries still indexed, each once


def test_json_filled_from_its_items_texts_is_the_whole_dumped_at_once() -> None:
    from generator.core.text import filled_json

    whole = {"config": {"lang": ["en"], "fields": {"a": []}}, "docs": [{"t": "é"}, {"t": "[]"}]}
    items = [json.dumps(d, separators=(",", ":")) for d in whole["docs"]]
    frame = json.dumps({**whole, "docs": []}, separators=(",", ":"))
    assert filled_json(frame, items, ",") == json.dumps(whole, separators=(",", ":"))
    assert filled_json(frame, [], ",") == frame
    assert filled_json('{"docs":[],"more":1}', items, ",") is None  # the list is not the frame's last value
    assert filled_json('{"docs":{}}', items, ",") is None
