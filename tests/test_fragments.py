"""A fragment a template asks for with `fragment(macro, ...)` is drawn once for the pages of a folder that give it the
same values, and each page that shows it reads what it read: the text is the macro's own, the page memo of a
server's rebuild redraws a page whose fragment would change, and a fragment that read a value its page made is
never given to another page."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.publish import render_memo
from generator.publish.templating import Renderer
from tests.conftest import write_templates

MACROS = (
    "{% macro card(e) %}{{ drawn() }}<a href=\"{{ link('t/' ~ e.name ~ '.md') }}\">{{ titles[e.key] }}</a> "
    "{{ e.name }}{% endmacro %}"
)
TEMPLATES = {
    "_f.j2": MACROS,
    "shared.md.j2": "{% import '_f.j2' as m with context %}{% for e in items %}{{ fragment(m.card, e) }}|{% endfor %}"
    " {{ own }}\n",
    "plain.md.j2": "{% import '_f.j2' as m with context %}{% for e in items %}{{ m.card(e) }}|{% endfor %} {{ own }}\n",
    "made.md.j2": "{% set titles = {'k': own, 'j': own} %}{% import '_f.j2' as m with context %}"
    "{% for e in items %}{{ fragment(m.card, e) }}|{% endfor %}\n",
    # the page makes a value the macro sees on some pages only
    "maybe.md.j2": "{% if own %}{% set titles = {'k': 'made', 'j': 'made'} %}{% endif %}"
    "{% import '_f.j2' as m with context %}{% for e in items %}{{ fragment(m.card, e) }}|{% endfor %}",
    # values the macro holds as compiled code, not looked up by name
    "_held.j2": "{% set who = own %}{% macro card(e) %}{{ drawn() }}[{{ who }}:{{ e.name }}]{% endmacro %}",
    "held.md.j2": "{% import '_held.j2' as m with context %}{{ fragment(m.card, items[0]) }}",
    "own_macro.md.j2": "{% set who = own %}{% macro card(e) %}{{ drawn() }}[{{ who }}:{{ e.name }}]{% endmacro %}"
    "{{ fragment(card, items[0]) }}",
    "loop.md.j2": "{% for who in [own] %}{% macro card(e) %}{{ drawn() }}[{{ who }}:{{ e.name }}]{% endmacro %}"
    "{{ fragment(card, items[0]) }}{% endfor %}",
    "_calls.j2": "{% macro card(e) %}{{ drawn() }}{{ helper(e) }}{% endmacro %}",
    "page_a.md.j2": "{% macro helper(e) %}A:{{ e.name }}{% endmacro %}{% import '_calls.j2' as m with context %}"
    "{{ fragment(m.card, items[0]) }}",
    "page_b.md.j2": "{% macro helper(e) %}B:{{ e.name }}{% endmacro %}{% import '_calls.j2' as m with context %}"
    "{{ fragment(m.card, items[0]) }}",
    "function.md.j2": "{{ fragment(shout, 'a') }}",
    "_raw.j2": "{% macro show(e) %}{{ drawn() }}<{{ e.name }}>{% endmacro %}",
    "escaped.md.j2": "{% import '_raw.j2' as m with context %}{% autoescape false %}{{ fragment(m.show, items[0])|e }}"
    " {{ m.show(items[0])|e }}{% endautoescape %}",
}


@dataclass(frozen=True)
class Item:
    name: str
    key: str


class Draws:
    """Counts the macro's drawings (it prints nothing)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self) -> str:
        self.count += 1
        return ""


pytestmark = pytest.mark.usefixtures("no_render_memo")


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return write_templates(tmp_path, TEMPLATES)


ITEMS = (Item("one", "k"), Item("two", "j"))
TITLES = {"k": "Kay", "j": "Jay"}
PATHS = ("actors/a.md", "actors/b.md", "other/c.md")


def _pages(renderer: Renderer, template: str, draws: Draws, titles: dict[str, str], **own: object) -> list[str]:
    return [
        renderer.page(template, path, "", items=ITEMS, titles=titles, drawn=draws, own=own.get(path, path))
        for path in PATHS
    ]


@pytest.mark.parametrize("keep", [False, True])
def test_a_fragment_is_drawn_once_per_folder_and_reads_as_the_macro_draws_it(folder: Path, keep: bool) -> None:
    draws = Draws()
    memo = render_memo.start(folder, None, keep=keep)
    renderer = Renderer(folder, {}, memo)
    titles = memo.recorded({"titles": TITLES})["titles"] if memo else TITLES
    shared = _pages(renderer, "shared.md.j2", draws, titles)
    assert draws.count == 4  # two items, for actors/ once and for other/ once (its links differ)
    assert shared == _pages(Renderer(folder, {}), "plain.md.j2", Draws(), TITLES)
    assert shared[0] == '<a href="../t/one.html">Kay</a> one|<a href="../t/two.html">Jay</a> two| actors/a.md\n'
    assert renderer.fragments.given == 2


def test_a_page_that_gives_the_fragment_another_value_draws_its_own(folder: Path) -> None:
    draws, renderer = Draws(), Renderer(folder, {})
    first = renderer.page("shared.md.j2", "actors/a.md", "", items=ITEMS, titles=TITLES, drawn=draws, own="")
    other = renderer.page("shared.md.j2", "actors/b.md", "", items=ITEMS, titles={"k": "K2", "j": "J2"}, drawn=draws,
                          own="")  # fmt: skip
    equal = renderer.page("shared.md.j2", "actors/c.md", "", items=ITEMS, titles=dict(TITLES), drawn=draws, own="")
    assert draws.count == 6  # a value the drawing read is not the very one: drawn again, even when equal
    assert "Kay" in first and "K2" in other and "Kay" in equal
    copies = tuple(Item(i.name, i.key) for i in ITEMS)  # equal arguments, not the very objects
    renderer.page("shared.md.j2", "actors/d.md", "", items=copies, titles=TITLES, drawn=draws, own="")
    assert draws.count == 8


def test_a_fragment_that_read_a_value_its_page_made_is_not_shared(folder: Path) -> None:
    draws, renderer = Draws(), Renderer(folder, {})
    pages = [renderer.page("made.md.j2", path, "", items=ITEMS, drawn=draws, own=own)
             for path, own in (("actors/a.md", "first"), ("actors/b.md", "second"))]  # fmt: skip
    assert pages[1] == '<a href="../t/one.html">second</a> one|<a href="../t/two.html">second</a> two|'
    assert draws.count == 4


def _build(folder: Path, draws: Draws, titles: dict[str, str], own: dict[str, str]) -> list[str]:
    """One server build: a memo, the shared mapping recorded once, the three pages, the memo kept."""
    memo = render_memo.start(folder, None, keep=True)
    assert memo is not None
    renderer = Renderer(folder, {}, memo)
    pages = _pages(renderer, "shared.md.j2", draws, memo.recorded({"titles": titles})["titles"], **own)
    render_memo.finish(memo)
    return pages


def test_a_page_given_a_fragment_is_drawn_again_when_what_the_fragment_read_changes(folder: Path) -> None:
    draws = Draws()
    _build(folder, draws, TITLES, {})
    changed = _build(folder, draws, {"k": "Kay, renamed", "j": "Jay"}, {})
    # actors/b.md read `titles` only through the fragment drawn for actors/a.md: it is not given back stale
    assert all("Kay, renamed" in page for page in changed)
    assert changed == _pages(Renderer(folder, {}), "plain.md.j2", Draws(), {"k": "Kay, renamed", "j": "Jay"})


def test_a_server_build_gives_back_the_last_builds_fragments(folder: Path) -> None:
    draws = Draws()
    _build(folder, draws, TITLES, {})
    assert draws.count == 4
    own = {path: "edited" for path in PATHS}  # every page drawn again, each fragment as it was
    again = _build(folder, draws, dict(TITLES), own)
    assert draws.count == 4
    assert again == [page.replace(path, "edited") for page, path in
                     zip(_pages(Renderer(folder, {}), "plain.md.j2", Draws(), TITLES), PATHS, strict=True)]  # fmt: skip


def test_a_page_whose_macro_would_find_another_value_draws_its_own(folder: Path) -> None:
    draws, renderer = Draws(), Renderer(folder, {})
    first = renderer.page("maybe.md.j2", "actors/a.md", "", items=ITEMS, titles=TITLES, drawn=draws, own="")
    second = renderer.page("maybe.md.j2", "actors/b.md", "", items=ITEMS, titles=TITLES, drawn=draws, own="yes")
    assert "Kay" in first and "made" not in first
    assert second == '<a href="../t/one.html">made</a> one|<a href="../t/two.html">made</a> two|'


@pytest.mark.parametrize("template", ["held.md.j2", "own_macro.md.j2", "loop.md.j2"])
def test_a_macro_holding_a_value_of_its_template_is_not_shared(folder: Path, template: str) -> None:
    draws, renderer = Draws(), Renderer(folder, {})
    pages = [renderer.page(template, path, "", items=ITEMS, drawn=draws, own=own)
             for path, own in (("actors/a.md", "A"), ("actors/b.md", "B"))]  # fmt: skip
    assert pages == ["[A:one]", "[B:one]"]
    assert draws.count == 2 and renderer.fragments.given == 0


def test_a_fragment_escapes_as_the_template_that_asks_for_it(folder: Path) -> None:
    draws, renderer = Draws(), Renderer(folder, {})
    pages = [renderer.page("escaped.md.j2", path, "", items=ITEMS, drawn=draws) for path in ("x/a.md", "x/b.md")]
    assert pages == ["&lt;one&gt; &lt;one&gt;"] * 2
    assert renderer.fragments.given == 1


def test_a_fragment_that_called_a_macro_of_its_page_is_not_shared(folder: Path) -> None:
    draws, renderer = Draws(), Renderer(folder, {})
    pages = [renderer.page(template, f"x/{template}", "", items=ITEMS, drawn=draws)
             for template in ("page_a.md.j2", "page_b.md.j2")]  # fmt: skip
    assert pages == ["A:one", "B:one"]


def test_a_function_asked_for_as_a_fragment_is_called_as_a_template_calls_it(folder: Path) -> None:
    page = Renderer(folder, {}).page("function.md.j2", "x/a.md", "", shout=str.upper)
    assert page == "A"
