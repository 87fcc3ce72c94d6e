"""JSON API of the agenda app, mounted under /api/v1/ by folkvald.api.

Public data only: published agreements, reforms and decisions, never an internal note,
for every caller (signed in or not). A private organisation is a 404 for those who may
not see it.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404, HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from folkvald.agenda.models import Agreement, Decision, Reform
from folkvald.agenda.permissions import access_agreement
from folkvald.agenda.selectors import (
    agreement_reforms,
    organisation_agreements,
    period_parse,
    period_slug,
    published_agreements,
    report_build,
    report_default_period,
)
from folkvald.organisations.permissions import Level, access_organisation, visible_organisations

router = Router(tags=["agenda"])


class PartyOut(Schema):
    abbreviation: str
    name: str


class TargetOut(Schema):
    value: Decimal
    unit: str


class FigureOut(Schema):
    qualifier: str
    value: Decimal
    unit: str
    label: str
    text: str


class ReformOut(Schema):
    id: int
    title: str
    policy_area: str
    status: str
    status_label: str
    status_changed: dt.datetime | None
    weight: int
    target: TargetOut | None
    parties: list[str]
    source: str
    source_label: str
    agreement_id: int | None
    period: str
    decision_ids: list[int]


class AgreementOut(Schema):
    id: int
    organisation_id: int
    title: str
    kind: str
    kind_label: str
    period: str
    date: dt.date
    parties: list[PartyOut]


class AgreementDetailOut(AgreementOut):
    text: str
    reforms: list[ReformOut]


class DecisionOut(Schema):
    id: int
    date: dt.date
    body: str
    body_label: str
    paragraph: str
    title: str
    policy_area: str
    description: str
    url: str
    figures: list[FigureOut]
    reform_ids: list[int]


class StatusCountOut(Schema):
    status: str
    label: str
    count: int


class AreaOut(Schema):
    name: str
    progress: float | None
    progress_text: str
    weight_total: int
    reform_count: int
    done_count: int
    status_counts: list[StatusCountOut]
    reforms: list[ReformOut]
    decisions: list[DecisionOut]


class OrganisationRefOut(Schema):
    id: int
    name: str


class ReportOut(Schema):
    organisation: OrganisationRefOut
    title: str
    period: str
    periods: list[str]
    progress: float | None
    progress_text: str
    reform_count: int
    decision_count: int
    status_counts: list[StatusCountOut]
    areas: list[AreaOut]


def _plain(value: Decimal) -> Decimal:
    """5.700 -> 5.7 and 30000.000 -> 30000, never 3E+4."""
    return Decimal(format(Decimal(value).normalize(), "f"))


def _agreement_out(agreement: Agreement) -> dict:
    return {
        "id": agreement.pk,
        "organisation_id": agreement.organisation_id,
        "title": agreement.title,
        "kind": agreement.kind,
        "kind_label": str(agreement.get_kind_display()),
        "period": period_slug(agreement.period_start),
        "date": agreement.date,
        "parties": [
            {"abbreviation": party.abbreviation, "name": party.name}
            for party in sorted(agreement.parties.all(), key=lambda party: party.abbreviation)
        ],
    }


def _reform_out(reform: Reform, decision_ids: list[int]) -> dict:
    return {
        "id": reform.pk,
        "title": reform.title,
        "policy_area": reform.policy_area,
        "status": reform.status,
        "status_label": str(reform.get_status_display()),
        "status_changed": reform.status_changed,
        "weight": reform.weight,
        "target": {"value": _plain(reform.target_value), "unit": reform.target_unit}
        if reform.target_value is not None
        else None,
        "parties": sorted(party.abbreviation for party in reform.parties.all()),
        "source": reform.source_kind,
        "source_label": str(reform.get_source_kind_display()),
        # The public API names only a published agreement.
        "agreement_id": reform.agreement_id if reform.agreement_id and reform.agreement.is_published else None,
        "period": period_slug(reform.period_start),
        "decision_ids": decision_ids,
    }


def _decision_out(decision: Decision) -> dict:
    return {
        "id": decision.pk,
        "date": decision.date,
        "body": decision.body,
        "body_label": decision.body_label,
        "paragraph": decision.paragraph,
        "title": decision.title,
        "policy_area": decision.policy_area,
        "description": decision.description,
        "url": decision.url,
        "figures": [
            {
                "qualifier": figure.qualifier,
                "value": _plain(figure.value),
                "unit": figure.unit,
                "label": figure.label,
                "text": figure.display,
            }
            for figure in decision.figures.all()
        ],
        "reform_ids": [reform.pk for reform in decision.reforms.all()],
    }


def _share(value) -> float | None:
    return None if value is None else round(float(value), 4)


def _share_text(value) -> str:
    from folkvald.core.formatting import format_percent

    return format_percent(value) if value is not None else ""


@router.get("/agreements", response=list[AgreementOut], summary="Published agreements")
def list_agreements(request: HttpRequest, organisation: int | None = None) -> list[dict]:
    if organisation is not None:
        owner = access_organisation(request.user, organisation, need=Level.PUBLIC)
        agreements = organisation_agreements(organisation=owner, public_only=True)
    else:
        agreements = published_agreements(organisations=visible_organisations(request.user))
    return [_agreement_out(agreement) for agreement in agreements.order_by("date", "pk")]


@router.get("/agreements/{agreement_id}", response=AgreementDetailOut, summary="An agreement with its reforms")
def get_agreement(request: HttpRequest, agreement_id: int) -> dict:
    agreement = access_agreement(request.user, agreement_id, need=Level.PUBLIC)
    if not agreement.is_published:
        raise Http404  # the API is public data only, even for members
    reforms = agreement_reforms(agreement=agreement, public_only=True).prefetch_related("decisions")
    return {
        **_agreement_out(agreement),
        "text": agreement.text,
        "reforms": [
            _reform_out(reform, sorted(d.pk for d in reform.decisions.all() if d.is_published)) for reform in reforms
        ],
    }


class ReportQuery(Schema):
    period: str | None = None


@router.get(
    "/reports/{organisation_id}",
    response=ReportOut,
    summary="The public report 'Vad har vi gjort sedan valet?' as data",
)
def get_report(request: HttpRequest, organisation_id: int, query: Query[ReportQuery]) -> dict:
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    if query.period:
        period_start = period_parse(query.period.replace("–", "-"))
        if period_start is None:
            raise HttpError(422, _("Ange perioden som 2022-2026."))
    else:
        period_start = report_default_period(organisation=organisation)
    report = report_build(organisation=organisation, period_start=period_start)
    areas = []
    for area in report.areas:
        areas.append(
            {
                "name": area.name,
                "progress": _share(area.progress),
                "progress_text": _share_text(area.progress),
                "weight_total": area.weight_total,
                "reform_count": len(area.reforms),
                "done_count": area.done_count,
                "status_counts": [vars(count) for count in area.status_counts],
                "reforms": [
                    _reform_out(reform, [d.pk for d in reform.published_decisions]) for reform in area.reforms
                ],
                "decisions": [_decision_out(decision) for decision in area.decisions],
            }
        )
    return {
        "organisation": {"id": organisation.pk, "name": organisation.name},
        "title": _("Vad har vi gjort sedan valet?"),
        "period": report.period_slug,
        "periods": [period_slug(start) for start in report.periods],
        "progress": _share(report.progress),
        "progress_text": _share_text(report.progress),
        "reform_count": len(report.reforms),
        "decision_count": len(report.decisions),
        "status_counts": [vars(count) for count in report.status_counts],
        "areas": areas,
    }
