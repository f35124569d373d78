"""The plan tracker: each provision's status, its history over dated mentions, and who covers it."""

from __future__ import annotations

from collections import defaultdict

from generator.config import Story
from generator.core.model import Citation, DateValue, PlanMention, PlanSizeValue, ProvisionStatus, StatusStep
from generator.core.refs import sentence_key
from generator.core.types import ProvisionState, Stance
from generator.extract import Extraction

OPPOSED = {Stance.REJECTS, Stance.COULD_NOT_AGREE}


def provision_status(mentions: list[PlanMention]) -> ProvisionState:
    """A plain status from the stances reported on a provision."""
    if not mentions:
        return ProvisionState.NOT_MENTIONED
    stances = {m.stance for m in mentions}
    if Stance.REMOVED in stances:
        return ProvisionState.REPORTED_REMOVED
    if stances & OPPOSED:
        return ProvisionState.CONTESTED
    if Stance.ACCEPTS in stances:
        return ProvisionState.ACCEPTED
    if Stance.OPEN_TO_CHANGE in stances:
        return ProvisionState.OPEN_TO_CHANGE
    if stances & {Stance.PROPOSES, Stance.DEMANDS}:
        return ProvisionState.PROPOSED
    return ProvisionState.DISCUSSED


def _history(mentions: list[PlanMention], dates: dict[str, DateValue]) -> list[StatusStep]:
    """The provision's status at each date it was reported (undated reports last, together): a step only where
    the status changes, and never to 'discussed' from a stance (a later mention is no reversal)."""
    by_date: dict[tuple, list[PlanMention]] = defaultdict(list)
    values: dict[tuple, DateValue | None] = {}
    for mention in mentions:
        value = dates.get(sentence_key(mention.source, mention.sentence))
        key = (
            (value.sort_key, value.precision, value.date or "", value.after or "", value.before or "")
            if value
            else ("9999",)
        )
        by_date[key].append(mention)
        values[key] = value
    steps: list[StatusStep] = []
    for key, group in sorted(by_date.items()):
        status = provision_status(group)
        if steps and (status == steps[-1].status or status is ProvisionState.DISCUSSED):
            steps[-1].mentions.extend(group)  # being mentioned again changes nothing: no step, no reversal
            continue
        steps.append(StatusStep(values[key], status, list(group)))
    return steps


def build_provisions(story: Story, mentions: list[PlanMention], dates: dict[str, DateValue]) -> list[ProvisionStatus]:
    """Every provision of the story's plan, discussed or not."""
    if story.plan is None:
        return []
    by_provision: dict[str, list[PlanMention]] = defaultdict(list)
    for mention in mentions:
        by_provision[mention.provision].append(mention)
    statuses = []
    for spec in story.plan.provisions:
        found = by_provision[spec.id]
        stances = {m.actor: m.stance for m in found if m.actor and m.stance != Stance.MENTIONED}
        coverage: dict[str, str] = {}
        for mention in found:
            coverage.setdefault(mention.source, mention.sentence)
        statuses.append(
            ProvisionStatus(
                id=spec.id,
                number=spec.number,
                title=spec.title,
                status=provision_status(found),
                mentions=found,
                stances=dict(sorted(stances.items())),
                history=_history(found, dates),
                coverage=coverage,
                note=spec.note,
            )
        )
    return statuses


def build_plan_sizes(extractions: list[Extraction], sentence_dates: dict[str, DateValue]) -> list[PlanSizeValue]:
    """Each size the plan is reported to have ('28', '19–24'), when, and by whom."""
    values: dict[str, PlanSizeValue] = {}
    for extraction in (x for x in extractions if x.plan_sizes):
        parsed = extraction.facts.parsed
        text = {s.id: s.text for s in parsed.sentences}
        for sentence_id, label in extraction.plan_sizes:
            key = sentence_key(parsed.article.id, sentence_id)
            value = values.setdefault(label, PlanSizeValue(label, sentence_dates.get(key), []))
            value.citations.append(Citation(parsed.article.id, sentence_id, text[sentence_id]))
            when = sentence_dates.get(key)
            if when and (value.when is None or when.sort_key < value.when.sort_key):
                value.when = when
    return sorted(values.values(), key=lambda v: (v.when.sort_key if v.when else "9999", v.label))


def review_queue(extractions: list[Extraction]) -> list[Citation]:
    """Sentences that read like plan content but match no provision, for an editor to map or dismiss."""
    queue: list[Citation] = []
    for extraction in (x for x in extractions if x.review):
        parsed = extraction.facts.parsed
        text = {s.id: s.text for s in parsed.sentences}
        queue.extend(Citation(parsed.article.id, sid, text[sid]) for sid in extraction.review)
    return queue
