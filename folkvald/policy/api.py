"""JSON API of the policy app, mounted under /api/v1/ by folkvald.api."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from ninja import Router, Schema

from folkvald.policy import ical, selectors
from folkvald.policy.permissions import Level, access_organisation

router = Router(tags=["policy"])


class GroupMemberOut(Schema):
    name: str
    role: str
    role_label: str
    since: str


class WorkingGroupOut(Schema):
    id: int
    name: str
    kind: str
    policy_area: str
    mandate: str
    programme: str | None
    members: list[GroupMemberOut]


@router.get(
    "/organisations/{organisation_id}/working-groups",
    response=list[WorkingGroupOut],
    summary="An organisation's published working groups, with their members' names and roles",
)
def working_groups(request: HttpRequest, organisation_id: int) -> list[dict]:
    """Chair first, then the members, then the secretary, as the groups are published."""
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    return [
        {
            "id": group.pk,
            "name": group.name,
            "kind": group.kind,
            "policy_area": group.policy_area,
            "mandate": group.mandate,
            "programme": group.programme.name if group.programme else None,
            "members": [
                {
                    "name": membership.person.full_name,
                    "role": membership.role,
                    "role_label": str(membership.get_role_display()),
                    "since": membership.start.isoformat(),
                }
                for membership in group.current_members
            ],
        }
        for group in selectors.organisation_groups(organisation=organisation, internal=False)
    ]


@router.get(
    "/organisations/{organisation_id}/events.ics",
    summary="An organisation's public events as an iCalendar feed (text/calendar)",
    response={200: None},
    openapi_extra={"responses": {200: {"description": "iCalendar", "content": {"text/calendar": {}}}}},
)
def events_ics(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = access_organisation(request.user, organisation_id, need=Level.PUBLIC)
    content = ical.calendar_bytes(
        name=organisation.name,
        events=selectors.organisation_feed_events(organisation=organisation),
    )
    return ical.calendar_response(content, f"evenemang-{organisation.pk}.ics")
