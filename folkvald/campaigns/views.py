"""Pages of the campaigns app: thin; the rules live in permissions, selectors and services."""

from __future__ import annotations

import csv
import hashlib
import io
import uuid
from pathlib import Path

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.http import require_POST

from folkvald.campaigns import selectors, services
from folkvald.campaigns.charts import cumulative_chart
from folkvald.campaigns.forms import (
    NOTE_WARNING,
    AdoptTargetForm,
    BulkHeaderForm,
    BulkRowFormSet,
    CsvImportForm,
    ReportForm,
    SplitForm,
    TeamForm,
)
from folkvald.campaigns.models import Source
from folkvald.campaigns.permissions import (
    access_campaign,
    access_campaign_organisation,
    access_report_to_delete,
    campaign_level,
    campaign_organisation_level,
    may_report,
    reporting_organisations,
)
from folkvald.core.formatting import format_number
from folkvald.organisations.permissions import Level
from folkvald.organisations.selectors import person_for_user

SERVICE_WORKER = Path(__file__).resolve().parent / "static" / "campaigns" / "sw.js"


def campaign_list(request: HttpRequest) -> HttpResponse:
    campaigns = selectors.visible_campaigns(request.user).order_by("-start", "name")
    return render(request, "campaigns/list.html", {"campaigns": campaigns})


def _progress_context(request: HttpRequest, campaign, organisation) -> dict:
    level = campaign_organisation_level(request.user, campaign, organisation)
    result = selectors.progress(campaign=campaign, organisation=organisation, user=request.user)
    context = {
        "campaign": campaign,
        "organisation": organisation,
        "progress": result,
        "chart": cumulative_chart(result.weeks, result.target, format_number),
        "topics": selectors.topics_by_week(campaign=campaign, organisation=organisation),
        "level": level,
        "Level": Level,
        "can_report": may_report(request.user, campaign),
    }
    if level >= Level.INTERNAL:
        context["leaderboard"] = selectors.leaderboard(campaign=campaign, organisation=organisation)
        person = person_for_user(user=request.user)
        context["opted_in"] = selectors.has_opted_in(campaign=campaign, person=person)
        context["person"] = person
    return context


def campaign_detail(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The national overview: the owner's progress and every branch against its target."""
    campaign = access_campaign(request.user, campaign_id)
    organisation = access_campaign_organisation(request.user, campaign, None)
    context = _progress_context(request, campaign, organisation)
    context["campaign_level"] = campaign_level(request.user, campaign)
    context["is_overview"] = True
    return render(request, "campaigns/progress.html", context)


def campaign_branches(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """Every branch of the campaign against its target, in one table (290 rows nationally)."""
    campaign = access_campaign(request.user, campaign_id)
    branches = selectors.branch_lines(campaign=campaign, user=request.user)
    return render(request, "campaigns/branches.html", {"campaign": campaign, "branches": branches})


def organisation_progress(request: HttpRequest, campaign_id: int, organisation_id: int) -> HttpResponse:
    campaign = access_campaign(request.user, campaign_id)
    organisation = access_campaign_organisation(request.user, campaign, organisation_id)
    if organisation.pk == campaign.organisation_id:
        return redirect("campaigns:detail", campaign_id=campaign.pk)
    context = _progress_context(request, campaign, organisation)
    context["campaign_level"] = campaign_level(request.user, campaign)
    return render(request, "campaigns/progress.html", context)


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def widget(request: HttpRequest, campaign_id: int, organisation_id: int) -> HttpResponse:
    """For an iframe on any site: the count and the target only, of a published campaign."""
    campaign = access_campaign(request.user, campaign_id)
    if not campaign.is_public:
        raise Http404
    organisation = access_campaign_organisation(request.user, campaign, organisation_id)
    if not organisation.is_public:
        raise Http404
    result = selectors.progress(campaign=campaign, organisation=organisation, user=request.user, detail=False)
    response = render(request, "campaigns/widget.html", {"campaign": campaign, "organisation": organisation,
                                                          "progress": result})
    response["Cache-Control"] = "public, max-age=60"
    return response


def _export_rows(campaign, organisation, result) -> list[list[object]]:
    rows: list[list[object]] = [[_("Kampanj"), campaign.name], [_("Organisation"), organisation.name],
                                [_("Mål"), result.target], [_("Rapporterade samtal"), result.reported],
                                [_("Rapporter"), result.reports], []]
    rows.append([_("Vecka"), _("Måndag"), _("Samtal"), _("Rapporter"), _("Totalt"), _("Veckans mål"),
                 _("Takt (mål hittills)")])
    rows += [[w.label, w.start.isoformat(), w.conversations, w.reports, w.cumulative, w.target, w.pace]
             for w in result.weeks]
    if result.children:
        rows += [[], [_("Organisation"), _("Mål"), _("Samtal"), _("Rapporter")]]
        rows += [[line.name, line.target, line.reported, line.reports] for line in result.children]
    if result.teams:
        rows += [[], [_("Lag"), _("Mål"), _("Samtal"), _("Rapporter")]]
        rows += [[line.name, line.target, line.reported, line.reports] for line in result.teams]
    return rows


@login_required
def export(request: HttpRequest, campaign_id: int, organisation_id: int, fmt: str) -> HttpResponse:
    campaign = access_campaign(request.user, campaign_id)
    organisation = access_campaign_organisation(request.user, campaign, organisation_id, need=Level.INTERNAL)
    result = selectors.progress(campaign=campaign, organisation=organisation, user=request.user)
    rows = _export_rows(campaign, organisation, result)
    name = f"kampanj-{campaign.pk}-organisation-{organisation.pk}"
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=";")
        writer.writerows([["" if cell is None else cell for cell in row] for row in rows])
        response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{name}.csv"'
        return response
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Framsteg")[:31]
    for row in rows:
        sheet.append(row)
    buffer_bytes = io.BytesIO()
    workbook.save(buffer_bytes)
    response = HttpResponse(
        buffer_bytes.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _reporting(request: HttpRequest, campaign_id: int):
    campaign = access_campaign(request.user, campaign_id, need=Level.INTERNAL)
    organisations = reporting_organisations(request.user, campaign)
    if not organisations:
        raise Http404
    return campaign, organisations


@login_required
def report(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """The doorstep form: works offline with report.js (a queue on the device), and without JavaScript."""
    campaign, organisations = _reporting(request, campaign_id)
    teams = list(selectors.campaign_teams(campaign=campaign, organisation_ids=[o.pk for o in organisations]))
    person = person_for_user(user=request.user)
    form = ReportForm(request.POST or None, campaign=campaign, organisations=organisations, teams=teams,
                      initial={"id": uuid.uuid4()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        organisation = next(o for o in organisations if o.pk == data["organisation"])
        team = next((t for t in teams if t.pk == data.get("team") and t.organisation_id == organisation.pk), None)
        try:
            saved, created = services.report_create(
                campaign=campaign, organisation=organisation, reporter=person, report_id=data["id"],
                date=data["date"], place=data["place"], place_kind=data["place_kind"], activity=data["activity"],
                conversations=data["conversations"], topics=data["topics"], note=data["note"], team=team,
                source=Source.FORM,
            )
        except ValidationError as error:
            for field_name, errors in error.message_dict.items():
                form.add_error(field_name if field_name in form.fields else None, errors)
        except services.ReportConflict:
            form.add_error(None, _("Rapporten kunde inte sparas. Försök igen."))
        else:
            if created:
                messages.success(request, ngettext("Tack! %(count)s samtal rapporterat.", "Tack! %(count)s samtal rapporterade.",
                                             saved.conversations) % {
                    "count": format_number(saved.conversations)})
            else:
                messages.info(request, _("Rapporten var redan sparad; den räknas en gång."))
            return redirect("campaigns:report", campaign_id=campaign.pk)
    context = {
        "campaign": campaign,
        "form": form,
        "organisations": organisations,
        "my_reports": selectors.my_reports(campaign=campaign, person=person),
        "places": selectors.recent_places(campaign=campaign, organisation_ids=[o.pk for o in organisations]),
        "note_warning": NOTE_WARNING,
        "opted_in": selectors.has_opted_in(campaign=campaign, person=person),
        "my_targets": selectors.my_targets(campaign=campaign, person=person),
        "endpoint": f"/api/v1/campaigns/{campaign.pk}/reports",
    }
    return render(request, "campaigns/report_form.html", context)


@login_required
@require_POST
def leaderboard_choice(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign, _organisations = _reporting(request, campaign_id)
    person = person_for_user(user=request.user)
    if person is None:
        raise Http404
    opt_in = request.POST.get("opt_in") == "1"
    services.leaderboard_opt_in_set(campaign=campaign, person=person, opt_in=opt_in)
    messages.success(request, _("Du visas nu på topplistan.") if opt_in else _("Du visas inte på topplistan."))
    return redirect("campaigns:report", campaign_id=campaign.pk)


@login_required
@require_POST
def report_delete(request: HttpRequest, campaign_id: int, report_id: uuid.UUID) -> HttpResponse:
    campaign, _organisations = _reporting(request, campaign_id)
    report = access_report_to_delete(request.user, campaign, report_id)
    services.report_delete(report=report)
    messages.success(request, _("Rapporten är borttagen."))
    return redirect("campaigns:report", campaign_id=campaign.pk)


@login_required
def bulk(request: HttpRequest, campaign_id: int) -> HttpResponse:
    """A team leader types in a paper sheet: every row saved, or none and each error by row."""
    campaign, organisations = _reporting(request, campaign_id)
    header = BulkHeaderForm(request.POST or None, organisations=organisations)
    formset = BulkRowFormSet(request.POST or None, prefix="rows")
    row_errors: list[services.RowError] = []
    if request.method == "POST" and header.is_valid() and formset.is_valid():
        organisation = next(o for o in organisations if o.pk == header.cleaned_data["organisation"])
        rows = [
            (number, {**{k: v for k, v in row.items() if k != "topics"},
                      "topics": services.topics_from_text(row.get("topics", ""))})
            for number, row in enumerate(formset.cleaned_data, start=1)
            if row
        ]
        try:
            saved = services.reports_create_many(
                campaign=campaign, organisation=organisation, reporter=person_for_user(user=request.user),
                rows=rows, source=Source.BULK,
            )
        except services.ImportErrors as error:
            row_errors = error.errors
        else:
            messages.success(request, ngettext("%(reports)s rapport med %(count)s samtal sparad.",
                                              "%(reports)s rapporter med %(count)s samtal sparade.", len(saved)) % {
                "reports": len(saved), "count": format_number(sum(r.conversations for r in saved))})
            return redirect("campaigns:bulk", campaign_id=campaign.pk)
    return render(request, "campaigns/bulk.html", {
        "campaign": campaign, "header": header, "formset": formset, "row_errors": row_errors})


@login_required
def csv_import(request: HttpRequest, campaign_id: int) -> HttpResponse:
    campaign, organisations = _reporting(request, campaign_id)
    form = CsvImportForm(request.POST or None, request.FILES or None, organisations=organisations)
    row_errors: list[services.RowError] = []
    if request.method == "POST" and form.is_valid():
        organisation = next(o for o in organisations if o.pk == form.cleaned_data["organisation"])
        try:
            saved = services.reports_import_csv(
                campaign=campaign, organisation=organisation, reporter=person_for_user(user=request.user),
                text=form.cleaned_data["file"],
            )
        except services.ImportErrors as error:
            row_errors = error.errors
        else:
            messages.success(request, ngettext("%(reports)s rapport med %(count)s samtal importerad.",
                                              "%(reports)s rapporter med %(count)s samtal importerade.", len(saved)) % {
                "reports": len(saved), "count": format_number(sum(r.conversations for r in saved))})
            return redirect("campaigns:csv_import", campaign_id=campaign.pk)
    return render(request, "campaigns/import.html", {"campaign": campaign, "form": form, "row_errors": row_errors})


@login_required
def targets(request: HttpRequest, campaign_id: int, organisation_id: int) -> HttpResponse:
    """Leaders adopt their own target and split it over associations, teams or people by weights."""
    campaign = access_campaign(request.user, campaign_id)
    organisation = access_campaign_organisation(request.user, campaign, organisation_id, need=Level.MANAGE)
    result = selectors.progress(campaign=campaign, organisation=organisation, user=request.user)
    existing = selectors.target_rows(campaign=campaign, organisation=organisation)
    people = selectors.target_people(organisation=organisation)
    rows = ([(line.key, line.name) for line in result.children] + [(line.key, line.name) for line in result.teams]
            + [(f"person:{person.pk}", person.full_name) for person in people])
    adopt = AdoptTargetForm(request.POST if request.POST.get("action") == "adopt" else None,
                            initial={"value": existing["self"].adopted if "self" in existing else None})
    split = SplitForm(request.POST if request.POST.get("action") == "split" else None, rows=rows,
                      initial={key: target.weight for key, target in existing.items() if key != "self"})
    team_form = TeamForm(request.POST if request.POST.get("action") == "team" else None)
    here = reverse("campaigns:targets", args=[campaign.pk, organisation.pk])
    try:
        if request.method == "POST":
            action = request.POST.get("action")
            if action == "apportion" and organisation.pk == campaign.organisation_id:
                services.targets_apportion(campaign=campaign)
                messages.success(request, _("Målen är fördelade på arbetarekommunerna."))
                return redirect(here)
            if action == "adopt" and adopt.is_valid():
                services.target_adopt(campaign=campaign, organisation=organisation, value=adopt.cleaned_data["value"])
                messages.success(request, _("Målet är sparat."))
                return redirect(here)
            if action == "split" and split.is_valid():
                if split.cleaned_data["mode"] == SplitForm.BY_HAND:
                    services.targets_set(campaign=campaign, organisation=organisation, values=split.numbers())
                    messages.success(request, _("Målen är sparade."))
                else:
                    weights = {key: value for key, value in split.numbers().items() if value}
                    services.targets_split(campaign=campaign, organisation=organisation, weights=weights)
                    messages.success(request, _("Målet är fördelat."))
                return redirect(here)
            if action == "team" and team_form.is_valid():
                services.team_create(campaign=campaign, organisation=organisation, name=team_form.cleaned_data["name"])
                messages.success(request, _("Laget är skapat."))
                return redirect(here)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    current = [(name, existing[key].value if key in existing else None) for key, name in rows]
    return render(request, "campaigns/targets.html", {
        "campaign": campaign, "organisation": organisation, "progress": result, "existing": existing,
        "adopt": adopt, "split": split, "team_form": team_form, "current": current,
        "is_owner": organisation.pk == campaign.organisation_id,
    })


def service_worker(request: HttpRequest) -> HttpResponse:
    """The offline worker, served under /kampanjer/ so that its scope covers the report pages."""
    source = SERVICE_WORKER.read_text("utf-8")
    version = hashlib.sha256(source.encode()).hexdigest()[:12]
    response = HttpResponse(source.replace("__VERSION__", version), content_type="application/javascript")
    response["Service-Worker-Allowed"] = reverse("campaigns:list")
    response["Cache-Control"] = "no-cache"
    return response

