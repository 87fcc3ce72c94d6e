def test_organisations_public_list_hides_private(client, world):
    data = client.get("/api/v1/organisations").json()
    names = {item["name"] for item in data}
    assert {"S i Lund", "S-föreningen Centrum"} <= names
    assert "S i Malmö" not in names and "Hemlig förening" not in names
    lund = next(item for item in data if item["name"] == "S i Lund")
    assert lund == {
        "id": world.branch.pk,
        "name": "S i Lund",
        "kind": "branch",
        "party_abbreviation": "S",
        "municipality_code": "1281",
        "parent_id": world.national.pk,
    }


def test_organisations_list_for_member_of_other_branch(client, world):
    client.force_login(world.other_member)
    names = {item["name"] for item in client.get("/api/v1/organisations").json()}
    assert "S i Malmö" in names
    assert "Hemlig förening" not in names


def test_organisation_detail_private_is_404(client, world):
    assert client.get(f"/api/v1/organisations/{world.other_branch.pk}").status_code == 404
    assert client.get(f"/api/v1/organisations/{world.branch.pk}").status_code == 200


def test_municipalities_carry_official_figures(client, db):
    data = client.get("/api/v1/municipalities").json()
    assert len(data) == 290
    lund = next(item for item in data if item["code"] == "1281")
    # Figures from ../shared/data/kommuner.json (SCB population 2024, eligible voters 2022).
    assert lund["name"] == "Lund"
    assert lund["county_code"] == "12"
    assert lund["county"] == "Skåne län"
    assert lund["population"] > 120000
    assert lund["eligible_voters_year"] == 2022


def test_openapi_docs_are_served_without_cdn(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"cdn" not in response.content.lower()
    assert client.get("/api/openapi.json").json()["paths"]["/api/v1/organisations"]
