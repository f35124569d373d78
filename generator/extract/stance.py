"""Who stands where on a provision, read from the parse: the verb that governs the provision's phrase, its
subject, and the negations on the way.

'Kenya rejects any deployment of foreign troops': the phrase 'foreign troops' is the object of 'deployment',
the object of 'rejects', whose subject is Kenya: Kenya rejects it. 'did not accept', 'refused to accept' and
'neither … nor … willing to accept' turn acceptance into rejection; 'was expected to accept' or 'was pressed to
accept' is what others want, not the subject's own stance; 'media reported that Kenya had agreed', 'Kenya
reportedly agreed' or 'Kenya was said to agree' is what others say of Kenya, not Kenya's stance. A provision
phrased as a prohibition ('No foreign troops') turns it round once more: rejecting a deployment supports the ban.
Anything else, a stance only a critic's sentence implies or others report, a pronoun or an unnamed holder, is
'mentioned'.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from generator.core.model import Mention, Sentence, Speech
from generator.core.syntax import Parse
from generator.core.types import Stance

LEXICON: dict[str, Stance] = {
    **dict.fromkeys(("accept", "agree", "support", "back", "endorse", "welcome", "approve", "sign"), Stance.ACCEPTS),
    **dict.fromkeys(("demand", "want", "insist", "seek", "require", "need"), Stance.DEMANDS),
    **dict.fromkeys(
        ("reject", "refuse", "oppose", "dismiss", "condemn", "veto", "block", "resist", "deny", "denounce"),
        Stance.REJECTS,
    ),
    **dict.fromkeys(("propose", "offer", "suggest", "draft", "table", "include"), Stance.PROPOSES),
    **dict.fromkeys(("remove", "drop", "delete", "scrap", "strike"), Stance.REMOVED),
    **dict.fromkeys(("extend", "postpone", "delay", "revise", "amend", "soften"), Stance.OPEN_TO_CHANGE),
}
STATES = frozenset(
    {Stance.PROPOSES, Stance.REMOVED, Stance.OPEN_TO_CHANGE}
)  # of the provision, with or without a holder
PRESSED = frozenset({"expect", "ask", "press", "urge", "force", "pressure", "push", "tell", "call", "invite"})
THROUGH = frozenset(
    {"dobj", "pobj", "prep", "compound", "amod", "nmod", "appos", "conj", "det", "poss", "attr", "pcomp",
     "dative", "oprd", "nummod", "quantmod", "npadvmod", "xcomp", "nsubjpass", "advmod"}
)  # fmt: skip
FLIP = {Stance.ACCEPTS: Stance.REJECTS, Stance.REJECTS: Stance.ACCEPTS, Stance.DEMANDS: Stance.REJECTS}
HEARSAY = frozenset({"reportedly", "allegedly", "purportedly", "supposedly", "apparently", "seemingly"})
ATTRIBUTION = frozenset({"ccomp", "parataxis", "prep"})  # 'Kenya agreed, officials said', 'according to reports'
PROHIBITION = re.compile(r"^(?:no|ban|bar|prohibition|non)\b", re.IGNORECASE)
NEGATIVE_BEFORE = re.compile(
    r"\b(?:no|not|without|never|ban(?:ning)?(?: on| of)?|bar on|prohibit(?:ing|ion on|ion of)?|end to)"
    r"\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)


def _lemma(parse: Parse, i: int) -> str:
    """A word's lemma from the parse ('rejected' -> reject, 'agreed' -> agree), its text where none was read."""
    return parse.words[i].lemma or parse.lower(i)


def _lexicon(parse: Parse, i: int) -> Stance | None:
    return LEXICON.get(_lemma(parse, i))


def _pressed(parse: Parse, i: int) -> bool:
    return _lemma(parse, i) in PRESSED


def governing_verb(parse: Parse, phrase_head: int) -> int | None:
    """The stance verb the phrase depends on through objects, prepositions and infinitives, if any."""
    current = phrase_head
    if parse.is_verb(current) and _lexicon(parse, current):
        return current
    while parse.words[current].dep in THROUGH:
        head = parse.head(current)
        if head is None:
            return None
        preposition = parse.words[head].tag == "VBG" and parse.words[head].dep == "prep"  # 'including'
        if parse.is_verb(head) and not preposition and (_lexicon(parse, head) or not _gerund(parse, head)):
            return head if _lexicon(parse, head) else None
        current = head
    return None


def _gerund(parse: Parse, i: int) -> bool:
    """A verb used as a noun ('including recognizing the border'): the path goes on through it."""
    return parse.words[i].tag == "VBG" and parse.words[i].dep in ("pcomp", "pobj", "dobj", "conj")


DEMONSTRATIVES = frozenset({"this", "that", "it", "these", "those"})


def _demonstrative_verb(parse: Parse) -> int | None:
    """A stance verb whose object is 'this' in a sentence that then names the provision ('Neither Kenya nor
    Uganda is willing to accept this: no country gives up its land'): the one such verb, if one."""
    verbs = [
        i
        for i, word in enumerate(parse.words)
        if parse.is_verb(i)
        and _lexicon(parse, i)
        and any(parse.words[c].dep == "dobj" and parse.lower(c) in DEMONSTRATIVES for c in parse.children(i))
    ]
    return verbs[0] if len(verbs) == 1 else None


def _polarity(parse: Parse, verb: int, stance: Stance) -> Stance | None:
    """The stance after the negations and pressures above the verb; None when it is others' wish."""
    flips = parse.negated(verb)
    current = verb
    while parse.words[current].dep in ("xcomp", "acomp", "ccomp", "conj") and (head := parse.head(current)) is not None:
        if _pressed(parse, head):
            return None  # 'was expected to accept', 'pressed Kenya to accept'
        outer = _lexicon(parse, head)
        if outer is Stance.REJECTS:  # 'refused to accept'
            flips = not flips
        flips ^= parse.negated(head)
        current = head
    subject = parse.subject(verb)
    if subject is not None and any(parse.lower(c) == "neither" for c in parse.children(subject)):
        flips = not flips
    if not flips:
        return stance
    if stance is Stance.ACCEPTS and _lemma(parse, verb) == "agree" and parse.negated(verb):
        return Stance.COULD_NOT_AGREE  # 'could not agree to': no agreement, which is not quite a rejection
    return FLIP.get(stance, Stance.MENTIONED)


def _holders(parse: Parse, verb: int, mentions: list[Mention]) -> list[str]:
    """The named actors who are the verb's subject (or its agent: 'was rejected by Kenya')."""
    subject = parse.subject(verb)
    spans = [parse.span(subject)] if subject is not None else []
    for child in parse.children(verb):
        if parse.words[child].dep == "agent":
            spans.append(parse.span(child))
    return sorted({m.actor for m in mentions for start, end in spans if start <= m.start and m.end <= end})


def _claimants(parse: Parse, verb: int, speech: Sequence[Speech]) -> list[tuple[int, int]]:
    """Who the sentence says holds the stance, when it reports it: the character range of each reporting verb's
    subject whose clause holds the stance verb ('media would report that Kenya had agreed'), or that is attached
    to it ('Kenya agreed, officials said'; 'according to reports'). A hearsay adverb ('reportedly') or a passive
    reporting verb ('Kenya was said to agree') is a claimant nobody names: (-1, -1)."""
    path = parse.path_up(verb)
    on_path = set(path)
    if any(parse.words[c].dep == "advmod" and parse.lower(c) in HEARSAY for node in path for c in parse.children(node)):
        return [(-1, -1)]
    cue_at = {word.start: i for i, word in enumerate(parse.words)}
    found = []
    for said in speech:
        cue = cue_at.get(said.cue_start)
        if cue is None or cue == verb:  # the stance verb itself ('Uganda demanded …')
            continue
        head = parse.head(cue)
        attached = head in on_path and parse.words[cue].dep in ATTRIBUTION
        if cue not in on_path and not attached:
            continue
        if any(parse.words[c].dep in ("auxpass", "nsubjpass") for c in parse.children(cue)):
            found.append((-1, -1))  # 'was reported to have agreed', 'it was said that …'
        else:
            found.append((said.subject_start, said.subject_end))
    return found


def _says_so_itself(actor: str, claimants: list[tuple[int, int]], mentions: list[Mention]) -> bool:
    """Whether every claimant names the holder ('Kenya said it would …', 'according to Kenya's minister')."""
    return all(
        any(m.actor == actor and start <= m.start and m.end <= end for m in mentions) for start, end in claimants
    )


def stances(
    sentence: Sentence,
    start: int,
    end: int,
    mentions: list[Mention],
    prohibition: bool,
    speech: Sequence[Speech] = (),
) -> list[tuple[str | None, Stance, Stance | None]]:
    """(actor, stance, reported) for a provision named at sentence.text[start:end]. `speech` is the sentence's
    reporting verbs: a stance others report of an actor is not the actor's own, so its stance is 'mentioned'
    and `reported` says what was reported ('media would report that Kenya had agreed' -> accepts)."""
    parse = Parse(sentence)
    head = parse.top(start, end) if sentence.words else None
    verb = governing_verb(parse, head) if head is not None else None
    if verb is None and sentence.words:
        verb = _demonstrative_verb(parse)
    if verb is None:
        return [(None, Stance.MENTIONED, None)]
    stance = _lexicon(parse, verb)
    assert stance is not None
    passive = any(parse.words[c].dep in ("auxpass", "nsubjpass") for c in parse.children(verb))
    if stance in STATES and passive and not parse.negated(verb):
        return [(None, stance, None)]  # 'the clause was dropped': the provision's state, no one's stance
    turned = _polarity(parse, verb, stance)
    holders = _holders(parse, verb, mentions)
    if turned in STATES and not holders:
        return [(None, turned, None)]  # 'the draft proposes a buffer zone'
    if turned is None or not holders:
        return [(None, Stance.MENTIONED, None)]
    if prohibition and not NEGATIVE_BEFORE.search(sentence.text[:start]):
        turned = FLIP.get(turned, turned) if turned in (Stance.ACCEPTS, Stance.REJECTS) else Stance.MENTIONED
    claimants = _claimants(parse, verb, speech)
    reported = turned if _told_as_fact(parse, verb) else None
    held: list[tuple[str | None, Stance, Stance | None]] = []
    for actor in holders:
        own = _says_so_itself(actor, claimants, mentions)
        held.append((actor, turned, None) if own else (actor, Stance.MENTIONED, reported))
    return held


def _told_as_fact(parse: Parse, verb: int) -> bool:
    """Whether a claimed stance is told as something that happened ('had agreed', 'could not agree'), not as
    what someone wants of the actor ('demanded that Northland accept': a bare verb with no modal)."""
    if parse.words[verb].tag != "VB":
        return True
    return any(parse.words[c].dep == "aux" and parse.words[c].tag == "MD" for c in parse.children(verb))


def is_prohibition(title: str) -> bool:
    """Whether a provision forbids something ('No foreign troops', 'Ban on new dams')."""
    return bool(PROHIBITION.match(title.strip()))
