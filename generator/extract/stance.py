"""Who stands where on a provision, read from the parse: the verb that governs the provision's phrase, its
subject, and the negations on the way.

'Kenya rejects any deployment of foreign troops': the phrase 'foreign troops' is the object of 'deployment',
the object of 'rejects', whose subject is Kenya: Kenya rejects it. 'did not accept', 'refused to accept' and
'neither … nor … willing to accept' turn acceptance into rejection; 'was expected to accept' or 'was pressed to
accept' is what others want, not the subject's own stance. A provision phrased as a prohibition ('No foreign
troops') turns it round once more: rejecting a deployment supports the ban. Anything else, a stance only a
critic's sentence implies, a pronoun or an unnamed holder, is 'mentioned'.
"""

from __future__ import annotations

import re

from generator.core.model import Mention, Sentence
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
PROHIBITION = re.compile(r"^(?:no|ban|bar|prohibition|non)\b", re.IGNORECASE)
NEGATIVE_BEFORE = re.compile(
    r"\b(?:no|not|without|never|ban(?:ning)?(?: on| of)?|bar on|prohibit(?:ing|ion on|ion of)?|end to)"
    r"\s+(?:\S+\s+){0,2}$",
    re.IGNORECASE,
)


def base_forms(word: str) -> tuple[str, ...]:
    """The forms a verb may have without its ending: 'rejected' -> 'reject', 'agreed' -> 'agree'."""
    word = word.lower()
    return (word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "y" if word.endswith("ied") else "")


def _lexicon(parse: Parse, i: int) -> Stance | None:
    return next((LEXICON[f] for f in base_forms(parse.text(i)) if f in LEXICON), None)


def _pressed(parse: Parse, i: int) -> bool:
    return any(f in PRESSED for f in base_forms(parse.text(i)))


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
    if stance is Stance.ACCEPTS and "agree" in base_forms(parse.text(verb)) and parse.negated(verb):
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


def stances(
    sentence: Sentence, start: int, end: int, mentions: list[Mention], prohibition: bool
) -> list[tuple[str | None, Stance]]:
    """(actor, stance) pairs for a provision named at sentence.text[start:end]."""
    parse = Parse(sentence)
    head = parse.top(start, end) if sentence.words else None
    verb = governing_verb(parse, head) if head is not None else None
    if verb is None and sentence.words:
        verb = _demonstrative_verb(parse)
    if verb is None:
        return [(None, Stance.MENTIONED)]
    stance = _lexicon(parse, verb)
    assert stance is not None
    passive = any(parse.words[c].dep in ("auxpass", "nsubjpass") for c in parse.children(verb))
    if stance in STATES and passive and not parse.negated(verb):
        return [(None, stance)]  # 'the clause was dropped': the provision's state, no one's stance
    turned = _polarity(parse, verb, stance)
    holders = _holders(parse, verb, mentions)
    if turned in STATES and not holders:
        return [(None, turned)]  # 'the draft proposes a buffer zone'
    if turned is None or not holders:
        return [(None, Stance.MENTIONED)]
    if prohibition and not NEGATIVE_BEFORE.search(sentence.text[:start]):
        turned = FLIP.get(turned, turned) if turned in (Stance.ACCEPTS, Stance.REJECTS) else Stance.MENTIONED
    return [(actor, turned) for actor in holders]


def is_prohibition(title: str) -> bool:
    """Whether a provision forbids something ('No foreign troops', 'Ban on new dams')."""
    return bool(PROHIBITION.match(title.strip()))
