"""One YAML loader for every editor-written file (story file, front matter, sidecars).

PyYAML's safe loader is safe from code execution, not from mistakes or abuse. This one also
- refuses duplicate keys at any depth, naming both lines (PyYAML keeps the last one silently);
- refuses nesting deeper than MAX_DEPTH (PyYAML recurses until Python's stack runs out);
- counts what aliases expand to while composing and refuses a document that would grow far past its
  own size (the "billion laughs"), or an alias that contains itself;
- leaves dates as text, so the schema validates them with the field's name and line;
- removes control characters from every string (see `textclean`);
- turns a value PyYAML cannot build (a 5,000-digit number) into an error with its line.

`GuardedLoader` holds the limits alone (depth, alias expansion, duplicate keys, values that cannot be built),
for a YAML file the project hands on to another tool (mkdocs.yml, read for Zensical): the same limits, that
file's own tags.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from generator.core.text import strip_controls

MAX_DEPTH = 40  # a story file is four or five levels deep
EXPANSION = 10  # aliases may make a document at most this many times its own size …
EXPANSION_FLOOR = 100_000  # … or this many characters, whichever is larger


@dataclass
class YamlProblem(Exception):
    """A mistake at a line of the YAML text (1-based; None when the position is unknown)."""

    line: int | None
    message: str

    def __str__(self) -> str:
        return self.message


PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map", "merge")
)  # what a story file or metadata needs; explicit tags such as !!timestamp or !!binary are refused


# YAML 1.1's implicit types without timestamps: a date stays text until the schema reads it
_NO_TIMESTAMPS = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}


class GuardedLoader(Reader, Scanner, Parser, Composer, SafeConstructor, Resolver):
    """PyYAML's safe loader (YAML 1.1 types, no Python objects) with the limits above; give it to `load_yaml`."""

    refuse_duplicates = True  # a key given twice is an error; False keeps the last, as PyYAML does

    def __init__(self, text: str, first_line: int = 1) -> None:
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)
        self.first_line = first_line
        self.depth = 0
        self.budget = max(EXPANSION_FLOOR, EXPANSION * len(text))
        self.expanded = 0
        self.sizes: dict[int, int] = {}
        self.open_anchors: set[str] = set()  # anchors of the collections being composed

    # ── composing: depth, alias expansion, duplicate keys ──
    def compose_node(self, parent: Node | None, index: int) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.peek_event()
            anchor = self.anchors.get(event.anchor)
            if event.anchor in self.open_anchors:
                raise YamlProblem(
                    self.first_line + event.start_mark.line,
                    f"*{event.anchor} refers to the value that contains it; remove the loop",
                )
            if anchor is not None:
                self.expanded += self._size(anchor)
                if self.expanded > self.budget:
                    raise YamlProblem(
                        self.first_line + event.start_mark.line,
                        f"aliases (*{event.anchor}) expand the file to over {self.budget:,} characters; "
                        "write the values out or use fewer aliases",
                    )
            return super().compose_node(parent, index)
        self.depth += 1
        event = self.peek_event()
        if self.depth > MAX_DEPTH:
            raise YamlProblem(
                self.first_line + event.start_mark.line,
                f"nested more than {MAX_DEPTH} levels deep; flatten the structure",
            )
        anchor = getattr(event, "anchor", None)
        if anchor:
            self.open_anchors.add(anchor)
        try:
            node = super().compose_node(parent, index)
        finally:
            self.depth -= 1
            self.open_anchors.discard(anchor or "")
        if isinstance(node, MappingNode) and self.refuse_duplicates:
            self._check_duplicates(node)
        return node

    def _line(self, node: Node) -> int:
        return self.first_line + node.start_mark.line

    def _check_duplicates(self, node: MappingNode) -> None:
        first: dict[str, int] = {}
        for key, _value in node.value:
            if not isinstance(key, ScalarNode) or key.tag == "tag:yaml.org,2002:merge":
                continue
            line = self._line(key)
            if key.value in first:
                raise YamlProblem(
                    line,
                    f"'{key.value}' is given twice (lines {first[key.value]} and {line}); "
                    "merge them into one, or the first one would be lost",
                )
            first[key.value] = line

    def _size(self, node: Node) -> int:
        """Characters a node stands for once every alias in it is expanded (memoised per node)."""
        key = id(node)
        if key not in self.sizes:
            if isinstance(node, ScalarNode):
                size = len(node.value) + 1
            elif isinstance(node, SequenceNode):
                size = 1 + sum(self._size(child) for child in node.value)
            elif isinstance(node, MappingNode):
                size = 1 + sum(self._size(k) + self._size(v) for k, v in node.value)
            else:
                size = 1
            self.sizes[key] = size
        return self.sizes[key]

    # ── constructing: one-line errors ──
    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except YamlProblem:
            raise
        except Exception as exc:  # a value PyYAML cannot build, of whatever kind
            reason = "too many digits" if "digits" in str(exc) else type(exc).__name__
            raise YamlProblem(self._line(node), f"'{node.value!s:.20}…' cannot be read ({reason}); quote it") from None


class _Loader(GuardedLoader):
    """An editor-written file: the plain tags only, dates left as text, clean strings."""

    yaml_implicit_resolvers = _NO_TIMESTAMPS

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        if node.tag not in PLAIN_TAGS:
            raise YamlProblem(self._line(node), f"the tag {node.tag.rsplit(':', 1)[-1]} is not used here; remove it")
        return super().construct_object(node, deep)

    def construct_yaml_str(self, node: Node) -> str:
        return strip_controls(super().construct_scalar(node))  # type: ignore[arg-type]


_Loader.add_constructor("tag:yaml.org,2002:str", _Loader.construct_yaml_str)  # type: ignore[type-var]


def load_yaml(text: str, first_line: int = 1, loader_class: type[GuardedLoader] = _Loader) -> tuple[Any, Node | None]:
    """The data of one YAML document and its node tree (for line numbers); raise YamlProblem.

    `first_line` is the file line the text starts on (2 for front matter), so every line named is the file's;
    `loader_class` is an editor-written file's loader unless given (a `GuardedLoader` with other tags).
    """
    loader = None
    try:
        loader = loader_class(text, first_line)
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first_line + mark.line if mark else None
        raise YamlProblem(line, f"YAML syntax error: {exc.problem or exc}; fix the indentation or quoting") from None
    except yaml.reader.ReaderError as exc:
        line = first_line + text.count("\n", 0, exc.position)
        raise YamlProblem(line, f"character U+{exc.character:04X} is not allowed in YAML; remove it") from None
    except yaml.YAMLError as exc:
        raise YamlProblem(None, f"YAML error: {exc}") from None
    except RecursionError:
        raise YamlProblem(None, "nested too deeply to read; flatten the structure") from None
    finally:
        if loader is not None:
            loader.dispose()
    return data, root


def node_at(root: Node | None, loc: tuple[str | int, ...]) -> Node | None:
    """Walk a node tree along a (pydantic error) location; return the deepest node reached."""
    node = root
    for key in loc:
        if isinstance(node, MappingNode):
            match = next((v for k, v in node.value if k.value == key), None)
            if match is None:
                keyed = next((k for k, _ in node.value if k.value == key), None)
                return keyed or node
            node = match
        elif isinstance(node, SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            return node
    return node


def line_at(root: Node | None, loc: tuple[str | int, ...], first_line: int = 1) -> int | None:
    """The file line of the value at `loc` (or of the nearest node above it)."""
    node = node_at(root, loc)
    return first_line + node.start_mark.line if node is not None else None
