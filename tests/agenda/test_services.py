"""Status history with who, when, why and evidence; append-only; nothing half-written."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from folkvald.agenda.bullets import parse_bullets
from folkvald.agenda.models import AppendOnlyError, Decision, Reform, StatusChange
from folkvald.agenda.services import (
    decision_create,
    decisions_from_bullets,
    reform_create,
    reform_status_change,
    reform_update,
    reforms_from_bullets,
)

pytestmark = pytest.mark.django_db


def test_status_change_keeps_who_when_why_and_evidence(world, agenda):
    when = dt.datetime(2100, 3, 1, 9, 30, tzinfo=dt.UTC)
    change = reform_status_change(
        reform=agenda.school, status="done", reason="Alla lärare anställda.", user=world.owner,
        decision=agenda.budget, evidence_url="https://example.org/p/98", changed_at=when,
    )
    agenda.school.refresh_from_db()
    assert agenda.school.status == "done"
    assert agenda.school.status_changed == when
    history = list(agenda.school.status_changes.order_by("changed_at", "pk"))
    assert [(c.from_status, c.to_status) for c in history] == [("not_started", "in_progress"),
                                                               ("in_progress", "done")]
    assert history[-1] == change
    assert change.changed_by == world.owner
    assert change.changed_by_name == "Owner Testsson"
    assert change.changed_at == when
    assert change.reason == "Alla lärare anställda."
    assert change.decision == agenda.budget
    assert change.evidence_url == "https://example.org/p/98"


def test_history_cannot_be_backdated_before_the_last_change(world, agenda):
    with pytest.raises(ValidationError):
        reform_status_change(reform=agenda.school, status="stalled", reason="x", user=world.owner,
                             changed_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    assert agenda.school.status_changes.count() == 1


def test_a_decision_given_as_evidence_is_linked_to_the_reform(world, agenda):
    decision = decision_create(organisation=world.branch, date=dt.date(2024, 1, 1), body="council",
                               title="Hyresrätter", is_published=True)
    reform_status_change(reform=agenda.housing, status="done", reason="Klart.", user=world.owner,
                         decision=decision)
    assert list(decision.reforms.all()) == [agenda.housing]


@pytest.mark.parametrize("status", ["done", "partly_done", "broken"])
def test_an_outcome_needs_evidence(world, agenda, status):
    reform = agenda.school
    with pytest.raises(ValidationError) as error:
        reform_status_change(reform=reform, status=status, reason="Klart.", user=world.owner)
    assert "decision" in error.value.message_dict
    reform.refresh_from_db()
    assert reform.status == "in_progress"
    assert reform.status_changes.count() == 1


def test_progress_statuses_need_no_link_but_a_reason(world, agenda):
    with pytest.raises(ValidationError) as error:
        reform_status_change(reform=agenda.school, status="stalled", reason="  ", user=world.owner)
    assert "reason" in error.value.message_dict
    reform_status_change(reform=agenda.school, status="stalled", reason="Ingen budget.", user=world.owner)
    assert Reform.objects.get(pk=agenda.school.pk).status == "stalled"


def test_same_status_and_unknown_status_are_refused(world, agenda):
    with pytest.raises(ValidationError):
        reform_status_change(reform=agenda.school, status="in_progress", reason="Igen.", user=world.owner)
    with pytest.raises(ValidationError):
        reform_status_change(reform=agenda.school, status="finished", reason="?", user=world.owner)


def test_evidence_from_another_organisation_is_refused(world, agenda):
    foreign = decision_create(organisation=world.other_branch, date=dt.date(2024, 1, 1), body="council",
                              title="Malmöbeslut")
    with pytest.raises(ValidationError):
        reform_status_change(reform=agenda.school, status="done", reason="x", user=world.owner, decision=foreign)
    assert agenda.school.status_changes.count() == 1


def test_status_changes_are_append_only(agenda):
    change = StatusChange.objects.filter(reform=agenda.school).get()
    change.reason = "Omskriven historia"
    with pytest.raises(AppendOnlyError):
        change.save()
    with pytest.raises(AppendOnlyError):
        change.delete()
    assert StatusChange.objects.get(pk=change.pk).reason == "Budgeten ger pengar."


def test_status_is_not_changed_by_editing_the_reform(agenda):
    with pytest.raises(TypeError):
        reform_update(reform=agenda.school, status="done")
    reform_update(reform=agenda.school, title="Fler lärare och speciallärare")
    agenda.school.refresh_from_db()
    assert agenda.school.status == "in_progress"
    assert agenda.school.title == "Fler lärare och speciallärare"
    # django-simple-history keeps the old title too.
    assert agenda.school.history.order_by("history_date").first().title == "Fler lärare i skolan"


def test_reform_from_an_agreement_takes_its_period_and_parties(world, agenda):
    reform = reform_create(organisation=world.branch, title="Ny", source_kind="agreement",
                           agreement=agenda.agreement)
    assert reform.period_start == 2022
    assert sorted(p.abbreviation for p in reform.parties.all()) == ["MP", "S", "V"]


def test_reform_needs_its_agreement_and_an_agreement_of_the_same_organisation(world, agenda):
    with pytest.raises(ValidationError):
        reform_create(organisation=world.branch, title="Utan avtal", source_kind="agreement", period_start=2022)
    with pytest.raises(ValidationError):
        reform_create(organisation=world.branch, title="Fel avtal", source_kind="agreement",
                      agreement=agenda.other_agreement)
    with pytest.raises(ValidationError):
        reform_create(organisation=world.branch, title="Fel år", source_kind="programme", period_start=2023)


def test_decision_cannot_move_another_organisations_reform(world, agenda):
    with pytest.raises(ValidationError):
        decision_create(organisation=world.branch, date=dt.date(2024, 1, 1), body="council", title="x",
                        reforms=[agenda.other_reform])
    assert not Decision.objects.filter(title="x").exists()


def test_bullets_create_reforms_in_order(world, agenda):
    items = parse_bullets("Skola\n• A\n• B\nVård\n- C")
    created = reforms_from_bullets(organisation=world.branch, items=items, source_kind="agreement",
                                   agreement=agenda.agreement)
    assert [(r.title, r.policy_area, r.period_start) for r in created] == [
        ("A", "Skola", 2022), ("B", "Skola", 2022), ("C", "Vård", 2022)]
    assert created[0].position < created[1].position < created[2].position


def test_bullets_are_all_or_nothing(world):
    items = parse_bullets("• Bra\n• " + "x" * 1001)
    with pytest.raises(ValidationError):
        decisions_from_bullets(organisation=world.branch, items=items, date=dt.date(2023, 1, 1), body="council")
    assert not Decision.objects.filter(organisation=world.branch).exists()


def test_erasing_a_person_removes_their_name_from_the_status_history(world, agenda):
    from folkvald.organisations.services import person_erase

    change = agenda.school.status_changes.get()
    assert change.changed_by_name == "Owner Testsson"
    person_erase(person=world.owner.person)
    change = StatusChange.objects.get(pk=change.pk)
    assert (change.changed_by, change.changed_by_name) == (None, "")
    assert change.reason == "Budgeten ger pengar."  # the history itself stays
