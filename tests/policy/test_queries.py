"""No N+1: the group list, the API, the event, deadline and motion lists make the same number of queries for 1 or 6 groups."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from folkvald.policy import services
from folkvald.policy.models import EventKind, MemberRole


def _add_groups(organisation, count, offset=0):
    start = dt.date(2024, 1, 1)
    for number in range(offset, offset + count):
        group = services.group_create(organisation=organisation, name=f"Grupp {number}")
        for role in (MemberRole.CHAIR, MemberRole.MEMBER, MemberRole.MEMBER, MemberRole.SECRETARY):
            services.membership_add(group=group, role=role, start=start, first_name="P", last_name=str(number))
        services.deliverable_create(group=group, title=f"Leverans {number}", deadline=dt.date(2030, 1, 1))
        event = services.event_create(
            organisation=organisation, group=group, kind=EventKind.SEMINAR, title=f"Seminarium {number}",
            starts_at=timezone.now() + dt.timedelta(days=5), place="Här", organiser="Vi",
        )
        services.registration_create(event=event, people=2)
        services.motion_create(organisation=organisation, group=group, title=f"Motion {number}", body="Text.",
                               proposals="att något sker")


def _queries(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_query_counts_do_not_grow_with_groups(client, world):
    urls = [
        f"/api/v1/organisations/{world.branch.pk}/working-groups",
        f"/api/v1/organisations/{world.branch.pk}/events.ics",
        reverse("policy:overview", args=[world.branch.pk]),
        reverse("policy:events", args=[world.branch.pk]),
        reverse("policy:deadlines", args=[world.branch.pk]),
        reverse("policy:motions", args=[world.branch.pk]),
    ]
    client.force_login(world.member)
    _add_groups(world.branch, 1)
    few = [_queries(client, url) for url in urls]
    _add_groups(world.branch, 5, offset=1)
    many = [_queries(client, url) for url in urls]
    assert many == few
