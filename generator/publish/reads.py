"""What a render looks up, recorded: the names a template, macro or include resolves, and of a mapping in the
context (`Recorded`) the keys looked up, or the whole mapping once it is iterated, counted or tested for truth.

The page memo (`render_memo`) keeps a page's reads to know, next build, whether the page would come out the same;
a fragment drawn once for many pages (`fragments`) keeps its own, and adds them to each page that shows it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from types import MappingProxyType
from typing import Any

from jinja2.runtime import Context
from jinja2.utils import missing as MISSING  # what the context gives for a name it lacks


class Reads:
    """What a render (a page's, or a shared fragment's) looked up: names, and the keys of recorded mappings (None:
    the whole mapping)."""

    def __init__(self, inputs: Mapping[str, Any]) -> None:
        self.inputs = inputs
        self.names: dict[str, Any] = {}
        self.keys: dict[int, set[Any] | None] = {}
        self.made = False  # whether a value the template made was looked up (see `resolved`)

    def resolved(self, name: str, value: Any) -> None:
        """A name looked up: an input of the page (or one it lacks), not a value the template made from its reads
        and a macro or include looks up by name (`{% set %}` seen through `import ... with context`), which
        depends on nothing but what the page read; a fragment that looked one up depends on the page it was drawn
        for (`made`), and so does one that looked up a macro of the page's own. (Values a macro's compiled code
        holds, not looked up by name, are not seen here: `fragments` keeps such macros to their page.)"""
        if self.inputs.get(name, MISSING) is value:
            self.names.setdefault(name, value)
        else:
            self.made = True

    def looked_up(self, mapping: Recorded, key: Any) -> None:
        keys = self.keys.setdefault(id(mapping), set())
        if keys is not None:
            keys.add(key) if _hashable(key) else self.read_whole(mapping)

    def read_whole(self, mapping: Recorded) -> None:
        self.keys[id(mapping)] = None

    def add(self, other: Reads) -> None:
        """What `other` read, as read by this render too (a fragment drawn for, or given to, this page)."""
        self.made = self.made or other.made
        for name, value in other.names.items():
            self.names.setdefault(name, value)
        for mapping, keys in other.keys.items():
            mine = self.keys.setdefault(mapping, set())  # this render's own set (never `other`'s): grown in place
            if keys is None:
                self.keys[mapping] = None
            elif mine is not None:
                mine |= keys


def _hashable(key: Any) -> bool:
    try:
        hash(key)
    except TypeError:
        return False
    return True


_active: Reads | None = None  # the render being recorded (builds run one at a time in a process)


@contextmanager
def recording(reads: Reads) -> Iterator[Reads]:
    """Record into `reads` what is looked up until the block ends (then the render recorded before, if any); the
    reads then let go of the page's values (a shared fragment's are kept past its page)."""
    global _active
    _active, before = reads, _active
    try:
        yield reads
    finally:
        _active = before
        reads.inputs = NO_INPUTS


NO_INPUTS: Mapping[str, Any] = MappingProxyType({})


def current() -> Reads | None:
    """The reads of the render being recorded, if any."""
    return _active


class Recorded(dict[Any, Any]):
    """A mapping of the template context whose lookups are recorded while a page renders."""

    __slots__ = ()

    def __getitem__(self, key: Any) -> Any:
        if _active is not None:
            _active.looked_up(self, key)
        return dict.__getitem__(self, key)

    def get(self, key: Any, default: Any = None) -> Any:
        if _active is not None:
            _active.looked_up(self, key)
        return dict.get(self, key, default)

    def __contains__(self, key: object) -> bool:
        if _active is not None:
            _active.looked_up(self, key)
        return dict.__contains__(self, key)

    def _whole(self) -> None:
        if _active is not None:
            _active.read_whole(self)

    def __iter__(self) -> Any:
        self._whole()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._whole()
        return dict.__len__(self)

    def __reversed__(self) -> Any:
        self._whole()
        return dict.__reversed__(self)

    def keys(self) -> Any:
        self._whole()
        return dict.keys(self)

    def values(self) -> Any:
        self._whole()
        return dict.values(self)

    def items(self) -> Any:
        self._whole()
        return dict.items(self)

    def copy(self) -> dict[Any, Any]:
        self._whole()
        return dict(dict.items(self))

    def __eq__(self, other: object) -> bool:
        self._whole()
        return dict.__eq__(self, other)

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None

    def __str__(self) -> str:  # printed (`{{ mapping }}`); `pprint` and `repr` go through `items` as for a dict
        self._whole()
        return dict.__repr__(self)

    def __or__(self, other: Any) -> Any:
        self._whole()
        return dict(dict.items(self)) | other

    def __ror__(self, other: Any) -> Any:
        self._whole()
        return other | dict(dict.items(self))


class RecordingContext(Context):
    """Jinja's template context, recording every name looked up while a page renders."""

    def resolve_or_missing(self, key: str) -> Any:
        value = super().resolve_or_missing(key)
        if _active is not None:
            _active.resolved(key, value)
        return value


def recorded(values: Mapping[str, Any]) -> dict[str, Any]:
    """The context's plain mappings as `Recorded` ones (once per build for what every page shares)."""
    return {name: Recorded(value) if type(value) is dict else value for name, value in values.items()}
