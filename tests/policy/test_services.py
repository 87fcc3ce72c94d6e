"""Services of policy work: reminders once, motion versions and decisions, registrations with and
without consent, consultation answers and their summary, memberships over time."""

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction

from folkvald.policy import selectors, services
from folkvald.policy.models import (
    BoardDecision,
    DeliverableStatus,
    MemberRole,
    MotionStatus,
    Registration,
    ReminderSent,
)

DEADLINE = dt.date(2024, 9, 30)


# --- Reminders ----------------------------------------------------------------------------------


def test_reminder_goes_to_chair_and_secretary_seven_days_before_and_only_once(policy):
    deliverable = services.deliverable_create(group=policy.group, title="Första delen", deadline=DEADLINE)
    # Eight days before: nothing yet.
    assert services.reminders_send(today=dt.date(2024, 9, 22)) == []
    assert mail.outbox == []
    # Seven days before: the chair and the secretary, not the member.
    sent = services.reminders_send(today=dt.date(2024, 9, 23))
    assert sorted(record.email for record in sent) == ["ordforande@example.org", "sekr@example.org"]
    assert sorted(message.to[0] for message in mail.outbox) == ["ordforande@example.org", "sekr@example.org"]
    assert "Första delen" in mail.outbox[0].subject
    assert "2024-09-30" in mail.outbox[0].subject
    assert "om 7 dagar" in mail.outbox[0].body
    # The next days and a rerun the same day send nothing more.
    assert services.reminders_send(today=dt.date(2024, 9, 23)) == []
    assert services.reminders_send(today=dt.date(2024, 9, 25)) == []
    assert len(mail.outbox) == 2
    assert ReminderSent.objects.filter(deliverable=deliverable).count() == 2


def test_reminders_skip_delivered_deliverables_people_without_email_and_ended_roles(policy):
    services.deliverable_create(group=policy.group, title="Klar", deadline=DEADLINE, status=DeliverableStatus.DELIVERED)
    open_one = services.deliverable_create(group=policy.group, title="Öppen", deadline=DEADLINE)
    policy.secretary.email = ""
    policy.secretary.save(update_fields=["email"])
    chair_seat = policy.group.memberships.get(role=MemberRole.CHAIR)
    services.membership_end(membership=chair_seat, end=dt.date(2024, 6, 30))
    assert services.reminders_send(today=dt.date(2024, 9, 25)) == []
    # A new chair from July gets it.
    services.membership_add(group=policy.group, role=MemberRole.CHAIR, start=dt.date(2024, 7, 1),
                            first_name="Ny", last_name="Ordförande", email="ny@example.org")
    sent = services.reminders_send(today=dt.date(2024, 9, 25))
    assert [(record.deliverable, record.email) for record in sent] == [(open_one, "ny@example.org")]
    assert "om 5 dagar" in mail.outbox[0].body


def test_a_failed_email_is_not_recorded_and_is_tried_again(policy, monkeypatch):
    services.deliverable_create(group=policy.group, title="Första delen", deadline=DEADLINE)

    def broken(*args, **kwargs):
        raise OSError("smtp down")

    monkeypatch.setattr(services, "send_mail", broken)
    with pytest.raises(OSError):
        services.reminders_send(today=dt.date(2024, 9, 23))
    assert ReminderSent.objects.count() == 0
    monkeypatch.undo()
    assert len(services.reminders_send(today=dt.date(2024, 9, 24))) == 2


def test_send_reminders_command(policy):
    services.deliverable_create(group=policy.group, title="Analys", deadline=dt.date(2025, 2, 28))
    out = StringIO()
    call_command("send-reminders", "--today", "2025-02-20", "--days", "10", stdout=out)
    assert "2 påminnelser skickade." in out.getvalue()
    again = StringIO()
    call_command("send-reminders", "--today", "2025-02-21", "--days", "10", stdout=again)
    assert "0 påminnelser skickade." in again.getvalue()
    assert len(mail.outbox) == 2
    with pytest.raises(CommandError):
        call_command("send-reminders", "--today", "igår")
    with pytest.raises(CommandError):
        call_command("send-reminders", "--days", "-1")


# --- Memberships -------------------------------------------------------------------------------


def test_one_person_serves_several_groups_and_history_is_kept(policy):
    services.membership_add(group=policy.hidden_group, role=MemberRole.SECRETARY, start=dt.date(2024, 1, 1),
                            person=policy.secretary)
    assert {m.group.name for m in selectors.person_groups(person=policy.secretary)} == {"Skola och unga", "Hemlig grupp"}
    seat = policy.group.memberships.get(person=policy.member)
    services.membership_end(membership=seat, end=dt.date(2024, 3, 1))
    current = [m.person.full_name for m in selectors.group_current_members(group=policy.group)]
    assert current == ["Ordforande Testsson", "Sekr Etare"]  # chair first, secretary last
    history = [m.person.full_name for m in selectors.group_membership_history(group=policy.group)]
    assert "Leda Mot" in history
    with pytest.raises(ValidationError):
        services.membership_add(group=policy.group, role=MemberRole.CHAIR, start=dt.date(2024, 5, 1),
                                person=policy.chair)


# --- Motions --------------------------------------------------------------------------------------


def test_each_edit_is_a_new_version_with_a_diff(policy):
    motion = policy.motion
    v2 = services.motion_edit(motion=motion, title="Motion om skolan", body="Skolan behöver mer.\nOch fler lärare.",
                              proposals="att partiet verkar för mer resurser till skolan\natt lärarna blir fler",
                              editor=policy.secretary, note="Efter mötet")
    assert v2.number == 2
    assert services.motion_edit(motion=motion, title=v2.title, body=v2.body, proposals=v2.proposals,
                                editor=policy.chair) is None  # nothing changed, no version
    v3 = services.motion_edit(motion=motion, title="Motion om en jämlik skola", body=v2.body, proposals=v2.proposals,
                              editor=policy.chair)
    versions = selectors.motion_versions(motion=motion)
    assert [v.number for v in versions] == [1, 2, 3]
    assert versions[0].body == "Skolan behöver mer."  # the first version is kept as it was
    motion.refresh_from_db()
    assert motion.title == "Motion om en jämlik skola"
    diff = selectors.motion_diff(old=versions[0], new=v2)
    assert [line.text for line in diff if line.kind == "added"] == ["Och fler lärare.", "att lärarna blir fler"]
    assert [line.text for line in diff if line.kind == "removed"] == []
    diff = selectors.motion_diff(old=v2, new=v3)
    assert [line.text for line in diff if line.kind == "removed"] == ["Motion om skolan"]
    assert [line.text for line in diff if line.kind == "added"] == ["Motion om en jämlik skola"]


def test_motion_needs_title_text_and_proposals(policy):
    with pytest.raises(ValidationError) as error:
        services.motion_create(organisation=policy.group.organisation, author=policy.chair, title=" ", body="",
                               proposals="\n \n")
    assert set(error.value.error_dict) == {"title", "body", "proposals"}
    with pytest.raises(ValidationError):
        services.motion_create(organisation=policy.group.organisation, title="T", body="B", proposals="att x")


def test_board_decision_and_sending_to_congress(policy):
    motion = policy.motion
    services.motion_cosign(motion=motion, person=policy.member)
    with pytest.raises(ValidationError):
        services.motion_cosign(motion=motion, person=policy.chair)  # the author
    with pytest.raises(ValidationError):  # the board decides submitted motions only
        services.motion_decide(motion=motion, decision=BoardDecision.ADOPT, reasoning="Bra.",
                               decided_on=dt.date(2024, 10, 15))
    services.motion_submit(motion=motion)
    with pytest.raises(ValidationError):
        services.motion_decide(motion=motion, decision=BoardDecision.ADOPT, reasoning=" ",
                               decided_on=dt.date(2024, 10, 15))
    with pytest.raises(ValidationError):
        services.motion_send_to_congress(motion=motion, sent_on=dt.date(2024, 10, 31))
    services.motion_decide(motion=motion, decision=BoardDecision.ANSWERED, reasoning="Besvarad av programmet.",
                           decided_on=dt.date(2024, 10, 15))
    motion.refresh_from_db()
    assert (motion.status, motion.decision, motion.decided_on) == (
        MotionStatus.DECIDED, "answered", dt.date(2024, 10, 15))
    assert motion.get_decision_display() == "besvarad"
    with pytest.raises(ValidationError):  # decided: no more edits or signatures
        services.motion_edit(motion=motion, title="x", body="y", proposals="att z", editor=policy.chair)
    with pytest.raises(ValidationError):
        services.motion_cosign(motion=motion, person=policy.secretary)
    with pytest.raises(ValidationError):
        services.motion_send_to_congress(motion=motion, sent_on=dt.date(2024, 10, 1))  # before the decision
    services.motion_send_to_congress(motion=motion, sent_on=dt.date(2024, 10, 31), congress="Kongressen i Göteborg")
    motion.refresh_from_db()
    assert (motion.status, motion.sent_on, motion.congress) == (
        MotionStatus.SENT, dt.date(2024, 10, 31), "Kongressen i Göteborg")
    assert list(motion.co_signers.all()) == [policy.member]


# --- Registrations -----------------------------------------------------------------------------------


def test_registration_counts_without_a_name_and_keeps_names_only_with_consent(policy):
    event = policy.public_event
    services.registration_create(event=event, people=3)
    with pytest.raises(ValidationError) as error:
        services.registration_create(event=event, name="Utan Samtycke")
    assert "consent" in error.value.error_dict
    services.registration_create(event=event, name="Med Samtycke", email="med@example.org", consent=True)
    # Consent without a name stores nothing personal.
    services.registration_create(event=event, consent=True)
    assert selectors.event_registered_count(event=event) == 5
    assert [r.name for r in selectors.event_named_registrations(event=event)] == ["Med Samtycke"]
    assert Registration.objects.filter(event=event, consent=True).count() == 1
    # The database refuses a name without consent too.
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=event, name="Smuggel", consent=False)


def test_registration_respects_capacity_mode_and_time(policy):
    event = policy.public_event  # ten places
    services.registration_create(event=event, people=8)
    with pytest.raises(ValidationError):
        services.registration_create(event=event, people=3)
    services.registration_create(event=event, people=2)
    with pytest.raises(ValidationError):
        services.registration_create(event=event, people=1)
    with pytest.raises(ValidationError):
        services.registration_create(event=policy.internal_event, people=0)
    count_only = policy.other_event  # "count" mode: a name is dropped, never stored
    services.registration_create(event=count_only, name="Släpps", email="x@example.org", consent=True)
    assert count_only.registrations.get().name == ""
    from django.utils import timezone

    count_only.starts_at = timezone.now() - dt.timedelta(hours=1)
    count_only.save(update_fields=["starts_at"])
    with pytest.raises(ValidationError):
        services.registration_create(event=count_only)


# --- Consultations -----------------------------------------------------------------------------------


def test_consultation_summary_counts_choices_and_lists_texts(policy, world):
    from folkvald.organisations.models import Person

    c, q1, q2 = policy.consultation, policy.choice_question, policy.text_question
    people = [policy.chair, policy.secretary, policy.member, Person.objects.create(first_name="A", last_name="B")]
    services.answers_submit(consultation=c, person=people[0], answers={q1.pk: "Skolan", q2.pk: "Fler lärare"})
    services.answers_submit(consultation=c, person=people[1], answers={q1.pk: "Jobben", q2.pk: ""})
    services.answers_submit(consultation=c, person=people[2], answers={q1.pk: "Skolan"})
    # Answering again replaces the earlier answer.
    services.answers_submit(consultation=c, person=people[1], answers={q1.pk: "Skolan", q2.pk: "Läxhjälp"})
    with pytest.raises(ValidationError):
        services.answers_submit(consultation=c, person=people[3], answers={q1.pk: "Något annat"})
    summary = selectors.consultation_summary(consultation=c)
    assert summary[0].question == q1
    assert summary[0].answered == 3
    assert summary[0].counts == [("Skolan", 3), ("Vården", 0), ("Jobben", 0)]
    assert summary[1].answered == 2
    assert summary[1].texts == ["Fler lärare", "Läxhjälp"]
    listed = selectors.organisation_consultations(organisation=c.organisation).get()
    assert (listed.question_count, listed.respondents) == (2, 3)


def test_closed_consultation_takes_no_answers(policy):
    c = policy.consultation
    with pytest.raises(ValidationError):
        services.answers_submit(consultation=c, person=policy.chair, answers={policy.choice_question.pk: "Skolan"},
                                today=c.closes + dt.timedelta(days=1))
    with pytest.raises(ValidationError):
        services.question_add(consultation=c, text="Bara ett alternativ?", choices=["Ja"])


def test_deadlines_by_month(policy):
    services.deliverable_create(group=policy.group, title="B", deadline=dt.date(2025, 2, 28))
    services.deliverable_create(group=policy.steering, title="C", deadline=dt.date(2025, 10, 31))
    services.deliverable_create(group=policy.group, title="A", deadline=dt.date(2024, 9, 30))
    services.deliverable_create(group=policy.hidden_group, title="Dold", deadline=dt.date(2024, 9, 1))
    public = selectors.organisation_deliverables(organisation=policy.group.organisation, internal=False)
    months = selectors.deadlines_by_month(public)
    assert [(m.first_day, [d.title for d in m.deliverables]) for m in months] == [
        (dt.date(2024, 9, 1), ["A"]), (dt.date(2025, 2, 1), ["B"]), (dt.date(2025, 10, 1), ["C"])]


def test_names_of_registrations_are_erased_thirty_days_after_the_event(policy):
    from django.utils import timezone

    event = policy.public_event
    services.registration_create(event=event, name="Nils Namn", email="nils@example.org", consent=True)
    services.registration_create(event=event, people=2)
    ends = event.ends_at
    # 29 days after the end: kept.
    assert services.registrations_erase_personal_data(now=ends + dt.timedelta(days=29)) == 0
    assert services.registrations_erase_personal_data(now=ends + dt.timedelta(days=31)) == 1
    assert list(event.registrations.values_list("name", "email", "consent", "people").order_by("pk")) == [
        ("", "", False, 1), ("", "", False, 2)]
    assert selectors.event_registered_count(event=event) == 3
    event.starts_at = timezone.now() - dt.timedelta(days=40)
    event.ends_at = None
    event.save(update_fields=["starts_at", "ends_at"])
    Registration.objects.create(event=event, name="Sen", consent=True)
    out = StringIO()
    call_command("erase-registrations", stdout=out)
    assert "1 anmälningar avidentifierade." in out.getvalue()


def test_personal_data_export_and_erasure(policy):
    c = policy.consultation
    services.answers_submit(consultation=c, person=policy.chair,
                            answers={policy.choice_question.pk: "Skolan", policy.text_question.pk: "Min åsikt"})
    services.motion_cosign(motion=policy.motion, person=policy.member)
    data = services.person_policy_export(person=policy.chair)
    assert data["group_memberships"] == [
        {"group": "Skola och unga", "organisation": "S i Lund", "role": "chair", "start": "2024-01-01", "end": None}]
    assert data["motions"] == ["Motion om skolan"]
    assert {a["text"] for a in data["consultation_answers"]} == {"", "Min åsikt"}
    assert services.person_policy_export(person=policy.member)["co_signed_motions"] == ["Motion om skolan"]
    services.person_policy_erase(person=policy.chair)
    assert services.person_policy_export(person=policy.chair)["consultation_answers"] == []
    assert selectors.consultation_summary(consultation=c)[0].answered == 0


def _registrations_of_the_chair(policy):
    """The chair registers twice (signed in, and under their e-mail in capitals); someone else once."""
    event = policy.public_event
    services.registration_create(event=event, name="Ordförande T", consent=True, person=policy.chair)
    services.registration_create(event=event, people=2, email="ORDFORANDE@example.org", consent=True)
    services.registration_create(event=event, name="Någon Annan", email="annan@example.org", consent=True)
    services.registration_create(event=event, people=3)


def test_export_of_a_person_holds_their_event_registrations(policy):
    _registrations_of_the_chair(policy)
    registrations = services.person_policy_export(person=policy.chair)["event_registrations"]
    assert [(r["event"], r["people"], r["name"], r["email"]) for r in registrations] == [
        ("Town hall om skolan", 1, "Ordförande T", ""),
        ("Town hall om skolan", 2, "", "ORDFORANDE@example.org"),
    ]
    assert registrations[0]["organisation"] == "S i Lund"
    assert services.person_policy_export(person=policy.member)["event_registrations"] == []


def test_erasing_a_person_in_the_organisations_app_erases_their_answers_and_registrations(policy):
    """The real erasure path (organisations.services.person_erase, the admin's action) reaches this app."""
    from folkvald.organisations.services import person_erase

    _registrations_of_the_chair(policy)
    services.answers_submit(consultation=policy.consultation, person=policy.chair,
                            answers={policy.choice_question.pk: "Skolan", policy.text_question.pk: "Min åsikt"})
    services.answers_submit(consultation=policy.consultation, person=policy.member,
                            answers={policy.choice_question.pk: "Vården"})
    ReminderSent.objects.create(deliverable=services.deliverable_create(group=policy.group, title="D",
                                                                         deadline=DEADLINE),
                                person=policy.chair, days_before=7, email="ordforande@example.org")
    person_erase(person=policy.chair)
    summary = selectors.consultation_summary(consultation=policy.consultation)
    assert summary[0].counts == [("Skolan", 0), ("Vården", 1), ("Jobben", 0)]  # the member's answer stays
    assert summary[1].texts == []
    rows = list(Registration.objects.order_by("pk").values_list("people", "name", "email", "consent", "person"))
    assert rows == [
        (1, "", "", False, None),
        (2, "", "", False, None),
        (1, "Någon Annan", "annan@example.org", True, None),
        (3, "", "", False, None),
    ]
    assert selectors.event_registered_count(event=policy.public_event) == 7  # the counts stay
    assert list(ReminderSent.objects.values_list("email", flat=True)) == [""]
    # The seat in the group stays, under the erased name.
    assert selectors.group_current_members(group=policy.group).filter(person=policy.chair).exists()


def test_a_registration_is_tied_to_a_person_only_with_consent(policy):
    counted = services.registration_create(event=policy.public_event, person=policy.member)
    assert counted.person is None
    with pytest.raises(IntegrityError), transaction.atomic():
        Registration.objects.create(event=policy.public_event, person=policy.member)


def test_retention_erasure_also_forgets_the_person(policy):
    services.registration_create(event=policy.public_event, name="Leda", consent=True, person=policy.member)
    later = policy.public_event.ends_at + dt.timedelta(days=31)
    assert services.registrations_erase_personal_data(now=later) == 1
    assert services.person_policy_export(person=policy.member)["event_registrations"] == []
