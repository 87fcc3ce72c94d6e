"""Pages of policy work: thin, the rules live in permissions, selectors and services."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from folkvald.organisations.permissions import organisation_level
from folkvald.organisations.selectors import organisation_roles, person_for_user
from folkvald.policy import ical, selectors, services
from folkvald.policy.forms import (
    ConsultationAnswerForm,
    ConsultationForm,
    DecisionForm,
    DeliverableForm,
    DeliverableStatusForm,
    EndForm,
    EventForm,
    GroupForm,
    MembershipForm,
    MotionForm,
    NewMotionForm,
    ProgrammeForm,
    RegistrationForm,
    SendForm,
)
from folkvald.policy.models import MotionStatus, RegistrationMode
from folkvald.policy.permissions import (
    Level,
    access_consultation,
    access_editable_group,
    access_event,
    access_group,
    access_motion,
    access_organisation,
    can_edit_group,
    can_edit_motion,
    can_read_answers,
    can_see_registrations,
    event_level,
    group_level,
    motion_level,
)


def _add_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


# --- Organisation level ------------------------------------------------------------------


def overview(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    level = organisation_level(request.user, organisation)
    internal = level >= Level.INTERNAL
    groups = list(selectors.organisation_groups(organisation=organisation, internal=internal))
    context = {
        "organisation": organisation,
        "internal": level >= Level.INTERNAL,
        "manage": level >= Level.MANAGE,
        "programmes": selectors.organisation_programmes(organisation=organisation, internal=internal),
        "steering_groups": [group for group in groups if group.is_steering],
        "groups": [group for group in groups if not group.is_steering],
        "deliverables": selectors.organisation_deliverables(organisation=organisation, internal=internal)
        .filter(status__in=["planned", "in_progress"])[:6],
        "events": selectors.organisation_events(organisation=organisation, internal=internal, upcoming_only=True)[:6],
    }
    return render(request, "policy/overview.html", context)


def deadlines(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    internal = organisation_level(request.user, organisation) >= Level.INTERNAL
    deliverables = selectors.organisation_deliverables(organisation=organisation, internal=internal)
    return render(
        request,
        "policy/deadlines.html",
        {"organisation": organisation, "months": selectors.deadlines_by_month(deliverables)},
    )


def deadlines_ics(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    deliverables = selectors.organisation_deliverables(organisation=organisation, internal=False)
    content = ical.calendar_bytes(name=_("Frister: %(name)s") % {"name": organisation.name}, deliverables=deliverables)
    return ical.calendar_response(content, f"frister-{organisation.pk}.ics")


def events(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    level = organisation_level(request.user, organisation)
    events = list(selectors.organisation_events(organisation=organisation, internal=level >= Level.INTERNAL))
    cutoff = timezone.now() - dt.timedelta(hours=12)
    context = {
        "organisation": organisation,
        "upcoming": [event for event in events if event.starts_at >= cutoff],
        "past": [event for event in reversed(events) if event.starts_at < cutoff],
        "internal": level >= Level.INTERNAL,
        "manage": level >= Level.MANAGE,
    }
    return render(request, "policy/events.html", context)


def events_ics(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """The public events of an organisation, for anyone's calendar."""
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    content = ical.calendar_bytes(
        name=organisation.name,
        events=selectors.organisation_feed_events(organisation=organisation),
    )
    return ical.calendar_response(content, f"evenemang-{organisation.pk}.ics")


@login_required
def motions(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.INTERNAL)
    context = {
        "organisation": organisation,
        "motions": selectors.organisation_motions(organisation=organisation),
    }
    return render(request, "policy/motions.html", context)


@login_required
def motion_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    """Any member may draft a motion, on their own or for a group they lead."""
    organisation = access_organisation(request.user, organisation_id, need=Level.INTERNAL)
    groups = [
        group
        for group in selectors.organisation_groups(organisation=organisation, internal=True)
        if can_edit_group(request.user, group)
    ]
    initial = {"group": request.GET.get("grupp")} if request.GET.get("grupp") else None
    form = NewMotionForm(request.POST or None, groups=groups, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        group = next((group for group in groups if group.pk == data["group"]), None)
        try:
            motion = services.motion_create(
                organisation=organisation,
                title=data["title"],
                body=data["body"],
                proposals=data["proposals"],
                author=person_for_user(user=request.user),
                group=group,
                congress=data["congress"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Motionen är sparad som utkast."))
            return redirect("policy:motion", motion_id=motion.pk)
    return render(request, "policy/motion_form.html", {"organisation": organisation, "form": form, "motion": None})


# --- Groups --------------------------------------------------------------------------------


def group_detail(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id, need=Level.PUBLIC)
    level = group_level(request.user, group)
    internal = level >= Level.INTERNAL
    context = {
        "group": group,
        "organisation": group.organisation,
        "internal": level >= Level.INTERNAL,
        "manage": level >= Level.MANAGE,
        "members": selectors.group_current_members(group=group),
        "deliverables": selectors.group_deliverables(group=group),
        "events": selectors.group_events(group=group, internal=internal),
        "can_edit": can_edit_group(request.user, group),
    }
    if internal:
        context["history"] = selectors.group_membership_history(group=group)
        context["motions"] = selectors.group_motions(group=group)
        context["status_form"] = DeliverableStatusForm()
        context["voter_topics"] = selectors.group_voter_topics(group=group)
    return render(request, "policy/group.html", context)


def group_events_ics(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id, need=Level.PUBLIC)
    content = ical.calendar_bytes(
        name=group.name,
        events=selectors.group_events(group=group, internal=False),
        deliverables=selectors.group_deliverables(group=group),
    )
    return ical.calendar_response(content, f"grupp-{group.pk}.ics")


@login_required
def membership_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id, need=Level.MANAGE)
    people = {role.person.pk: role.person for role in organisation_roles(organisation=group.organisation)}
    for membership in selectors.current_memberships().filter(group__organisation=group.organisation):
        people.setdefault(membership.person.pk, membership.person)
    choices = sorted(people.values(), key=lambda person: (person.last_name, person.first_name))
    form = MembershipForm(request.POST or None, people=choices)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.membership_add(
                group=group,
                role=data["role"],
                start=data["start"],
                person=people.get(data["person"]) if data["person"] else None,
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("%(name)s har lagts till.") % {"name": membership.person.full_name})
            return redirect("policy:group", group_id=group.pk)
    return render(request, "policy/membership_form.html", {"group": group, "form": form})


@login_required
@require_POST
def membership_end(request: HttpRequest, group_id: int, membership_id: int) -> HttpResponse:
    group = access_group(request.user, group_id, need=Level.MANAGE)
    membership = selectors.group_current_members(group=group).filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    form = EndForm(request.POST)
    if form.is_valid():
        services.membership_end(membership=membership, end=form.cleaned_data["end"])
        messages.success(request, _("Uppdraget är avslutat."))
    return redirect("policy:group", group_id=group.pk)


@login_required
def deliverable_add(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_editable_group(request.user, group_id)
    form = DeliverableForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.deliverable_create(group=group, **form.cleaned_data)
        messages.success(request, _("Leveransen är tillagd."))
        return redirect("policy:group", group_id=group.pk)
    return render(request, "policy/deliverable_form.html", {"group": group, "form": form})


@login_required
@require_POST
def deliverable_status(request: HttpRequest, group_id: int, deliverable_id: int) -> HttpResponse:
    group = access_editable_group(request.user, group_id)
    deliverable = selectors.group_deliverables(group=group).filter(pk=deliverable_id).first()
    if deliverable is None:
        raise Http404
    form = DeliverableStatusForm(request.POST)
    if form.is_valid():
        services.deliverable_set_status(deliverable=deliverable, status=form.cleaned_data["status"])
        messages.success(request, _("Status är ändrad."))
    return redirect("policy:group", group_id=group.pk)


# --- Motions ----------------------------------------------------------------------------------


def motion_detail(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = access_motion(request.user, motion_id, need=Level.PUBLIC)
    level = motion_level(request.user, motion)
    versions = selectors.motion_versions(motion=motion)
    current = versions[-1]
    diff = None
    if level >= Level.INTERNAL and len(versions) > 1:
        numbers = {version.number: version for version in versions}
        try:
            new = numbers.get(int(request.GET.get("till", current.number)), current)
            old = numbers.get(int(request.GET.get("fran", new.number - 1)), versions[0])
        except ValueError:
            new, old = current, versions[-2]
        diff = {"old": old, "new": new, "lines": selectors.motion_diff(old=old, new=new)}
    person = person_for_user(user=request.user)
    co_signers = list(selectors.motion_co_signers(motion=motion))
    context = {
        "motion": motion,
        "organisation": motion.organisation,
        "internal": level >= Level.INTERNAL,
        "manage": level >= Level.MANAGE,
        "versions": versions,
        "current": current,
        "diff": diff,
        "co_signers": co_signers,
        "has_cosigned": person is not None and any(p.pk == person.pk for p in co_signers),
        "can_cosign": level >= Level.INTERNAL
        and person is not None
        and motion.is_editable
        and motion.author_id != person.pk,
        "can_edit": can_edit_motion(request.user, motion),
        "can_decide": level >= Level.MANAGE and motion.status == MotionStatus.SUBMITTED,
        "can_send": level >= Level.MANAGE and motion.status == MotionStatus.DECIDED,
        "decision_form": DecisionForm(),
        "send_form": SendForm(initial={"congress": motion.congress}),
    }
    return render(request, "policy/motion.html", context)


@login_required
def motion_edit(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = access_motion(request.user, motion_id, need=Level.INTERNAL)
    if not can_edit_motion(request.user, motion):
        raise Http404
    current = selectors.motion_versions(motion=motion)[-1]
    initial = {"title": current.title, "body": current.body, "proposals": current.proposals}
    form = MotionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            version = services.motion_edit(
                motion=motion,
                title=data["title"],
                body=data["body"],
                proposals=data["proposals"],
                note=data["note"],
                editor=person_for_user(user=request.user),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            if version is None:
                messages.info(request, _("Inget ändrades."))
            else:
                messages.success(request, _("Version %(n)s är sparad.") % {"n": version.number})
            return redirect("policy:motion", motion_id=motion.pk)
    context = {"organisation": motion.organisation, "form": form, "motion": motion}
    return render(request, "policy/motion_form.html", context)


@login_required
@require_POST
def motion_cosign(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = access_motion(request.user, motion_id, need=Level.INTERNAL)
    person = person_for_user(user=request.user)
    if person is None:
        raise Http404
    try:
        if request.POST.get("action") == "remove":
            services.motion_uncosign(motion=motion, person=person)
            messages.success(request, _("Du har tagit bort din underskrift."))
        else:
            services.motion_cosign(motion=motion, person=person)
            messages.success(request, _("Du står nu som medundertecknare."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("policy:motion", motion_id=motion.pk)


@login_required
@require_POST
def motion_submit(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = access_motion(request.user, motion_id, need=Level.INTERNAL)
    if not can_edit_motion(request.user, motion):
        raise Http404
    try:
        services.motion_submit(motion=motion)
        messages.success(request, _("Motionen är inlämnad till styrelsen."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("policy:motion", motion_id=motion.pk)


@login_required
def motion_decide(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = access_motion(request.user, motion_id, need=Level.MANAGE)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.motion_decide(motion=motion, **{
                "decision": form.cleaned_data["decision"],
                "reasoning": form.cleaned_data["reasoning"],
                "decided_on": form.cleaned_data["decided_on"],
            })
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Styrelsens beslut är registrerat."))
            return redirect("policy:motion", motion_id=motion.pk)
    return render(request, "policy/decision_form.html", {"motion": motion, "form": form})


@login_required
@require_POST
def motion_send(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = access_motion(request.user, motion_id, need=Level.MANAGE)
    form = SendForm(request.POST)
    if form.is_valid():
        try:
            services.motion_send_to_congress(motion=motion, **form.cleaned_data)
            messages.success(request, _("Motionen är skickad till kongressen."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Ange ett giltigt datum."))
    return redirect("policy:motion", motion_id=motion.pk)


@login_required
@require_POST
def motion_publish(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = access_motion(request.user, motion_id, need=Level.MANAGE)
    try:
        services.motion_set_published(motion=motion, published=request.POST.get("published") == "1")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Motionen är publicerad.") if motion.is_published else _("Motionen är inte längre publicerad."))
    return redirect("policy:motion", motion_id=motion.pk)


def motion_print(request: HttpRequest, motion_id: int) -> HttpResponse:
    motion = access_motion(request.user, motion_id, need=Level.PUBLIC)
    versions = selectors.motion_versions(motion=motion)
    context = {
        "motion": motion,
        "current": versions[-1],
        "co_signers": selectors.motion_co_signers(motion=motion),
    }
    return render(request, "policy/motion_print.html", context)


# --- Events ---------------------------------------------------------------------------------------


def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    """The event and its registration form, which works without JavaScript."""
    event = access_event(request.user, event_id, need=Level.PUBLIC)
    level = event_level(request.user, event)
    names = event.registration == RegistrationMode.NAMES
    form = RegistrationForm(request.POST or None, names=names)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.registration_create(
                event=event,
                people=data["people"],
                name=data.get("name", ""),
                email=data.get("email", ""),
                consent=data.get("consent", False),
                person=person_for_user(user=request.user),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Tack! Din anmälan är registrerad."))
            return redirect("policy:event", event_id=event.pk)
    context = {
        "event": event,
        "organisation": event.organisation,
        "internal": level >= Level.INTERNAL,
        "manage": level >= Level.MANAGE,
        "form": form,
        "registered": selectors.event_registered_count(event=event),
        "open_for_registration": event.registration != RegistrationMode.NONE,
        "named": selectors.event_named_registrations(event=event)
        if can_see_registrations(request.user, event)
        else None,
    }
    return render(request, "policy/event.html", context)


# --- Consultations -------------------------------------------------------------------------------


@login_required
def consultations(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.INTERNAL)
    context = {
        "organisation": organisation,
        "consultations": selectors.organisation_consultations(organisation=organisation),
        "manage": organisation_level(request.user, organisation) >= Level.MANAGE,
    }
    return render(request, "policy/consultations.html", context)


@login_required
def consultation_answer(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = access_consultation(request.user, consultation_id, need=Level.INTERNAL)
    person = person_for_user(user=request.user)
    questions = list(selectors.consultation_questions(consultation=consultation))
    existing = selectors.consultation_answers_of(consultation=consultation, person=person)
    form = ConsultationAnswerForm(request.POST or None, questions=questions, initial_answers=existing)
    if request.method == "POST" and person is not None and form.is_valid():
        try:
            count = services.answers_submit(consultation=consultation, person=person, answers=form.answers())
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, ngettext("Tack! Ditt svar är sparat.", "Tack! %(n)s svar är sparade.", count) % {"n": count})
            return redirect("policy:consultation", consultation_id=consultation.pk)
    context = {
        "consultation": consultation,
        "organisation": consultation.organisation,
        "form": form,
        "person": person,
        "answered": bool(existing),
        "is_open": consultation.is_open(),
    }
    return render(request, "policy/consultation.html", context)


@login_required
def consultation_summary(request: HttpRequest, consultation_id: int) -> HttpResponse:
    consultation = access_consultation(request.user, consultation_id, need=Level.INTERNAL)
    show_texts = can_read_answers(request.user, consultation)
    context = {
        "consultation": consultation,
        "organisation": consultation.organisation,
        "summaries": selectors.consultation_summary(consultation=consultation, include_texts=show_texts),
        "show_texts": show_texts,
    }
    return render(request, "policy/consultation_summary.html", context)


# --- Personal data ---------------------------------------------------------------------------------


@login_required
def my_policy_data(request: HttpRequest) -> HttpResponse:
    """The signed-in person's own policy data (GDPR art. 15 and 20): seats, motions, answers, registrations."""
    person = person_for_user(user=request.user)
    data = services.person_policy_export(person=person) if person is not None else {}
    response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Disposition"] = 'attachment; filename="mina-uppgifter-politik.json"'
    return response


# --- Leaders set up the work ----------------------------------------------------------------------


@login_required
def programme_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.programme_create(organisation=organisation, **form.cleaned_data)
        messages.success(request, _("Programmet är skapat."))
        return redirect("policy:overview", organisation_id=organisation.pk)
    context = {"organisation": organisation, "form": form, "heading": _("Nytt program")}
    return render(request, "policy/setup_form.html", context)


def _group_form(request: HttpRequest, organisation, group=None) -> tuple[GroupForm, dict]:
    programmes = {p.pk: p for p in selectors.organisation_programmes(organisation=organisation, internal=True)}
    initial = None
    if group is not None:
        initial = {name: getattr(group, name) for name in services.GROUP_FIELDS}
        initial["programme"] = group.programme_id
    return GroupForm(request.POST or None, programmes=programmes.values(), initial=initial), programmes


@login_required
def group_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    form, programmes = _group_form(request, organisation)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        programme = programmes.get(data.pop("programme"))
        group = services.group_create(organisation=organisation, programme=programme, **data)
        messages.success(request, _("Gruppen är skapad."))
        return redirect("policy:group", group_id=group.pk)
    context = {"organisation": organisation, "form": form, "heading": _("Ny arbetsgrupp")}
    return render(request, "policy/setup_form.html", context)


@login_required
def group_edit(request: HttpRequest, group_id: int) -> HttpResponse:
    group = access_group(request.user, group_id, need=Level.MANAGE)
    form, programmes = _group_form(request, group.organisation, group)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        programme = programmes.get(data.pop("programme"))
        services.group_update(group=group, programme=programme, **data)
        messages.success(request, _("Gruppen är sparad."))
        return redirect("policy:group", group_id=group.pk)
    context = {"organisation": group.organisation, "form": form, "heading": _("Ändra %(name)s") % {"name": group.name}}
    return render(request, "policy/setup_form.html", context)


@login_required
def event_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    groups = {g.pk: g for g in selectors.organisation_groups(organisation=organisation, internal=True)}
    form = EventForm(request.POST or None, groups=groups.values())
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        group = groups.get(data.pop("group"))
        try:
            event = services.event_create(organisation=organisation, group=group, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Evenemanget är skapat."))
            return redirect("policy:event", event_id=event.pk)
    context = {"organisation": organisation, "form": form, "heading": _("Nytt evenemang")}
    return render(request, "policy/setup_form.html", context)


@login_required
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = access_event(request.user, event_id, need=Level.MANAGE)
    organisation = event.organisation
    groups = {g.pk: g for g in selectors.organisation_groups(organisation=organisation, internal=True)}
    initial = {name: getattr(event, name) for name in services.EVENT_FIELDS}
    initial["group"] = event.group_id
    for name in ("starts_at", "ends_at"):
        if initial[name] is not None:
            initial[name] = timezone.localtime(initial[name])
    form = EventForm(request.POST or None, groups=groups.values(), initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        group = groups.get(data.pop("group"))
        try:
            services.event_update(event=event, group=group, **data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Evenemanget är sparat."))
            return redirect("policy:event", event_id=event.pk)
    context = {"organisation": organisation, "form": form, "heading": _("Ändra %(name)s") % {"name": event.title}}
    return render(request, "policy/setup_form.html", context)


@login_required
def consultation_new(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.MANAGE)
    groups = {g.pk: g for g in selectors.organisation_groups(organisation=organisation, internal=True)}
    form = ConsultationForm(request.POST or None, groups=groups.values())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            consultation = services.consultation_create_with_questions(
                organisation=organisation,
                title=data["title"],
                description=data["description"],
                opens=data["opens"],
                closes=data["closes"],
                group=groups.get(data["group"]),
                questions=form.parsed_questions(),
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, _("Rådslaget är skapat."))
            return redirect("policy:consultation", consultation_id=consultation.pk)
    context = {"organisation": organisation, "form": form, "heading": _("Nytt rådslag")}
    return render(request, "policy/setup_form.html", context)
