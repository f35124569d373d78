"""Pages a long-lived process (`mkdocs serve`) rendered last time, each with what its render read.

A page is given back without rendering when its template and front matter are as last time and so is every value
its render read. The template context records the reads itself (`reads`): each name a template, macro or
include looks up, and of a mapping in the context the keys looked up, or the whole mapping once it is iterated,
counted or tested for truth. So a template an editor changed to read something new is tracked as the
shipped ones are, and a change to any file of the templates folder starts afresh.

Values are compared with `==` (the models compare field by field, all the way down) and, at the top, by type;
a value nested in a model is trusted to print as it compares (the models' fields are typed, lists keep their
order). Functions in the context are code, not data, and are not compared: the project's own (`link`,
`actor_path` ...) depend on nothing but their arguments and the page's path, which is the entry's key. Values kept
from one build to the next (articles, extractions) are immutable, so one seen again as the same object is equal.
Only a process that builds again keeps a memo (`keep`); any other build frees the last one.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import types
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from jinja2.utils import missing as MISSING  # what the context gives for a name it lacks
from markupsafe import Markup
from pydantic import BaseModel

from generator.core.kept import retire
from generator.publish.reads import Reads, Recorded, recorded, recording

CODE = (types.FunctionType, types.BuiltinFunctionType, types.MethodType, types.LambdaType, type)


class Values(Protocol):
    """What a page may read, by name (a mapping, or `templating.Lookup`)."""

    def get(self, name: str, default: Any, /) -> Any: ...


@dataclass
class _Page:
    template: str
    head: str
    reads: dict[str, tuple[Any, set[Any] | None]]  # name -> (value, keys read; None: read whole)
    text: str  # as drawn, with the head's lines (`with_head`): a page given back is this very string


def with_head(text: str, head: str) -> str:
    """A page's text with `head`'s front-matter lines added to its own."""
    if not head:
        return text
    return "---\n" + head + text[4:] if text.startswith("---\n") else f"---\n{head}---\n\n{text}"


def templates_digest(folder: Path) -> str:
    """Every file of the templates folder, by name and content."""
    digest = hashlib.sha1()
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        digest.update(str(path.relative_to(folder)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


@dataclass
class RenderMemo:
    """This build's pages and partials, and the last build's to give back (see the module's docstring)."""

    key: tuple[str, ...]
    previous: dict[str, _Page] = field(default_factory=dict)
    pages: dict[str, _Page] = field(default_factory=dict)
    old_partials: dict[str, str] = field(default_factory=dict)
    partials: dict[str, str] = field(default_factory=dict)
    compared: dict[tuple[Any, ...], tuple[Any, Any, Any]] = field(default_factory=dict)
    old_drawn: dict[tuple[Any, ...], tuple[tuple[Any, ...], str]] = field(default_factory=dict)  # -> args, key
    drawn: dict[tuple[Any, ...], tuple[tuple[Any, ...], str]] = field(default_factory=dict)
    old_shared: dict[str, Any] = field(default_factory=dict)  # what every page of the last build could read
    shared: dict[str, Any] = field(default_factory=dict)
    old_parts: dict[str, Any] = field(default_factory=dict)  # what a page was made of besides its reads, by page
    parts: dict[str, Any] = field(default_factory=dict)  # (its inputs and what was drawn of them: `render`)
    old_fragments: dict[tuple[Any, ...], Any] = field(default_factory=dict)  # drawn for many pages (`fragments`)
    fragments: dict[tuple[Any, ...], Any] = field(default_factory=dict)
    given_back: int = 0

    def recorded(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """What every page may read (`recorded`), each mapping or set the very one of last build when it holds the
        same items in the same order: a page that read it then finds it unchanged at once, not by its keys."""
        fresh = recorded(values)
        for name, value in fresh.items():
            old = self.old_shared.get(name)
            if type(value) in SHARED and type(old) is type(value) and _equal(value, old):
                fresh[name] = old
        self.shared.update(fresh)
        return fresh

    def again(self, path: str, template: str, head: str, values: Values) -> str | None:
        """The page at `path` as last build drew it (its head's lines added), when drawn by the same template with
        the same head and every value it read unchanged (`values.get` gives this build's); else None."""
        entry = self.previous.get(path)
        if entry is None or entry.template != template or entry.head != head:
            return None
        reads = self._unchanged(entry, values)
        if reads is None:
            return None
        self.pages[path] = _Page(template, head, reads, entry.text)
        self.given_back += 1
        return entry.text

    def page(self, path: str, template: str, head: str, values: Mapping[str, Any], render: Any) -> str:
        """The page at `path`, its head's lines added: given back when nothing it read changed, else `render(values)`
        recorded."""
        text = self.again(path, template, head, values)
        if text is not None:
            return text
        with recording(Reads(values)) as read:
            text = render()
        reads = {name: (value, read.keys.get(id(value), set()) if isinstance(value, Recorded) else None)
                 for name, value in read.names.items() if not isinstance(value, CODE)}  # fmt: skip
        self.pages[path] = page = _Page(template, head, reads, with_head(text, head))
        return page.text

    def partial(self, key: str, render: Any) -> str:
        """A fragment drawn from plain data whose `repr` is `key`: given back when last build drew the same."""
        if " at 0x" in key:  # an argument printed by its address says nothing of its content: never kept
            return str(render())
        text = self.old_partials.get(key)
        self.partials[key] = text if text is not None else render()
        return self.partials[key]

    def drawing(self, template: str, macro: str, args: tuple[Any, ...], render: Any) -> str:
        """A fragment drawn from `args`: given back at once when they are the very records (frozen dataclasses, as
        `core.kept` keeps them) the last build drew it from, else as `partial` gives it, by what they print."""
        if not all(_frozen(a) for a in args):
            return self.partial(f"{template}\0{macro}\0{args!r}", render)
        ident = (template, macro, *map(id, args))
        found = self.old_drawn.get(ident)
        kept = self.old_partials.get(found[1]) if found is not None else None
        if found is not None and kept is not None and all(a is b for a, b in zip(found[0], args, strict=True)):
            key = found[1]
            self.partials[key] = text = kept
        else:
            key = f"{template}\0{macro}\0{args!r}"
            text = self.partial(key, render)
        self.drawn[ident] = (args, key)  # the objects held with their key, so their ids stay theirs
        return text

    def _unchanged(self, entry: _Page, values: Values) -> dict[str, tuple[Any, set[Any] | None]] | None:
        """The page's reads against this build's values, or None when one of them differs."""
        reads = entry.reads  # kept as they are while every read is the very value of last build, as most are
        for name, (old, keys) in entry.reads.items():
            new = values.get(name, MISSING)
            if new is old:
                continue
            if not self._same(new, old, keys):
                return None
            if reads is entry.reads:
                reads = dict(reads)
            reads[name] = (new, keys)
        return reads

    def _same(self, new: Any, old: Any, keys: set[Any] | None) -> bool:
        if new is old:
            return True
        if type(new) is not type(old):
            return False
        if keys is None or not isinstance(new, Recorded):
            return self._equal(new, old)
        if (dict.__len__(new) == 0) != (dict.__len__(old) == 0):  # C code may test emptiness past the methods
            return False
        return keys.isdisjoint(self._compared((id(new), id(old), None), new, old, lambda: self._changed(new, old)))

    def _equal(self, new: Any, old: Any) -> bool:
        """`_equal`, once per pair this build (a page's own model is also a value of the mapping of them all)."""
        return new is old or (type(new) is type(old) and self._compared((id(new), id(old)), new, old,
                                                                         lambda: _equal(new, old)))  # fmt: skip

    def _changed(self, new: Recorded, old: Recorded) -> frozenset[Any]:
        """The keys whose values differ between two mappings (one absent from either differs), in a set of their
        own size: every page that read the mapping tests its keys against it, and a set left from a difference
        of two large ones keeps their table, which each test would walk."""
        changed = set(dict.keys(new)) ^ set(dict.keys(old))
        for key, value in dict.items(new):
            if key not in changed and not self._equal(value, dict.__getitem__(old, key)):
                changed.add(key)
        return frozenset(changed)

    def _compared(self, key: tuple[Any, ...], new: Any, old: Any, compare: Any) -> Any:
        """`compare()` once per pair this build: both are held with the answer, so their ids stay theirs."""
        found = self.compared.get(key)
        if found is None:
            found = self.compared[key] = (compare(), new, old)
        return found[0]


def _equal(new: Any, old: Any) -> bool:
    """Equal, and in the same order wherever order shows: `==` finds two mappings with the same items equal in
    any order, while a template iterating them prints them in their own."""
    return new is old or (type(new) is type(old) and bool(new == old) and _same_order(new, old))


ORDER_DEPTH = 3  # how deep the order of mappings is checked: past it, a model built alike is trusted to be in order


def _same_order(new: Any, old: Any, depth: int = ORDER_DEPTH) -> bool:
    """Whether two values already found equal list their mappings' keys (and their sets' items) in the same order,
    down to `depth` containers: a page's own model and the mappings in its fields, not every sentence of a site."""
    if new is old or depth == 0 or type(new) in UNORDERED:  # one object lists its items as it did
        return True
    if isinstance(new, BaseModel):  # its fields, as a mapping of the same depth
        new, old = new.__dict__, old.__dict__
    elif dataclasses.is_dataclass(new) and not isinstance(new, type):
        names = _field_names(type(new))
        new, old = {n: getattr(new, n) for n in names}, {n: getattr(old, n) for n in names}
    if isinstance(new, dict):
        if list(dict.keys(new)) != list(dict.keys(old)):
            return False
        return depth == 1 or all(  # at depth 1 the values' own order is past the depth
            _same_order(value, dict.__getitem__(old, key), depth - 1)
            for key, value in dict.items(new)
            if type(value) not in UNORDERED
        )
    if isinstance(new, set | frozenset):  # equal sets may iterate in another order (their insertion history)
        return list(new) == list(old)
    if isinstance(new, list | tuple):
        return depth == 1 or all(
            _same_order(a, b, depth - 1) for a, b in zip(new, old, strict=True) if type(a) not in UNORDERED
        )
    return True


UNORDERED = frozenset({str, int, float, bool, type(None), Markup})  # values with no order of their own inside
SHARED = (Recorded, set, frozenset)  # what `RenderMemo.recorded` gives back: compared once a build, at no great cost


def _frozen(value: Any) -> bool:
    return dataclasses.is_dataclass(value) and not isinstance(value, type) and value.__dataclass_params__.frozen  # type: ignore[attr-defined]


@functools.cache
def _field_names(kind: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(kind))


_LAST: RenderMemo | None = None  # the last build's memo, in a process that builds again


def start(templates: Path, site_url: str | None, keep: bool) -> RenderMemo | None:
    """This build's memo (None unless `keep`), holding the last build's pages if they were drawn alike."""
    global _LAST
    if not keep:
        _LAST = None
        return None
    key = (str(templates.resolve()), templates_digest(templates), site_url or "")
    last, _LAST = _LAST, None
    if last is None or last.key != key:
        return RenderMemo(key)
    return RenderMemo(
        key, previous=last.pages, old_partials=last.partials, old_drawn=last.drawn, old_shared=last.shared,
        old_parts=last.parts, old_fragments=last.fragments,
    )


def finish(memo: RenderMemo | None) -> None:
    """Keep this build's pages for the next build (a build that failed keeps none)."""
    global _LAST
    if memo is not None:
        retire(memo.compared, memo.previous, memo.old_partials, memo.old_drawn, memo.old_shared, memo.old_parts,
               memo.old_fragments)  # fmt: skip
        memo.compared, memo.previous, memo.old_partials, memo.old_drawn, memo.old_shared = {}, {}, {}, {}, {}
        memo.old_parts, memo.old_fragments = {}, {}  # (what the last build let go of is freed later)
        _LAST = memo
