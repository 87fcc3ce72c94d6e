"""JSON API of the campaigns app, mounted under /api/v1/ by folkvald.api.

Contracts (docs/campaigns.md): ``GET /campaigns``, ``GET /campaigns/{id}/progress?organisation={id}``
(public for published campaigns) and ``POST /campaigns/{id}/reports`` (a signed-in volunteer,
session and CSRF token) with a device-made ``id``: the same id again answers 200 with the
stored report and changes no count; a new report answers 201.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema, Status
from ninja.security import django_auth
from pydantic import BaseModel

from folkvald.campaigns import selectors, services
from folkvald.campaigns.models import Campaign, PlaceKind, Report, Source
from folkvald.campaigns.permissions import (
    access_campaign,
    access_campaign_organisation,
    reporting_access,
)
from folkvald.organisations.models import Person

router = Router(tags=["campaigns"])


class CampaignOut(Schema):
    id: int
    name: str
    start: dt.date
    end: dt.date
    national_target: int
    organisation_id: int
    topics: list[str]


class WeekOut(Schema):
    week: str = Field(description="ISO week, e.g. 2014-W37")
    start: dt.date
    conversations: int
    cumulative: int
    target: int | None = Field(description="this week's part of the target")
    pace: int | None = Field(description="the cumulative target by the end of the week")


class ProgressOut(Schema):
    campaign_id: int
    organisation_id: int
    organisation: str
    target: int | None
    reported: int
    reports: int
    share: float | None = Field(description="reported / target, rounded to 4 decimals; null without a target")
    by_week: list[WeekOut]


class ReportIn(BaseModel):
    # A plain pydantic model, not ninja's Schema: a body is a dict, and Schema's getter for ORM
    # objects cost 4 % of a report's instructions (same OpenAPI schema, same errors).
    id: uuid.UUID | None = Field(None, description="made on the device; the same id twice is stored once")
    organisation: int
    date: dt.date
    place: str
    place_kind: str = PlaceKind.NAMED
    activity: str
    conversations: int
    topics: list[str] = []
    note: str = ""
    team: int | None = None


class ReportOut(Schema):
    id: uuid.UUID
    campaign_id: int
    organisation_id: int
    team_id: int | None
    date: dt.date
    place_kind: str
    place: str
    activity: str
    conversations: int
    topics: list[str]
    note: str
    created: dt.datetime


class ErrorOut(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def _campaign_out(campaign: Campaign) -> dict:
    return {
        "id": campaign.pk, "name": campaign.name, "start": campaign.start, "end": campaign.end,
        "national_target": campaign.national_target, "organisation_id": campaign.organisation_id,
        "topics": list(campaign.topics),
    }


@router.get("/campaigns", response=list[CampaignOut], summary="Campaigns you may see (every published one)")
def list_campaigns(request: HttpRequest) -> list[dict]:
    return [_campaign_out(c) for c in selectors.visible_campaigns(request.user).order_by("-start", "pk")]


@router.get("/campaigns/{campaign_id}", response=CampaignOut, summary="One campaign")
def get_campaign(request: HttpRequest, campaign_id: int) -> dict:
    return _campaign_out(access_campaign(request.user, campaign_id))


@router.get(
    "/campaigns/{campaign_id}/progress", response=ProgressOut,
    summary="Target, reported, share and the weeks of one organisation (the owner without ?organisation)",
)
def get_progress(request: HttpRequest, campaign_id: int, organisation: int | None = None) -> dict:
    campaign = access_campaign(request.user, campaign_id)
    org = access_campaign_organisation(request.user, campaign, organisation)
    result = selectors.progress(campaign=campaign, organisation=org, user=request.user, detail=False)
    return {
        "campaign_id": campaign.pk, "organisation_id": org.pk, "organisation": org.name,
        "target": result.target, "reported": result.reported, "reports": result.reports,
        "share": round(float(result.share), 4) if result.share is not None else None,
        "by_week": [
            {"week": w.label, "start": w.start, "conversations": w.conversations, "cumulative": w.cumulative,
             "target": w.target, "pace": w.pace}
            for w in result.weeks
        ],
    }


def _report_out(report: Report) -> dict:
    """ReportOut's fields; the id and the date as the JSON encoder would write them (it is slower at it)."""
    return {
        "id": str(report.id), "campaign_id": report.campaign_id, "organisation_id": report.organisation_id,
        "team_id": report.team_id, "date": report.date.isoformat(), "place_kind": report.place_kind,
        "place": report.place,
        "activity": report.activity, "conversations": report.conversations, "topics": list(report.topics),
        "note": report.note, "created": report.created,
    }


@router.post(
    "/campaigns/{campaign_id}/reports",
    response={200: ReportOut, 201: ReportOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut},
    auth=django_auth,
    summary="Report conversations (201 new; 200 the same id again, stored once)",
)
def post_report(request: HttpRequest, campaign_id: int, payload: ReportIn):
    campaign, organisation, reporter_id, counted_for, today = reporting_access(
        request.user, campaign_id, payload.organisation)
    if reporter_id is None:
        return Status(422, {"detail": _("Inloggningen hör inte till någon person."), "errors": {}})
    reporter = Person.from_db(None, ["id"], [reporter_id])
    team = None
    if payload.team is not None:
        team = selectors.campaign_teams(campaign=campaign, organisation_ids=[organisation.pk]).filter(
            pk=payload.team
        ).first()
        if team is None:
            return Status(422, {"detail": _("Okänt lag."), "errors": {"team": [_("Okänt lag.")]}})
    try:
        report, created = services.report_create(
            campaign=campaign, organisation=organisation, reporter=reporter, report_id=payload.id,
            date=payload.date, place=payload.place, place_kind=payload.place_kind, activity=payload.activity,
            conversations=payload.conversations, topics=payload.topics, note=payload.note, team=team,
            source=Source.DEVICE if payload.id else Source.API, counted_for=counted_for, today=today,
        )
    except ValidationError as error:
        errors = error.message_dict if hasattr(error, "message_dict") else {"__all__": error.messages}
        return Status(422, {"detail": _("Rapporten har fel."), "errors": errors})
    except services.ReportConflict:
        return Status(409, {"detail": _("Det id:t hör till en annan rapport."), "errors": {}})
    # Rendered as ninja renders, without validating our own output against ReportOut again
    # (a twentieth of the hot path; tests/campaigns/test_api.py holds the answer to the schema).
    from folkvald.api import api  # the API that mounts this router (imported here: it imports us)

    return api.create_response(request, _report_out(report), status=201 if created else 200)
