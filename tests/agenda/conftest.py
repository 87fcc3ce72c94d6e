"""An agreement with reforms and decisions on the shared `world`, with marker strings in
everything that must stay internal, so a test can prove that nothing leaks."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import pytest

from folkvald.agenda.figures import ParsedFigure
from folkvald.agenda.models import Agreement, Decision, Reform
from folkvald.agenda.services import (
    agreement_create,
    decision_create,
    reform_create,
    reform_status_change,
)
from folkvald.organisations.models import Party

NOTE_MARKER = "INTERN-ANTECKNING-XYZZY"
UNPUBLISHED_MARKER = "OPUBLICERAD-PLUGH"


@dataclass
class Agenda:
    agreement: Agreement
    school: Reform
    housing: Reform
    breakfast: Reform
    secret_reform: Reform
    budget: Decision
    secret_decision: Decision
    other_agreement: Agreement
    other_reform: Reform


def party(abbreviation: str) -> Party:
    return Party.objects.get(abbreviation=abbreviation)


@pytest.fixture
def agenda(world) -> Agenda:
    parties = [party("S"), party("MP"), party("V")]
    agreement = agreement_create(
        organisation=world.branch, title="Avtal för Lund", kind="coalition", parties=parties, period_start=2022,
        date=dt.date(2022, 10, 10), text="Avtalets text.", is_published=True,
        internal_notes=f"Avtal {NOTE_MARKER}",
    )
    school = reform_create(organisation=world.branch, title="Fler lärare i skolan", policy_area="Skola",
                           source_kind="agreement", agreement=agreement, weight=3, is_published=True,
                           internal_notes=f"Skola {NOTE_MARKER}", target_value=Decimal("100"),
                           target_unit="lärare")
    housing = reform_create(organisation=world.branch, title="Bygg hyresrätter", policy_area="Bostäder",
                            source_kind="agreement", agreement=agreement, weight=1, is_published=True)
    breakfast = reform_create(organisation=world.branch, title="Gratis skolfrukost", policy_area="Skola",
                              source_kind="manifesto", source_name="Valmanifest 2022", period_start=2022,
                              weight=1, is_published=True)
    secret_reform = reform_create(organisation=world.branch, title=f"Hemlig reform {UNPUBLISHED_MARKER}",
                                  policy_area="Skola", source_kind="agreement", agreement=agreement, weight=5,
                                  is_published=False)
    budget = decision_create(
        organisation=world.branch, date=dt.date(2023, 6, 12), body="council", paragraph="§ 98",
        title="Budget 2024 med fler lärare", policy_area="Skola", reforms=[school],
        figures=[ParsedFigure("increase", Decimal("5.7"), "%", "skolpeng"),
                 ParsedFigure("", Decimal("5939"), "bostäder", "markanvisade")],
        is_published=True, internal_notes=f"Beslut {NOTE_MARKER}",
    )
    secret_decision = decision_create(
        organisation=world.branch, date=dt.date(2023, 9, 1), body="executive_board", paragraph="§ 1",
        title=f"Hemligt beslut {UNPUBLISHED_MARKER}", policy_area="Skola", reforms=[school], is_published=False,
    )
    reform_status_change(reform=school, status="in_progress", reason="Budgeten ger pengar.", user=world.owner,
                         decision=budget)
    reform_status_change(reform=breakfast, status="done", reason="Serveras sedan augusti.", user=world.owner,
                         decision=secret_decision)
    reform_status_change(reform=housing, status="partly_done", reason="Hälften byggt.", user=world.owner,
                         evidence_url="https://example.org/protokoll")
    other_agreement = agreement_create(
        organisation=world.other_branch, title="Malmöavtalet", kind="budget", parties=parties, period_start=2022,
        date=dt.date(2022, 11, 1), is_published=True,
    )
    other_reform = reform_create(organisation=world.other_branch, title="Malmöreform", source_kind="agreement",
                                 agreement=other_agreement, is_published=True)
    return Agenda(agreement, school, housing, breakfast, secret_reform, budget, secret_decision,
                  other_agreement, other_reform)
