"""Names as the statistical recogniser finds them, made into actor names: titles off, roles kept, junk refused.

'Prosecutor Ana Ortega' is the person 'Ana Ortega' with the role 'Prosecutor'; 'Ms Ortega' is 'Ortega';
'The New York Times' is the organisation 'New York Times'; 'Israeli' is the group 'Israeli' until the
corpus links it to a country. A span with digits, no capital or more than six words is no name.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a model is loaded, not by every command that reads these words
    from spacy.tokens import Span, Token

from generator.core.types import ActorKind
from generator.core.words import TIME_ZONES

KIND_OF_LABEL = {
    "PERSON": ActorKind.PERSON,
    "ORG": ActorKind.ORGANISATION,
    "GPE": ActorKind.PLACE,  # a city or a country: the text alone does not say which
    "LOC": ActorKind.PLACE,
    "FAC": ActorKind.PLACE,
    "NORP": ActorKind.GROUP,
}
TITLE_WORDS = frozenset(
    """mr mr. mrs mrs. ms ms. miss dr dr. prof prof. sir dame lord lady president vice prime minister secretary
    general secretary-general under-secretary prosecutor judge justice senator sen. rep. representative
    congressman congresswoman governor gov. mayor king queen prince princess crown sheikh emir pope cardinal
    archbishop bishop rabbi imam chancellor ambassador envoy spokesman spokeswoman spokesperson director
    chairman chairwoman chair chief ceo commander gen. lt. col. capt. sgt. maj. officer detective inspector
    superintendent constable attorney deputy foreign interior defence defense finance economy justice health
    former acting interim first special senior assistant associate executive national security adviser advisor
    aide negotiator premier speaker leader head coach captain professor doctor mp mep counsel
    secretary-of-state lawmaker chairperson engr engr. eng. atty atty. hon. rev. fr. sgt commissioner sheriff
    councillor councilor councilman councilwoman alderman dean provost magistrate coroner""".split()
)  # fmt: skip
HONORIFICS = frozenset("mr mr. mrs mrs. ms ms. miss dr dr. sir dame lord lady".split())
ORGANISATION_WORDS = frozenset(
    """ministry office house council union commission agency party army forces committee court bank parliament
    government service fund organization organisation institute assembly group department alliance coalition
    company corporation corp. inc. ltd. university college school hospital museum police times post news
    journal herald gazette guardian telegraph tribune press radio television tv network magazine daily
    chronicle observer review broadcasting broadcaster newspaper channel club foundation association society
    federation board authority senate congress embassy league brigade command observatory centre
    center trust""".split()
)  # fmt: skip
ORGANISATION_CUES = frozenset(
    {"newspaper", "broadcaster", "museum", "agency", "company", "network", "channel", "outlet", "paper",
     "magazine", "group", "organisation", "organization", "firm", "party", "institute", "university", "charity"}
)  # fmt: skip
DOCUMENTS = frozenset("treaty accord agreement act convention protocol declaration charter memorandum bill".split())
VESSELS = frozenset("MV M/V MS MT SS RV HMS USS FV".split())  # the prefixes of a ship's name
ZONE_NAME = re.compile(r"\b(?:Standard|Daylight|Summer|Mean) Time$")
EDGE = "\"'“”‘’«»()[]{},;:!?-–— "
POSSESSIVE = re.compile(r"['’]s?$")
OWNER = re.compile(r"^.*\b\w+['’]s\s+(?=[A-Z])")


def clean_name(text: str, label: str) -> tuple[str, str]:
    """(name, title) of an entity span: 'Prosecutor Ana Ortega' -> ('Ana Ortega', 'Prosecutor'); ('', '') if
    the span is no name."""
    text = POSSESSIVE.sub("", " ".join(text.split()).strip(EDGE)).strip(EDGE)
    if label == "PERSON":  # "Kenya's Ana Ortega": the country is not part of her name
        text = OWNER.sub("", text)
    elif label == "ORG" and OWNER.match(text) and _owned(text):
        text = OWNER.sub("", text)  # "Portugal's National Police" is the National Police; "McDonald's Corp" stays
    if "(" in text and ")" not in text:  # "Dock Workers' Federation (DRWF": the name stops at its bracket
        text = text.split("(")[0].strip(EDGE)
    last = text.split()[-1] if text.split() else ""
    if text.endswith(".") and "." not in text[:-1] and len(last) > 2 and last not in ("Jr.", "Sr."):
        text = text[:-1]  # a sentence's full stop, not 'U.S.', 'Jr.' or the initial of 'Maricel D.'

    words = text.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    while len(words) > 1 and words[-1].lower() in ("of", "and", "the", "for", "in"):
        words.pop()  # 'Ministry of Foreign Affairs of' (the recogniser's span cut short)
    title: list[str] = []
    if label == "PERSON":
        while len(words) > 1 and (
            words[0].lower() in TITLE_WORDS
            or (words[0].isupper() and len(words) > 2 and words[1].lower() in TITLE_WORDS)  # 'UN Envoy Jan Novak'
        ):
            title.append(words.pop(0))
    name = " ".join(words)
    if not name or not name[0].isupper() or len(words) > 6 or any(c.isdigit() for c in name) or len(name) < 2:
        return "", ""
    honorific = HONORIFICS.issuperset(w.lower() for w in title)  # 'Mr. King' is a name; 'King' may be a surname
    if name.lower() in TITLE_WORDS and (label != "PERSON" or not honorific):
        return "", ""  # 'Foreign' (of 'Foreign Minister') or 'Spokesperson' alone
    return name, " ".join(title)


def is_name(ent: Span) -> bool:
    """Whether a recognised span is a name: not one capitalised ordinary word ('Aware of its failures, ...'),
    not the last word of a title ('Secretary of State')."""
    if len(ent) == 1 and ent[0].tag_ not in ("NNP", "NNPS"):
        return False
    if ent.text.strip(" ().") in TIME_ZONES or ZONE_NAME.search(ent.text):
        return False  # '(2153 GMT)', 'Philippine Standard Time': the zone of a time, not an actor
    if len(ent) == 1 and ent.start > 0 and ent.doc[ent.start - 1].like_num and len(ent.text) <= 3:
        return False  # '450 MW', '12 KM': a unit after its number
    if ent.text.split()[0] in VESSELS or (ent.start > 0 and ent.doc[ent.start - 1].text in VESSELS):
        return False  # 'MV Stellamar Pacifica': a ship, not an actor
    if len(ent) > 1 and ent[-1].lower_ in DOCUMENTS:
        return False  # 'the Velna River Treaty': a text that parties sign, not one of them
    doc = ent.doc
    return not (ent.start >= 2 and doc[ent.start - 1].lower_ == "of" and doc[ent.start - 2].lower_ in TITLE_WORDS)


def _title_before(ent: Span) -> list[Token]:
    """Title words just before a name: 'Interior Minister' in 'Interior Minister Ana Ortega', 'UN
    Secretary-General' in 'UN Secretary-General António Guterres' (the organisation comes with it)."""
    doc = ent.doc
    i = ent.start - 1
    taken: list[Token] = []
    while i >= 0 and len(taken) < 5:
        token = doc[i]
        hyphen = token.text == "-" and taken and i > 0 and doc[i - 1].lower_ in TITLE_WORDS  # 'Secretary-General'
        if not taken and token.is_title and i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in TITLE_WORDS:
            taken[:0] = [doc[i - 2], doc[i - 1], token]  # 'Secretary of State', 'Minister of Justice'
            i -= 3
            continue
        portfolio = taken and taken[0].lower_ in TITLE_WORDS and token.is_title and token.tag_ == "NNP"
        if token.lower_ in TITLE_WORDS or hyphen or portfolio or (taken and token.ent_type_ in ("ORG", "GPE", "NORP")):
            taken.insert(0, token)  # ('Culture Minister': a portfolio in title case before the title)
        else:
            break
        i -= 1
    while taken and taken[0].lower_ in ("former", "acting") and len(taken) == 1:
        taken = []
    return taken


def _apposition(ent: Span) -> str:
    """The description set beside a name: 'the museum's director' in 'Jan Novak, the museum's director,'."""
    for child in ent.root.children:
        if child.dep_ == "appos" and child.i >= ent.end:
            tokens = [t for t in child.subtree if t.i >= ent.end]
            if not tokens or len(tokens) > 8 or any(t.dep_ in ("relcl", "acl") for t in tokens):
                continue
            words = [t.text_with_ws for t in tokens]
            text = "".join(words).strip(EDGE)
            if text.lower().startswith(("a ", "an ", "the ")) and " " in text:
                text = text.split(" ", 1)[1]
            if not re.search(r"[^\W\d_]", text):
                continue  # 'Vasco Pimentel, 41,' or 'Lobo (1788-1851)': an age or dates, not a role
            return text
    return ""


def role_of(ent: Span, title: str) -> str:
    """A person's role as the sentence gives it: the title inside or before the name, else an apposition."""
    before = "".join(t.text_with_ws for t in _title_before(ent)).strip()
    role = " ".join(p for p in (before, title) if p)
    if role and role.lower() not in HONORIFICS:
        return role
    return _apposition(ent) or _preposed(ent)


def _preposed(ent: Span) -> str:
    """The description a sentence opens with before a name: 'A retired teacher from Leeds, Margaret Ellison was
    ...' -> 'retired teacher from Leeds'."""
    doc, start = ent.doc, ent.sent.start
    if ent.start - start < 3 or ent.start - start > 10 or doc[ent.start - 1].text != "," or doc[start].lower_ not in (
        "a", "an"
    ):
        return ""
    words = doc[start + 1 : ent.start - 1]
    if any(t.text in ",;:“”\"" or t.tag_.startswith("VB") for t in words):
        return ""
    return words.text

def _owned(text: str) -> bool:
    """Whether "X's Y" names Y: an institution ("Portugal's National Police") or what an institution has
    ("Media Research Center's Bozell"), not a firm named for its founder ("McDonald's Corp")."""
    rest = OWNER.sub("", text)
    owner = text[: len(text) - len(rest)].split()
    return (len(rest.split()) > 1 and _institution(rest)) or (bool(owner) and _institution(owner[-1].rstrip("'’s")))


def _institution(name: str) -> bool:
    """Whether a name says it is an institution: 'National Museum of Portuguese Painting', 'Federal Police'."""
    return bool(set(name.lower().split()) & ORGANISATION_WORDS)
