"""The public JSON API's contract (names as issue 4 and 5 give them) and its answers to bad input."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from folkvald.councils.services import council_create, scenario_create
from folkvald.organisations.models import Municipality
from tests.councils.conftest import MITTEN_V


def test_councils_filtered_by_municipality_and_year(client, huddinge, lund):
    response = client.get("/api/v1/councils?municipality=0126&year=2022")
    assert response.status_code == 200
    assert response.json() == [
        {
            "id": huddinge.pk, "municipality_code": "0126", "municipality": "Huddinge", "period_start": 2022,
            "period_end": 2026, "seats_total": 61, "majority_line": 31, "election_id": None, "seats_source": "manual",
        }
    ]
    # Any year inside the period finds the council; a year outside does not.
    assert [c["id"] for c in client.get("/api/v1/councils?municipality=1281&year=2017").json()] == [lund.pk]
    assert client.get("/api/v1/councils?municipality=1281&year=2018").json() == []
    assert len(client.get("/api/v1/councils").json()) == 2


def test_council_detail_has_seats_majority_line_and_coalition(client, huddinge):
    data = client.get(f"/api/v1/councils/{huddinge.pk}").json()
    assert data["majority_line"] == 31
    assert data["seats_total"] == 61
    assert {row["party"]: row["seats"] for row in data["seats"]} == {
        "S": 18, "M": 13, "SD": 8, "V": 6, "C": 4, "DP": 3, "L": 3, "MP": 2, "KD": 2, "HP": 2,
    }
    coalition = data["coalition"]
    assert coalition["name"] == "Mittenstyret"
    assert sorted(coalition["governing"]) == ["C", "HP", "MP", "S"]
    assert coalition["support"] == ["V"]
    assert (coalition["governing_seats"], coalition["with_support_seats"]) == (26, 32)
    assert (coalition["governing_majority"], coalition["with_support_majority"]) == (False, True)
    assert coalition["margin"] == 1
    assert data["left_right_order"] == ["V", "S", "MP", "HP", "C", "DP", "L", "M", "KD", "SD"]
    assert data["committees"] == [
        {"name": "Nämnd elva", "places": 11, "substitutes": 0},
        {"name": "Kommunstyrelsen", "places": 13, "substitutes": 0},
    ]
    assert data["committee_law"] == "2022:629"


def test_unknown_council_is_a_404(client, db):
    assert client.get("/api/v1/councils/999999").status_code == 404
    assert client.get("/api/v1/councils/999999/coalitions").status_code == 404


@pytest.fixture
def small(db):
    """Seven seats, S 3, M 2, C 1, V 1; majority 4. Worked by hand:
    minimal winning coalitions S+M, S+C, S+V, M+C+V; Banzhaf swings S 6, M 2, C 2, V 2 of 12;
    Shapley–Shubik S 12/24, M 4/24, C 4/24, V 4/24."""
    return council_create(
        municipality=Municipality.objects.get(code="0114"), period_start=2022,
        seats={"S": 3, "M": 2, "C": 1, "V": 1}, order=["S", "M", "C", "V"],
    )


def _sets(data):
    return sorted(sorted(item["parties"]) for item in data["coalitions"])


def test_coalitions_and_power_indices_worked_by_hand(client, small):
    data = client.get(f"/api/v1/councils/{small.pk}/coalitions").json()
    assert data["majority_line"] == 4
    assert _sets(data) == [["C", "M", "V"], ["C", "S"], ["M", "S"], ["S", "V"]]
    assert {item["seats"] for item in data["coalitions"] if sorted(item["parties"]) == ["M", "S"]} == {5}
    margins = {"+".join(sorted(item["parties"])): item["margin"] for item in data["coalitions"]}
    assert margins == {"M+S": 1, "C+S": 0, "S+V": 0, "C+M+V": 0}
    power = {row["party"]: row for row in data["power"]}
    assert {p: row["banzhaf"] for p, row in power.items()} == {"S": "1/2", "M": "1/6", "C": "1/6", "V": "1/6"}
    assert {p: row["shapley_shubik"] for p, row in power.items()} == {"S": "1/2", "M": "1/6", "C": "1/6", "V": "1/6"}
    assert power["S"]["banzhaf_float"] == 0.5


def test_exclude_require_and_connected(client, small):
    url = f"/api/v1/councils/{small.pk}/coalitions"
    assert _sets(client.get(url + "?exclude=S").json()) == [["C", "M", "V"]]
    assert _sets(client.get(url + "?require=M").json()) == [["C", "M", "V"], ["M", "S"]]
    assert _sets(client.get(url + "?require=S&exclude=M,C").json()) == [["S", "V"]]
    # On the order S – M – C – V only S+M and M+C+V are connected.
    assert _sets(client.get(url + "?connected=true").json()) == [["C", "M", "V"], ["M", "S"]]
    # Another order: V – S – C – M: S+V, S+C and M+C+V? no: M+C+V is not connected there.
    data = client.get(url + "?connected=true&order=V,S,C,M").json()
    assert data["order"] == ["V", "S", "C", "M"]
    assert _sets(data) == [["C", "S"], ["S", "V"]]


def test_lund_2014_red_green_short_of_a_majority(client, lund):
    data = client.get(f"/api/v1/councils/{lund.pk}/coalitions?require=S,MP,V,FI").json()
    assert data["majority_line"] == 33
    # S + MP + V + FI = 31: every minimal winning coalition that holds them needs more parties.
    assert all(len(item["parties"]) > 4 for item in data["coalitions"])
    assert all(item["seats"] >= 33 for item in data["coalitions"])


@pytest.mark.parametrize(
    "query",
    ["exclude=XX", "require=S&exclude=S", "connected=true&order=S,M", "order=S,M,C,V,V,ZZ", "connected=maybe"],
)
def test_bad_coalition_queries_are_422(client, small, query):
    response = client.get(f"/api/v1/councils/{small.pk}/coalitions?{query}")
    assert response.status_code == 422, response.content
    assert "detail" in response.json()


HUDDINGE_SPEC = {
    "law": "2022:629", "places": 11, "present": 61,
    "ballots": [
        {"label": "S+C+MP+HP+V", "names": [f"n{i}" for i in range(11)], "count": 32},
        {"label": "M", "names": [f"m{i}" for i in range(11)], "count": 13},
        {"label": "SD", "names": [f"sd{i}" for i in range(11)], "count": 8},
        {"label": "DP", "names": ["dp1"], "count": 3},
        {"label": "L", "names": ["l1"], "count": 3},
        {"label": "KD", "names": ["kd1"], "count": 2},
    ],
}


def test_committee_allocate_endpoint(client, db):
    response = client.post("/api/v1/committee/allocate", json.dumps(HUDDINGE_SPEC), content_type="application/json")
    assert response.status_code == 200
    assert response.json()["places_by_label"] == {"S+C+MP+HP+V": 7, "M": 3, "SD": 1}


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"law": "1999:1", "places": 3, "ballots": [{"label": "A", "names": ["a"], "count": 1}]},
        {"law": "2022:629", "places": 0, "ballots": [{"label": "A", "names": ["a"], "count": 1}]},
        {"law": "2022:629", "places": 3, "ballots": "many"},
        {"law": "2022:629", "places": 3, "present": 1, "ballots": [{"label": "A", "names": ["a"], "count": 5}]},
    ],
)
def test_committee_allocate_bad_input_is_422(client, db, body):
    response = client.post("/api/v1/committee/allocate", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_committee_allocate_not_json_is_a_client_error(client, db):
    response = client.post("/api/v1/committee/allocate", "not json", content_type="application/json")
    assert 400 <= response.status_code < 500


PLAN = {
    "seats": {"S": 18, "M": 13, "SD": 8, "V": 6, "C": 4, "DP": 3, "L": 3, "MP": 2, "KD": 2, "HP": 2},
    "committees": [{"name": "Kommunstyrelsen", "places": 13}, {"name": "Utbildningsnämnden", "places": 11}],
    "bloc": ["S", "C", "MP", "HP", "V"],
    "others": "as_is",
}


def test_committee_plan_endpoint(client, db):
    response = client.post("/api/v1/committee/plan", json.dumps(PLAN), content_type="application/json")
    assert response.status_code == 200
    data = response.json()
    # seat-rules §2.4 B: the joint list of 32 against the others alone takes 8 + 7.
    assert data["places"]["bloc"] == 15
    assert data["places"]["by_committee"]["Kommunstyrelsen"]["bloc"] == 8
    assert data["places"]["bloc_by_lot"] == 0
    again = client.post("/api/v1/committee/plan", json.dumps(PLAN), content_type="application/json")
    assert again.json() == data  # from the cache, the same answer


@pytest.mark.parametrize(
    "body",
    [{}, PLAN | {"others": "sometimes"}, PLAN | {"bloc": ["XX"]}, PLAN | {"committees": []},
     PLAN | {"seats": {f"P{i}": 1 for i in range(15)}}],
)
def test_committee_plan_bad_input_is_422(client, db, body):
    response = client.post("/api/v1/committee/plan", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"]


def test_scenario_api_round_trip(client, world, lund):
    client.force_login(world.owner)
    body = {"organisation_id": world.branch.pk, "name": "Rödgröna på en lista",
            "lists": [{"parties": ["S", "MP", "V", "FI"], "order": ["S", "MP", "S", "V"]}]}
    response = client.post(f"/api/v1/councils/{lund.pk}/scenarios", json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["lists"] == [{"label": "S+MP+V+FI", "parties": ["S", "MP", "V", "FI"], "order": ["S", "MP", "S", "V"]}]
    listed = client.get(f"/api/v1/councils/{lund.pk}/scenarios").json()
    assert [item["id"] for item in listed] == [created["id"]]
    detail = client.get(f"/api/v1/councils/{lund.pk}/scenarios/{created['id']}").json()
    assert detail["committees"] == [] and detail["totals_by_label"] == {}
    assert client.delete(f"/api/v1/councils/{lund.pk}/scenarios/{created['id']}").status_code == 204
    assert client.get(f"/api/v1/councils/{lund.pk}/scenarios").json() == []


@pytest.mark.parametrize(
    ("lists", "message"),
    [
        ([{"parties": ["S", "XX"]}], "XX"),
        ([{"parties": ["S"]}, {"parties": ["S", "V"]}], "en lista"),
        ([{"parties": ["S", "V"], "order": ["S", "M"]}], "M"),
        ([{"parties": []}], "minst ett parti"),
    ],
)
def test_scenario_api_bad_lists_are_422(client, world, lund, lists, message):
    client.force_login(world.owner)
    body = {"organisation_id": world.branch.pk, "name": "Fel", "lists": lists}
    response = client.post(f"/api/v1/councils/{lund.pk}/scenarios", json.dumps(body), content_type="application/json")
    assert response.status_code == 422
    assert message in response.json()["detail"]
    assert client.get(f"/api/v1/councils/{lund.pk}/scenarios").json() == []


def test_scenario_detail_gives_places_per_committee(client, world, huddinge):
    from folkvald.organisations.models import Organisation, OrganisationKind

    branch = Organisation.objects.create(
        name="S i Huddinge", kind=OrganisationKind.BRANCH, party=world.party, municipality_id="0126"
    )
    from tests.conftest import make_user

    secretary = make_user("hsek", organisation=branch, kind="political_secretary")
    scenario = scenario_create(council=huddinge, organisation=branch, name="B", lists=[MITTEN_V])
    client.force_login(secretary)
    data = client.get(f"/api/v1/councils/{huddinge.pk}/scenarios/{scenario.pk}").json()
    eleven = data["committees"][0]
    assert eleven["by_label"] == {"S+C+MP+HP+V": 7, "M": 3, "SD": 1}
    assert eleven["required_for_proportional"] == 6
    assert data["totals_by_label"] == {"S+C+MP+HP+V": 15, "M": 6, "SD": 3}
    assert data["totals_by_party"]["S"] == 3 + 4


def test_scenario_detail_with_members_absent(client, world, huddinge):
    from folkvald.organisations.models import Organisation, OrganisationKind
    from tests.conftest import make_user

    branch = Organisation.objects.create(
        name="S i Huddinge", kind=OrganisationKind.BRANCH, party=world.party, municipality_id="0126"
    )
    secretary = make_user("hsek", organisation=branch, kind="political_secretary")
    scenario = scenario_create(council=huddinge, organisation=branch, name="B", lists=[MITTEN_V])
    client.force_login(secretary)
    url = f"/api/v1/councils/{huddinge.pk}/scenarios/{scenario.pk}"
    data = client.get(url + "?absent=M:6").json()
    # 11 places with M at 7: J 8, SD 2, M 1 (worked by hand in test_planner)
    assert data["committees"][0]["by_label"] == {"S+C+MP+HP+V": 8, "SD": 2, "M": 1}
    assert data["absent"] == {"M": 6} and data["present"] == 55
    assert data["committees"][0]["required_for_proportional"] == 5  # ⌈55/12⌉
    for bad in ("M:99", "XX:1", "M", "M:-1"):
        response = client.get(url, {"absent": bad})
        assert response.status_code == 422, bad


def test_a_chosen_set_of_parties(client, huddinge, lund):
    data = client.get(f"/api/v1/councils/{huddinge.pk}/coalitions?parties=S,C,MP,HP,V").json()
    assert data["chosen"] == {"parties": ["S", "V", "C", "MP", "HP"], "seats": 32, "majority": True, "margin": 1}
    data = client.get(f"/api/v1/councils/{lund.pk}/coalitions?parties=S&parties=MP&parties=V&parties=FI").json()
    assert data["chosen"] == {"parties": ["S", "MP", "V", "FI"], "seats": 31, "majority": False, "margin": -2}
    assert client.get(f"/api/v1/councils/{lund.pk}/coalitions").json()["chosen"] is None


def test_huddinge_2022_with_s_and_not_with_sd_worked_by_hand(client, huddinge):
    """The issue's own query. 61 seats, majority 31; S has 18 and needs 13 more from M 13, V 6, C 4,
    DP 3, L 3, MP 2, KD 2, HP 2 (SD excluded), with no added party to spare. By hand:
    M alone; with V (6) 7 more: C+DP, C+L, C with two of MP/KD/HP (3), DP+L with one of them (3),
    DP or L with two of them (3 + 3); without M and V all of C, DP, L, MP, KD, HP (16) but one of
    DP, L, MP, KD, HP (5). 1 + 14 + 5 = 20, Mittenstyret with V (S+V+C+MP+HP, 32) among them."""
    response = client.get(f"/api/v1/councils/{huddinge.pk}/coalitions?exclude=SD&require=S")
    assert response.status_code == 200
    data = response.json()
    assert set(data) >= {"council_id", "seats_total", "majority_line", "exclude", "require", "coalitions", "power"}
    assert (data["seats_total"], data["majority_line"], data["exclude"], data["require"]) == (61, 31, ["SD"], ["S"])
    found = {"+".join(sorted(item["parties"])): (item["seats"], item["margin"]) for item in data["coalitions"]}
    two_of = [("MP", "KD"), ("MP", "HP"), ("KD", "HP")]
    expected = {("S", "M"): 31, ("S", "V", "C", "DP"): 31, ("S", "V", "C", "L"): 31}
    expected |= {("S", "V", "C", a, b): 32 for a, b in two_of}
    expected |= {("S", "V", "DP", "L", a): 32 for a in ("MP", "KD", "HP")}
    expected |= {("S", "V", x, a, b): 31 for x in ("DP", "L") for a, b in two_of}
    small = ("C", "DP", "L", "MP", "KD", "HP")  # 4 + 3 + 3 + 2 + 2 + 2 = 16
    expected |= {("S", *(p for p in small if p != left)): 18 + 16 - seats
                 for left, seats in (("DP", 3), ("L", 3), ("MP", 2), ("KD", 2), ("HP", 2))}
    assert len(expected) == 20
    assert found == {"+".join(sorted(parties)): (seats, seats - 31) for parties, seats in expected.items()}
    assert found["C+HP+MP+S+V"] == (32, 1)  # Mittenstyret S + C + MP + HP = 26, with V 32 of 61
    assert all(item["seats"] >= 31 and "SD" not in item["parties"] for item in data["coalitions"])
    # The power indices of every party of the council (SD too: power is not filtered).
    power = {row["party"]: row for row in data["power"]}
    assert set(power) == {"S", "M", "SD", "V", "C", "DP", "L", "MP", "KD", "HP"}
    assert set(power["S"]) == {"party", "seats", "banzhaf", "banzhaf_float", "shapley_shubik", "shapley_shubik_float"}
    assert sum(Fraction(row["banzhaf"]) for row in power.values()) == 1
    assert sum(Fraction(row["shapley_shubik"]) for row in power.values()) == 1


def test_power_indices_of_the_textbook_council_49_48_3(client, db):
    """The classic example: 100 seats, 49 + 48 + 3, majority 51. Any two parties win, none alone:
    each swings the same two coalitions and is pivotal in two of the six orders, so the party with
    3 seats has as much power as the one with 49: 1/3 each, by Banzhaf and by Shapley–Shubik."""
    council = council_create(
        municipality=Municipality.objects.get(code="0114"), period_start=2018, seats={"S": 49, "M": 48, "C": 3},
    )
    data = client.get(f"/api/v1/councils/{council.pk}/coalitions").json()
    assert data["majority_line"] == 51
    assert _sets(data) == [["C", "M"], ["C", "S"], ["M", "S"]]
    power = {row["party"]: (row["banzhaf"], row["shapley_shubik"]) for row in data["power"]}
    assert power == {"S": ("1/3", "1/3"), "M": ("1/3", "1/3"), "C": ("1/3", "1/3")}


@pytest.mark.parametrize(("query", "status"), [("municipality=126", 422), ("municipality=abcd", 422),
                                               ("year=3000", 422), ("municipality=9999", 200)])
def test_bad_council_filters_are_json_errors(client, huddinge, query, status):
    response = client.get(f"/api/v1/councils?{query}")
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    if status == 422:
        assert "detail" in response.json()
    else:
        assert response.json() == []  # a well-formed code without councils: none
