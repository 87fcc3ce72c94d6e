"""The API contract: GET /api/v1/agreements?organisation={id}, /api/v1/agreements/{id}, /api/v1/reports/{id}."""

import pytest

pytestmark = pytest.mark.django_db


def test_agreements_of_an_organisation(client, world, agenda):
    response = client.get(f"/api/v1/agreements?organisation={world.branch.pk}")
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": agenda.agreement.pk,
            "organisation_id": world.branch.pk,
            "title": "Avtal för Lund",
            "kind": "coalition",
            "kind_label": "styrande koalition",
            "period": "2022-2026",
            "date": "2022-10-10",
            "parties": [
                {"abbreviation": "MP", "name": "Miljöpartiet de gröna"},
                {"abbreviation": "S", "name": "Arbetarepartiet-Socialdemokraterna"},
                {"abbreviation": "V", "name": "Vänsterpartiet"},
            ],
        }
    ]


def test_agreement_detail_has_parties_and_published_reforms_with_status(client, world, agenda):
    data = client.get(f"/api/v1/agreements/{agenda.agreement.pk}").json()
    assert data["text"] == "Avtalets text."
    assert [p["abbreviation"] for p in data["parties"]] == ["MP", "S", "V"]
    reforms = {reform["title"]: reform for reform in data["reforms"]}
    assert set(reforms) == {"Fler lärare i skolan", "Bygg hyresrätter"}
    school = reforms["Fler lärare i skolan"]
    assert school["status"] == "in_progress"
    assert school["status_label"] == "pågår"
    assert school["policy_area"] == "Skola"
    assert school["weight"] == 3
    assert school["target"] == {"value": "100", "unit": "lärare"}
    assert school["parties"] == ["MP", "S", "V"]
    assert school["decision_ids"] == [agenda.budget.pk]  # the unpublished decision is left out
    assert reforms["Bygg hyresrätter"]["status"] == "partly_done"


def test_report_as_data(client, world, agenda):
    data = client.get(f"/api/v1/reports/{world.branch.pk}").json()
    assert data["organisation"] == {"id": world.branch.pk, "name": "S i Lund"}
    assert data["title"] == "Vad har vi gjort sedan valet?"
    assert data["period"] == "2022-2026"
    assert data["progress"] == 0.3
    assert data["progress_text"] == "30,0\xa0%"
    assert data["reform_count"] == 3
    assert data["decision_count"] == 1
    assert [area["name"] for area in data["areas"]] == ["Skola", "Bostäder"]
    school = data["areas"][0]
    assert school["progress"] == 0.25
    assert school["weight_total"] == 4
    assert [r["title"] for r in school["reforms"]] == ["Fler lärare i skolan", "Gratis skolfrukost"]
    decision = school["decisions"][0]
    assert decision == {
        "id": agenda.budget.pk,
        "date": "2023-06-12",
        "body": "council",
        "body_label": "Kommunfullmäktige",
        "paragraph": "§ 98",
        "title": "Budget 2024 med fler lärare",
        "policy_area": "Skola",
        "description": "",
        "url": "",
        "figures": [
            {"qualifier": "increase", "value": "5.7", "unit": "%", "label": "skolpeng", "text": "+5,7\xa0%"},
            {"qualifier": "", "value": "5939", "unit": "bostäder", "label": "markanvisade",
             "text": "5\xa0939\xa0bostäder"},
        ],
        "reform_ids": [agenda.school.pk],
    }


def test_report_period_parameter(client, world, agenda):
    assert client.get(f"/api/v1/reports/{world.branch.pk}?period=2018-2022").json()["areas"] == []
    assert client.get(f"/api/v1/reports/{world.branch.pk}?period=2018").status_code == 422


@pytest.mark.parametrize("who", [None, "outsider", "member"])
def test_private_and_unpublished_are_404(client, world, agenda, who):
    if who:
        client.force_login(getattr(world, who))
    assert client.get(f"/api/v1/agreements?organisation={world.other_branch.pk}").status_code == 404
    assert client.get(f"/api/v1/agreements/{agenda.other_agreement.pk}").status_code == 404
    assert client.get(f"/api/v1/reports/{world.other_branch.pk}").status_code == 404
    titles = [a["title"] for a in client.get("/api/v1/agreements").json()]
    assert "Malmöavtalet" not in titles
    assert "Avtal för Lund" in titles


def test_unpublished_agreement_is_404_even_for_members(client, world, agenda):
    agenda.agreement.is_published = False
    agenda.agreement.save(update_fields=["is_published"])
    client.force_login(world.owner)
    assert client.get(f"/api/v1/agreements/{agenda.agreement.pk}").status_code == 404
    assert client.get(f"/api/v1/agreements?organisation={world.branch.pk}").json() == []


def test_member_of_the_private_branch_sees_its_agreements(client, world, agenda):
    client.force_login(world.other_member)
    data = client.get(f"/api/v1/agreements?organisation={world.other_branch.pk}").json()
    assert [a["title"] for a in data] == ["Malmöavtalet"]
