"""Who 'he' and 'she' are: a running record of the people an article has named, read in text order.

Each person named outside a quote, each pronoun subject resolved on the way ('He arrived in Rome' after 'Ana
Ortega'), and each quote's speaker leaves a trace: the last sentence the person was named in, was the subject
of a clause, spoke. A pronoun refers to the person of its gender (or of unknown gender) who is nearest by a
distance that counts a subject and a speaker as nearer than a name in passing; past a window, to no one.
The weights were chosen on PolNeAR's training split (bench/quotes.py measures them on its development split).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from generator.nlp.gender import PRONOUN_GENDER, Gender

SUBJECT_BONUS = 2  # a clause's subject is as near as a name this many sentences later
SPEAKER_BONUS = 1  # so is the speaker of a quote, whom 'he said' often continues
UNKNOWN_GENDER = 1  # a person whose gender the article does not show is this much farther than one who fits it
WINDOW = 12  # sentences: a pronoun reaches back no farther
NEVER = 1 << 30


@dataclass
class _Trace:
    named: int = -NEVER
    subject: int = -NEVER
    spoke: int = -NEVER
    last: int = 0  # when the person was last seen, in text order (of two in one sentence, the later is nearer)


def _near(trace: _Trace, sentence: int) -> int:
    """How far a person is from `sentence`: a subject and a speaker count as nearer than a name in passing."""
    return min(sentence - trace.named, sentence - trace.subject - SUBJECT_BONUS, sentence - trace.spoke - SPEAKER_BONUS)


@dataclass
class Referents:
    """The people seen so far in one article, with their genders where the article shows them."""

    genders: dict[str, Gender]
    traces: dict[str, _Trace] = field(default_factory=dict)
    clock: int = 0

    def named(self, person: str, sentence: int, subject: bool = False) -> None:
        trace = self.traces.setdefault(person, _Trace())
        self.clock += 1
        trace.named, trace.last = max(trace.named, sentence), self.clock
        if subject:
            trace.subject = max(trace.subject, sentence)

    def spoke(self, person: str, sentence: int) -> None:
        self.named(person, sentence)
        self.traces[person].spoke = max(self.traces[person].spoke, sentence)

    def distance(self, person: str, pronoun: str, sentence: int) -> int | None:
        """How far a person is from a pronoun in `sentence` (None: out of reach or of the other gender)."""
        gender = PRONOUN_GENDER[pronoun]
        known = self.genders.get(person)
        if known is not None and known is not gender:
            return None
        trace = self.traces[person]
        if sentence - trace.named > WINDOW:
            return None
        near = _near(trace, sentence)
        return near + (UNKNOWN_GENDER if known is None else 0)

    def why(self, person: str, sentence: int) -> str:
        """What made a person the nearest: 'spoke 1 sentence before', 'the subject of a clause in this sentence'."""
        trace = self.traces.get(person)
        if trace is None:
            return "the one person of the article with that role"
        reasons = [(sentence - trace.spoke - SPEAKER_BONUS, "spoke", trace.spoke),
                   (sentence - trace.subject - SUBJECT_BONUS, "was a clause's subject", trace.subject),
                   (sentence - trace.named, "was named", trace.named)]  # fmt: skip
        _near, what, at = min(reasons)
        back = sentence - at
        where = "in this sentence" if back <= 0 else f"{back} sentence{'s' * (back > 1)} before"
        return f"{what} {where}"

    def nearest(self, people: set[str], sentence: int, window: int = WINDOW) -> str | None:
        """Of some people, the one nearest a description in `sentence` ('the minister'), by the same distance
        whatever their gender; None when none is within the window."""
        best: tuple[int, int, str] | None = None
        for person in sorted(people & set(self.traces)):
            trace = self.traces[person]
            if sentence - trace.named > window:
                continue
            near = _near(trace, sentence)
            if best is None or (near, -trace.last, person) < best:
                best = (near, -trace.last, person)
        return best[2] if best else None

    def referent(self, pronoun: str, sentence: int) -> str | None:
        """The person a 'he' or 'she' in `sentence` refers to, or None when no one fits."""
        best: tuple[int, int, str] | None = None
        for person, trace in self.traces.items():
            near = self.distance(person, pronoun, sentence)
            if near is not None and (best is None or (near, -trace.last, person) < best):
                best = (near, -trace.last, person)
        return best[2] if best else None
