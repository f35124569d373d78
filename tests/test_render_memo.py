"""A process that builds again gives back a page only when nothing its render read has changed: the names it
looked up and, of a mapping, the keys it looked up (or the whole mapping once iterated or counted)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markupsafe import Markup
from pydantic import BaseModel

from generator.publish import render_memo
from generator.publish.templating import Renderer
from tests.conftest import write_templates

TEMPLATES = {
    "one.md.j2": "{% import '_m.j2' as m with context %}{{ m.title(key) }} by {{ person.name }}\n",
    "_m.j2": "{% macro title(key) %}{{ titles.get(key, 'untitled') }}{% endmacro %}",
    "all.md.j2": "{% for k in titles %}{{ k }}={{ titles[k] }};{% endfor %}\n",
    "has.md.j2": "{{ 'known' if 'x' in titles else 'unknown' }} {{ note }}\n",
    "set.md.j2": "{% set note = note ~ '!' %}{% include 'inc.j2' %}",
    "inc.j2": "{{ note }}",
    "json.md.j2": "{{ table|tojson }} {{ table|pprint }} {{ table }}",
    "counts.md.j2": "{% for name, n in who.counts.items() %}{{ name }}{{ n }} {% endfor %}",
}


class Counted(BaseModel):
    counts: dict[str, int]


Pages = dict[str, tuple[str, Mapping[str, object]]]


class Person:
    """A value compared field by field, as the models are."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Person) and other.name == self.name

    __hash__ = None  # type: ignore[assignment]


pytestmark = pytest.mark.usefixtures("no_render_memo")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_templates(tmp_path, TEMPLATES)


def _build(folder: Path, pages: Pages, titles: dict[str, str]) -> tuple[dict[str, str], render_memo.RenderMemo]:
    """One build as `render_site` makes it: a memo, the shared context recorded once, every page, the memo kept."""
    memo = render_memo.start(folder, None, keep=True)
    assert memo is not None
    renderer = Renderer(folder, {}, memo)
    common = memo.recorded({"titles": titles})
    out = {path: renderer.page(template, path, "", **common, **own) for path, (template, own) in pages.items()}
    render_memo.finish(memo)
    return out, memo


def _plain(folder: Path, pages: Pages, titles: dict[str, str]) -> dict[str, str]:
    renderer = Renderer(folder, {})
    return {path: renderer.page(template, path, "", titles=titles, **own) for path, (template, own) in pages.items()}


def test_a_page_is_given_back_only_while_the_keys_it_read_are_unchanged(folder: Path) -> None:
    pages: Pages = {
        "a.md": ("one.md.j2", {"key": "a", "person": Person("Ann")}),
        "b.md": ("one.md.j2", {"key": "b", "person": Person("Bo")}),
    }
    first, memo = _build(folder, pages, {"a": "Alpha", "b": "Beta"})
    assert first == {"a.md": "Alpha by Ann\n", "b.md": "Beta by Bo\n"} and memo.given_back == 0

    second, memo = _build(folder, pages, {"a": "Alpha", "b": "Beta 2", "c": "Gamma"})  # b changed, c is new
    assert second == {"a.md": "Alpha by Ann\n", "b.md": "Beta 2 by Bo\n"}
    assert memo.given_back == 1  # a read only "a"

    pages["a.md"] = ("one.md.j2", {"key": "a", "person": Person("Anna")})  # an equal-typed value, changed
    third, memo = _build(folder, pages, {"a": "Alpha", "b": "Beta 2", "c": "Gamma"})
    assert third["a.md"] == "Alpha by Anna\n" and memo.given_back == 1  # b given back


def test_a_key_looked_up_and_missing_is_read_too(folder: Path) -> None:
    pages: Pages = {"p.md": ("has.md.j2", {"note": "n"})}
    assert _build(folder, pages, {"a": "A"})[0]["p.md"] == "unknown n\n"
    out, memo = _build(folder, pages, {"a": "A", "x": "X"})
    assert out["p.md"] == "known n\n" and memo.given_back == 0


def test_a_mapping_iterated_is_read_whole(folder: Path) -> None:
    pages: Pages = {"p.md": ("all.md.j2", {})}
    _build(folder, pages, {"a": "A"})
    out, memo = _build(folder, pages, {"a": "A", "b": "B"})
    assert out["p.md"] == "a=A;b=B;" and memo.given_back == 0
    out, memo = _build(folder, pages, {"a": "A", "b": "B"})
    assert memo.given_back == 1


def test_text_and_markup_alike_are_not_the_same_value(folder: Path) -> None:
    _build(folder, {"p.md": ("has.md.j2", {"note": "<b>"})}, {})
    out, memo = _build(folder, {"p.md": ("has.md.j2", {"note": Markup("<b>")})}, {})
    assert out["p.md"] == "unknown <b>\n" and memo.given_back == 0


def test_a_value_the_template_made_is_not_taken_for_an_input(folder: Path) -> None:
    """`note` set by the page and read again in an include depends on the input `note`, not the other way."""
    assert _build(folder, {"p.md": ("set.md.j2", {"note": "a"})}, {})[0]["p.md"] == "a!"
    out, memo = _build(folder, {"p.md": ("set.md.j2", {"note": "a!"})}, {})
    assert out["p.md"] == "a!!" and memo.given_back == 0


@pytest.mark.parametrize("tables", [({}, {"k": 1}), ({"k": 1}, {}), ({"b": 1, "a": 2}, {"b": 1, "a": 3})])
def test_a_mapping_printed_or_serialised_is_read_whole_and_prints_as_a_dict(
    folder: Path, tables: tuple[dict[str, int], dict[str, int]]
) -> None:
    for table in tables:
        pages: Pages = {"p.md": ("json.md.j2", {"table": table})}
        assert _build(folder, pages, {})[0] == _plain(folder, pages, {})


def test_a_shared_mapping_with_the_same_items_in_another_order_is_not_last_builds(folder: Path) -> None:
    # every page may read the titles; a build that lists them in another order is a new mapping, and a page that
    # iterates it is drawn again in the new order (`==` alone would find the two equal and give the old one back)
    pages: Pages = {"all.md": ("all.md.j2", {})}
    first, _memo = _build(folder, pages, {"a": "Alpha", "b": "Beta"})
    again, memo = _build(folder, pages, {"a": "Alpha", "b": "Beta"})
    assert again == first and memo.given_back == 1
    turned, memo = _build(folder, pages, {"b": "Beta", "a": "Alpha"})
    assert turned == {"all.md": "b=Beta;a=Alpha;"} and memo.given_back == 0


def test_a_model_whose_mapping_lists_the_same_items_in_another_order_is_drawn_again(folder: Path) -> None:
    """`==` finds the two models equal; the page iterates the mapping, so its order shows."""
    _build(folder, {"p.md": ("counts.md.j2", {"who": Counted(counts={"a": 1, "b": 2})})}, {})
    out, memo = _build(folder, {"p.md": ("counts.md.j2", {"who": Counted(counts={"b": 2, "a": 1})})}, {})
    assert out["p.md"] == "b2 a1 " and memo.given_back == 0


def test_a_partial_of_data_printed_by_its_address_is_never_kept() -> None:
    memo = render_memo.RenderMemo(("k",))
    assert memo.partial("svg\0<Thing object at 0x7f00>", lambda: "<svg/>") == "<svg/>" and not memo.partials


def test_the_memo_kept_lets_go_of_the_build_before(folder: Path) -> None:
    pages: Pages = {"p.md": ("has.md.j2", {"note": "n"})}
    _build(folder, pages, {})
    _build(folder, pages, {})
    assert render_memo._LAST is not None and not render_memo._LAST.previous and render_memo._LAST.pages


def test_an_edited_template_starts_afresh(folder: Path) -> None:
    pages: Pages = {"a.md": ("one.md.j2", {"key": "a", "person": Person("Ann")})}
    _build(folder, pages, {"a": "Alpha"})
    (folder / "_m.j2").write_text("{% macro title(key) %}«{{ titles[key] }}»{% endmacro %}", encoding="utf-8")
    out, memo = _build(folder, pages, {"a": "Alpha"})
    assert out["a.md"] == "«Alpha» by Ann\n" and memo.given_back == 0


def test_a_partial_is_drawn_again_only_for_other_data(folder: Path) -> None:
    drawn: list[str] = []

    def draw(text: str) -> str:
        drawn.append(text)
        return text

    memo = render_memo.RenderMemo(("k",), old_partials={"svg\0same": "<svg/>"})
    assert memo.partial("svg\0same", lambda: draw("<svg1/>")) == "<svg/>"
    assert memo.partial("svg\0other", lambda: draw("<svg2/>")) == "<svg2/>"
    assert drawn == ["<svg2/>"] and set(memo.partials) == {"svg\0same", "svg\0other"}


@dataclass(frozen=True, repr=False)
class _Shape:
    """A record as `core.kept` keeps it, counting how often it is printed (what keys a partial by its content)."""

    name: str
    printed: list[str] = field(default_factory=list, compare=False)

    def __repr__(self) -> str:
        self.printed.append(self.name)
        return f"_Shape({self.name!r})"


def test_a_partial_of_the_very_record_drawn_last_build_is_given_back_without_printing_it() -> None:
    drawn: list[str] = []

    def draw(shape: _Shape) -> Any:
        return lambda: drawn.append(shape.name) or f"<svg {shape.name}/>"

    kept, equal = _Shape("kept"), _Shape("kept")
    first = render_memo.RenderMemo(("k",))
    assert first.drawing("svg", "shape", (kept,), draw(kept)) == "<svg kept/>"
    second = render_memo.RenderMemo(("k",), old_partials=first.partials, old_drawn=first.drawn)
    assert second.drawing("svg", "shape", (kept,), draw(kept)) == "<svg kept/>"
    assert drawn == ["kept"] and kept.printed == ["kept"]  # the same object: not printed again
    third = render_memo.RenderMemo(("k",), old_partials=second.partials, old_drawn=second.drawn)
    assert third.drawing("svg", "shape", (equal,), draw(equal)) == "<svg kept/>"  # equal, so printed, not drawn
    assert equal.printed == ["kept"] and drawn == ["kept"]
    plain = Person("p")  # not a frozen record: always printed
    assert third.drawing("svg", "person", (plain,), lambda: "<p/>") == "<p/>"
    assert ("svg", "person", id(plain)) not in third.drawn


def test_a_build_that_does_not_keep_frees_the_memo(folder: Path) -> None:
    _build(folder, {"p.md": ("has.md.j2", {"note": "n"})}, {})
    assert render_memo._LAST is not None
    assert render_memo.start(folder, None, keep=False) is None and render_memo._LAST is None


@settings(max_examples=120, deadline=None)
@given(
    builds=st.lists(
        st.dictionaries(st.sampled_from("abcx"), st.sampled_from(["A", "B", "<i>"]), max_size=4), min_size=2, max_size=4
    ),
    keys=st.lists(st.sampled_from("abcx"), min_size=1, max_size=3),
    notes=st.lists(st.sampled_from(["n", "<n>", "n!"]), min_size=4, max_size=4),
)
def test_what_the_memo_gives_is_what_rendering_gives(
    tmp_path_factory: pytest.TempPathFactory, builds: list[dict[str, str]], keys: list[str], notes: list[str]
) -> None:
    folder = tmp_path_factory.mktemp("templates")
    for name, text in TEMPLATES.items():
        (folder / name).write_text(text, encoding="utf-8")
    render_memo._LAST = None
    pages: Pages = {f"{i}.md": ("one.md.j2", {"key": k, "person": Person(k)}) for i, k in enumerate(keys)}
    for number, titles in enumerate(builds):  # the pages' own values change from build to build too
        note = notes[number]
        pages |= {"all.md": ("all.md.j2", {}), "has.md": ("has.md.j2", {"note": note}),
                  "set.md": ("set.md.j2", {"note": note}), "json.md": ("json.md.j2", {"table": titles})}  # fmt: skip
        assert _build(folder, pages, titles)[0] == _plain(folder, pages, titles)


def test_the_page_types_every_page_may_read_are_compared_with_last_builds_once_per_build(
    folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (folder / "links.md.j2").write_text("{{ pages['timeline'] }} {{ key }}\n", encoding="utf-8")
    compared: list[int] = []
    changed = render_memo.RenderMemo._changed
    monkeypatch.setattr(
        render_memo.RenderMemo, "_changed", lambda self, new, old: compared.append(len(new)) or changed(self, new, old)
    )
    shared = []
    for types in ({"timeline": "timeline.md"}, {"timeline": "timeline.md"}, {"timeline": "timeline-1.md"}):
        memo = render_memo.start(folder, None, keep=True)
        assert memo is not None
        renderer = Renderer(folder, types, memo)
        shared.append(renderer.pages)
        out = {f"p{i}.md": renderer.page("links.md.j2", f"p{i}.md", "", key=i) for i in range(50)}
        render_memo.finish(memo)
        if len(shared) == 2:  # the same page types: last build's very mapping, so no page compares it at all
            assert shared[1] is shared[0] and memo.given_back == 50 and compared == []
    assert out["p7.md"] == "timeline-1.md 7\n" and memo.given_back == 0 and shared[2] is not shared[1]
    assert compared == [1]  # once for the build, not once per page: 6,000 actor pages would compare it 6,000 times


def test_a_fragment_given_back_is_the_very_markup_of_last_build(folder: Path) -> None:
    (folder / "partials").mkdir()
    (folder / "partials" / "svg.j2").write_text("{% macro shape(s) %}<svg {{ s.name }}/>{% endmacro %}", "utf-8")
    shape = _Shape("kept")
    fragments = []
    for _build_number in range(2):
        memo = render_memo.start(folder, None, keep=True)
        fragments.append(Renderer(folder, {}, memo).partial("svg.j2", "shape", shape))
        render_memo.finish(memo)
    assert fragments[0] == Markup("<svg kept/>") and type(fragments[0]) is Markup
    assert fragments[1] is fragments[0]  # so a page that shows it compares it at once, not character by character


def test_a_page_found_again_without_its_context_is_what_page_gives_back(folder: Path) -> None:
    """`Renderer.again` looks a page's reads up where they are (its own values, the shared ones), and gives it back
    exactly when `page` would: with its head, and None when anything it read changed."""
    person = Person("Ann")

    texts: list[str] = []

    def build(titles: dict[str, str], own: dict[str, object], head: str = "description: d\n") -> str | None:
        memo = render_memo.start(folder, None, keep=True)
        assert memo is not None
        renderer = Renderer(folder, {}, memo)
        common = memo.recorded({"titles": titles})
        found = renderer.again("one.md.j2", "a.md", head, own, common)
        text = renderer.page("one.md.j2", "a.md", head, **common, **own) if found is None else found
        render_memo.finish(memo)
        assert memo.given_back == (found is not None)  # what `page` would have given back, and only that
        assert found is None or found is texts[-1]  # the very text of last build: compared at once downstream
        texts.append(text)
        return found

    assert build({"a": "Alpha"}, {"key": "a", "person": person}) is None  # nothing to give back yet
    again = build({"a": "Alpha", "b": "Beta"}, {"key": "a", "person": person})  # a title it did not read changed
    assert again == "---\ndescription: d\n---\n\nAlpha by Ann\n"
    assert build({"a": "Alpha 2"}, {"key": "a", "person": person}) is None  # a title it read changed
    assert build({"a": "Alpha 2"}, {"key": "a", "person": Person("Bo")}) is None  # its own value changed
    assert build({"a": "Alpha 2"}, {"key": "a", "person": Person("Bo")}, "description: e\n") is None  # its head


def test_a_lookup_finds_a_name_where_the_merged_context_would() -> None:
    from generator.publish.templating import Lookup

    own, shared, pages, globals_ = {"a": 1}, {"a": 2, "b": 2}, {"b": 3, "c": 3}, {"c": 4, "d": 4}
    merged = {**globals_, **pages, **shared, **own}  # as `Renderer.page` merges them
    lookup = Lookup(own, shared, pages, globals_)
    assert {name: lookup.get(name, None) for name in "abcde"} == {name: merged.get(name) for name in "abcde"}
