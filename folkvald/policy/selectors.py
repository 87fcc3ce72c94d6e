"""Reads for policy work: groups with their members, deadlines by month, events, motions, consultations."""

from __future__ import annotations

import datetime as dt
import difflib
from collections import OrderedDict
from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Prefetch, QuerySet, Sum, Value, When
from django.db.models.functions import Lower
from django.utils import timezone

from folkvald.campaigns.models import TopicTally
from folkvald.organisations.models import Organisation, Person
from folkvald.policy.models import (
    Answer,
    Consultation,
    Deliverable,
    Event,
    GroupMembership,
    MemberRole,
    Motion,
    MotionVersion,
    Programme,
    Question,
    QuestionKind,
    Registration,
    WorkingGroup,
)

#: Chair first, then members, then the secretary, as the Malmö article lists a group.
ROLE_ORDER = Case(
    When(role=MemberRole.CHAIR, then=Value(0)),
    When(role=MemberRole.MEMBER, then=Value(1)),
    When(role=MemberRole.SECRETARY, then=Value(2)),
    default=Value(3),
    output_field=IntegerField(),
)


def current_memberships(on: dt.date | None = None) -> QuerySet[GroupMembership]:
    return (
        GroupMembership.objects.active(on)
        .select_related("person")
        .annotate(role_order=ROLE_ORDER)
        .order_by("role_order", "start", "pk")  # within a role, in the order they were added
    )


def organisation_programmes(*, organisation: Organisation, internal: bool) -> QuerySet[Programme]:
    programmes = Programme.objects.filter(organisation=organisation)
    return programmes if internal else programmes.filter(is_published=True)


def organisation_groups(*, organisation: Organisation, internal: bool) -> QuerySet[WorkingGroup]:
    """The groups, steering group first, each with ``current_members`` in the article's order."""
    groups = (
        WorkingGroup.objects.filter(organisation=organisation)
        .select_related("programme")
        .prefetch_related(Prefetch("memberships", queryset=current_memberships(), to_attr="current_members"))
        .order_by("kind", "position", "name")  # "steering" sorts before "working"
    )
    return groups if internal else groups.filter(is_published=True)


def group_current_members(*, group: WorkingGroup) -> QuerySet[GroupMembership]:
    return current_memberships().filter(group=group)


def group_membership_history(*, group: WorkingGroup) -> QuerySet[GroupMembership]:
    """Every seat the group has had, ended ones included, newest first."""
    return group.memberships.select_related("person").order_by("-start", "person__last_name")


def person_groups(*, person: Person) -> QuerySet[GroupMembership]:
    return current_memberships().filter(person=person).select_related("group")


def organisation_deliverables(*, organisation: Organisation, internal: bool) -> QuerySet[Deliverable]:
    deliverables = Deliverable.objects.filter(group__organisation=organisation).select_related("group")
    return deliverables if internal else deliverables.filter(group__is_published=True)


def group_deliverables(*, group: WorkingGroup) -> QuerySet[Deliverable]:
    return group.deliverables.order_by("deadline", "title")


@dataclass
class Month:
    first_day: dt.date
    deliverables: list[Deliverable] = field(default_factory=list)


def deadlines_by_month(deliverables: QuerySet[Deliverable] | list[Deliverable]) -> list[Month]:
    """Deliverables grouped by the month of their deadline, in order."""
    months: OrderedDict[dt.date, Month] = OrderedDict()
    for deliverable in sorted(deliverables, key=lambda d: (d.deadline, d.group.name, d.title)):
        key = deliverable.deadline.replace(day=1)
        months.setdefault(key, Month(first_day=key)).deliverables.append(deliverable)
    return list(months.values())


def _events(queryset: QuerySet[Event], *, internal: bool, upcoming_only: bool) -> QuerySet[Event]:
    events = queryset.select_related("group", "organisation").annotate(
        registered=Sum("registrations__people", default=0)
    )
    if not internal:
        events = events.filter(is_public=True)
    if upcoming_only:
        events = events.filter(starts_at__gte=timezone.now() - dt.timedelta(hours=12))
    return events.order_by("starts_at")


def organisation_events(
    *, organisation: Organisation, internal: bool, upcoming_only: bool = False
) -> QuerySet[Event]:
    """Events with ``registered`` (the number of people registered) computed in the database."""
    return _events(Event.objects.filter(organisation=organisation), internal=internal, upcoming_only=upcoming_only)


def organisation_feed_events(*, organisation: Organisation) -> QuerySet[Event]:
    """The public events for the iCal feed: no counts needed."""
    return Event.objects.filter(organisation=organisation, is_public=True).order_by("starts_at")


def group_events(*, group: WorkingGroup, internal: bool) -> QuerySet[Event]:
    return _events(Event.objects.filter(group=group), internal=internal, upcoming_only=False)


def event_registered_count(*, event: Event) -> int:
    return event.registrations.aggregate(total=Sum("people", default=0))["total"]


def event_named_registrations(*, event: Event) -> QuerySet[Registration]:
    """Names and e-mail of those who consented: for the organisers only."""
    return event.registrations.filter(consent=True).exclude(name="", email="").order_by("created")


def organisation_motions(*, organisation: Organisation) -> QuerySet[Motion]:
    return (
        Motion.objects.filter(organisation=organisation)
        .select_related("group", "author")
        .annotate(version_count=Count("versions", distinct=True), co_signer_count=Count("co_signers", distinct=True))
        .order_by("-created")
    )


def group_motions(*, group: WorkingGroup) -> QuerySet[Motion]:
    return organisation_motions(organisation=group.organisation).filter(group=group)


def motion_versions(*, motion: Motion) -> list[MotionVersion]:
    return list(motion.versions.select_related("edited_by").order_by("number"))


def motion_co_signers(*, motion: Motion) -> QuerySet[Person]:
    return motion.co_signers.order_by("last_name", "first_name")


def _version_text(version: MotionVersion) -> list[str]:
    lines = [version.title, ""]
    lines.extend(version.body.splitlines())
    lines.append("")
    lines.extend(f"att {line}" if not line.lower().startswith("att ") else line for line in version.proposal_lines)
    return lines


@dataclass(frozen=True)
class DiffLine:
    kind: str  # "same", "added", "removed"
    text: str


def motion_diff(*, old: MotionVersion, new: MotionVersion) -> list[DiffLine]:
    """Line by line what changed from one version to the next (title, text and att-satser)."""
    out: list[DiffLine] = []
    for line in difflib.ndiff(_version_text(old), _version_text(new)):
        tag, text = line[:2], line[2:]
        if tag == "  ":
            out.append(DiffLine("same", text))
        elif tag == "+ ":
            out.append(DiffLine("added", text))
        elif tag == "- ":
            out.append(DiffLine("removed", text))
    return out


def organisation_consultations(*, organisation: Organisation) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(organisation=organisation)
        .select_related("group", "event")
        .annotate(
            question_count=Count("questions", distinct=True),
            respondents=Count("questions__answers__person", distinct=True),
        )
        .order_by("-opens")
    )


def consultation_questions(*, consultation: Consultation) -> QuerySet[Question]:
    return consultation.questions.order_by("position", "pk")


def consultation_answers_of(*, consultation: Consultation, person: Person | None) -> dict[int, Answer]:
    if person is None:
        return {}
    answers = Answer.objects.filter(question__consultation=consultation, person=person)
    return {answer.question_id: answer for answer in answers}


@dataclass
class QuestionSummary:
    question: Question
    answered: int
    counts: list[tuple[str, int]]  # choice questions: every alternative, with zeros
    texts: list[str]  # text questions: the answers, for the organisation's own eyes


def consultation_summary(*, consultation: Consultation, include_texts: bool = True) -> list[QuestionSummary]:
    """Per question: how many answered; counts per alternative, or the text answers.

    ``include_texts=False`` (for readers who may not see them, see ``can_read_answers``) counts
    the text answers without loading them.
    """
    questions = list(consultation_questions(consultation=consultation))
    counts: dict[int, dict[str, int]] = {}
    for row in (
        Answer.objects.filter(question__consultation=consultation, question__kind=QuestionKind.CHOICE)
        .values("question_id", "choice")
        .annotate(n=Count("pk"))
    ):
        counts.setdefault(row["question_id"], {})[row["choice"]] = row["n"]
    text_answers = Answer.objects.filter(
        question__consultation=consultation, question__kind=QuestionKind.TEXT
    ).exclude(text="")
    texts: dict[int, list[str]] = {}
    text_counts: dict[int, int] = {}
    if include_texts:
        for question_id, text in text_answers.order_by("created").values_list("question_id", "text"):
            texts.setdefault(question_id, []).append(text)
        text_counts = {question_id: len(items) for question_id, items in texts.items()}
    else:
        text_counts = dict(text_answers.order_by().values("question_id").annotate(n=Count("pk")).values_list(
            "question_id", "n"))
    summaries = []
    for question in questions:
        if question.kind == QuestionKind.CHOICE:
            by_choice = counts.get(question.pk, {})
            rows = [(choice, by_choice.get(choice, 0)) for choice in question.choice_list]
            summaries.append(QuestionSummary(question, sum(by_choice.values()), rows, []))
        else:
            summaries.append(QuestionSummary(question, text_counts.get(question.pk, 0), [], texts.get(question.pk, [])))
    return summaries


@dataclass
class VoterTopic:
    campaign: str
    topic: str
    reports: int
    conversations: int


def group_voter_topics(*, group: WorkingGroup) -> list[VoterTopic]:
    """What voters raised in the organisation's conversation campaigns on the group's policy area.

    The group's ``topic_keywords`` map its area to campaign topics: a topic counts when it
    equals one of the keywords (case does not matter). Figures come from the campaigns'
    topic tallies of the group's organisation (which hold everything beneath it): the
    reports that raised the topic and the conversations in those reports.
    """
    keywords = group.keywords
    if not keywords:
        return []
    rows = (
        TopicTally.objects.filter(organisation=group.organisation)
        .annotate(topic_lower=Lower("topic"))
        .filter(topic_lower__in=keywords)
        .values("campaign__name", "campaign__start", "topic_lower")
        .annotate(reports_sum=Sum("reports"), conversations_sum=Sum("conversations"))
        .order_by("-campaign__start", "-conversations_sum", "topic_lower")
    )
    return [
        VoterTopic(row["campaign__name"], row["topic_lower"], row["reports_sum"], row["conversations_sum"])
        for row in rows
    ]
