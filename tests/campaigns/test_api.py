"""The public JSON API: its contracts (paths and fields) and who may post."""

from __future__ import annotations

import json
import uuid

import pytest
from django.test import Client
from django.utils import timezone

from folkvald.campaigns import services
from folkvald.campaigns.models import Report, WeekTally
from tests.campaigns.conftest import report_payload


def client_for(user=None, *, csrf=False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    if user is not None:
        client.force_login(user)
    return client


def post(client, campaign, payload, **headers):
    return client.post(f"/api/v1/campaigns/{campaign.pk}/reports", json.dumps(payload),
                       content_type="application/json", **headers)


def national_total(campaign, organisation):
    return sum(WeekTally.objects.filter(campaign=campaign, organisation=organisation).values_list(
        "conversations", flat=True))


def test_list_campaigns_is_public_and_keeps_its_fields(world, campaign, private_campaign):
    response = Client().get("/api/v1/campaigns")
    assert response.status_code == 200
    assert response.json() == [{
        "id": campaign.pk, "name": "Samtalskampanjen", "start": "2014-01-01", "end": "2014-09-14",
        "national_target": 1_500_000, "organisation_id": world.national.pk, "topics": ["skola", "vård", "jobb"],
    }]
    # Lund's own people see Lund's internal campaign too; Malmö's chair does not.
    assert {c["id"] for c in client_for(world.member).get("/api/v1/campaigns").json()} == {
        campaign.pk, private_campaign.pk}
    assert {c["id"] for c in client_for(world.other_member).get("/api/v1/campaigns").json()} == {campaign.pk}


def test_post_a_report_then_the_same_id_again(world, campaign):
    client = client_for(world.member)
    report_id = str(uuid.uuid4())
    first = post(client, campaign, report_payload(world.branch, id=report_id))
    assert first.status_code == 201, first.content
    body = first.json()
    assert body["id"] == report_id
    assert body["conversations"] == 12
    assert body["topics"] == ["skola", "jobb"]
    assert body["organisation_id"] == world.branch.pk
    again = post(client, campaign, report_payload(world.branch, id=report_id))
    assert again.status_code == 200
    assert again.json()["id"] == report_id
    assert again.json()["topics"] == ["skola", "jobb"]  # read back from the database
    stored = Report.objects.get()
    assert (str(stored.pk), stored.topics, stored.conversations, stored.date.isoformat()) == (
        report_id, ["skola", "jobb"], 12, "2014-05-03")
    assert Report.objects.count() == 1
    assert national_total(campaign, world.national) == 12
    progress = Client().get(f"/api/v1/campaigns/{campaign.pk}/progress?organisation={world.branch.pk}").json()
    assert progress["reported"] == 12


def test_the_answer_to_a_post_is_exactly_the_documented_schema(world, campaign):
    """The answer is rendered without ninja's output validation: held to the OpenAPI schema here."""
    from folkvald.campaigns.api import ReportOut

    client = client_for(world.member)
    for status in (201, 200):  # new, then the same id again
        response = post(client, campaign, report_payload(world.branch, id="5d1f0a5e-8d52-4a4e-9a53-1f6f0c0ffee1"))
        assert response.status_code == status
        assert response["Content-Type"] == "application/json; charset=utf-8"
        body = response.json()
        assert set(body) == set(ReportOut.model_fields)
        assert ReportOut.model_validate(body).model_dump(mode="json").keys() == body.keys()
        assert body["date"] == "2014-05-03" and body["team_id"] is None and body["note"] == ""
        assert body["created"].endswith("Z") or "+" in body["created"]
    spec = Client().get("/api/openapi.json").json()
    answers = spec["paths"]["/api/v1/campaigns/{campaign_id}/reports"]["post"]["responses"]
    assert answers["201"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ReportOut"}


def test_post_without_id_gets_one_from_the_server(world, campaign):
    response = post(client_for(world.member), campaign, report_payload(world.branch))
    assert response.status_code == 201
    assert uuid.UUID(response.json()["id"])


def test_post_needs_a_csrf_token(world, campaign):
    client = client_for(world.member, csrf=True)
    refused = post(client, campaign, report_payload(world.branch))
    assert refused.status_code == 403
    assert Report.objects.count() == 0
    page = client.get(f"/kampanjer/{campaign.pk}/rapportera/")
    assert page.status_code == 200
    token = client.cookies["csrftoken"].value
    accepted = post(client, campaign, report_payload(world.branch), HTTP_X_CSRFTOKEN=token)
    assert accepted.status_code == 201


@pytest.mark.parametrize("who", ["anonymous", "outsider", "other_member"])
def test_who_may_not_post_for_lund(world, campaign, who):
    client = Client() if who == "anonymous" else client_for(getattr(world, who))
    response = post(client, campaign, report_payload(world.branch))
    assert response.status_code in (401, 403, 404)
    assert Report.objects.count() == 0


def test_a_member_cannot_post_for_an_association_without_a_role_there(world, campaign):
    # world.member holds a role in the branch only, not in the private association beneath it.
    response = post(client_for(world.member), campaign, report_payload(world.private_association))
    assert response.status_code == 404
    # The association's own member may; the branch's leader may too (leaders report for what they lead).
    assert post(client_for(world.association_member), campaign, report_payload(world.association)).status_code == 201
    assert post(client_for(world.owner), campaign, report_payload(world.private_association)).status_code == 201


def test_invalid_report_is_422_with_the_field_named(world, campaign):
    response = post(client_for(world.member), campaign, report_payload(world.branch, conversations=0))
    assert response.status_code == 422
    assert "conversations" in response.json()["errors"]
    response = post(client_for(world.member), campaign, report_payload(world.branch, date="2015-01-01"))
    assert response.status_code == 422
    assert "date" in response.json()["errors"]


def test_progress_contract(world, campaign):
    services.target_adopt(campaign=campaign, organisation=world.branch, value=15_000)
    post(client_for(world.member), campaign, report_payload(world.branch, conversations=300))
    body = Client().get(f"/api/v1/campaigns/{campaign.pk}/progress?organisation={world.branch.pk}").json()
    assert set(body) == {"campaign_id", "organisation_id", "organisation", "target", "reported", "reports",
                         "share", "by_week"}
    assert (body["target"], body["reported"], body["share"]) == (15_000, 300, 0.02)
    week = next(w for w in body["by_week"] if w["conversations"])
    assert week == {"week": "2014-W18", "start": "2014-04-28", "conversations": 300, "cumulative": 300,
                    "target": week["target"], "pace": week["pace"]}
    assert body["by_week"][-1]["pace"] == 15_000
    national = Client().get(f"/api/v1/campaigns/{campaign.pk}/progress").json()
    assert (national["organisation_id"], national["target"], national["reported"]) == (
        world.national.pk, 1_500_000, 300)


def test_private_data_never_leaks_through_the_api(world, campaign, private_campaign):
    # A private campaign: 404 for the public, an outsider and another branch's chair.
    for client in (Client(), client_for(world.outsider), client_for(world.other_member)):
        assert client.get(f"/api/v1/campaigns/{private_campaign.pk}/progress").status_code == 404
        assert client.get(f"/api/v1/campaigns/{private_campaign.pk}").status_code == 404
    # A private organisation's progress in a public campaign: 404 for those outside it.
    url = f"/api/v1/campaigns/{campaign.pk}/progress?organisation={world.other_branch.pk}"
    assert Client().get(url).status_code == 404
    assert client_for(world.member).get(url).status_code == 404
    assert client_for(world.other_member).get(url).status_code == 200
    assert client_for(world.member).get(f"/api/v1/campaigns/{private_campaign.pk}/progress").status_code == 200


def test_a_place_is_a_named_place_a_constituency_or_a_district_never_an_address(world, campaign):
    client = client_for(world.member)
    district = post(client, campaign, report_payload(world.branch, place_kind="district", place="Lund 0123"))
    assert district.status_code == 201
    assert (district.json()["place_kind"], district.json()["place"]) == ("district", "Lund 0123")
    address = post(client, campaign, report_payload(world.branch, place_kind="address", place="Storgatan 1"))
    assert address.status_code == 422
    assert "place_kind" in address.json()["errors"]
    assert Report.objects.count() == 1


def test_the_activities_are_those_of_the_campaign_trail(world, campaign):
    client = client_for(world.member)
    for activity in ("door_knocking", "street_stall", "phone", "meeting", "event"):
        assert post(client, campaign, report_payload(world.branch, activity=activity)).status_code == 201
    refused = post(client, campaign, report_payload(world.branch, activity="dance"))
    assert refused.status_code == 422 and "activity" in refused.json()["errors"]
    assert national_total(campaign, world.national) == 5 * 12


def test_the_reporting_hot_path_keeps_the_general_access_rule(world, campaign, private_campaign):
    """The one-query check of the API (reporting_access) answers as the rule built on the general
    permissions (access_reporting) does, for every user, organisation and campaign of the world."""
    import datetime as dt

    from django.contrib.auth import get_user_model
    from django.http import Http404

    from folkvald.campaigns.permissions import access_reporting, reporting_access
    from folkvald.organisations.models import Person, Role, RoleKind
    from tests.conftest import make_user

    former = make_user("former", organisation=world.association, kind=RoleKind.CHAIR)
    Role.objects.filter(person__user=former).update(end=dt.date(2021, 1, 1))  # no longer active
    leader = make_user("assocleader", organisation=world.association, kind=RoleKind.BOARD_MEMBER)
    admin = get_user_model().objects.create_superuser("admin", password="pw-admin")
    Person.objects.create(first_name="Admin", last_name="Testsson", user=admin)
    users = [world.owner, world.member, world.outsider, world.other_member, world.association_member, former,
             leader, admin]
    organisations = [world.national, world.branch, world.association, world.private_association,
                     world.other_branch]

    def outcome(check, user, campaign_id, organisation_id):
        try:
            result = check(user, campaign_id, organisation_id)
        except Http404:
            return "404"
        return (result[0].pk, result[1].pk)

    allowed = 0
    for user in users:
        for which in (campaign, private_campaign):
            for organisation in organisations:
                general = outcome(access_reporting, user, which.pk, organisation.pk)
                assert outcome(reporting_access, user, which.pk, organisation.pk) == general, (
                    user.username, which.name, organisation.name)
                allowed += general != "404"
        assert outcome(reporting_access, user, 10**9, world.branch.pk) == "404"
        assert outcome(reporting_access, user, campaign.pk, 10**9) == "404"
    # Lund's political secretary leads the branch: it and both associations, in both campaigns (6); the
    # member the branch (2); Malmö's chair Malmö, in the national campaign only (1); the association's
    # member and its board member the association (2 + 2); the former chair nothing; the superuser every
    # organisation of both trees (5 + 3).
    assert allowed == 6 + 2 + 1 + 2 + 2 + 0 + (5 + 3)
    found, organisation, person_id, counted_for, today = reporting_access(world.owner, campaign.pk, world.association.pk)
    assert today == timezone.localdate()  # the day the roles were checked for, handed on to the date check
    assert counted_for == (world.association.pk, world.branch.pk, world.national.pk)
    assert person_id == Person.objects.get(user=world.owner).pk
    # The instances carry what the access check read, each in its own field (the model's order).
    assert (organisation.pk, organisation.name, organisation.kind, organisation.parent_id, organisation.party_id,
            organisation.is_public) == (world.association.pk, world.association.name, world.association.kind,
                                        world.branch.pk, world.association.party_id, world.association.is_public)
    assert (found.pk, found.name, found.organisation_id, found.start, found.end, found.topics, found.is_public,
            found.target_basis) == (campaign.pk, campaign.name, campaign.organisation_id, campaign.start,
                                    campaign.end, campaign.topics, campaign.is_public, campaign.target_basis)
    assert {"description", "national_target"} <= found.get_deferred_fields()
    # A campaign owned by the branch counts the association's reports up to the branch, not above.
    assert reporting_access(world.owner, private_campaign.pk, world.association.pk).counted_for == (
        world.association.pk, world.branch.pk)
