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

from generator.build.front_matter import NAME, FrontMatter, _plain


def _page(uri: str = "actors/a.md") -> Any:
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri), meta={})


def read(front: FrontMatter, text: str) -> tuple[str, dict[str, Any]]:
    """What MkDocs' page reading gives with the plugin's two events around it (`read_source`, `on_page_markdown`)."""
    page = _page()
    source = front.source(page, text)
    page.markdown, page.meta = get_data(text if source is None else source)
    front.give(page)
    return page.markdown, page.meta


def two_builds(folder: Path, text: str) -> tuple[tuple[str, dict[str, Any]], tuple[str, dict[str, Any]], FrontMatter]:
    """The page read by a first build (which learns its front matter) and by a second one in a new process."""
    first = FrontMatter.load(folder)
    learned = read(first, text)
    first.finish()
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
    one, two = _page("a.md"), _page("b.md")
    for page in (one, two):
        front.source(page, text)
        front.give(page)
    one.meta["tags"].append("b")  # as a plugin may
    assert two.meta == {"title": "Same", "tags": ["a"]}
