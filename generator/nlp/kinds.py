"""What kind of actor a name is, from the evidence of its mentions: a vote, not the recogniser's word alone.

Each mention votes with the recogniser's label; the words around it vote louder: a name after an honorific is
a person's ('Mr. Ortega'), as is a part of a person's full name ('Lynch' of 'Loretta E. Lynch'); a name
introduced by what it is ('the insurer Tagide Seguros', 'Lusoguard, the firm that ...') is an organisation's.
A role the text gives votes too ('spokesman' for a person, 'a local newspaper' for an organisation). A name
whose own words say it ('Ministry of Culture', 'Radio Alfama') is settled without a vote, and an organisation
that reports the news ('Canal Tejo, the television channel', 'Evening Post') is of kind media.
"""

from __future__ import annotations

import re
from collections import Counter

from generator.core.model import Mention
from generator.core.text import plain
from generator.core.types import ActorKind
from generator.core.words import AGE_AFTER
from generator.nlp.names import KIND_OF_LABEL, ORGANISATION_CUES, ORGANISATION_WORDS, TITLE_WORDS

LABEL_KINDS = {"MEDIA": ActorKind.MEDIA, "COUNTRY": ActorKind.COUNTRY}
LABEL = 2  # the vote of one recogniser's label (half of it for a one-word person: people are named in full)
CONTEXT = 8  # the words around a mention ('the insurer X') outweigh four of the recogniser's labels
MEDIA_WORDS = frozenset(
    """times post news journal herald gazette guardian telegraph tribune press radio television tv magazine daily
    chronicle observer broadcasting broadcaster newspaper courier wire bulletin review""".split()
)  # fmt: skip
MEDIA_CUES = frozenset("newspaper broadcaster station channel outlet magazine paper tabloid website daily".split())
KIND_CUES = "|".join(sorted({*ORGANISATION_CUES, *MEDIA_CUES, "insurer", "bank", "carrier", "airline", "operator",
                             "manufacturer", "contractor", "union", "watchdog", "regulator", "foundation", "network",
                             "maker", "retailer", "insurance", "station", "broadcaster"}))  # fmt: skip
CUE_BEFORE = re.compile(rf"\b((?:{KIND_CUES}))\s+$", re.IGNORECASE)  # 'the insurer Tagide Seguros'
CUE_AFTER = re.compile(  # 'Lusoguard, the private company that ...', 'Radio Alfama, a local station,'
    rf"^,\s+(?:the|a|an)\s+(?:[\w-]+\s+){{0,3}}?({KIND_CUES})\b(?!['’]s)", re.IGNORECASE  # not 'the firm's head'
)
STATE_AFTER = re.compile(  # "Velaria's government", "Sarkhel's deputy foreign minister": a state acts through these
    r"^['’]s\s+(?:[\w-]+\s+){0,2}?(?:government|minister|ministry|parliament|delegation|embassy|ambassador"
    r"|armed forces|army|military|cabinet|head of state|economy|capital|borders?|coast|citizens|exports|currency"
    r"|largest port|population)\b",
    re.IGNORECASE,
)
STATE_BEFORE = re.compile(  # 'the Republic of Tervania', 'the foreign ministers of Tervania and ...'
    r"\b(?:republic|kingdom|government|ministers?|embassy|delegations?|ambassadors?) (?:of|from)\s+$", re.I
)
THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)  # 'the Velna': a river or a region is 'the', a person not
PLACE_BEFORE = re.compile(r"\b(?:in|near|from|outside|across|around|(?:north|south|east|west) of)\s+$")
SETTLEMENT_BEFORE = re.compile(  # 'the port of Karsund', 'the city of Ormoc'
    r"\b(?:port|city|town|village|district|region|province|island|capital|municipality) of\s+$", re.IGNORECASE
)
PLACE = 4  # a preposition of place before a one-word name: a vote, weaker than the words that name a kind
MEDIA_BEFORE = re.compile(r"\b(?:broadcast|aired|televised|published|reported|shown) (?:by|on)\s+(?:the\s+)?$", re.I)
HONORIFIC_BEFORE = re.compile(r"\b(?:Mr|Mrs|Ms|Dr)\.?\s+$")
# a middle initial or a generation: 'Vann R. Newkirk II'
PERSON_SHAPE = re.compile(r"^[A-Z][a-z]+ (?:[A-Z]\. )+[A-Z][\w’'-]+|.+ (?:Jr\.?|Sr\.?|II|III|IV)$")


def mention_votes(mention: Mention, actor: str, persons: set[str], text: str) -> Counter[str]:
    """One mention's votes for its actor's kind, by label ('PERSON', 'ORG', ..., or 'MEDIA')."""
    votes: Counter[str] = Counter()
    before, after = text[max(0, mention.start - 40) : mention.start], text[mention.end : mention.end + 60]
    one_word = " " not in actor
    if mention.label == "PERSON" and one_word and THE_BEFORE.search(before):
        votes["LOC"] += LABEL
    elif mention.label == "PERSON" or (actor != mention.actor and actor in persons):
        votes["PERSON"] += LABEL // 2 if one_word else LABEL  # a person is named in full at least once
    else:
        votes[mention.label] += LABEL
    if HONORIFIC_BEFORE.search(before) or AGE_AFTER.match(after) or PERSON_SHAPE.match(mention.text):
        votes["PERSON"] += CONTEXT
    cue = CUE_BEFORE.search(before) or CUE_AFTER.match(after)
    if MEDIA_BEFORE.search(before):  # 'footage broadcast by Canal Tejo'
        votes["MEDIA"] += CONTEXT
    elif cue:
        votes["MEDIA" if cue.group(1).lower() in MEDIA_CUES else "ORG"] += CONTEXT
    if STATE_AFTER.match(after) or STATE_BEFORE.search(before):
        votes["COUNTRY"] += CONTEXT
    elif SETTLEMENT_BEFORE.search(before):
        votes["GPE"] += CONTEXT
    elif one_word and PLACE_BEFORE.search(before):  # 'a man from Seiersberg'
        votes["GPE"] += PLACE
    return votes


def media_name(name: str) -> bool:
    """Whether a name says it is a news organisation: 'Evening Post', 'Radio Alfama', 'NBC News'."""
    words = plain(name).lower().split()
    return len(words) > 1 and (words[-1] in MEDIA_WORDS or words[0] in MEDIA_WORDS)


def decide_kind(name: str, role: str | None, votes: Counter[str]) -> ActorKind:
    """The kind of an actor from its name's own words, else the vote of its mentions and its role."""
    words = plain(name).lower().split()
    if media_name(name):
        return ActorKind.MEDIA
    if words and (words[-1] in ORGANISATION_WORDS or (len(words) > 1 and words[0] in ORGANISATION_WORDS)):
        return ActorKind.ORGANISATION
    if len(words) > 2 and words[:2] in (["republic", "of"], ["kingdom", "of"]):
        return ActorKind.COUNTRY
    tally = Counter(votes)
    role_words = plain(role or "").lower().split()
    titled, institution = bool(set(role_words) & TITLE_WORDS), bool(role_words) and role_words[-1] in ORGANISATION_CUES
    if titled and not institution:  # 'Interior Minister'
        tally["PERSON"] += CONTEXT
    elif institution and not titled:  # 'a local newspaper'; 'spokesman for the company' may be either's
        tally["MEDIA" if role_words[-1] in MEDIA_CUES else "ORG"] += CONTEXT
    if tally["COUNTRY"]:  # a state acts ('Tervania's minister'): a place that acts is a country
        tally["COUNTRY"] += sum(tally.pop(lab, 0) for lab in ("GPE", "LOC"))
    label = max(tally, key=lambda lab: (tally[lab], lab == "PERSON", lab))
    return LABEL_KINDS.get(label) or KIND_OF_LABEL.get(label, ActorKind.OTHER)
