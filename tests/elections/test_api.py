"""The public JSON API: GET /api/v1/elections?municipality=1281&year=2014."""

from __future__ import annotations

import pytest


def test_one_election_with_votes_shares_and_seats(client, lund):
    response = client.get("/api/v1/elections", {"municipality": "1281", "year": 2014})
    assert response.status_code == 200
    data = response.json()
    assert data["municipality"] == {"code": "1281", "name": "Lund"}
    assert data["year"] == 2014 and data["seats_total"] == 65 and data["official"] is True
    assert data["valid_votes"] == 75906
    assert data["votes"]["S"] == 17332 and data["votes"]["FP"] == 8077
    assert data["shares"]["S"] == pytest.approx(17332 / 75906, abs=1e-6)
    assert data["seats"] == {"M": 13, "C": 3, "FP": 7, "KD": 2, "S": 15, "V": 5, "MP": 9, "SD": 5, "FI": 2,
                             "FöNyL": 4, "DemV": 0, "PP": 0, "DjuP": 0, "K": 0, "SPI": 0}
    assert data["official_seats"]["S"] == 15
    assert data["seats_match_official"] is True
    s = next(item for item in data["parties"] if item["abbreviation"] == "S")
    assert s == {"abbreviation": "S", "party": "S", "name": "Arbetarepartiet-Socialdemokraterna",
                 "colour": "#FF0000", "votes": 17332, "share": round(17332 / 75906, 6), "seats": 15,
                 "official_seats": 15}
    fp = next(item for item in data["parties"] if item["abbreviation"] == "FP")
    assert fp["party"] == "L"


def test_partial_filters_give_a_list(client, lund):
    by_place = client.get("/api/v1/elections", {"municipality": "1281"}).json()
    assert [item["year"] for item in by_place] == [2010, 2014, 2018]
    by_year = client.get("/api/v1/elections", {"year": 2018}).json()
    assert [item["municipality"]["code"] for item in by_year] == ["1281"]
    assert len(client.get("/api/v1/elections").json()) == 3


@pytest.mark.parametrize(
    ("query", "status"),
    [({"municipality": "12"}, 422), ({"municipality": "abcd"}, 422), ({"municipality": "1281x"}, 422),
     ({"year": "twenty"}, 422), ({"year": 3000}, 422), ({"municipality": "9999"}, 404),
     ({"municipality": "1281", "year": 2022}, 404)],
)
def test_bad_parameters_are_json_errors(client, lund, query, status):
    response = client.get("/api/v1/elections", query)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert "detail" in response.json()


def test_one_result_by_id_and_private_counts_are_404(client, lund, world):
    from folkvald.elections import services

    election = services.unofficial_result_create(
        data=services.ResultData(year=2014, seats=65, parties=[services.PartyVotes("S", 100)]),
        organisation=world.branch, label="Valnatten", published=False,
    )
    assert client.get(f"/api/v1/elections/{election.pk}").status_code == 404
    client.force_login(world.outsider)
    assert client.get(f"/api/v1/elections/{election.pk}").status_code == 404
    assert all(item["id"] != election.pk for item in client.get("/api/v1/elections").json())
    client.force_login(world.member)
    data = client.get(f"/api/v1/elections/{election.pk}").json()
    assert data["official"] is False and data["label"] == "Valnatten" and data["seats"] == {"S": 65}
