"""Generated pages' front matter read once: what MkDocs then reads of a page is what its own reading gives."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.build.front_matter import NAME, FrontMatter, _plain, alone


class _File:
    def __init__(self, uri: str, text: str) -> None:
        self.src_uri, self.content_string = uri, text


def _page(text: str, uri: str = "actors/a.md") -> Any:
    return SimpleNamespace(file=_File(uri, text), meta={})


def read(front: FrontMatter, text: str) -> tuple[str, dict[str, Any]]:
    """What MkDocs' reading of a page gives with the plugin's two events around it (`on_pre_page`, then
    `on_page_markdown` first of all); the page's file is whole again after it."""
    page = _page(text)
    front.strip(page)
    page.markdown, page.meta = get_data(page.file.content_string)
    front.give(page)
    assert page.file.content_string == text
    return page.markdown, page.meta


def two_builds(folder: Path, text: str) -> tuple[tuple[str, dict[str, Any]], tuple[str, dict[str, Any]], FrontMatter]:
    """The page read by a first build (which learns its front matter) and by a second one in a new process."""
    first = FrontMatter.load(folder)
    learned = read(first, text)
    first.finish(prune=True)
    first.write()
    second = FrontMatter.load(folder)
    return learned, read(second, text), second


SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text()
VALUES = st.recursive(
    SCALARS, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3), max_leaves=8
)
BODIES = st.sampled_from(["# Title\n\nText.\n", "\n\nkey: value\n\n# After\n", "title: not meta\n", "", "---\n"])
BODIES = BODIES | st.text()


@settings(max_examples=150, deadline=None)
@given(meta=st.dictionaries(st.text(min_size=1), VALUES, min_size=1, max_size=4), body=BODIES)
def test_a_page_read_through_its_kept_front_matter_is_the_page_mkdocs_reads(
    tmp_path_factory: Any, meta: dict[str, Any], body: str
) -> None:
    folder = tmp_path_factory.mktemp("front")
    text = "---\n" + yaml.safe_dump(meta, allow_unicode=True) + "---\n" + body
    expected = get_data(text)
    first, second, front = two_builds(folder, text)
    assert first == expected and second == expected
    given_back = "\r" not in text and bool(expected[1]) and _plain(expected[1]) and expected[0] != text
    assert (front.used != {}) == given_back  # the second build left the front matter out whenever it could


def test_front_matter_of_no_mapping_or_of_yamls_own_types_is_parsed_each_build(tmp_path: Path) -> None:
    texts = [
        "---\n- a list\n---\n# Page\n",  # not a mapping: MkDocs leaves it in the page
        "---\n\n---\n# Page\n",  # empty
        "---\n: [unclosed\n---\n# Page\n",  # not YAML
        "---\nupdated: 2025-11-23\n---\n# Page\n",  # a date
        "---\ntitle: A\n---\r\n# Page\r\n",  # line ends MkDocs' other reading would change
        "# No front matter\n",
    ]
    for text in texts:
        first, second, front = two_builds(tmp_path, text)
        assert first == second == get_data(text), text
        assert front.used == {} and front.waiting == {}, text


def test_an_altered_file_of_kept_front_matter_is_read_as_missing(tmp_path: Path) -> None:
    text = "---\ntitle: Geneva talks\nsearch:\n  exclude: true\n---\n# Geneva talks\n"
    two_builds(tmp_path, text)
    kept = json.loads((tmp_path / NAME).read_text(encoding="utf-8"))
    [key] = kept
    for altered in ("[not json", "{}", "[]", '"title"', "[" * 100_000, '{"title": 1e999}'):
        (tmp_path / NAME).write_text(json.dumps({key: altered}), encoding="utf-8")
        front = FrontMatter.load(tmp_path)
        assert read(front, text) == get_data(text), altered
        assert front.waiting == {} and json.loads(front.used[key]) == get_data(text)[1]  # learned again
    (tmp_path / NAME).write_text("[not json", encoding="utf-8")
    assert read(FrontMatter.load(tmp_path), text) == get_data(text)


def test_each_page_gets_a_mapping_of_its_own(tmp_path: Path) -> None:
    text = "---\ntitle: Same\ntags: [a]\n---\n# Same\n"
    *_, front = two_builds(tmp_path, text)
    one, two = _page(text, "a.md"), _page(text, "b.md")
    for page in (one, two):
        front.strip(page)
        front.give(page)
    one.meta["tags"].append("b")  # as a plugin may
    assert two.meta == {"title": "Same", "tags": ["a"]}


def test_a_mapping_nested_deeper_than_python_recurses_is_a_miss(tmp_path: Path) -> None:
    text = "---\ntitle: Deep\n---\n# Deep\n"
    two_builds(tmp_path, text)
    [key] = json.loads((tmp_path / NAME).read_text(encoding="utf-8"))
    deep = '{"title": ' + "[" * 600 + "]" * 600 + "}"  # JSON that reads, too deep to walk back
    (tmp_path / NAME).write_text(json.dumps({key: deep}), encoding="utf-8")
    assert read(FrontMatter.load(tmp_path), text) == get_data(text)


def test_a_servers_rebuild_keeps_the_mappings_of_the_pages_it_did_not_read(tmp_path: Path) -> None:
    texts = [f"---\ntitle: Page {n}\n---\n# Page {n}\n" for n in range(3)]
    front = FrontMatter.load(tmp_path)
    for text in texts:
        read(front, text)
    front.finish(prune=True)
    assert len(front.known) == 3
    read(front, texts[0])  # a rebuild that reads one page
    front.finish(prune=False)
    assert len(front.known) == 3
    read(front, texts[0])  # a build that reads one page
    front.finish(prune=True)
    assert len(front.known) == 1


def _handler(own: object, priority: float = 0) -> Any:
    return SimpleNamespace(__self__=own, mkdocs_priority=priority)


def test_the_front_matter_is_left_to_mkdocs_when_another_plugin_reads_pages_first() -> None:
    own, other = object(), object()
    events = {"page_read_source": [], "page_markdown": [_handler(own, 100), _handler(other, 50), _handler(own)]}
    assert alone(SimpleNamespace(events=events), own)
    for name, handler in (("page_read_source", _handler(other)), ("page_markdown", _handler(other, 100))):
        changed = {**events, name: [handler, *events[name]]}
        assert not alone(SimpleNamespace(events=changed), own), name
