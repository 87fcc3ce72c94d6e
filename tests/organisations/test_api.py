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
    # The figures of ../shared/data/kommuner.json (SCB population 2024, eligible voters 2022), field by field.
    assert lund == {
        "code": "1281", "name": "Lund", "county_code": "12", "county": "Skåne län",
        "population": 131590, "population_year": 2024, "eligible_voters": 99457, "eligible_voters_year": 2022,
    }
    assert {item["county"] for item in data} >= {"Stockholms län", "Skåne län", "Norrbottens län"}
    assert len({item["county_code"] for item in data}) == 21


def test_openapi_docs_are_served_without_cdn(client, db):
    response = client.get("/api/docs")
    assert response.status_code == 200
    assert b"cdn" not in response.content.lower()
    assert client.get("/api/openapi.json").json()["paths"]["/api/v1/organisations"]


def test_organisation_detail_lists_its_public_contacts_only(client, world):
    from folkvald.organisations.models import Person, Role

    # As the Huddinge article ends: a political secretary, with a phone and an e-mail address.
    contact = Person.objects.create(first_name="Pia", last_name="Kontakt", phone="070-privat", email="pia@privat.example")
    Role.objects.create(person=contact, organisation=world.branch, kind="political_secretary", is_public_contact=True,
                        contact_phone="08-535 301 44", contact_email="pia@example.org")
    data = client.get(f"/api/v1/organisations/{world.branch.pk}").json()
    assert data["contacts"] == [
        {"name": "Pia Kontakt", "role": "politisk sekreterare", "phone": "08-535 301 44", "email": "pia@example.org"}
    ]
    assert set(data) == {"id", "name", "kind", "party_abbreviation", "municipality_code", "parent_id", "theme",
                         "description", "website", "contacts"}
