"""What the articles say of each actor, added up over the corpus: mentions by source, the first sentence naming it
in each source, the words naming it, the actors named in the same sentences, and how often it is the subject of a
statement or of a told event.

Each article's share (`Said`) is worked out once per article. A server's rebuild takes last build's sums and
updates them by the articles that changed (what an edited article said taken out, what it says now added) instead
of adding every article up again; a build from nothing adds them all the same way, so both reach the same sums.
Whatever the sums show in an order (the first sentences by source) is put in the articles' order when read, not
left in the order the articles were added.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from generator.core import kept
from generator.core.kept import Kept
from generator.core.model import Citation, ParsedArticle
from generator.core.refs import sentence_key

CO_ACTORS = 6  # the actors named most often with one, that its profile lists


@dataclass(frozen=True)
class Said:
    """What one article says of its actors, each in the order the article first names it."""

    counts: tuple[tuple[str, int], ...]  # actor -> mentions
    aliases: tuple[tuple[str, frozenset[str]], ...]  # actor -> the words naming it
    first: tuple[tuple[str, Citation], ...]  # actor -> the first sentence naming it
    pairs: tuple[tuple[str, str, int], ...]  # actor, another -> the sentences naming both
    subjects: tuple[tuple[str, str, bool], ...]  # a mention as a subject: actor, sentence key, of a statement


def said(parsed: ParsedArticle) -> Said:
    """One article's share of the evidence, kept by article (`_KEPT_SAID`)."""
    return _KEPT_SAID.call_on(parsed.article.id, _said, parsed)


def _said(parsed: ParsedArticle) -> Said:
    source = parsed.article.id
    text = {s.id: s.text for s in parsed.sentences}
    stated = {sentence_key(source, speech.sentence) for speech in parsed.speech}
    counts: Counter[str] = Counter()
    aliases: dict[str, set[str]] = defaultdict(set)
    first: dict[str, Citation] = {}
    together: dict[str, set[str]] = defaultdict(set)
    subjects = []
    for mention in parsed.mentions:
        key = sentence_key(source, mention.sentence)
        counts[mention.actor] += 1
        aliases[mention.actor].add(mention.text)
        together[key].add(mention.actor)
        first.setdefault(mention.actor, Citation(source, mention.sentence, text[mention.sentence]))
        if mention.subject:
            subjects.append((mention.actor, key, key in stated))
    pairs: Counter[tuple[str, str]] = Counter()
    for names in together.values():
        if len(names) > 1:
            pairs.update((name, other) for name in names for other in names if other != name)
    return Said(
        tuple(counts.items()), tuple((a, frozenset(w)) for a, w in aliases.items()), tuple(first.items()),
        tuple(sorted((a, b, n) for (a, b), n in pairs.items())), tuple(subjects),
    )  # fmt: skip


_KEPT_SAID: Kept[Said] = Kept("what each article says of its actors")  # by article


def _less(table: dict[str, Counter[str]], outer: str, inner: str, count: int) -> None:
    """Take `count` from one cell, dropping the cell (and its row) at nothing: sums after an edit hold exactly
    the cells a build from nothing would."""
    row = table[outer]
    row[inner] -= count
    if row[inner] <= 0:
        del row[inner]
        if not row:
            del table[outer]


@dataclass
class Evidence:
    """The sums over the articles (see the module's docstring)."""

    added: dict[str, Said] = field(default_factory=dict)  # source -> its share, as added
    order: dict[str, int] = field(default_factory=dict)  # source -> its place among the articles
    counts: dict[str, Counter[str]] = field(default_factory=dict)  # actor -> source -> mentions
    first: dict[str, dict[str, Citation]] = field(default_factory=dict)  # actor -> source -> first sentence
    aliases: dict[str, Counter[str]] = field(default_factory=dict)  # actor -> word -> articles using it
    pairs: dict[str, Counter[str]] = field(default_factory=dict)  # actor -> another -> sentences naming both
    stated: Counter[str] = field(default_factory=Counter)  # actor -> times the subject of a statement
    subjects: dict[str, Counter[str]] = field(default_factory=dict)  # sentence key -> actor -> times its subject
    tops: dict[str, tuple[tuple[str, int], ...]] = field(default_factory=dict)  # actor -> its co-actors
    changed: set[str] = field(default_factory=set)  # the actors whose sums the last update may have changed
    updates: int = 0  # how many updates made these sums (`changed` is since the one before the last)

    def update(self, shares: Mapping[str, Said]) -> None:
        """The sums for `shares` (source -> its share, in the articles' order): the articles whose share is not
        the very one added last time are taken out and added again. `changed` then holds every actor those
        articles' shares name, taken out or added."""
        touched: set[str] = set()
        changed: set[str] = set()
        self.changed, self.updates = changed, self.updates + 1
        for source in [s for s, old in self.added.items() if shares.get(s) is not old]:
            old = self.added.pop(source)
            self._take(source, old, touched)
            changed.update(actor for actor, _count in old.counts)  # every mention is counted: all it names
        for source, share in shares.items():
            if source not in self.added:
                self._add(source, share, touched)
                changed.update(actor for actor, _count in share.counts)
        self.order = {source: i for i, source in enumerate(shares)}
        for name in touched:
            row = self.pairs.get(name)
            if row:
                self.tops[name] = tuple(sorted(row.items(), key=lambda item: (-item[1], item[0]))[:CO_ACTORS])
            else:
                self.tops.pop(name, None)

    def _add(self, source: str, share: Said, touched: set[str]) -> None:
        self.added[source] = share
        for actor, count in share.counts:
            self.counts.setdefault(actor, Counter())[source] += count
        for actor, words in share.aliases:
            self.aliases.setdefault(actor, Counter()).update(words)
        for actor, citation in share.first:
            self.first.setdefault(actor, {})[source] = citation
        for actor, other, count in share.pairs:
            self.pairs.setdefault(actor, Counter())[other] += count
            touched.add(actor)
        for actor, key, stated in share.subjects:
            if stated:
                self.stated[actor] += 1
            else:
                self.subjects.setdefault(key, Counter())[actor] += 1

    def _take(self, source: str, share: Said, touched: set[str]) -> None:
        for actor, count in share.counts:
            _less(self.counts, actor, source, count)
        for actor, words in share.aliases:
            for word in words:
                _less(self.aliases, actor, word, 1)
        for actor, _citation in share.first:
            del self.first[actor][source]
            if not self.first[actor]:
                del self.first[actor]
        for actor, other, count in share.pairs:
            _less(self.pairs, actor, other, count)
            touched.add(actor)
        for actor, key, stated in share.subjects:
            if stated:
                self.stated[actor] -= 1
                if self.stated[actor] <= 0:
                    del self.stated[actor]
            else:
                _less(self.subjects, key, actor, 1)

    def mentions(self, actor: str) -> tuple[tuple[str, int], ...]:
        """Mentions by source, by source id."""
        return tuple(sorted(self.counts.get(actor, {}).items()))

    def first_mentions(self, actor: str) -> tuple[tuple[str, Citation], ...]:
        """The first sentence naming `actor` in each source, in the articles' order."""
        found = self.first.get(actor, {})
        return tuple(sorted(found.items(), key=lambda item: self.order[item[0]]) if len(found) > 1 else found.items())

    def names(self, actor: str) -> frozenset[str]:
        """The words naming `actor`."""
        return frozenset(self.aliases.get(actor, ()))

    def co_actors(self, actor: str) -> tuple[tuple[str, int], ...]:
        """The actors named most often in the same sentences as `actor`, with how often."""
        return self.tops.get(actor, ())

    def acting(self, told: Iterable[str]) -> Counter[str]:
        """Times each actor is the subject of a statement, or of a sentence the timeline cites (`told`: their
        sentence keys)."""
        acting = Counter(self.stated)
        for key in told:
            if key in self.subjects:
                acting.update(self.subjects[key])
        return acting


_LAST: Evidence | None = None  # the last build's sums, in a process that builds again


def gather(parsed: Iterable[ParsedArticle]) -> Evidence:
    """The evidence of these articles: last build's sums updated when this process builds again, else added up."""
    global _LAST
    last, _LAST = _LAST if kept.keeping() else None, None  # sums left half-updated by a failure are not kept
    evidence = last or Evidence()
    evidence.update({article.article.id: said(article) for article in parsed})
    _LAST = evidence if kept.keeping() else None
    return evidence
