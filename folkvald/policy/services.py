"""Writes for policy work. Each checks its input and writes all or nothing."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Max, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from folkvald.organisations.models import Organisation, Person
from folkvald.policy.models import (
    Answer,
    BoardDecision,
    Consultation,
    Deliverable,
    DeliverableStatus,
    Event,
    GroupKind,
    GroupMembership,
    MemberRole,
    Motion,
    MotionStatus,
    MotionVersion,
    Programme,
    Question,
    QuestionKind,
    Registration,
    RegistrationMode,
    ReminderSent,
    WorkingGroup,
)

logger = logging.getLogger(__name__)

DEFAULT_REMINDER_DAYS = 7


# --- Programmes and groups ----------------------------------------------------------


def programme_create(*, organisation: Organisation, name: str, description: str = "", **fields) -> Programme:
    return Programme.objects.create(organisation=organisation, name=name, description=description, **fields)


def group_create(
    *,
    organisation: Organisation,
    name: str,
    programme: Programme | None = None,
    kind: str = GroupKind.WORKING,
    policy_area: str = "",
    mandate: str = "",
    topic_keywords: str = "",
    position: int = 0,
    is_published: bool = True,
) -> WorkingGroup:
    if programme is not None and programme.organisation_id != organisation.pk:
        raise ValidationError({"programme": _("Programmet hör till en annan organisation.")})
    return WorkingGroup.objects.create(
        organisation=organisation,
        name=name,
        programme=programme,
        kind=kind,
        policy_area=policy_area,
        mandate=mandate,
        topic_keywords=topic_keywords,
        position=position,
        is_published=is_published,
    )


@transaction.atomic
def membership_add(
    *,
    group: WorkingGroup,
    role: str,
    start: dt.date,
    person: Person | None = None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
) -> GroupMembership:
    """Seat a person (existing, or new by name) in a group from a date."""
    if role not in MemberRole.values:
        raise ValidationError({"role": _("Okänd roll.")})
    if person is None:
        if not first_name.strip() or not last_name.strip():
            raise ValidationError(_("Välj en person eller ange för- och efternamn."))
        person = Person.objects.create(first_name=first_name.strip(), last_name=last_name.strip(), email=email)
    if GroupMembership.objects.active(start).filter(group=group, person=person, role=role).exists():
        raise ValidationError(_("%(name)s har redan den rollen i gruppen.") % {"name": person.full_name})
    return GroupMembership.objects.create(group=group, person=person, role=role, start=start)


def membership_end(*, membership: GroupMembership, end: dt.date) -> None:
    """The seat ends; the record stays so the group's history is kept."""
    membership.end = max(end, membership.start)
    membership.save(update_fields=["end"])


# --- Deliverables and reminders ---------------------------------------------------------


def deliverable_create(
    *,
    group: WorkingGroup,
    title: str,
    deadline: dt.date,
    description: str = "",
    status: str = DeliverableStatus.PLANNED,
) -> Deliverable:
    return Deliverable.objects.create(
        group=group, title=title, deadline=deadline, description=description, status=status
    )


def deliverable_set_status(*, deliverable: Deliverable, status: str) -> None:
    if status not in DeliverableStatus.values:
        raise ValidationError({"status": _("Okänd status.")})
    deliverable.status = status
    deliverable.save(update_fields=["status"])


def _reminder_text(deliverable: Deliverable, days: int) -> tuple[str, str]:
    subject = _("Påminnelse: %(title)s ska vara klar %(deadline)s") % {
        "title": deliverable.title,
        "deadline": deliverable.deadline.isoformat(),
    }
    body = _(
        "Hej!\n\n%(group)s ska leverera \"%(title)s\" senast %(deadline)s, om %(days)s dagar.\n\n"
        "Gruppens sida: %(url)s\n\n/folkvald"
    ) % {
        "group": deliverable.group.name,
        "title": deliverable.title,
        "deadline": deliverable.deadline.isoformat(),
        "days": days,
        "url": f"{settings.SITE_URL.rstrip('/')}/politik/grupper/{deliverable.group_id}/",
    }
    return subject, body


def reminders_send(*, today: dt.date | None = None, days_before: int = DEFAULT_REMINDER_DAYS) -> list[ReminderSent]:
    """E-mail the chair and secretary of each group whose open deliverable is due within ``days_before`` days.

    Each (deliverable, person, days_before) is sent once: the record and the e-mail go
    together, so a failed e-mail is tried again on the next run and a sent one never is.
    """
    if days_before < 0:
        raise ValueError("days_before must be zero or more")
    day = today or timezone.localdate()
    due = Deliverable.objects.filter(
        deadline__gte=day,
        deadline__lte=day + dt.timedelta(days=days_before),
        status__in=[DeliverableStatus.PLANNED, DeliverableStatus.IN_PROGRESS],
    ).select_related("group")
    due = list(due)
    already = set(
        ReminderSent.objects.filter(deliverable__in=due, days_before=days_before).values_list(
            "deliverable_id", "person_id"
        )
    )
    leaders: dict[int, list[Person]] = {}
    for membership in (
        GroupMembership.objects.active(day)
        .filter(group__in={d.group_id for d in due}, role__in=[MemberRole.CHAIR, MemberRole.SECRETARY])
        .exclude(person__email="")
        .select_related("person")
        .order_by("role", "pk")
    ):
        people = leaders.setdefault(membership.group_id, [])
        if all(person.pk != membership.person_id for person in people):
            people.append(membership.person)
    sent: list[ReminderSent] = []
    for deliverable in due:
        for person in leaders.get(deliverable.group_id, []):
            if (deliverable.pk, person.pk) in already:
                continue
            subject, body = _reminder_text(deliverable, (deliverable.deadline - day).days)
            try:
                with transaction.atomic():
                    record = ReminderSent.objects.create(
                        deliverable=deliverable, person=person, days_before=days_before, email=person.email
                    )
                    send_mail(subject, body, None, [person.email])
            except IntegrityError:  # another run sent it meanwhile
                continue
            sent.append(record)
    return sent


# --- Motions --------------------------------------------------------------------------


def _clean_motion_text(title: str, body: str, proposals: str) -> tuple[str, str, str]:
    title, body = title.strip(), body.strip()
    proposals = "\n".join(line.strip() for line in proposals.splitlines() if line.strip())
    errors = {}
    if not title:
        errors["title"] = _("En motion behöver en rubrik.")
    if not body:
        errors["body"] = _("En motion behöver en motionstext.")
    if not proposals:
        errors["proposals"] = _("En motion behöver minst en att-sats.")
    if errors:
        raise ValidationError(errors)
    return title, body, proposals


@transaction.atomic
def motion_create(
    *,
    organisation: Organisation,
    title: str,
    body: str,
    proposals: str,
    author: Person | None = None,
    group: WorkingGroup | None = None,
    congress: str = "",
) -> Motion:
    """A new draft and its first version. Drafted by a group, a member, or both."""
    title, body, proposals = _clean_motion_text(title, body, proposals)
    if group is not None and group.organisation_id != organisation.pk:
        raise ValidationError({"group": _("Gruppen hör till en annan organisation.")})
    if group is None and author is None:
        raise ValidationError(_("En motion skrivs av en grupp eller en medlem."))
    motion = Motion.objects.create(
        organisation=organisation, title=title, author=author, group=group, congress=congress
    )
    MotionVersion.objects.create(
        motion=motion, number=1, title=title, body=body, proposals=proposals, edited_by=author
    )
    return motion


@transaction.atomic
def motion_edit(
    *, motion: Motion, title: str, body: str, proposals: str, editor: Person | None, note: str = ""
) -> MotionVersion | None:
    """Each edit is a new version; an edit that changes nothing makes none."""
    motion = Motion.objects.select_for_update().get(pk=motion.pk)
    if not motion.is_editable:
        raise ValidationError(_("Motionen är redan beslutad och kan inte ändras."))
    title, body, proposals = _clean_motion_text(title, body, proposals)
    latest = motion.versions.order_by("-number").first()
    if latest and (latest.title, latest.body, latest.proposals) == (title, body, proposals):
        return None
    number = (motion.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    version = MotionVersion.objects.create(
        motion=motion, number=number, title=title, body=body, proposals=proposals, edited_by=editor, note=note
    )
    motion.title = title
    motion.save(update_fields=["title"])
    return version


def motion_cosign(*, motion: Motion, person: Person) -> None:
    if not motion.is_editable:
        raise ValidationError(_("Motionen är redan beslutad."))
    if motion.author_id == person.pk:
        raise ValidationError(_("Motionären kan inte också vara medundertecknare."))
    motion.co_signers.add(person)


def motion_uncosign(*, motion: Motion, person: Person) -> None:
    if not motion.is_editable:
        raise ValidationError(_("Motionen är redan beslutad."))
    motion.co_signers.remove(person)


def motion_submit(*, motion: Motion) -> None:
    """The draft goes to the branch board."""
    if motion.status != MotionStatus.DRAFT:
        raise ValidationError(_("Bara ett utkast kan lämnas in."))
    motion.status = MotionStatus.SUBMITTED
    motion.save(update_fields=["status"])


def motion_decide(*, motion: Motion, decision: str, reasoning: str, decided_on: dt.date) -> None:
    """The board's decision: bifall, avslag or besvarad, with its reasoning."""
    if motion.status != MotionStatus.SUBMITTED:
        raise ValidationError(_("Styrelsen beslutar om inlämnade motioner."))
    if decision not in BoardDecision.values:
        raise ValidationError({"decision": _("Okänt beslut.")})
    if not reasoning.strip():
        raise ValidationError({"reasoning": _("Skriv styrelsens motivering.")})
    motion.decision = decision
    motion.decision_reasoning = reasoning.strip()
    motion.decided_on = decided_on
    motion.status = MotionStatus.DECIDED
    motion.save(update_fields=["decision", "decision_reasoning", "decided_on", "status"])


def motion_send_to_congress(*, motion: Motion, sent_on: dt.date, congress: str = "") -> None:
    """The decided motion goes to the congress, with the board's answer."""
    if motion.status != MotionStatus.DECIDED:
        raise ValidationError(_("Bara en beslutad motion kan skickas till kongressen."))
    if motion.decided_on and sent_on < motion.decided_on:
        raise ValidationError({"sent_on": _("Motionen kan inte skickas före styrelsens beslut.")})
    motion.status = MotionStatus.SENT
    motion.sent_on = sent_on
    fields = ["status", "sent_on"]
    if congress.strip():
        motion.congress = congress.strip()
        fields.append("congress")
    motion.save(update_fields=fields)


def motion_set_published(*, motion: Motion, published: bool) -> None:
    """Publish a motion (its current text, the signatories and the board's decision) for everyone."""
    if published and motion.status == MotionStatus.DRAFT:
        raise ValidationError(_("Ett utkast kan inte publiceras."))
    motion.is_published = published
    motion.save(update_fields=["is_published"])


# --- Events and registrations ------------------------------------------------------------


def event_create(*, organisation: Organisation, group: WorkingGroup | None = None, **fields) -> Event:
    event = Event(organisation=organisation, group=group, **fields)
    event.full_clean()
    event.save()
    return event


EVENT_FIELDS = ("kind", "title", "description", "starts_at", "ends_at", "place", "organiser", "registration",
                "capacity", "is_public")


def event_update(*, event: Event, group: WorkingGroup | None, **fields) -> Event:
    unknown = set(fields) - set(EVENT_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(event, name, value)
    event.group = group
    event.full_clean()
    event.save(update_fields=[*fields, "group"])
    return event


@transaction.atomic
def registration_create(
    *,
    event: Event,
    people: int = 1,
    name: str = "",
    email: str = "",
    consent: bool = False,
    person: Person | None = None,
) -> Registration:
    """Register for an event: always counted; a name or e-mail is kept only with explicit consent.

    ``person`` is the signed-in registrant: remembered only beside a name or e-mail given with
    consent, so that the person's export and erasure find the registration.
    """
    name, email = name.strip(), email.strip()
    if event.registration == RegistrationMode.NONE:
        raise ValidationError(_("Det här evenemanget har ingen anmälan."))
    if event.starts_at < timezone.now():
        raise ValidationError(_("Evenemanget har redan börjat."))
    if not 1 <= people <= 20:
        raise ValidationError({"people": _("Anmäl mellan 1 och 20 personer.")})
    if event.registration == RegistrationMode.COUNT:
        name, email, consent = "", "", False
    elif (name or email) and not consent:
        raise ValidationError(
            {"consent": _("Kryssa i samtycket för att vi ska få spara ditt namn, eller lämna namnet tomt.")}
        )
    if not (name or email):
        consent = False
    if event.capacity is not None:
        # Lock the event so two registrations cannot both take the last places.
        Event.objects.select_for_update().filter(pk=event.pk).first()
        taken = event.registrations.aggregate(n=Sum("people", default=0))["n"]
        if taken + people > event.capacity:
            raise ValidationError(_("Det finns inte plats för så många (%(left)s platser kvar).") % {
                "left": max(event.capacity - taken, 0)
            })
    return Registration.objects.create(
        event=event, people=people, name=name, email=email, consent=consent, person=person if consent else None
    )


#: Names and e-mail of those registered are kept this many days after an event, then erased.
REGISTRATION_RETENTION_DAYS = 30


def registrations_erase_personal_data(*, now: dt.datetime | None = None,
                                      days: int = REGISTRATION_RETENTION_DAYS) -> int:
    """Erase names and e-mail of registrations for events that ended ``days`` ago; the counts stay."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=days)
    ended = Q(event__ends_at__lt=cutoff) | Q(event__ends_at__isnull=True, event__starts_at__lt=cutoff)
    return (
        Registration.objects.filter(ended)
        .filter(~Q(name="") | ~Q(email="") | Q(person__isnull=False))
        .update(name="", email="", consent=False, person=None)
    )


# --- Consultations (rådslag) ------------------------------------------------------------------


def consultation_create(
    *,
    organisation: Organisation,
    title: str,
    opens: dt.date,
    closes: dt.date,
    description: str = "",
    group: WorkingGroup | None = None,
    event: Event | None = None,
) -> Consultation:
    if closes < opens:
        raise ValidationError({"closes": _("Rådslaget kan inte stänga innan det öppnar.")})
    return Consultation.objects.create(
        organisation=organisation, title=title, description=description, opens=opens, closes=closes,
        group=group, event=event,
    )


def question_add(*, consultation: Consultation, text: str, kind: str = QuestionKind.CHOICE, choices: list[str] | None = None) -> Question:
    choices = [choice.strip() for choice in (choices or []) if choice.strip()]
    if kind == QuestionKind.CHOICE and len(choices) < 2:
        raise ValidationError({"choices": _("En flervalsfråga behöver minst två alternativ.")})
    position = consultation.questions.count() + 1
    return Question.objects.create(
        consultation=consultation, text=text, kind=kind, choices="\n".join(choices), position=position
    )


@transaction.atomic
def answers_submit(
    *, consultation: Consultation, person: Person, answers: Mapping[int, str], today: dt.date | None = None
) -> int:
    """A member's answers, one per question; answering again replaces the earlier answer."""
    if not consultation.is_open(today):
        raise ValidationError(_("Rådslaget är inte öppet för svar."))
    questions = {question.pk: question for question in consultation.questions.all()}
    errors = {}
    cleaned: dict[int, tuple[str, str]] = {}
    for question_id, raw in answers.items():
        question = questions.get(question_id)
        if question is None:
            raise ValidationError(_("Frågan hör inte till rådslaget."))
        value = (raw or "").strip()
        if not value:
            continue
        if question.kind == QuestionKind.CHOICE:
            if value not in question.choice_list:
                errors[f"q{question_id}"] = _("Välj ett av alternativen.")
                continue
            cleaned[question_id] = (value, "")
        else:
            cleaned[question_id] = ("", value[:5000])
    if errors:
        raise ValidationError(errors)
    for question_id, (choice, text) in cleaned.items():
        Answer.objects.update_or_create(
            question_id=question_id, person=person, defaults={"choice": choice, "text": text}
        )
    return len(cleaned)


GROUP_FIELDS = ("name", "kind", "policy_area", "mandate", "topic_keywords", "position", "is_published")


def group_update(*, group: WorkingGroup, programme: Programme | None, **fields) -> WorkingGroup:
    if programme is not None and programme.organisation_id != group.organisation_id:
        raise ValidationError({"programme": _("Programmet hör till en annan organisation.")})
    unknown = set(fields) - set(GROUP_FIELDS)
    if unknown:
        raise ValueError(f"unknown fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(group, name, value)
    group.programme = programme
    group.save(update_fields=[*fields, "programme"])
    return group


@transaction.atomic
def consultation_create_with_questions(
    *, questions: list[tuple[str, str, list[str]]], **fields
) -> Consultation:
    """A consultation and its questions, all or nothing."""
    if not questions:
        raise ValidationError({"questions": _("Ett rådslag behöver minst en fråga.")})
    consultation = consultation_create(**fields)
    for text, kind, choices in questions:
        question_add(consultation=consultation, text=text, kind=kind, choices=choices)
    return consultation


# --- Personal data (GDPR art. 15, 17 and 20) --------------------------------------------------------


def _person_registrations(person: Person, email: str) -> QuerySet[Registration]:
    """Registrations that name the person: made while signed in, or under their e-mail address."""
    match = Q(person=person)
    if email.strip():
        match |= Q(email__iexact=email.strip())
    return Registration.objects.filter(match)


def person_policy_export(*, person: Person) -> dict[str, object]:
    """What the policy app holds about a person, for an access request."""
    return {
        "group_memberships": [
            {
                "group": m.group.name,
                "organisation": m.group.organisation.name,
                "role": m.role,
                "start": m.start.isoformat(),
                "end": m.end.isoformat() if m.end else None,
            }
            for m in person.group_memberships.select_related("group", "group__organisation")
        ],
        "motions": [motion.title for motion in person.motions.all()],
        "co_signed_motions": [motion.title for motion in person.co_signed_motions.all()],
        "consultation_answers": [
            {"consultation": a.question.consultation.title, "question": a.question.text, "choice": a.choice,
             "text": a.text}
            for a in Answer.objects.filter(person=person).select_related("question", "question__consultation")
        ],
        "event_registrations": [
            {
                "event": r.event.title,
                "organisation": r.event.organisation.name,
                "starts_at": r.event.starts_at.isoformat(),
                "people": r.people,
                "name": r.name,
                "email": r.email,
                "registered": r.created.isoformat(),
            }
            for r in _person_registrations(person, person.email)
            .select_related("event", "event__organisation")
            .order_by("created", "pk")
        ],
    }


@transaction.atomic
def person_policy_erase(*, person: Person, email: str | None = None) -> None:
    """Erase a person's consultation answers (political opinions) and the name and e-mail of their
    event registrations (the counts stay); memberships stay under the erased name.

    ``email`` is the address to look for in registrations when the person's own has already been
    cleared (erasure blanks it in the same save that triggers this).
    """
    Answer.objects.filter(person=person).delete()
    ReminderSent.objects.filter(person=person).update(email="")
    _person_registrations(person, person.email if email is None else email).update(
        name="", email="", consent=False, person=None
    )
