"""A small picture of who an actor is named with: the actor in the middle, co-actors around it.

This module computes the geometry; `templates/partials/svg.j2` draws it as inline SVG.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass

SIZE = 420
CENTRE = SIZE / 2
RADIUS = 140


@dataclass(frozen=True)
class Edge:
    x: float
    y: float
    width: float  # as thick as the number of sentences that name both


@dataclass(frozen=True)
class Node:
    x: float
    y: float
    label_x: float
    label_y: float
    anchor: str  # text-anchor: start, middle or end
    label: str
    count: int
    title: str
    url: str | None


@dataclass(frozen=True)
class Network:
    name: str
    summary: str
    edges: list[Edge]
    nodes: list[Node]
    size: int = SIZE
    centre: float = CENTRE


def network_layout(name: str, co_actors: list[tuple[str, int]], url_of: Callable[[str], str | None]) -> Network | None:
    """Co-actors on a circle around the actor; each node links to its page where it has one."""
    if not co_actors:
        return None
    strongest = max(count for _name, count in co_actors)
    edges, nodes = [], []
    for i, (other, count) in enumerate(co_actors):
        angle = -math.pi / 2 + 2 * math.pi * i / len(co_actors)
        x, y = round(CENTRE + RADIUS * math.cos(angle), 1), round(CENTRE + RADIUS * math.sin(angle), 1)
        edges.append(Edge(x, y, round(1 + 5 * count / strongest, 1)))
        anchor = "start" if x > CENTRE + 5 else "end" if x < CENTRE - 5 else "middle"
        dx = 12 if anchor == "start" else -12 if anchor == "end" else 0
        dy = 24 if y > CENTRE + 5 and anchor == "middle" else -14 if anchor == "middle" else 5
        title = f"{other}: named together in {count} sentence{'s' if count != 1 else ''}"
        nodes.append(Node(x, y, x + dx, y + dy, anchor, other, count, title, url_of(other)))
    summary = f"{name} is most often named with " + ", ".join(n for n, _ in co_actors)
    return Network(name, summary, edges, nodes)
