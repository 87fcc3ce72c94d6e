"""Pages of organisations: thin, the rules live in permissions, selectors and services."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from folkvald.core.navigation import organisation_sections
from folkvald.organisations import selectors
from folkvald.organisations.forms import RoleEndForm, RoleForm
from folkvald.organisations.models import OrganisationKind
from folkvald.organisations.permissions import (
    Level,
    access_organisation,
    organisation_level,
    visible_organisations,
)
from folkvald.organisations.services import person_export, role_create, role_end


def home(request: HttpRequest) -> HttpResponse:
    branches = visible_organisations(request.user).filter(kind=OrganisationKind.BRANCH).order_by("name")
    return render(request, "organisations/home.html", {"branches": branches})


def organisation_list(request: HttpRequest) -> HttpResponse:
    organisations = visible_organisations(request.user).order_by("kind", "name")
    return render(request, "organisations/list.html", {"organisations": organisations})


def organisation_public(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    context = {
        "organisation": organisation,
        "contacts": selectors.organisation_public_contacts(organisation=organisation),
        "offices": selectors.organisation_public_offices(organisation=organisation),
        "children": selectors.organisation_children(organisation=organisation, user=request.user),
        "level": organisation_level(request.user, organisation),
        "Level": Level,
        "sections": organisation_sections(organisation, internal=False),
    }
    return render(request, "organisations/public.html", context)


@login_required
def organisation_internal(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.INTERNAL)
    context = {
        "organisation": organisation,
        "roles": selectors.organisation_roles(organisation=organisation),
        "children": selectors.organisation_children(organisation=organisation, user=request.user),
        "level": organisation_level(request.user, organisation),
        "Level": Level,
        "sections": organisation_sections(organisation, internal=True),
        "form": RoleForm(),
        "end_form": RoleEndForm(),
    }
    return render(request, "organisations/internal.html", context)


@login_required
def role_add(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    form = RoleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        role = role_create(organisation=organisation, **form.cleaned_data)
        messages.success(request, _("%(name)s har lagts till.") % {"name": role.person.full_name})
        return redirect("organisations:internal", organisation_id=organisation.pk)
    return render(request, "organisations/role_form.html", {"organisation": organisation, "form": form})


@login_required
@require_POST
def role_end_view(request: HttpRequest, organisation_id: int, role_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    role = selectors.organisation_roles(organisation=organisation).filter(pk=role_id).first()
    if role is None:
        raise Http404
    form = RoleEndForm(request.POST)
    if form.is_valid():
        role_end(role=role, end=form.cleaned_data["end"])
        messages.success(request, _("Rollen är avslutad."))
    return redirect("organisations:internal", organisation_id=organisation.pk)


@login_required
def overview(request: HttpRequest) -> HttpResponse:
    organisations = selectors.user_organisations(user=request.user).order_by("kind", "name")
    person = selectors.person_for_user(user=request.user)
    return render(request, "organisations/overview.html", {"organisations": organisations, "person": person})


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    person = selectors.person_for_user(user=request.user)
    roles = person.roles.select_related("organisation") if person else []
    return render(request, "organisations/my_data.html", {"person": person, "roles": roles})


@login_required
def my_data_export(request: HttpRequest) -> HttpResponse:
    person = selectors.person_for_user(user=request.user)
    data = person_export(person=person) if person else {"person": None}
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter.json"'
    return response
