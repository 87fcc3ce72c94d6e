"""Policy objects on the shared `world`: a published and an unpublished group in world.branch (Lund),
a group in the private other_branch (Malmö), events, a consultation and a motion."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest
from django.utils import timezone

from folkvald.organisations.models import Person, RoleKind
from folkvald.policy import services
from folkvald.policy.models import (
    Consultation,
    Event,
    EventKind,
    GroupKind,
    MemberRole,
    Motion,
    Question,
    QuestionKind,
    RegistrationMode,
    WorkingGroup,
)
from tests.conftest import make_user


@dataclass
class Policy:
    group: WorkingGroup
    hidden_group: WorkingGroup
    steering: WorkingGroup
    other_group: WorkingGroup
    chair_user: object
    chair: Person
    secretary: Person
    member: Person
    public_event: Event
    internal_event: Event
    other_event: Event
    consultation: Consultation
    choice_question: Question
    text_question: Question
    motion: Motion


@pytest.fixture
def policy(world) -> Policy:
    branch = world.branch
    programme = services.programme_create(organisation=branch, name="Vision för Lund")
    group = services.group_create(
        organisation=branch, programme=programme, name="Skola och unga", policy_area="Skola",
        mandate="Förslag om skolan.", topic_keywords="skola, unga",
    )
    hidden = services.group_create(organisation=branch, name="Hemlig grupp", is_published=False)
    steering = services.group_create(organisation=branch, programme=programme, name="Valledningen",
                                     kind=GroupKind.STEERING)
    other_group = services.group_create(organisation=world.other_branch, name="Malmögruppen")
    chair_user = make_user("ordforande", organisation=branch, kind=RoleKind.MEMBER)
    chair = chair_user.person
    chair.email = "ordforande@example.org"
    chair.save(update_fields=["email"])
    start = dt.date(2024, 1, 1)
    services.membership_add(group=group, role=MemberRole.CHAIR, start=start, person=chair)
    secretary = services.membership_add(group=group, role=MemberRole.SECRETARY, start=start,
                                        first_name="Sekr", last_name="Etare", email="sekr@example.org").person
    member = services.membership_add(group=group, role=MemberRole.MEMBER, start=start,
                                     first_name="Leda", last_name="Mot", email="leda@example.org").person
    services.membership_add(group=hidden, role=MemberRole.CHAIR, start=start, first_name="Dold", last_name="Person")
    services.membership_add(group=other_group, role=MemberRole.CHAIR, start=start,
                            first_name="Malmö", last_name="Hemlig")
    soon = (timezone.now() + dt.timedelta(days=10)).replace(second=0, microsecond=0)
    public_event = services.event_create(
        organisation=branch, group=group, kind=EventKind.TOWN_HALL, title="Town hall om skolan",
        starts_at=soon, ends_at=soon + dt.timedelta(hours=2), place="Stadshallen", organiser="S i Lund",
        registration=RegistrationMode.NAMES, capacity=10,
    )
    internal_event = services.event_create(
        organisation=branch, kind=EventKind.CONSULTATION, title="Internt rådslag", starts_at=soon,
        place="Partilokalen", organiser="S i Lund", is_public=False,
    )
    other_event = services.event_create(
        organisation=world.other_branch, kind=EventKind.SEMINAR, title="Malmöseminarium", starts_at=soon,
        place="Malmö", organiser="S i Malmö",
    )
    today = timezone.localdate()
    consultation = services.consultation_create(
        organisation=branch, title="Rådslag om skolan", opens=today - dt.timedelta(days=1),
        closes=today + dt.timedelta(days=10), group=group,
    )
    choice_question = services.question_add(consultation=consultation, text="Viktigast?",
                                            choices=["Skolan", "Vården", "Jobben"])
    text_question = services.question_add(consultation=consultation, text="Vad mer?", kind=QuestionKind.TEXT)
    motion = services.motion_create(
        organisation=branch, group=group, author=chair, title="Motion om skolan", body="Skolan behöver mer.",
        proposals="att partiet verkar för mer resurser till skolan", congress="Partikongressen 2025",
    )
    return Policy(group, hidden, steering, other_group, chair_user, chair, secretary, member, public_event,
                  internal_event, other_event, consultation, choice_question, text_question, motion)
