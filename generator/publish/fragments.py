"""Fragments drawn once a build and shown on many pages: a timeline entry is on the page of each actor it names,
the same HTML on each (pages of one folder link alike), so it is drawn for the first and given to the others;
a server's rebuild that draws a month of the timeline again takes its unchanged entries from the last build.

A template asks for one with `fragment(macro, *arguments)` where it would write `macro(*arguments)`. The drawing
records what the macro looked up (`reads`). A later page of the same folder is given the same text when its
arguments are the very objects it was drawn from and each name the drawing looked up is the very value the
page's macro would find now (functions are code: the project's own depend on nothing but their arguments and the
page's folder). Each page that shows a fragment reads what the fragment read, so the page memo of a server's
rebuild knows what it showed. Never shared:
- a drawing that looked up a value its page made (a `{% set %}`, a macro, that the macro sees through `import ...
  with context`);
- a macro that holds a value of its template as compiled code holds it, not looked up by name: a `{% set %}` of
  the macro's own template, a loop's variable, an imported module (other macros of its template are code).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from jinja2 import pass_eval_context
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, Macro
from jinja2.utils import missing as MISSING  # a variable not assigned yet

from generator.publish.reads import Reads, current, recording
from generator.publish.render_memo import CODE

Key = tuple[Any, ...]  # a macro (its template's file and line, its name), a folder, its arguments' names and ids


@dataclass(frozen=True)
class _Drawn:
    arguments: tuple[Any, ...]  # held, so the ids in its key stay theirs for the build
    text: Any
    reads: Reads


class Fragments:
    """One build's shared fragments, by macro, arguments and the folder of the pages they are for: `drawn`, where
    they are kept (a server's rebuild keeps them in its page memo), and `last`, those of the build before, given
    back on the same terms (the arguments are then records kept from one build to the next, as `core.kept` keeps
    them, and what every page reads is the last build's very mapping while equal: `RenderMemo.recorded`)."""

    def __init__(self, drawn: dict[Key, Any] | None = None, last: Mapping[Key, Any] = MappingProxyType({})) -> None:
        self._drawn: dict[Key, _Drawn] = {} if drawn is None else drawn
        self._last = last
        self._page: tuple[str, Mapping[str, Any]] | None = None  # the page being drawn: its folder and inputs
        self.given = 0  # fragments given to a page without drawing them again

    @contextmanager
    def page(self, path: str, inputs: Mapping[str, Any]) -> Iterator[None]:
        """While the page at `path` is drawn from `inputs` (everything it may read, by name)."""
        before, self._page = self._page, (posixpath.dirname(path), inputs)
        try:
            yield
        finally:
            self._page = before

    @pass_eval_context  # a macro escapes as the template that calls it does (`{% autoescape %}`)
    def draw(self, escaping: EvalContext, macro: Any, *arguments: Any, **named: Any) -> Any:
        """`macro(*arguments, **named)`, drawn once for the pages of a folder that give it the same values."""
        if not isinstance(macro, Macro):  # a function, not a template's macro: called as a template calls it
            return macro(*arguments, **named)
        scope = _scope(macro) if self._page is not None else None
        if self._page is None or scope is None:
            return macro(escaping, *arguments, **named)
        folder, inputs = self._page
        held = (*arguments, *named.values())
        code = macro._func.__code__  # a build's new environment loads new code for the same template
        key = (code.co_filename, code.co_firstlineno, macro.name, escaping.autoescape, folder, tuple(named),
               *map(id, held))  # fmt: skip
        found = self._drawn.get(key) or self._last.get(key)  # held objects: an id is of the very same one
        if found is not None and _fits(found.reads, scope):
            self.given += 1
            text, reads = found.text, found.reads
            self._drawn[key] = found
        else:
            with recording(Reads(inputs)) as reads:
                text = macro(escaping, *arguments, **named)
            if not reads.made:
                self._drawn[key] = _Drawn(held, text, reads)
        active = current()
        if active is not None:
            active.add(reads)
        return text


def _scope(macro: Macro) -> Context | None:
    """The context `macro` looks names up in (its template's, as the page imported it); None when it looks nothing
    up, or holds a value of its template other than macros (see the docstring)."""
    if not _closed(macro, frozenset()):
        return None
    found = dict(_cells(macro)).get("context")
    return found if isinstance(found, Context) else None


def _closed(macro: Macro, seen: frozenset[int]) -> bool:
    """Whether the only values of its template `macro` holds (Jinja names them l_<depth>_<name>) are macros that
    hold none either."""
    seen = seen | {id(macro)}
    for name, value in _cells(macro):
        if name.startswith("l_") and not (isinstance(value, Macro) and (id(value) in seen or _closed(value, seen))):
            return False
    return True


def _cells(macro: Macro) -> Iterator[tuple[str, Any]]:
    """The names and values the macro's compiled code holds (`MISSING` for one not assigned yet)."""
    function = macro._func
    for name, cell in zip(function.__code__.co_freevars, function.__closure__ or (), strict=True):
        try:
            yield name, cell.cell_contents
        except ValueError:  # an empty cell
            yield name, MISSING


def _fits(reads: Reads, scope: Context) -> bool:
    """Whether each name `reads` holds is the very value the macro finds in `scope` (looked up unrecorded)."""
    return all(
        isinstance(value, CODE) or Context.resolve_or_missing(scope, name) is value
        for name, value in reads.names.items()
    )
