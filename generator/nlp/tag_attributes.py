"""The trained model's tag-to-attribute table, applied without its matcher: what the lemmatizer needs, cheaply.

spaCy's rule-based English lemmatizer reads each token's coarse part of speech and morphology, which the model's
`attribute_ruler` sets from the fine tag through a token matcher: a fifth of the whole pipeline's time on news
text. Nearly all of its patterns test one token's tag, word or dependency, so here they are looked up by tag
and checked in the ruler's order. The few that span two tokens are left out ('gon na').
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Token

KEYS = frozenset({"TAG", "LOWER", "DEP"})


@dataclass(frozen=True)
class _Rule:
    order: int
    lower: frozenset[str] | None  # the words it applies to (None: any)
    dep: str | None
    pos: str | None
    morph: str | None
    lemma: str | None

    def fits(self, token: Token) -> bool:
        return (self.lower is None or token.lower_ in self.lower) and (self.dep is None or token.dep_ == self.dep)


def _words(value: object) -> frozenset[str] | None:
    """A LOWER test as a set of words: 'are', or {'IN': ['are', 'am']}."""
    if value is None:
        return None
    if isinstance(value, str):
        return frozenset({value})
    listed = value.get("IN") if isinstance(value, dict) else None
    return frozenset(listed) if isinstance(listed, list) else frozenset()


class TagAttributes:
    """A pipeline component: POS, MORPH and LEMMA as the attribute ruler's one-token patterns set them."""

    def __init__(self) -> None:
        self.by_tag: dict[str | None, list[_Rule]] = defaultdict(list)

    def load(self, patterns: Iterable[Mapping[str, Any]]) -> None:
        for order, entry in enumerate(patterns):
            attrs = entry.get("attrs", {})
            for pattern in entry.get("patterns", []):
                if len(pattern) != 1 or not set(pattern[0]) <= KEYS:
                    continue
                test = pattern[0]
                tags = _words(test.get("TAG"))
                if not isinstance(test.get("DEP", ""), str):
                    continue
                rule = _Rule(order, _words(test.get("LOWER")), test.get("DEP"), attrs.get("POS"), attrs.get("MORPH"),
                             attrs.get("LEMMA"))  # fmt: skip
                for tag in sorted(tags) if tags is not None else [None]:
                    self.by_tag[tag].append(rule)

    def __call__(self, doc: Doc) -> Doc:
        untagged = self.by_tag.get(None, [])
        for token in doc:
            rules = self.by_tag.get(token.tag_, [])
            for rule in sorted((*rules, *untagged), key=lambda r: r.order) if untagged else rules:
                if not rule.fits(token):
                    continue
                if rule.pos:
                    token.pos_ = rule.pos
                if rule.morph and rule.morph != "_":
                    token.set_morph(rule.morph)  # type: ignore[attr-defined]
                if rule.lemma:
                    token.lemma_ = rule.lemma
        return doc


@Language.factory("explainer_tag_attributes")
def make_tag_attributes(nlp: Language, name: str) -> TagAttributes:
    return TagAttributes()
