"""Results a long-lived process (`mkdocs serve`) made in its last build, given back when this build asks for them
again with equal inputs: how assembly and publishing update what an edited article touches instead of redoing it.

A stage names each result (an event's first report, an actor's name) and makes it by a function of its arguments
alone. When the last build called that function under that name with arguments equal to this build's (`==`, which
compares the records kept from one build to the next at once, as the same objects), the same object is given back,
so later stages and the rendered-page memo compare it at once too. Equal arguments must make equal results: a
result that shows the order of a set's or a mapping's items gets them as a tuple (two equal mappings may list
their items in another order), and a record whose equality leaves out part of what it holds is passed as the
subject of `call_on`, which gives back only what was made from that very object.

A build that does not build again (`start(False)`) keeps nothing and makes every result afresh.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

V = TypeVar("V")

_ALL: list[Kept] = []  # every stage's results, turned over at the start of each build
_keeping = False


class Kept(Generic[V]):
    """One stage's results of the last build and of this one, by name."""

    def __init__(self, label: str) -> None:
        self.label = label  # what the results are, for whoever measures the stage
        self.last: dict[Hashable, tuple[tuple[object, ...], V]] = {}
        self.now: dict[Hashable, tuple[tuple[object, ...], V]] = {}
        self.given_back = 0  # results of this build given back from the last
        _ALL.append(self)

    def call(self, name: Hashable, make: Callable[..., V], *arguments: Any) -> V:
        """`make(*arguments)`, named `name`: the last build's result when its arguments were equal."""
        return self._call(name, make, arguments, False)

    def call_on(self, name: Hashable, make: Callable[..., V], subject: Any, *arguments: Any) -> V:
        """`make(subject, *arguments)`: the last build's result only for the very `subject` it was made from (a
        record whose equality does not see all it holds: sentences compare without their parse)."""
        return self._call(name, make, (subject, *arguments), True)

    def same(self, name: Hashable, value: V) -> V:
        """`value`, or the very object given under `name` last build when it was equal: later stages, and the page
        memo, then find the results made from it unchanged at once."""
        return self._call(name, _itself, (value,), False)

    def carry(self, name: Hashable) -> V | None:
        """The last build's result under `name`, given back and kept for the next build, when this one knows it
        unchanged without asking for it again (None: there is none)."""
        found = self.last.get(name) if _keeping else None
        if found is None:
            return None
        self.now[name] = found
        self.given_back += 1
        return found[1]

    def _call(self, name: Hashable, make: Callable[..., V], arguments: tuple[Any, ...], same: bool) -> V:
        if not _keeping:
            return make(*arguments)
        found = self.last.get(name)
        if found is not None and (not same or found[0][0] is arguments[0]) and found[0] == arguments:
            value = found[1]
            self.given_back += 1
        else:
            value = make(*arguments)
        self.now[name] = (arguments, value)
        return value


def _itself(value: V) -> V:
    return value


def start(keep: bool) -> None:
    """A new build: the results made by the last one become those to give back (`keep`), or are all dropped. A
    process that builds again retires the results of the build before the last (`retire`)."""
    global _keeping
    _keeping = keep
    if not keep:
        _RETIRED.clear()
    for kept in _ALL:
        if keep and kept.now:
            retire(kept.last)
        kept.last, kept.now = (kept.now or kept.last, {}) if keep else ({}, {})
        kept.given_back = 0


_RETIRED: list[object] = []  # what this process's builds let go of, for it to free when it has time (`retired`)


def retire(*items: object) -> None:
    """Records a build of a process that builds again lets go of: freeing tens of thousands of records takes
    0.05-0.1 s at 1,000 articles, which the process spends when it has time rather than in the build."""
    if _keeping:
        _RETIRED.extend(items)


def retired() -> list[object]:
    """What the builds retired since the last call, handed over."""
    items = list(_RETIRED)
    _RETIRED.clear()
    return items


def keeping() -> bool:
    """Whether this build keeps its results for the next one."""
    return _keeping
