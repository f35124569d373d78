"""Linking a corpus's names ('Ortega' -> 'Ana Ortega') gives what comparing every pair would, in time that grows
with the names, not with their pairs."""

from __future__ import annotations

from collections import Counter, defaultdict

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.nlp.entities import _contained, _key, link_names, plain

WORDS = ["Ana", "Ortega", "Luis", "Lula", "da", "Silva", "Stellamar", "Shipping", "Lines", "Ortéga", "Federation",
         "Inc"]  # fmt: skip
NAME = st.lists(st.sampled_from(WORDS), min_size=1, max_size=4).map(" ".join)


def every_pair(
    names: Counter[str], persons: set[str], organisations: frozenset[str], places: frozenset[str]
) -> dict[str, str]:
    """The same rules, each name compared with every organisation and every person."""
    keys = {name: _key(name).split() for name in names}
    longest: dict[str, str] = {}
    by_key: dict[str, list[str]] = defaultdict(list)
    for name in names:
        by_key[" ".join(keys[name])].append(name)
    for spellings in by_key.values():
        best = max(spellings, key=lambda n: (names[n], n != plain(n), n))
        longest.update({n: best for n in spellings})
    for name in names:
        if name in persons or name in places or not keys[name]:
            continue
        n = len(keys[name])
        owners = {o for o in organisations if o != name and keys[o][:1] == keys[name] and len(keys[o]) > 1}
        if n == 1 and not owners:
            owners = {o for o in organisations if 1 < len(keys[o]) <= 6 and keys[o][-1:] == keys[name]}
        elif n > 1:
            owners = {o for o in organisations if n < len(keys[o]) and _contained(keys[name], keys[o])}
        if len({longest[o] for o in owners}) == 1:
            longest[name] = longest[owners.pop()]
    people = sorted({longest[p] for p in persons}, key=lambda n: (-len(keys[n]), n))
    for name in names:
        if name not in persons and len(keys[name]) > 1:
            continue
        holders = [p for p in people if p != longest[name] and len(keys[p]) > len(keys[name])]
        holders = [p for p in holders if _contained(keys[name], keys[p])]
        if len({longest[h] for h in holders}) == 1:
            longest[name] = longest[holders[0]]
    return longest


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(NAME, st.sampled_from(["PERSON", "ORG", "GPE"])), min_size=1, max_size=12))
def test_linking_by_index_is_linking_every_pair(found: list[tuple[str, str]]) -> None:
    names = Counter(name for name, _ in found)
    persons = {name for name, label in found if label == "PERSON"}
    organisations = frozenset(name for name, label in found if label == "ORG" and " " in name)
    places = frozenset(name for name, label in found if label == "GPE")
    assert link_names(names, persons, organisations, places) == every_pair(names, persons, organisations, places)
