"""The public API contract: GET /api/v1/organisations/{id}/working-groups and .../events.ics."""

import datetime as dt

import icalendar
import pytest

from folkvald.policy import services
from folkvald.policy.models import MemberRole


def test_working_groups_lists_published_groups_with_members_in_the_articles_order(client, policy, world):
    # A member whose seat ended is not listed.
    seat = services.membership_add(group=policy.group, role=MemberRole.MEMBER, start=dt.date(2023, 1, 1),
                                   first_name="Gammal", last_name="Ledamot")
    services.membership_end(membership=seat, end=dt.date(2023, 12, 31))
    response = client.get(f"/api/v1/organisations/{world.branch.pk}/working-groups")
    assert response.status_code == 200
    data = response.json()
    assert [group["name"] for group in data] == ["Valledningen", "Skola och unga"]  # steering group first
    school = data[1]
    assert school == {
        "id": policy.group.pk,
        "name": "Skola och unga",
        "kind": "working",
        "policy_area": "Skola",
        "mandate": "Förslag om skolan.",
        "programme": "Vision för Lund",
        "members": [
            {"name": "Ordforande Testsson", "role": "chair", "role_label": "ordförande", "since": "2024-01-01"},
            {"name": "Leda Mot", "role": "member", "role_label": "ledamot", "since": "2024-01-01"},
            {"name": "Sekr Etare", "role": "secretary", "role_label": "sekreterare", "since": "2024-01-01"},
        ],
    }
    text = response.content.decode()
    assert "Hemlig grupp" not in text and "Dold" not in text
    assert "@example.org" not in text  # no e-mail addresses


def test_unpublished_groups_stay_out_even_for_leaders(client, policy, world):
    client.force_login(world.owner)
    names = [group["name"] for group in client.get(f"/api/v1/organisations/{world.branch.pk}/working-groups").json()]
    assert "Hemlig grupp" not in names


@pytest.mark.parametrize("path", ["working-groups", "events.ics"])
def test_private_organisation_is_404(client, policy, world, path):
    assert client.get(f"/api/v1/organisations/{world.other_branch.pk}/{path}").status_code == 404
    client.force_login(world.outsider)
    assert client.get(f"/api/v1/organisations/{world.other_branch.pk}/{path}").status_code == 404
    assert client.get(f"/api/v1/organisations/999999/{path}").status_code == 404
    client.force_login(world.other_member)
    assert client.get(f"/api/v1/organisations/{world.other_branch.pk}/{path}").status_code == 200


def test_events_ics_is_valid_icalendar_with_public_events_only(client, policy, world):
    services.registration_create(event=policy.public_event, name="Hemlig Anmäld", consent=True)
    response = client.get(f"/api/v1/organisations/{world.branch.pk}/events.ics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(response.content)
    assert calendar["VERSION"] == "2.0"
    events = [component for component in calendar.walk("VEVENT")]
    assert [str(event["SUMMARY"]) for event in events] == ["Town hall om skolan"]
    event = events[0]
    assert event.decoded("DTSTART") == policy.public_event.starts_at
    assert event.decoded("DTEND") == policy.public_event.ends_at
    assert str(event["LOCATION"]) == "Stadshallen"
    assert str(event["DESCRIPTION"]) == "Arrangör: S i Lund"
    assert str(event["UID"]).startswith(f"event-{policy.public_event.pk}@")
    assert b"Internt r" not in response.content
    assert b"Hemlig" not in response.content


def test_openapi_document_still_builds(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert "/api/v1/organisations/{organisation_id}/working-groups" in paths
    assert "/api/v1/organisations/{organisation_id}/events.ics" in paths
    assert "/api/v1/organisations/{organisation_id}" in paths
