"""A small picture of who an actor is named with: the actor in the middle, co-actors around it (inline SVG)."""

from __future__ import annotations

import html
import math
from collections.abc import Callable

SIZE = 420
CENTRE = SIZE / 2
RADIUS = 140


def network_svg(name: str, co_actors: list[tuple[str, int]], url_of: Callable[[str], str | None]) -> str:
    """Edges are as thick as the number of sentences that name both; each node links to its page."""
    if not co_actors:
        return ""
    strongest = max(count for _name, count in co_actors)
    parts = []
    nodes = []
    for i, (other, count) in enumerate(co_actors):
        angle = -math.pi / 2 + 2 * math.pi * i / len(co_actors)
        x, y = round(CENTRE + RADIUS * math.cos(angle), 1), round(CENTRE + RADIUS * math.sin(angle), 1)
        width = round(1 + 5 * count / strongest, 1)
        parts.append(f'<line x1="{CENTRE}" y1="{CENTRE}" x2="{x}" y2="{y}" stroke-width="{width}" class="net-edge"/>')
        anchor = "start" if x > CENTRE + 5 else "end" if x < CENTRE - 5 else "middle"
        dx = 12 if anchor == "start" else -12 if anchor == "end" else 0
        dy = 24 if y > CENTRE + 5 and anchor == "middle" else -14 if anchor == "middle" else 5
        label = html.escape(other)
        title = html.escape(f"{other}: named together in {count} sentence{'s' if count != 1 else ''}")
        node = (
            f'<title>{title}</title><circle cx="{x}" cy="{y}" r="8" class="net-node"/>'
            f'<text x="{x + dx}" y="{y + dy}" text-anchor="{anchor}" class="net-label">{label} ({count})</text>'
        )
        url = url_of(other)
        nodes.append(f'<a href="{html.escape(url)}">{node}</a>' if url else f"<g>{node}</g>")
    centre = (
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="12" class="net-centre"/>'
        f'<text x="{CENTRE}" y="{CENTRE - 20}" text-anchor="middle" class="net-label net-label-centre">'
        f"{html.escape(name)}</text>"
    )
    summary = html.escape(f"{name} is most often named with " + ", ".join(n for n, _ in co_actors))
    return (
        f'<svg class="network" viewBox="-150 0 {SIZE + 300} {SIZE}" role="group" aria-label="{summary}" '
        'xmlns="http://www.w3.org/2000/svg">' + "".join(parts) + "".join(nodes) + centre + "</svg>"
    )
