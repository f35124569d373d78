"""Who speaks in a sentence, read from its dependency parse: reporting verbs and their subjects.

A `Speech` records one reporting verb ('said', 'told', 'added', 'according to', 'wrote', ...), the noun
phrase that is its subject, what kind of phrase that is (a name, a pronoun, a description such as
'a spokeswoman'), and the stretch of the sentence the verb governs. Extract matches quotes against these.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # spaCy is imported when a model is loaded, not by every command that reads these words
    from spacy.tokens import Span, Token

from generator.core.model import Speech
from generator.core.types import SubjectKind
from generator.core.words import SPEECH_VERBS

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
PRONOUNS = frozenset({"he", "she", "i", "we", "they", "you", "it"})
NAME_DEPS = frozenset({"compound", "flat", "det", "amod", "poss", "case", "nmod", "punct"})


def _subject(verb: Token) -> Token | None:
    """The verb's subject, or that of the verb it is coordinated with ('He smiled and said ...'), up the
    chain of verbs ('Suu Kyi said it was too early but added' where the parse hangs 'added' on 'was': not
    'it', which is a clause's subject, but 'Suu Kyi')."""
    token = verb
    for level in range(4):
        for child in token.children:
            if child.dep_ in SUBJECT_DEPS and not child.is_punct and (level == 0 or child.lower_ != "it"):
                return child  # (a dash the parser took for the subject is none)
        if token.dep_ not in ("conj", "xcomp", "advcl", "ccomp") or token.head is token:
            return None
        if level == 0 and token.dep_ == "ccomp":
            return None  # 'said he would go': the reported clause's verb has its own speaker or none
        token = token.head
    return None


def _phrase(head: Token) -> tuple[int, int]:
    """Token range of a subject phrase: the head and what precedes it inside its noun phrase, no clauses."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in NAME_DEPS or child.ent_iob_ == "I" or child.dep_ in ("nummod", "appos"):
            start = min(start, child.left_edge.i)
    while start < head.i and head.doc[start].is_punct:  # '…,” Vann R. Newkirk II said': not the quote mark
        start += 1
    end = head.i + 1
    while end < len(head.doc) and head.doc[end].ent_iob_ == "I":  # 'Mohammed bin Salman' with head 'Mohammed'
        end += 1
    return start, end


def _kind(head: Token) -> SubjectKind:
    if head.lower_ in PRONOUNS and head.tag_ == "PRP":
        return SubjectKind.PRONOUN
    if head.text[:1].isupper() and (
        head.ent_type_ == "PERSON" or head.tag_ in ("NNP", "NNPS") or not (head.is_sent_start or head.i == 0)
    ):  # a capitalised word within a sentence is a name whatever the tagger said ('O’Donnell said')
        return SubjectKind.NAME
    return SubjectKind.DESCRIPTION


def _record(sentence_id: str, base: int, cue: Token, subject: Token | None, scope: Token) -> Speech:
    start, end = _phrase(subject) if subject is not None else (cue.i, cue.i + 1)
    doc = cue.doc
    return Speech(
        sentence=sentence_id,
        cue_start=cue.idx - base,
        cue_end=cue.idx + len(cue.text) - base,
        subject_start=doc[start].idx - base if subject is not None else -1,
        subject_end=doc[end - 1].idx + len(doc[end - 1].text) - base if subject is not None else -1,
        subject_kind=_kind(subject) if subject is not None else SubjectKind.NONE,
        head=subject.lower_ if subject is not None else "",
        group_end=subject.right_edge.idx + len(subject.right_edge.text) - base if subject is not None else -1,
        scope_start=scope.left_edge.idx - base,
        scope_end=scope.right_edge.idx + len(scope.right_edge.text) - base,
    )


def find_speech(sentence_id: str, span: Span, offset: int) -> list[Speech]:
    """The reporting verbs of one parsed sentence; offsets are relative to the sentence's text, which starts
    `offset` characters into the document."""
    found: list[Speech] = []
    for token in span:
        lower = token.lower_
        if (lower in SPEECH_VERBS or token.lemma_.lower() in SPEECH_VERBS) and token.tag_.startswith("VB"):
            speech = _record(sentence_id, offset, token, _subject(token), token)
        elif lower == "according" and any(c.lower_ == "to" for c in token.children):
            to = next(c for c in token.children if c.lower_ == "to")
            objects = [c for c in to.children if c.dep_ == "pobj"]
            if not objects:
                continue
            speech = _record(sentence_id, offset, token, objects[0], token.head if token.head != token else token)
        else:
            continue
        found.append(speech)
    return found
