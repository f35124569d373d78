"""A timeline entry's headline: the sentence that reports the event, cut down to who did what, from its parse.

The citation keeps the exact sentence; the headline is for scanning. It is the clause the event's date belongs
to ('… just as happened on 24 February, when it launched its assault' gives the assault, not the speculation
around it), without the date phrase, leading asides ('In other words,'), relative clauses, appositions and
second clauses, with its attribution kept ('Media would report that …': a report is not a fact), shortened to
at most 20 words by dropping modifiers, never cut mid-phrase, with quotation marks balanced. A pronoun subject
takes the name of the actor the sentence named before it. No subject and verb left: no headline (the caller
keeps its summary).
"""

from __future__ import annotations

import re

from generator.core.model import Mention, Sentence
from generator.core.syntax import SUBJECTS, Parse
from generator.core.words import DATELINE, REPORTING_VERBS
from generator.extract.occasion import quoted_ranges
from generator.extract.timex.bridge import stated_days
from generator.extract.wording import MAX_WORDS, balanced, cut_off, without_furniture

ALWAYS_DROPPED = frozenset({"relcl", "appos", "parataxis", "intj", "meta", "dep", "preconj"})
OPTIONAL = ("advcl", "prep", "npadvmod", "advmod", "acl", "appos", "amod", "conj", "nummod", "poss", "compound")
DISCOURSE = frozenset(
    "however therefore meanwhile moreover also still yet thus instead importantly notably now then so".split()
)
PRONOUN_SUBJECTS = frozenset({"it", "they", "he", "she"})
TIME_OF_DAY = frozenset({"late", "early"})
MODALS = frozenset({"could", "may", "might", "would", "should"})
RELATIVES = frozenset({"who", "which", "that", "whom", "whose", "what"})


def _root(parse: Parse) -> int:
    return next((i for i, w in enumerate(parse.words) if w.head == i and w.dep == "ROOT"), 0)


def _speculative(parse: Parse, verb: int) -> bool:
    return any(parse.lower(c) in MODALS for c in parse.children(verb))


def _antecedent(parse: Parse, clause: int) -> set[int]:
    """'The negotiations, which began on 1 September': for a relative clause whose subject is 'which' or 'who',
    the noun it stands for (its words, without the clause) takes the pronoun's place."""
    subject = parse.subject(clause)
    noun = parse.head(clause)
    if parse.words[clause].dep != "relcl" or subject is None or parse.lower(subject) not in RELATIVES or noun is None:
        return set()
    inner = set(parse.subtree(clause))
    words = {i for i in parse.subtree(noun) if i not in inner and i <= noun}
    return words - {subject}


def _reports(parse: Parse, verb: int) -> bool:
    """Whether a clause's verb only reports ('said', 'told', 'announced'): what was said is the headline."""
    return (parse.words[verb].lemma or parse.lower(verb)) in REPORTING_VERBS


def _choose_clause(parse: Parse, date_word: int | None) -> int:
    """The clause the headline is made of: the date's own clause when it is a subordinate one with a subject of
    its own, or when the main one only speculates around it ('this could become … just as happened on …, when
    it launched …'); else the main clause."""
    root = _root(parse)
    if date_word is None:
        return root
    clause = parse.clause_verb(date_word)[0]
    subject = parse.subject(clause)
    own = subject is not None and not _reports(parse, clause)
    if clause != root and parse.words[clause].dep in ("advcl", "relcl") and own:
        return clause  # '… tabled when the talks opened on Sept. 1': the talks opened ('which began …' as well)
    if clause != root and own and _second_clause(parse, clause):
        return clause  # '… were arrested last Thursday; Koller followed on Saturday': each date its own clause
    if clause != root and parse.words[clause].dep in ("advcl", "relcl", "ccomp") and _speculative(parse, root):
        holders = (clause, date_word, *(parse.head(date_word),))
        inner = sorted(
            c for h in holders if h is not None for c in parse.children(h) if parse.words[c].dep in ("advcl", "relcl")
        )
        return inner[-1] if inner and parse.subject(inner[-1]) is not None else clause
    return root


def _dated(parse: Parse, i: int, kept: set[int]) -> bool:
    """Whether the kept words under `i` still hold a date ('… and resumed on 8 September'): another event's."""
    words = sorted(set(parse.subtree(i)) & kept)
    return bool(words) and bool(stated_days(_render(parse, words)))


def _second_clause(parse: Parse, clause: int) -> bool:
    """A clause joined to another as its equal ('and the next day the headquarters closed', '…; Koller followed'),
    with a subject of its own."""
    dep = parse.words[clause].dep
    head = parse.head(clause)
    if head is None or not any(parse.words[c].dep in SUBJECTS for c in parse.children(clause)):
        return False
    between = range(min(clause, head) + 1, max(clause, head))
    return dep == "conj" or (dep == "ccomp" and any(parse.lower(i) == ";" for i in between))


def _date_words(parse: Parse, date_span: tuple[int, int] | None) -> set[int]:
    """The words of the date expression at `date_span` (character offsets in the sentence)."""
    text = parse.sentence.text
    if date_span is None or "-" in (text[date_span[1] : date_span[1] + 1], text[date_span[0] - 1 : date_span[0]]):
        return set()  # '54-year-old': part of a word, not a date phrase
    return {i for i, w in enumerate(parse.words) if date_span[0] <= w.start and w.end <= date_span[1]}


def date_clause(sentence: Sentence, date_span: tuple[int, int]) -> int | None:
    """The clause a headline for the date at `date_span` would be made of (None without a parse)."""
    if not sentence.words:
        return None
    parse = Parse(sentence)
    date_words = _date_words(parse, date_span)
    return _choose_clause(parse, min(date_words) if date_words else None)


def event_frame(sentence: Sentence, date_span: tuple[int, int] | None) -> str:
    """What reports of one event in other outlets are matched on: the words of the clause the date belongs to,
    before the headline is shortened ('were charged … with aggravated breach of trust'). A speaker's verb gives
    way to what was said."""
    if not sentence.words:
        return ""
    parse = Parse(sentence)
    date_words = _date_words(parse, date_span)
    clause = _choose_clause(parse, min(date_words) if date_words else None)
    if _reports(parse, clause):
        clause = next((c for c in parse.children(clause) if parse.words[c].dep == "ccomp"), clause)
    own = parse.clause_verb(min(date_words))[0] if date_words else clause  # '… which began and resumed on 8 Sept'
    frames = []
    for head in sorted({clause, own}):
        kept = set(parse.subtree(head))
        for i in list(kept):
            second = parse.words[i].dep == "conj" and _second_clause(parse, i)
            if i in kept and i != head and (parse.words[i].dep in ALWAYS_DROPPED | {"ccomp", "advcl"} or second):
                kept -= set(parse.subtree(i))
        frames.append(_render(parse, sorted(kept)))
    return " ".join(frames)


def _date_phrase(parse: Parse, clause: int, date_words: set[int]) -> set[int]:
    """The adverbial that holds the date ('on November 19', 'The next day'), as words to drop."""
    dropped: set[int] = set()
    for word in date_words:
        current = word
        while (head := parse.head(current)) is not None and head != clause and not parse.is_verb(head):
            current = head
        if parse.words[current].dep in ("prep", "npadvmod", "advmod") or (
            parse.words[current].dep == "pobj" and head == clause
        ):
            dropped.update(parse.subtree(current))  # 'on November 19', 'The next day': an adverbial
    before = min(dropped, default=0) - 1
    if before >= 0 and parse.lower(before) in TIME_OF_DAY and parse.head(before) == clause:
        dropped.add(before)  # 'late on Tuesday': 'late' goes with its day
    return dropped


def _without_bare_verbs(parse: Parse, clause: int, kept: set[int]) -> set[int]:
    """A participle left with nothing once its date went ('…, marked on November 21'): it goes too."""
    for i in sorted(kept):
        dependent = (
            i != clause and parse.is_verb(i) and parse.words[i].dep in ("acl", "advcl", "relcl", "conj", "xcomp")
        )
        if dependent and not any(c in kept and parse.words[c].dep != "punct" for c in parse.children(i)):
            kept.discard(i)
    return kept


def _render(parse: Parse, kept: list[int]) -> str:
    pieces: list[str] = []
    for index, word in enumerate(kept):
        pieces.append(parse.text(word))
        following = kept[index + 1] if index + 1 < len(kept) else None
        if following is not None and parse.words[following].start > parse.words[word].end:
            pieces.append(" ")
    out = "".join(pieces)
    out = re.sub(r"\s+([,.;:!?’”)])", r"\1", out)
    out = re.sub(r"([“(‘])\s+", r"\1", out)
    out = re.sub(r"(?:^[\s,;:—–-]+)|(?:[\s,;:—–-]+$)", "", out)
    out = re.sub(r",\s*(?=,)|\s+,$", "", out)
    return balanced(out.rstrip(" .,;:—–-"))


def _whole_quotes(parse: Parse, kept: set[int]) -> set[int]:
    """A quotation is kept whole or not at all: a headline never puts words together that no one said."""
    for start, end in quoted_ranges(parse.sentence.text):
        inside = {i for i, w in enumerate(parse.words) if start <= w.start and w.end <= end + 1}
        words = [i for i in inside if parse.words[i].dep != "punct"]
        if inside & kept and not inside <= kept:
            kept = kept | inside if len(words) <= MAX_WORDS else kept - inside
    return kept


def _has_clause(parse: Parse, kept: set[int]) -> bool:
    subject = any(parse.words[i].dep in SUBJECTS or parse.words[i].dep == "expl" for i in kept)
    antecedent = any(parse.words[c].dep == "relcl" and c in kept for i in kept for c in parse.children(i))
    return (subject or antecedent) and any(parse.is_verb(i) for i in kept)


COMPLEMENTS = frozenset({"attr", "acomp", "prep", "ccomp", "xcomp", "oprd", "advcl", "agent", "dobj"})  # of 'to be'


def _complete(parse: Parse, clause: int, kept: set[int]) -> bool:
    """Not a fragment: it does not open on a verb, and 'to be' keeps what the subject is ('The March 9 break-in
    was' is no headline)."""
    first = min((i for i in kept if parse.words[i].dep != "punct"), default=clause)
    if parse.words[first].tag in ("VBZ", "VBD", "VBP"):
        return False  # '“says Petty Officer …': the end of a quotation from the sentence before, not a headline
    if parse.words[clause].lemma == "do" and not any(parse.words[c].dep in COMPLEMENTS for c in parse.children(clause)):
        return False  # 'the whole country did': what it did is in another sentence
    if parse.words[clause].lemma != "be":
        return True
    complements = [c for c in parse.children(clause) if c in kept and parse.words[c].dep in COMPLEMENTS]
    return any(parse.words[c].dep != "prep" or c == clause + 1 for c in complements)  # 'was, by any standard,'
    # (an aside) is not what the subject is


def _says_what(parse: Parse, clause: int, kept: set[int]) -> bool:
    """Whether the clause says more than who did something: an object, a complement, a phrase on the verb."""
    bare = SUBJECTS | {"aux", "auxpass", "neg", "punct"}
    return any(c in kept and parse.words[c].dep not in bare for c in parse.children(clause))


def _without_bare_possessive(parse: Parse, clause: int, kept: set[int]) -> set[int]:
    """A subject that is a possessive whose noun the sentence left out ("Sarkhel's followed"): its owner
    ('Sarkhel followed')."""
    subject = parse.subject(clause)
    if subject is None or parse.words[subject].tag not in ("NNP", "NNPS"):
        return kept
    return kept - {c for c in parse.children(subject) if parse.words[c].dep == "case" and c == subject + 1}


def _words(parse: Parse, kept: set[int]) -> int:
    return sum(1 for i in kept if parse.words[i].dep != "punct")


def _tiers(parse: Parse, clause: int, subject: int | None) -> list[list[int]]:
    """What may go, in the order it goes: asides and second verbs first, then adverbs, then phrases on the verb,
    then on nouns."""
    core = {clause, subject}
    tiers: list[list[int]] = [[], [], [], [], []]
    for i, word in enumerate(parse.words):
        if i in core:
            continue
        head_is_verb = parse.is_verb(word.head)
        second_verb = word.dep == "conj" and parse.is_verb(i)  # '… and capsized': whole, or not at all
        aside = word.dep == "npadvmod" and parse.words[word.head].tag != "JJ"  # not '54-year' of '54-year-old'
        if word.dep == "advcl" or aside or second_verb or (word.dep == "prep" and parse.lower(i) == "including"):
            tiers[0].append(i)
        elif word.dep == "advmod" and parse.lower(i) not in ("not", "never", "no"):
            tiers[1].append(i)
        elif word.dep == "prep" and head_is_verb:
            tiers[2].append(i)
        elif word.dep in ("acl", "appos", "prep"):
            tiers[3].append(i)
        elif word.dep in ("amod", "conj", "nummod", "compound"):
            tiers[4].append(i)
    return [sorted(tier, reverse=True) for tier in tiers]  # the rightmost first


def _tidy(parse: Parse, kept: set[int], silent: set[int]) -> set[int]:
    """No conjunction whose second half is gone, no punctuation beside a gap (the date phrase, `silent`, is no
    gap: 'met Ortega the next day, according to' keeps its comma)."""
    for i in list(kept):
        word = parse.words[i]
        if word.dep in ("cc", "preconj"):
            siblings = [c for c in parse.children(word.head) if parse.words[c].dep == "conj" and c > i]
            if not any(c in kept for c in siblings):
                kept.discard(i)
    for i in sorted(kept):
        mark = parse.text(i)
        if parse.words[i].dep != "punct" or mark in '“”"‘’':
            continue
        present = kept | silent
        introduces = mark in (":", "—", "–", "-") and i + 1 in kept and any(j < i for j in kept)
        if not introduces and ((i - 1 not in present) or (i + 1 not in kept) or not any(j < i for j in kept)):
            kept.discard(i)  # 'included, the very day': a comma beside a gap
    return kept


def _without_elaboration(parse: Parse, kept: set[int]) -> set[int]:
    """What follows a colon or a dash, when it is a list or a phrase and not a clause or a quotation ('the
    decision was difficult: either the loss of dignity, or …')."""
    marks = [i for i in sorted(kept) if parse.text(i) in (":", "—", "–") and any(j < i for j in kept)]
    for mark in marks:
        after = {j for j in kept if j > mark}
        clause = any(parse.words[j].dep in SUBJECTS for j in after) or any(parse.text(j) in '“"' for j in after)
        before = kept - after - {mark}
        if not clause and _has_clause(parse, before):
            return before
        # no one named as doing anything before the colon ('Credit where it is due:', 'Breaking news:'), while
        # 'American media published reports in unison: the team had …' keeps who reported it
        named = [j for j in before if parse.words[j].dep in SUBJECTS and parse.words[j].tag != "PRP"]
        lead_in = not any(parse.words[j].head < mark for j in named)
        if parse.text(mark) == ":" and clause and lead_in:
            return after  # 'Credit where it is due: the secretary grounded the fleet': a lead-in, then the news
    return kept


def _prune(parse: Parse, clause: int, kept: set[int], silent: set[int]) -> set[int]:
    """Drop what a headline does not need, then modifiers (asides first) until it is short enough."""
    for i in list(kept):
        dep = parse.words[i].dep
        listed = dep == "appos" and parse.words[i].tag == "NNP"  # 'Bern, Zurich and Basel' read as appositions
        second = dep == "conj" and parse.is_verb(i) and (_second_clause(parse, i) or _dated(parse, i, kept))
        if i in kept and i != clause and not listed and (dep in ALWAYS_DROPPED or second):
            kept -= set(parse.subtree(i))
    subject = parse.subject(clause)
    first = min(parse.subtree(subject)) if subject is not None else clause
    for child in parse.children(clause):  # asides before the subject: 'In other words,', 'For Kenya, however,'
        if child < first and parse.words[child].dep in ("prep", "advmod", "advcl", "npadvmod", "cc", "mark"):
            kept -= set(parse.subtree(child))
    for child in parse.children(clause):
        if child < first and parse.text(child) == "," and not any(j < child for j in kept):
            kept.discard(child)
    contents = [c for c in parse.children(clause) if parse.words[c].dep == "ccomp"]
    for extra in contents[1:]:  # a second 'that' clause of one verb is a misparse of something else's
        kept -= set(parse.subtree(extra))
    kept = {i for i in kept if not (parse.words[i].dep == "advmod" and parse.lower(i) in DISCOURSE)}
    kept = _without_elaboration(parse, kept)
    semicolons = [i for i in sorted(kept) if parse.text(i) == ";"]
    if semicolons:  # 'The office will reopen; a hotline is staffed': the part that holds the clause
        low = max((i for i in semicolons if i < clause), default=-1)
        high = min((i for i in semicolons if i > clause), default=len(parse.words))
        part = {i for i in kept if low < i < high}
        kept = part if _has_clause(parse, part) else kept
    for tier in _tiers(parse, clause, subject):
        for i in tier:
            if _words(parse, kept) <= MAX_WORDS:
                return _tidy(parse, kept, silent)
            if i in kept and _has_clause(parse, kept - set(parse.subtree(i))):
                kept -= set(parse.subtree(i))
    return _tidy(parse, kept, silent)


def _subject_name(
    parse: Parse, clause: int, names: list[Mention], earlier: list[str], people: set[str]
) -> tuple[int, str] | None:
    """A pronoun subject ('when it launched', 'He met …') and the actor it stands for: the last one named before
    it in the sentence, else in the sentences before ('he' and 'she' a person, 'it' anything else)."""
    subject = parse.subject(clause)
    if subject is None or parse.lower(subject) not in PRONOUN_SUBJECTS:
        return None
    person = parse.lower(subject) in ("he", "she")
    before = [m.actor for m in names if m.end <= parse.words[subject].start]
    newest_first = [*reversed(before), *reversed(earlier)]
    fits = [a for a in newest_first if (a in people) == person] if parse.lower(subject) != "they" else []
    return (subject, fits[0]) if fits else None


def headline(
    sentence: Sentence,
    date_span: tuple[int, int] | None,
    names: list[Mention],
    earlier: list[str] = (),  # type: ignore[assignment]
    people: set[str] = frozenset(),  # type: ignore[assignment]
) -> str | None:
    """At most 20 words saying who did what, or None when the parse gives no clause to make one of. `names`:
    the sentence's mentions; `earlier`: actors named before it, oldest first; `people`: which actors are people."""
    if not sentence.words or cut_off(sentence):
        return None
    parse = Parse(sentence)
    date_words = _date_words(parse, date_span)
    clause = _choose_clause(parse, min(date_words) if date_words else None)
    antecedent = _antecedent(parse, clause)
    kept = set(parse.subtree(clause)) | antecedent
    if antecedent:
        kept.discard(parse.subject(clause) or -1)  # 'which' gives way to 'The negotiations'
    own_mark = {i for i in kept if parse.words[i].dep == "mark" and parse.head(i) == clause}  # 'when', not 'that'
    kept -= own_mark | {i for i in kept if parse.lower(i) == "when" and i < clause}
    dateline = DATELINE.match(sentence.text)
    if dateline:  # 'ORMOC, Philippines, July 6 (Wire) -': where and when it was filed, not what happened
        cut = (
            dateline.end() + len(sentence.text[dateline.end() :]) - len(sentence.text[dateline.end() :].lstrip(" -–—"))
        )
        kept -= {i for i, w in enumerate(parse.words) if w.end <= cut}
    date_phrase = _date_phrase(parse, clause, date_words & kept)
    kept = _without_bare_verbs(parse, clause, kept - date_phrase)
    kept = _whole_quotes(parse, _prune(parse, clause, kept, date_phrase))
    if not _has_clause(parse, kept) or not _complete(parse, clause, kept):
        return None
    kept = _without_bare_possessive(parse, clause, kept)
    renamed = _subject_name(parse, clause, names, list(earlier), people)
    if renamed is not None and not _says_what(parse, clause, kept):
        return None  # 'It concluded on 14 July': whose 'it' is a guess, and the guess would be all it says
    words = sorted(kept)
    text = _render(parse, words)
    if renamed is not None:
        subject, name = renamed
        pronoun = parse.text(subject)
        text = re.sub(rf"\b{re.escape(pronoun)}\b", name, text, count=1)
    text = re.sub(r"(?<![.\s]\w)\.$", "", without_furniture(text))  # 'statement. “': no full stop; 'a.m.' keeps its
    if not text:
        return None
    return text[0].upper() + text[1:]
