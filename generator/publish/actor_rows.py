"""What pages other than an actor's own show of an actor: its chip where it is named, its row on the actors index.
Pages read these small records, not the profiles, so an edit that changes only what an actor's own page shows
leaves the other pages as they were (`render_memo`)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.core.model import ActorProfile
from generator.core.types import ActorKind
from generator.publish.labels import KIND_HEADINGS


@dataclass(frozen=True)
class ActorChip:
    """What a page that names an actor shows of it: its name and kind, linked to its page. Pages read this, not
    the profile, so an actor whose counts or quotes change leaves the pages that only name it as they were."""

    name: str
    kind: ActorKind
    slug: str


@dataclass(frozen=True)
class ActorRow:
    """An actor's row on the actors index: the page reads these, not the profiles, so an edit that changes what an
    actor's page shows but not its row (an event, a quote's wording) leaves the index as it was."""

    name: str
    slug: str
    registered: bool
    role: str | None
    mentions: int
    quotes: int
    sources: int


def actor_tables(actors: list[ActorProfile]) -> list[tuple[str, list[ActorRow]]]:
    """The actors index's tables: a heading per kind that has actors, each kind's rows by name (as Jinja's `sort`
    orders them: ignoring case, ties in the site's order)."""
    tables = []
    for kind, heading in KIND_HEADINGS.items():
        rows = [
            ActorRow(a.name, a.slug, a.registered, a.role, sum(a.mentions.values()), len(a.quotes), len(a.mentions))
            for a in sorted((a for a in actors if a.kind == kind), key=lambda a: a.name.lower())
        ]
        if rows:
            tables.append((heading, rows))
    return tables
