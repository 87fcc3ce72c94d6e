"""No internal page or API endpoint of any app leaks.

Every URL pattern (the admin aside, which is Django's own and staff-only) and every operation
in the OpenAPI description has a rule below; a new page or endpoint without one fails
:func:`test_every_page_and_endpoint_has_a_rule`. Each rule names the objects to request it for,
taken from the demo data (the seeds in every app), and the named users request them all:

- ``owner``: political secretary of the four S branches (Lund, Malmö, Huddinge, Stockholm);
- ``member``: a plain member of the same four branches, whose name and contact details are not public;
- ``outsider``: signed in, without any role;
- ``other_member``: chair of another S branch (Uppsala): a leader, elsewhere in the same party;
- ``rival``: political secretary of Vänsterpartiet in Huddinge: a leader in the same council;
- ``anonymous``.

What must hold:

- internal pages and endpoints (``INTERNAL``, ``MANAGE``, writes) refuse everyone without a role in
  the object's organisation (a 404, 403, 405 or the sign-in page), and a write changes nothing;
  the owner gets the internal page (so the object is the right one), the member gets ``INTERNAL``
  pages and is refused ``MANAGE`` ones;
- a signed-in user without a role gets the same answer as an anonymous visitor (a page that only
  checks the sign-in is caught here);
- no answer to those without a role ever holds a secret of the S branches (the member's name,
  e-mail and phone, an unpublished association, campaign, motion or event, internal notes, the
  branches' planning scenarios, registrations, consultation answers), and no answer to the S users
  holds the planning scenario of Vänsterpartiet. Members never see the free-text consultation answers.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from io import StringIO
from typing import Any

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from folkvald.agenda import services as agenda
from folkvald.organisations.models import (
    Organisation,
    OrganisationKind,
    Party,
    Person,
    Role,
    RoleKind,
)
from folkvald.policy import services as policy

pytestmark = [pytest.mark.slow, pytest.mark.django_db]


class Rule(enum.Enum):
    OPEN = "open"  # no object: sign-in, language, the API's description
    ACCOUNT = "account"  # the signed-in user's own pages
    PUBLIC = "public"  # published data: anyone, for a published object
    INTERNAL = "internal"  # a role in the object's organisation
    MANAGE = "manage"  # a leading role in the object's organisation
    WRITE = "write"  # writes only (POST/DELETE), for those with a role
    WRITE_MANAGE = "write_manage"  # writes only, for leaders
    COMPUTE = "compute"  # a stateless calculation that anyone may POST
    LEADERS = "leaders"  # for whoever leads a branch somewhere, about their own municipalities


INSIDERS = {"owner", "member"}
NOT_INSIDERS = ("outsider", "other_member", "rival", "anonymous")


@dataclass
class Instance:
    """One concrete request of a rule: path arguments, query, body. ``party_wide`` when any role in
    the party's tree counts (a national campaign is internal to everyone reporting for it);
    ``municipality_wide`` when a leader of any party's branch in the municipality counts."""

    kwargs: dict[str, Any] = field(default_factory=dict)
    query: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] | None = None
    party_wide: bool = False
    municipality_wide: bool = False

    def insiders(self) -> set[str]:
        """Who, besides the owner and the member, may see this instance by design."""
        extra = set()
        if self.party_wide:
            extra.add("other_member")
        if self.municipality_wide:  # a council is the municipality's: every branch there keeps it
            extra.add("rival")
        return extra


@dataclass
class World:
    objects: dict[str, Any]
    users: dict[str, Any]
    s_secrets: list[str]
    v_secrets: list[str]
    leader_secrets: list[str]

    def __getattr__(self, name: str) -> Any:
        try:
            return self.objects[name]
        except KeyError as error:
            raise AttributeError(name) from error


def one(model: str, **filters: Any) -> Any:
    found = apps.get_model(model).objects.filter(**filters).order_by("pk").first()
    assert found is not None, f"the demo data has no {model} with {filters}"
    return found


def build_world() -> World:
    call_command("demo", quiet_users=True, stdout=StringIO())
    s = Party.objects.get(abbreviation="S")
    branches = {key: Organisation.objects.get(name=f"Socialdemokraterna i {name}", kind=OrganisationKind.BRANCH)
                for key, name in (("lund", "Lund"), ("malmo", "Malmö"), ("huddinge", "Huddinge"),
                                  ("stockholm", "Stockholm"))}
    national = Organisation.objects.get(name="Socialdemokraterna", kind=OrganisationKind.PARTY)
    uppsala = Organisation.objects.create(name="Socialdemokraterna i Uppsala", kind=OrganisationKind.BRANCH,
                                          party=s, parent=national, municipality_id="0380")
    hidden = Organisation.objects.create(name="Slutna sällskapet Zeta", kind=OrganisationKind.ASSOCIATION,
                                         party=s, parent=branches["lund"], is_public=False)
    User = get_user_model()

    def user(username: str, first: str, last: str, roles: list[tuple[Organisation, str]], **person: str):
        account = User.objects.create_user(username=username, password="pw-" + username)
        someone = Person.objects.create(first_name=first, last_name=last, user=account, **person)
        for organisation, kind in roles:
            Role.objects.create(person=someone, organisation=organisation, kind=kind, start=dt.date(2020, 1, 1))
        return account

    users = {
        "owner": user("leak-owner", "Ägda", "Ledarsson",
                      [(b, RoleKind.POLITICAL_SECRETARY) for b in branches.values()]),
        "member": user("leak-member", "Hemliga", "Medlemsdotter", [(b, RoleKind.MEMBER) for b in branches.values()],
                       email="hemliga.medlemsdotter@example.org", phone="070-111 22 33"),
        "outsider": user("leak-outsider", "Utomstående", "Person", []),
        "other_member": user("leak-uppsala", "Annan", "Ordförande", [(uppsala, RoleKind.CHAIR)]),
        "rival": User.objects.get(username="huddinge-v-sekreterare"),
        "anonymous": None,
    }
    member_role = Role.objects.get(person__user=users["member"], organisation=branches["lund"])

    council = one("councils.Council", municipality_id="0126", period_start=2022)
    s_scenario = one("councils.Scenario", council=council, organisation=branches["huddinge"])
    v_scenario = one("councils.Scenario", council=council, organisation__party__abbreviation="V")
    campaign_public = one("campaigns.Campaign", organisation=national, is_public=True)
    campaign_private = one("campaigns.Campaign", organisation=branches["malmo"], is_public=False)
    group = one("policy.WorkingGroup", organisation=branches["malmo"])
    event_private = one("policy.Event", organisation=branches["malmo"], is_public=False)
    event_public = one("policy.Event", organisation=branches["malmo"], is_public=True)
    # Drafts in each app: unpublished, so only the branch sees them.
    motion = policy.motion_create(organisation=branches["malmo"], group=group, title="Utkastet om läckagefria motioner",
                                  body="Ett utkast som bara medlemmarna ser.", proposals="att ingenting läcker")
    draft_agreement = agenda.agreement_create(
        organisation=branches["huddinge"], title="Utkastet till budgetsamarbete", kind="budget",
        parties=[s, Party.objects.get(abbreviation="V")], period_start=2022, date=dt.date(2023, 3, 1),
        internal_notes="Förhandlas i hemlighet.")
    draft_reform = agenda.reform_create(organisation=branches["huddinge"], title="Den hemliga reformen om lunch",
                                        source_kind="manifesto", period_start=2022)
    draft_decision = agenda.decision_create(organisation=branches["stockholm"], date=dt.date(2024, 2, 1),
                                            body="council", title="Det ännu inte publicerade beslutet")
    draft_group = policy.group_create(organisation=branches["malmo"], name="Den slutna arbetsgruppen",
                                      is_published=False)
    objects = {
        **branches,
        "draft_agreement": draft_agreement,
        "draft_reform": draft_reform,
        "draft_decision": draft_decision,
        "draft_group": draft_group,
        "national": national,
        "hidden": hidden,
        "member_role": member_role,
        "council": council,
        "committee": one("councils.Committee", council=council),
        "s_scenario": s_scenario,
        "v_scenario": v_scenario,
        "campaign_public": campaign_public,
        "campaign_private": campaign_private,
        "report": one("campaigns.Report", campaign=campaign_public, organisation__parent=branches["lund"]),
        "election": one("elections.Election", municipality_id="1281", year=2018, is_official=True),
        "agreement": one("agenda.Agreement", organisation=branches["huddinge"]),
        "reform": one("agenda.Reform", organisation=branches["huddinge"]),
        "decision": one("agenda.Decision", organisation=branches["stockholm"]),
        "group": group,
        "membership": one("policy.GroupMembership", group=group),
        "deliverable": one("policy.Deliverable", group=group),
        "motion": motion,
        "event_private": event_private,
        "event_public": event_public,
        "consultation": one("policy.Consultation", organisation=branches["malmo"]),
    }

    s_secrets = [
        "Hemliga Medlemsdotter", "hemliga.medlemsdotter@example.org", "070-111 22 33", hidden.name,
        campaign_private.name, event_private.title, motion.title, draft_agreement.title, draft_reform.title,
        draft_decision.title, draft_group.name,
        *apps.get_model("councils.Scenario").objects.filter(organisation__party=s).values_list("name", flat=True),
        *[text for model in ("agenda.Agreement", "agenda.Reform", "agenda.Decision")
          for text in apps.get_model(model).objects.exclude(internal_notes="").values_list("internal_notes", flat=True)],
        # Registrations: the e-mail, and a typed name unless the person is named publicly elsewhere.
        *apps.get_model("policy.Registration").objects.exclude(email="").values_list("email", flat=True),
        *[name for name in apps.get_model("policy.Registration").objects.exclude(name="").values_list("name", flat=True)
          if not any(p.full_name == name for p in Person.objects.filter(last_name=name.split()[-1]))],
    ]
    answers = [text for text in apps.get_model("policy.Answer").objects.values_list("text", flat=True) if text]
    world = World(
        objects=objects,
        users=users,
        s_secrets=[text for text in s_secrets if len(text) >= 8] + answers,
        v_secrets=[v_scenario.name],
        leader_secrets=answers,
    )
    # The secrets must be there to be kept: without them the checks below prove nothing.
    assert len(world.s_secrets) >= 15 and answers and "Förhandlas i hemlighet." in world.s_secrets
    return world


I = Instance  # noqa: E741 - the tables below read better short

#: Every page: its rule and the requests to make. Keys are URL names.
PAGES: dict[str, tuple[Rule, Callable[[World], list[Instance]]]] = {
    "home": (Rule.OPEN, lambda w: [I()]),
    "login": (Rule.OPEN, lambda w: [I()]),
    "logout": (Rule.OPEN, lambda w: [I()]),
    "set_language": (Rule.OPEN, lambda w: [I()]),
    "api:openapi-json": (Rule.OPEN, lambda w: [I()]),
    "api:openapi-view": (Rule.OPEN, lambda w: [I()]),
    "api:api-root": (Rule.OPEN, lambda w: [I()]),
    # organisations
    "organisations:overview": (Rule.ACCOUNT, lambda w: [I()]),
    "organisations:my_data": (Rule.ACCOUNT, lambda w: [I()]),
    "organisations:my_data_export": (Rule.ACCOUNT, lambda w: [I()]),
    "policy:my_data": (Rule.ACCOUNT, lambda w: [I()]),
    "organisations:list": (Rule.PUBLIC, lambda w: [I()]),
    "organisations:public": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.lund.pk}),
                                                     I({"organisation_id": w.hidden.pk})]),
    "organisations:internal": (Rule.INTERNAL, lambda w: [I({"organisation_id": w.lund.pk})]),
    "organisations:role_add": (Rule.MANAGE, lambda w: [I({"organisation_id": w.lund.pk})]),
    "organisations:role_end": (Rule.WRITE_MANAGE, lambda w: [
        I({"organisation_id": w.lund.pk, "role_id": w.member_role.pk}, body={"end": "2026-01-01"})]),
    # campaigns
    "campaigns:list": (Rule.PUBLIC, lambda w: [I()]),
    "campaigns:service_worker": (Rule.OPEN, lambda w: [I()]),
    "campaigns:detail": (Rule.PUBLIC, lambda w: [I({"campaign_id": w.campaign_public.pk}),
                                                 I({"campaign_id": w.campaign_private.pk})]),
    "campaigns:branches": (Rule.PUBLIC, lambda w: [I({"campaign_id": w.campaign_public.pk}),
                                                   I({"campaign_id": w.campaign_private.pk})]),
    "campaigns:report": (Rule.INTERNAL, lambda w: [I({"campaign_id": w.campaign_public.pk}, party_wide=True),
                                                   I({"campaign_id": w.campaign_private.pk})]),
    "campaigns:bulk": (Rule.INTERNAL, lambda w: [I({"campaign_id": w.campaign_public.pk}, party_wide=True),
                                                 I({"campaign_id": w.campaign_private.pk})]),
    "campaigns:csv_import": (Rule.INTERNAL, lambda w: [I({"campaign_id": w.campaign_public.pk}, party_wide=True),
                                                     I({"campaign_id": w.campaign_private.pk})]),
    "campaigns:report_delete": (Rule.WRITE_MANAGE, lambda w: [
        I({"campaign_id": w.campaign_public.pk, "report_id": w.report.pk})]),
    "campaigns:leaderboard_choice": (Rule.WRITE, lambda w: [
        I({"campaign_id": w.campaign_private.pk}, body={"opt_in": "1"})]),
    "campaigns:organisation": (Rule.PUBLIC, lambda w: [
        I({"campaign_id": w.campaign_public.pk, "organisation_id": w.lund.pk}),
        I({"campaign_id": w.campaign_public.pk, "organisation_id": w.hidden.pk}),
        I({"campaign_id": w.campaign_private.pk, "organisation_id": w.malmo.pk})]),
    "campaigns:widget": (Rule.PUBLIC, lambda w: [
        I({"campaign_id": w.campaign_public.pk, "organisation_id": w.lund.pk}),
        I({"campaign_id": w.campaign_private.pk, "organisation_id": w.malmo.pk})]),
    "campaigns:targets": (Rule.MANAGE, lambda w: [
        I({"campaign_id": w.campaign_public.pk, "organisation_id": w.lund.pk}),
        I({"campaign_id": w.campaign_private.pk, "organisation_id": w.malmo.pk})]),
    "campaigns:export_csv": (Rule.INTERNAL, lambda w: [
        I({"campaign_id": w.campaign_public.pk, "organisation_id": w.lund.pk}),
        I({"campaign_id": w.campaign_private.pk, "organisation_id": w.malmo.pk})]),
    "campaigns:export_xlsx": (Rule.INTERNAL, lambda w: [
        I({"campaign_id": w.campaign_public.pk, "organisation_id": w.lund.pk})]),
    # elections: official results are public; entering one's own needs a leader in the municipality
    "elections:index": (Rule.PUBLIC, lambda w: [I()]),
    "elections:result": (Rule.PUBLIC, lambda w: [I({"election_id": w.election.pk})]),
    "elections:result_delete": (Rule.WRITE_MANAGE, lambda w: [I({"election_id": w.election.pk})]),
    "elections:municipality": (Rule.PUBLIC, lambda w: [I({"code": "1281"})]),
    "elections:election": (Rule.PUBLIC, lambda w: [I({"code": "1281", "year": 2018})]),
    "elections:what_if": (Rule.PUBLIC, lambda w: [I({"code": "1281", "year": 2018})]),
    "elections:what_if_fragment": (Rule.COMPUTE, lambda w: [I({"code": "1281", "year": 2018})]),
    "elections:result_new": (Rule.MANAGE, lambda w: [I({"code": "1281", "year": 2018})]),
    # councils: the council is public; scenarios (joint-list planning) belong to a branch
    "councils:index": (Rule.PUBLIC, lambda w: [I()]),
    "councils:add": (Rule.LEADERS, lambda w: [I()]),
    "councils:council": (Rule.PUBLIC, lambda w: [I({"council_id": w.council.pk})]),
    "councils:edit": (Rule.MANAGE, lambda w: [I({"council_id": w.council.pk}, municipality_wide=True)]),
    "councils:order_save": (Rule.WRITE_MANAGE, lambda w: [I({"council_id": w.council.pk}, municipality_wide=True)]),
    "councils:committee_add": (Rule.WRITE_MANAGE, lambda w: [
        I({"council_id": w.council.pk}, body={"name": "Läckagenämnden", "places": "5", "substitutes": "5"},
          municipality_wide=True)]),
    "councils:committee_remove": (Rule.WRITE_MANAGE, lambda w: [
        I({"council_id": w.council.pk, "committee_id": w.committee.pk}, municipality_wide=True)]),
    # The planner is a calculator for anyone signed in; it lists the scenarios one may see.
    "councils:planner": (Rule.ACCOUNT, lambda w: [I({"council_id": w.council.pk})]),
    "councils:scenario_add": (Rule.WRITE_MANAGE, lambda w: [I({"council_id": w.council.pk}, body={
        "organisation": w.huddinge.pk, "name": "Läckagescenariot", "lists": "S+V"})]),
    "councils:scenario": (Rule.INTERNAL, lambda w: [I({"council_id": w.council.pk, "scenario_id": w.s_scenario.pk})]),
    "councils:scenario_edit": (Rule.MANAGE, lambda w: [
        I({"council_id": w.council.pk, "scenario_id": w.s_scenario.pk})]),
    "councils:scenario_remove": (Rule.WRITE_MANAGE, lambda w: [
        I({"council_id": w.council.pk, "scenario_id": w.s_scenario.pk})]),
    "councils:ballots": (Rule.INTERNAL, lambda w: [I({"council_id": w.council.pk, "scenario_id": w.s_scenario.pk})]),
    "councils:ballots_csv": (Rule.INTERNAL, lambda w: [
        I({"council_id": w.council.pk, "scenario_id": w.s_scenario.pk})]),
    # agenda: the report and published items are public; drafts and notes are internal
    "agenda:report_latest": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.huddinge.pk}),
                                                     I({"organisation_id": w.stockholm.pk})]),
    "agenda:report": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.huddinge.pk, "period": "2022-2026"}),
                                              I({"organisation_id": w.stockholm.pk, "period": "2022-2026"})]),
    "agenda:embed": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.stockholm.pk, "period": "2022-2026"})]),
    "agenda:feed": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.stockholm.pk})]),
    "agenda:internal": (Rule.INTERNAL, lambda w: [I({"organisation_id": w.huddinge.pk}),
                                                  I({"organisation_id": w.stockholm.pk})]),
    "agenda:agreement_create": (Rule.MANAGE, lambda w: [I({"organisation_id": w.huddinge.pk})]),
    "agenda:reform_create": (Rule.MANAGE, lambda w: [I({"organisation_id": w.huddinge.pk})]),
    "agenda:decision_create": (Rule.MANAGE, lambda w: [I({"organisation_id": w.stockholm.pk})]),
    "agenda:bullets_import": (Rule.MANAGE, lambda w: [I({"organisation_id": w.huddinge.pk})]),
    "agenda:csv_import": (Rule.MANAGE, lambda w: [I({"organisation_id": w.huddinge.pk})]),
    "agenda:csv_export": (Rule.INTERNAL, lambda w: [I({"organisation_id": w.huddinge.pk, "kind": "reformer"}),
                                                    I({"organisation_id": w.stockholm.pk, "kind": "beslut"})]),
    "agenda:agreement": (Rule.PUBLIC, lambda w: [I({"agreement_id": w.agreement.pk}),
                                                 I({"agreement_id": w.draft_agreement.pk})]),
    "agenda:agreement_edit": (Rule.MANAGE, lambda w: [I({"agreement_id": w.draft_agreement.pk})]),
    "agenda:reform": (Rule.PUBLIC, lambda w: [I({"reform_id": w.reform.pk}), I({"reform_id": w.draft_reform.pk})]),
    "agenda:reform_edit": (Rule.MANAGE, lambda w: [I({"reform_id": w.draft_reform.pk})]),
    "agenda:reform_status": (Rule.MANAGE, lambda w: [I({"reform_id": w.reform.pk})]),
    "agenda:decision_edit": (Rule.MANAGE, lambda w: [I({"decision_id": w.draft_decision.pk})]),
    # policy: published groups and events are public; motions, consultations and the rest internal
    "policy:overview": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:deadlines": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:deadlines_ics": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:events": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:events_ics": (Rule.PUBLIC, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:motions": (Rule.INTERNAL, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:motion_new": (Rule.INTERNAL, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:consultations": (Rule.INTERNAL, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:programme_new": (Rule.MANAGE, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:group_new": (Rule.MANAGE, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:event_new": (Rule.MANAGE, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:consultation_new": (Rule.MANAGE, lambda w: [I({"organisation_id": w.malmo.pk})]),
    "policy:group": (Rule.PUBLIC, lambda w: [I({"group_id": w.group.pk}), I({"group_id": w.draft_group.pk})]),
    "policy:group_edit": (Rule.MANAGE, lambda w: [I({"group_id": w.group.pk})]),
    "policy:group_ics": (Rule.PUBLIC, lambda w: [I({"group_id": w.group.pk}), I({"group_id": w.draft_group.pk})]),
    "policy:membership_add": (Rule.MANAGE, lambda w: [I({"group_id": w.group.pk})]),
    "policy:membership_end": (Rule.WRITE_MANAGE, lambda w: [
        I({"group_id": w.group.pk, "membership_id": w.membership.pk}, body={"end": "2026-01-01"})]),
    "policy:deliverable_add": (Rule.MANAGE, lambda w: [I({"group_id": w.group.pk})]),
    "policy:deliverable_status": (Rule.WRITE_MANAGE, lambda w: [
        I({"group_id": w.group.pk, "deliverable_id": w.deliverable.pk}, body={"status": "done"})]),
    "policy:motion": (Rule.PUBLIC, lambda w: [I({"motion_id": w.motion.pk})]),
    "policy:motion_edit": (Rule.MANAGE, lambda w: [I({"motion_id": w.motion.pk})]),
    "policy:motion_cosign": (Rule.WRITE, lambda w: [I({"motion_id": w.motion.pk})]),
    "policy:motion_submit": (Rule.WRITE, lambda w: [I({"motion_id": w.motion.pk})]),
    "policy:motion_decide": (Rule.MANAGE, lambda w: [I({"motion_id": w.motion.pk})]),
    "policy:motion_send": (Rule.WRITE_MANAGE, lambda w: [I({"motion_id": w.motion.pk})]),
    "policy:motion_publish": (Rule.WRITE_MANAGE, lambda w: [I({"motion_id": w.motion.pk})]),
    "policy:motion_print": (Rule.PUBLIC, lambda w: [I({"motion_id": w.motion.pk})]),
    "policy:event": (Rule.PUBLIC, lambda w: [I({"event_id": w.event_public.pk}),
                                             I({"event_id": w.event_private.pk})]),
    "policy:event_edit": (Rule.MANAGE, lambda w: [I({"event_id": w.event_public.pk})]),
    "policy:consultation": (Rule.INTERNAL, lambda w: [I({"consultation_id": w.consultation.pk})]),
    "policy:consultation_summary": (Rule.INTERNAL, lambda w: [I({"consultation_id": w.consultation.pk})]),
}

#: Every API operation, as "METHOD path" of the OpenAPI description.
ENDPOINTS: dict[str, tuple[Rule, Callable[[World], list[Instance]]]] = {
    "GET /api/v1/organisations": (Rule.PUBLIC, lambda w: [I(), I(query={"municipality": "1281"})]),
    "GET /api/v1/organisations/{organisation_id}": (Rule.PUBLIC, lambda w: [
        I({"organisation_id": w.lund.pk}), I({"organisation_id": w.hidden.pk})]),
    "GET /api/v1/municipalities": (Rule.PUBLIC, lambda w: [I(query={"county": "12"})]),
    "GET /api/v1/campaigns": (Rule.PUBLIC, lambda w: [I()]),
    "GET /api/v1/campaigns/{campaign_id}": (Rule.PUBLIC, lambda w: [
        I({"campaign_id": w.campaign_public.pk}), I({"campaign_id": w.campaign_private.pk})]),
    "GET /api/v1/campaigns/{campaign_id}/progress": (Rule.PUBLIC, lambda w: [
        I({"campaign_id": w.campaign_public.pk}, {"organisation": w.lund.pk}),
        I({"campaign_id": w.campaign_public.pk}, {"organisation": w.hidden.pk}),
        I({"campaign_id": w.campaign_private.pk}, {"organisation": w.malmo.pk})]),
    "POST /api/v1/campaigns/{campaign_id}/reports": (Rule.WRITE, lambda w: [
        I({"campaign_id": w.campaign_private.pk}, body={
            "organisation": w.malmo.pk, "date": "2024-05-01", "place": "Möllevångstorget",
            "activity": "door", "conversations": 3})]),
    "GET /api/v1/elections": (Rule.PUBLIC, lambda w: [I(query={"municipality": "1281"})]),
    "GET /api/v1/elections/{election_id}": (Rule.PUBLIC, lambda w: [I({"election_id": w.election.pk})]),
    "GET /api/v1/councils": (Rule.PUBLIC, lambda w: [I()]),
    "GET /api/v1/councils/{council_id}": (Rule.PUBLIC, lambda w: [I({"council_id": w.council.pk})]),
    "GET /api/v1/councils/{council_id}/coalitions": (Rule.PUBLIC, lambda w: [I({"council_id": w.council.pk})]),
    "POST /api/v1/committee/allocate": (Rule.COMPUTE, lambda w: [I()]),
    "POST /api/v1/committee/plan": (Rule.COMPUTE, lambda w: [I()]),
    "GET /api/v1/councils/{council_id}/scenarios": (Rule.ACCOUNT, lambda w: [I({"council_id": w.council.pk})]),
    "POST /api/v1/councils/{council_id}/scenarios": (Rule.WRITE_MANAGE, lambda w: [
        I({"council_id": w.council.pk}, body={
            "organisation_id": w.huddinge.pk, "name": "Läckagescenariot", "lists": [{"parties": ["S", "V"]}]})]),
    "GET /api/v1/councils/{council_id}/scenarios/{scenario_id}": (Rule.INTERNAL, lambda w: [
        I({"council_id": w.council.pk, "scenario_id": w.s_scenario.pk})]),
    "PUT /api/v1/councils/{council_id}/scenarios/{scenario_id}": (Rule.WRITE_MANAGE, lambda w: [
        I({"council_id": w.council.pk, "scenario_id": w.s_scenario.pk}, body={
            "name": "Läckagescenariot", "lists": [{"parties": ["S", "V"]}]})]),
    "DELETE /api/v1/councils/{council_id}/scenarios/{scenario_id}": (Rule.WRITE_MANAGE, lambda w: [
        I({"council_id": w.council.pk, "scenario_id": w.s_scenario.pk})]),
    "GET /api/v1/agreements": (Rule.PUBLIC, lambda w: [I(), I(query={"organisation": w.huddinge.pk})]),
    "GET /api/v1/agreements/{agreement_id}": (Rule.PUBLIC, lambda w: [
        I({"agreement_id": w.agreement.pk}), I({"agreement_id": w.draft_agreement.pk})]),
    "GET /api/v1/reports/{organisation_id}": (Rule.PUBLIC, lambda w: [
        I({"organisation_id": w.huddinge.pk}), I({"organisation_id": w.stockholm.pk})]),
    "GET /api/v1/organisations/{organisation_id}/working-groups": (Rule.PUBLIC, lambda w: [
        I({"organisation_id": w.malmo.pk})]),
    "GET /api/v1/organisations/{organisation_id}/events.ics": (Rule.PUBLIC, lambda w: [
        I({"organisation_id": w.malmo.pk})]),
}


# --- Enumerating what exists ----------------------------------------------------------------------


def url_names() -> dict[str, list[str]]:
    """Every named URL pattern outside the admin, with its path arguments."""
    found: dict[str, list[str]] = {}

    def walk(patterns, namespace: str | None) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                if pattern.namespace == "admin":
                    continue
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern):
                assert pattern.name, f"unnamed URL pattern {pattern.pattern}: give it a name and a rule"
                name = f"{namespace}:{pattern.name}" if namespace else pattern.name
                found[name] = list(getattr(pattern.pattern, "converters", {}))

    walk(get_resolver().url_patterns, None)
    return found


def openapi_operations() -> dict[str, dict]:
    from folkvald.api import api

    schema = api.get_openapi_schema(path_prefix="/api")
    return {f"{method.upper()} {path}": operation
            for path, operations in schema["paths"].items() for method, operation in operations.items()}


def test_every_page_and_endpoint_has_a_rule():
    operations = openapi_operations()
    operation_names = {operation["operationId"].rsplit("_api_", 1)[-1] for operation in operations.values()}
    pages = {name for name in url_names() if not (name.startswith("api:") and name[4:] in operation_names)}
    assert sorted(pages - PAGES.keys()) == [], "pages without a rule in tests/core/test_no_leaks.py"
    assert sorted(PAGES.keys() - pages) == [], "rules for pages that no longer exist"
    assert sorted(operations.keys() - ENDPOINTS.keys()) == [], "API operations without a rule"
    assert sorted(ENDPOINTS.keys() - operations.keys()) == [], "rules for operations that no longer exist"


# --- Requesting everything ------------------------------------------------------------------------


def rows_in_the_database() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in apps.get_models()
            if model._meta.app_label.startswith(("organisations", "campaigns", "elections", "councils", "agenda",
                                                 "policy", "auth"))}


#: What a policy of 'self' only blocks: inline scripts (JSON data blocks are not run), style attributes
#: and <style> elements, event-handler attributes.
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/(?:ld\+)?json\")[^>]*>", re.IGNORECASE)
INLINE_STYLE = re.compile(r"<style\b|\sstyle=\"", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+=\"", re.IGNORECASE)


def refused(response, login_path: str) -> bool:
    """Not shown: not found, forbidden, not allowed, or sent to sign in."""
    if response.status_code in (401, 403, 404, 405):
        return True
    return response.status_code == 302 and response["Location"].startswith(login_path)


def write_refused(response, login_path: str) -> bool:
    """A write that did not happen: any client error (a form refusing a choice it does not offer is one)."""
    return refused(response, login_path) or 400 <= response.status_code < 500


def text_of(response) -> str:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content).decode("utf-8", "replace")
    body = response.content.decode("utf-8", "replace")
    if response.get("Content-Type", "").startswith("application/json"):
        # JSON escapes non-ASCII; compare with the text itself.
        try:
            return json.dumps(json.loads(body), ensure_ascii=False)
        except ValueError:
            return body
    return body


@dataclass
class Request:
    label: str
    rule: Rule
    method: str
    path: str
    instance: Instance
    is_api: bool


def requests_to_make(world: World) -> list[Request]:
    made: list[Request] = []
    for name, (rule, instances) in PAGES.items():
        for instance in instances(world):
            path = reverse(name, kwargs=instance.kwargs)
            method = "post" if rule in (Rule.WRITE, Rule.WRITE_MANAGE, Rule.COMPUTE) else "get"
            made.append(Request(name, rule, method, path, instance, is_api=False))
    for key, (rule, instances) in ENDPOINTS.items():
        method, template = key.split(" ", 1)
        for instance in instances(world):
            path = template.format(**instance.kwargs)
            made.append(Request(key, rule, method.lower(), path, instance, is_api=True))
    return made


def send(client: Client, request: Request, *, method: str | None = None):
    method = method or request.method
    if method == "get":
        return client.get(request.path, request.instance.query)
    path = request.path
    if request.instance.query:
        from urllib.parse import urlencode

        path += "?" + urlencode(request.instance.query)
    body = request.instance.body or {}
    if request.is_api:
        return getattr(client, method)(path, json.dumps(body), content_type="application/json")
    return getattr(client, method)(path, body)


def test_no_internal_page_or_endpoint_leaks():
    world = build_world()
    login_path = reverse("login")
    clients: dict[str, Client] = {}
    for name, user in world.users.items():
        clients[name] = Client()
        if user is not None:
            clients[name].force_login(user)

    problems: list[str] = []

    def check_secrets(who: str, request: Request, response, method: str | None = None) -> None:
        text = text_of(response)
        if who == "rival":
            secrets = world.s_secrets
        elif who in INSIDERS:
            secrets = world.v_secrets + (world.leader_secrets if who == "member" else [])
        else:
            secrets = world.s_secrets + world.v_secrets
        for secret in secrets:
            if secret in text:
                problems.append(f"{who} reads {secret!r} at {(method or request.method).upper()} {request.path}")

    def check_policy(who: str, request: Request, response) -> None:
        """Every page carries the Content-Security-Policy, and nothing in it that the policy would block."""
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            return
        csp = response.get("Content-Security-Policy", "")
        where = f"GET {request.path} ({who})"
        if "script-src 'self'" not in csp or "unsafe-" in csp:
            problems.append(f"{where}: Content-Security-Policy {csp!r}")
        text = text_of(response)
        if INLINE_SCRIPT.search(text) or INLINE_STYLE.search(text) or INLINE_HANDLER.search(text):
            found = (INLINE_SCRIPT.search(text) or INLINE_STYLE.search(text) or INLINE_HANDLER.search(text)).group(0)
            problems.append(f"{where}: {found[:80]!r} is blocked by the Content-Security-Policy")

    every_request = requests_to_make(world)
    reads = [r for r in every_request if r.method == "get"]
    writes = [r for r in every_request if r.method != "get"]

    for request in reads:
        responses = {who: send(client, request) for who, client in clients.items()}
        where = f"GET {request.path} ({request.label}, {request.rule.value})"
        for who, response in responses.items():
            check_secrets(who, request, response)
            check_policy(who, request, response)
        outsiders = [who for who in NOT_INSIDERS if who not in request.instance.insiders()]
        status = {who: response.status_code for who, response in responses.items()}
        if request.rule in (Rule.INTERNAL, Rule.MANAGE):
            for who in outsiders:
                if not refused(responses[who], login_path):
                    problems.append(f"{where}: {who} gets {status[who]}")
            if status["owner"] != 200:
                problems.append(f"{where}: the owner gets {status['owner']}, not the page")
            if request.rule is Rule.INTERNAL and status["member"] != 200:
                problems.append(f"{where}: the member gets {status['member']}, not the page")
            if request.rule is Rule.MANAGE and not refused(responses["member"], login_path):
                problems.append(f"{where}: a plain member gets {status['member']}")
        elif request.rule is Rule.LEADERS:
            for who in ("anonymous", "outsider", "member"):
                if not refused(responses[who], login_path):
                    problems.append(f"{where}: {who}, who leads nothing, gets {status[who]}")
            if status["owner"] != 200:
                problems.append(f"{where}: the owner gets {status['owner']}, not the page")
        elif request.rule is Rule.ACCOUNT:
            if not refused(responses["anonymous"], login_path):
                problems.append(f"{where}: anonymous gets {status['anonymous']}")
            if status["outsider"] != 200:
                problems.append(f"{where}: a signed-in outsider gets {status['outsider']}, not their page")
        elif request.rule is Rule.PUBLIC:
            baseline = refused(responses["anonymous"], login_path)
            for who in outsiders:
                if refused(responses[who], login_path) != baseline:
                    problems.append(f"{where}: {who} gets {status[who]}, anonymous {status['anonymous']}")

    # Writes by those who may not: refused, and nothing changes. The forms of internal pages too.
    before = rows_in_the_database()
    form_pages = [r for r in reads if r.rule in (Rule.INTERNAL, Rule.MANAGE, Rule.LEADERS) and not r.is_api]
    for request in writes + form_pages:
        if request.rule is Rule.COMPUTE:
            for who, client in clients.items():
                check_secrets(who, request, send(client, request))
            continue
        method = "post" if request.method == "get" else request.method
        if request.rule is Rule.LEADERS:
            who_may_not = ["anonymous", "outsider", "member"]
        else:
            who_may_not = [who for who in NOT_INSIDERS if who not in request.instance.insiders()]
            if request.rule in (Rule.MANAGE, Rule.WRITE_MANAGE):
                who_may_not.append("member")
        for who in who_may_not:
            response = send(clients[who], request, method=method)
            check_secrets(who, request, response, method)
            if not write_refused(response, login_path):
                problems.append(f"{method.upper()} {request.path} ({request.label}): {who} gets {response.status_code}")
    after = rows_in_the_database()
    changed = {label: (before[label], after[label]) for label in before if before[label] != after[label]}
    if changed:
        problems.append(f"writes by those who may not changed the database: {changed}")

    assert problems == [], "\n".join(problems)


def test_the_admin_is_for_staff_only(client, world):
    """Django's admin: every registered model's list refuses those who are not staff, whatever their roles."""
    from django.contrib import admin

    urls = [reverse("admin:index")] + [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist") for model in admin.site._registry
    ]
    for user in (world.owner, world.member, world.outsider, None):
        client.logout()
        if user is not None:
            client.force_login(user)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 302 and response["Location"].startswith(reverse("admin:login")), url
