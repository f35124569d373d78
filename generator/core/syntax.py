"""Reading a sentence's parse (`Sentence.words`): heads, children, negation, the words a character range covers.

The nlp stage stores each sentence's tokens as `Word` tuples; the extract stage asks structural questions of
them here (what verb governs this phrase, who is its subject, is it negated) without spaCy at hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import NamedTuple, Protocol


class Word(NamedTuple):
    """One token of a sentence as the parser read it (a tuple, so thousands of articles stay small)."""

    start: int  # character offsets inside the sentence
    end: int
    tag: str  # Penn Treebank tag: 'VBD', 'NNP', ...
    dep: str  # dependency label: 'nsubj', 'dobj', 'neg', ...
    head: int  # index of the head word in the sentence (itself for the root)
    lemma: str = ""  # spaCy's lemma, lower case ('arrested' -> 'arrest'); '' where no lemmatizer ran


SUBJECTS = frozenset({"nsubj", "nsubjpass"})
NEGATIONS = frozenset({"not", "n't", "never", "no"})


class Parsed(Protocol):
    """What a parse is read from: a sentence's text and its words (`core.model.Sentence`)."""

    @property
    def text(self) -> str: ...

    @property
    def words(self) -> tuple[Word, ...]: ...


@dataclass(frozen=True)
class Parse:
    sentence: Parsed

    @property
    def words(self) -> tuple[Word, ...]:
        return self.sentence.words

    def text(self, i: int) -> str:
        word = self.words[i]
        return self.sentence.text[word.start : word.end]

    def lower(self, i: int) -> str:
        return self.text(i).lower()

    @cached_property
    def _children(self) -> tuple[tuple[int, ...], ...]:
        children: list[list[int]] = [[] for _ in self.words]
        for i, word in enumerate(self.words):
            if word.head != i:
                children[word.head].append(i)
        return tuple(tuple(c) for c in children)

    def children(self, i: int) -> tuple[int, ...]:
        return self._children[i]

    def head(self, i: int) -> int | None:
        """The word's head, None at the root."""
        head = self.words[i].head
        return None if head == i else head

    def clause_verb(self, i: int) -> tuple[int, bool]:
        """The verb heading the clause word `i` belongs to, walking up past auxiliaries and participles used as
        adjectives; with False (and the top of the walk, the root) when no verb governs it."""
        current = i
        while not self.is_verb(current) or self.words[current].dep in ("aux", "auxpass", "amod", "acomp"):
            head = self.head(current)
            if head is None:
                return current, False
            current = head
        return current, True

    def subtree(self, i: int) -> list[int]:
        found, todo = [], [i]
        while todo:
            j = todo.pop()
            found.append(j)
            todo.extend(self.children(j))
        return sorted(found)

    def span(self, i: int) -> tuple[int, int]:
        """Character range of a word's subtree."""
        words = self.subtree(i)
        return self.words[words[0]].start, self.words[words[-1]].end

    def top(self, start: int, end: int) -> int | None:
        """The word of a character range whose head lies outside it: the range's syntactic head."""
        inside = [i for i, w in enumerate(self.words) if start <= w.start and w.end <= end]
        for i in inside:
            head = self.head(i)
            if head is None or head not in inside:
                return i
        return None

    def path_up(self, i: int) -> list[int]:
        """The word and its heads up to the root."""
        path = [i]
        while (head := self.head(path[-1])) is not None and len(path) <= len(self.words):
            path.append(head)
        return path

    def distance(self, a: int, b: int) -> int:
        """Edges between two words in the tree."""
        up_a, up_b = self.path_up(a), self.path_up(b)
        depth_b = {word: depth for depth, word in enumerate(up_b)}
        return next((depth + depth_b[word] for depth, word in enumerate(up_a) if word in depth_b), len(self.words))

    def is_verb(self, i: int) -> bool:
        return self.words[i].tag.startswith("VB") or self.words[i].tag == "MD"

    def negated(self, i: int) -> bool:
        """'did not accept', 'never accepted', 'no longer supports'."""
        return any(self.words[c].dep == "neg" or self.lower(c) in NEGATIONS for c in self.children(i))

    def subject(self, i: int) -> int | None:
        """The subject of a verb, or of the verbs it completes ('Kenya agreed to accept', 'Kenya is willing to
        accept': accept -> Kenya)."""
        verb: int | None = i
        for _step in range(4):
            if verb is None:
                return None
            for child in self.children(verb):
                if self.words[child].dep in SUBJECTS:
                    return child
            if self.words[verb].dep not in ("xcomp", "acomp", "conj"):
                return None
            verb = self.head(verb)
        return None
