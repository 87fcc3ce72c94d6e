"""Pages of the agenda app: thin; rules live in permissions, selectors and services."""

from __future__ import annotations

from decimal import Decimal

from csp.decorators import csp_replace
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_exempt

from folkvald.agenda import exchange, selectors, services
from folkvald.agenda.figures import figure_line, figures_in_text
from folkvald.agenda.forms import (
    AgreementForm,
    BulletImportForm,
    CsvImportForm,
    DecisionForm,
    ImportKind,
    ReformForm,
    StatusChangeForm,
)
from folkvald.agenda.permissions import access_agreement, access_decision, access_reform
from folkvald.organisations.permissions import Level, access_organisation, organisation_level


def _form_error(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)


# --- public ------------------------------------------------------------------------


def report_latest(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    period = selectors.report_default_period(organisation=organisation)
    return redirect("agenda:report", organisation_id=organisation.pk, period=selectors.period_slug(period))


def _report(request: HttpRequest, organisation_id: int, period: str):
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    period_start = selectors.period_parse(period)
    if period_start is None:
        raise Http404
    return selectors.report_build(organisation=organisation, period_start=period_start)


def report(request: HttpRequest, organisation_id: int, period: str) -> HttpResponse:
    built = _report(request, organisation_id, period)
    level = organisation_level(request.user, built.organisation)
    embed_url = request.build_absolute_uri(
        reverse("agenda:embed", kwargs={"organisation_id": organisation_id, "period": built.period_slug})
    )
    return render(
        request,
        "agenda/report.html",
        {"report": built, "can_edit": level >= Level.INTERNAL, "embed_url": embed_url},
    )


@xframe_options_exempt
@csp_replace({"frame-ancestors": ["*"]})
def report_embed(request: HttpRequest, organisation_id: int, period: str) -> HttpResponse:
    """The summary other sites may frame: the only page without frame protection."""
    built = _report(request, organisation_id, period)
    return render(request, "agenda/embed.html", {"report": built})


def agreement_public(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = access_agreement(request.user, agreement_id, need=Level.PUBLIC)
    level = organisation_level(request.user, agreement.organisation)
    internal = level >= Level.INTERNAL
    reforms = selectors.agreement_reforms(agreement=agreement, public_only=not internal)
    return render(
        request,
        "agenda/agreement.html",
        {"agreement": agreement, "reforms": reforms, "internal": internal, "can_manage": level >= Level.MANAGE},
    )


def reform_detail(request: HttpRequest, reform_id: int) -> HttpResponse:
    reform = access_reform(request.user, reform_id, need=Level.PUBLIC)
    level = organisation_level(request.user, reform.organisation)
    internal = level >= Level.INTERNAL
    return render(
        request,
        "agenda/reform.html",
        {
            "reform": reform,
            "history": selectors.reform_history(reform=reform, public_only=not internal),
            "decisions": selectors.reform_decisions(reform=reform, public_only=not internal),
            "internal": internal,
            "can_manage": level >= Level.MANAGE,
            "period": selectors.period_slug(reform.period_start),
            # An unpublished agreement stays unnamed on a published reform's public page.
            "shows_agreement": reform.agreement is not None and (internal or reform.agreement.is_published),
        },
    )


# --- internal ----------------------------------------------------------------------


@login_required
def internal_index(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.INTERNAL)
    level = organisation_level(request.user, organisation)
    return render(
        request,
        "agenda/internal.html",
        {
            "organisation": organisation,
            "agreements": selectors.organisation_agreements(organisation=organisation, public_only=False),
            "reforms": selectors.organisation_reforms(organisation=organisation, public_only=False),
            "decisions": selectors.organisation_decisions(organisation=organisation, public_only=False)[:100],
            "can_manage": level >= Level.MANAGE,
            "period": selectors.period_slug(selectors.report_default_period(organisation=organisation)),
        },
    )


@login_required
def agreement_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    form = AgreementForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Avtalet är sparat."))
            return redirect("agenda:agreement", agreement_id=agreement.pk)
    return render(request, "agenda/form.html", {"organisation": organisation, "form": form,
                                                "heading": _("Nytt avtal")})


@login_required
def agreement_edit(request: HttpRequest, agreement_id: int) -> HttpResponse:
    agreement = access_agreement(request.user, agreement_id, need=Level.MANAGE)
    initial = {
        "title": agreement.title, "kind": agreement.kind, "parties": list(agreement.parties.all()),
        "period_start": agreement.period_start, "date": agreement.date, "text": agreement.text,
        "is_published": agreement.is_published, "internal_notes": agreement.internal_notes,
    }
    form = AgreementForm(request.POST or None, initial=initial, organisation=agreement.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.agreement_update(agreement=agreement, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Avtalet är sparat."))
            return redirect("agenda:agreement", agreement_id=agreement.pk)
    return render(request, "agenda/form.html", {"organisation": agreement.organisation, "form": form,
                                                "heading": _("Ändra avtal")})


@login_required
def reform_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    initial = {}
    agreement_id = request.GET.get("avtal")
    if agreement_id:
        agreement = access_agreement(request.user, agreement_id, need=Level.MANAGE)
        if agreement.organisation_id != organisation.pk:
            raise Http404
        initial = {"agreement": agreement, "source_kind": "agreement", "period_start": agreement.period_start,
                   "parties": list(agreement.parties.all())}
    form = ReformForm(request.POST or None, initial=initial, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            reform = services.reform_create(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Reformen är sparad."))
            return redirect("agenda:reform", reform_id=reform.pk)
    return render(request, "agenda/form.html", {"organisation": organisation, "form": form,
                                                "heading": _("Ny reform"), "areas": _areas(organisation)})


def _areas(organisation) -> list[str]:
    reforms = selectors.reform_choices(organisation=organisation).values_list("policy_area", flat=True)
    return sorted({area for area in reforms if area})


@login_required
def reform_edit(request: HttpRequest, reform_id: int) -> HttpResponse:
    reform = access_reform(request.user, reform_id, need=Level.MANAGE)
    initial = {name: getattr(reform, name) for name in services.REFORM_FIELDS}
    initial["parties"] = list(reform.parties.all())
    if reform.target_value is not None:  # 100.000 is shown as 100
        initial["target_value"] = Decimal(format(reform.target_value.normalize(), "f"))
    form = ReformForm(request.POST or None, initial=initial, organisation=reform.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.reform_update(reform=reform, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Reformen är sparad."))
            return redirect("agenda:reform", reform_id=reform.pk)
    return render(request, "agenda/form.html", {"organisation": reform.organisation, "form": form,
                                                "heading": _("Ändra reform"), "areas": _areas(reform.organisation)})


@login_required
def reform_status(request: HttpRequest, reform_id: int) -> HttpResponse:
    reform = access_reform(request.user, reform_id, need=Level.MANAGE)
    initial = {}
    if request.GET.get("beslut"):
        decision = access_decision(request.user, request.GET["beslut"], need=Level.MANAGE)
        if decision.organisation_id == reform.organisation_id:
            initial["decision"] = decision
    form = StatusChangeForm(request.POST or None, initial=initial, reform=reform)
    if request.method == "POST" and form.is_valid():
        try:
            services.reform_status_change(reform=reform, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(
                request, _("Status ändrad till ”%(status)s”.") % {"status": reform.get_status_display()}
            )
            return redirect("agenda:reform", reform_id=reform.pk)
    return render(request, "agenda/status_form.html", {"reform": reform, "form": form})


@login_required
def decision_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    initial = {}
    reform_id = request.GET.get("reform")
    if reform_id:
        reform = access_reform(request.user, reform_id, need=Level.MANAGE)
        if reform.organisation_id != organisation.pk:
            raise Http404
        initial = {"reforms": [reform], "policy_area": reform.policy_area}
    form = DecisionForm(request.POST or None, initial=initial, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            decision = services.decision_create(organisation=organisation, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Beslutet är sparat."))
            if reform_id:
                # Recorded for a reform: go on to its status, with this decision as the evidence.
                url = reverse("agenda:reform_status", kwargs={"reform_id": reform.pk})
                return redirect(f"{url}?beslut={decision.pk}")
            return redirect("agenda:internal", organisation_id=organisation.pk)
    return render(request, "agenda/form.html", {"organisation": organisation, "form": form,
                                                "heading": _("Nytt beslut"), "areas": _areas(organisation)})


@login_required
def decision_edit(request: HttpRequest, decision_id: int) -> HttpResponse:
    decision = access_decision(request.user, decision_id, need=Level.MANAGE)
    initial = {name: getattr(decision, name) for name in services.DECISION_FIELDS}
    initial["reforms"] = list(decision.reforms.all())
    initial["figures"] = "\n".join(
        figure_line(figure.qualifier, figure.value, figure.unit, figure.label) for figure in decision.figures.all()
    )
    form = DecisionForm(request.POST or None, initial=initial, organisation=decision.organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.decision_update(decision=decision, **form.cleaned_data)
        except ValidationError as error:
            _form_error(form, error)
        else:
            messages.success(request, _("Beslutet är sparat."))
            return redirect("agenda:internal", organisation_id=decision.organisation_id)
    return render(request, "agenda/form.html", {"organisation": decision.organisation, "form": form,
                                                "heading": _("Ändra beslut"),
                                                "areas": _areas(decision.organisation)})


@login_required
def bullets_import(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Paste a list, see what it becomes, then save: nothing is written before the second step."""
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    form = BulletImportForm(request.POST or None, organisation=organisation,
                            initial={"kind": request.GET.get("slag", ImportKind.REFORMS)})
    preview = None
    with_figures = False
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        items = data.pop("items")
        if "save" in request.POST:
            try:
                if data["kind"] == ImportKind.REFORMS:
                    created = services.reforms_from_bullets(
                        organisation=organisation, items=items, source_kind=data["source_kind"],
                        period_start=data["period_start"], agreement=data["agreement"],
                        source_name=data["source_name"],
                        parties=list(data["agreement"].parties.all()) if data["agreement"] else [],
                        is_published=data["is_published"],
                    )
                    message = ngettext("%(count)d reform skapad.", "%(count)d reformer skapade.", len(created))
                else:
                    created = services.decisions_from_bullets(
                        organisation=organisation, items=items, date=data["date"], body=data["body"],
                        body_name=data["body_name"], is_published=data["is_published"],
                        figures_from_text=data["figures_from_text"],
                    )
                    message = ngettext("%(count)d beslut skapat.", "%(count)d beslut skapade.", len(created))
            except ValidationError as error:
                _form_error(form, error)
            else:
                messages.success(request, message % {"count": len(created)})
                return redirect("agenda:internal", organisation_id=organisation.pk)
        with_figures = data["kind"] == ImportKind.DECISIONS and data["figures_from_text"]
        preview = [
            {"item": item, "figures": figures_in_text(item.title) if with_figures else []} for item in items
        ]
    return render(request, "agenda/bullets.html", {"organisation": organisation, "form": form, "preview": preview,
                                                   "with_figures": with_figures})


@login_required
def csv_export(request: HttpRequest, organisation_id: int, kind: str) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.INTERNAL)
    if kind == "reformer":
        text = exchange.reforms_export(organisation=organisation)
    elif kind == "beslut":
        text = exchange.decisions_export(organisation=organisation)
    else:
        raise Http404
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-{organisation.pk}.csv"'
    return response


@login_required
def csv_import(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    form = CsvImportForm(request.POST or None, request.FILES or None)
    errors: list[exchange.RowError] = []
    if request.method == "POST" and form.is_valid():
        text = form.cleaned_data["file"]
        try:
            with transaction.atomic():
                if form.cleaned_data["kind"] == ImportKind.REFORMS:
                    count = exchange.reforms_import(organisation=organisation, text=text, user=request.user)
                else:
                    count = exchange.decisions_import(organisation=organisation, text=text)
        except exchange.CsvImportError as error:
            errors = error.errors
        else:
            messages.success(request, ngettext("%(count)d rad inläst.", "%(count)d rader inlästa.", count) % {"count": count})
            return redirect("agenda:internal", organisation_id=organisation.pk)
    status = 400 if errors else 200
    return render(request, "agenda/csv_import.html", {"organisation": organisation, "form": form, "errors": errors},
                  status=status)
