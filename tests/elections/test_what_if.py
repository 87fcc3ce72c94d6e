"""The what-if tool: other votes, the same rules, nothing saved."""

from __future__ import annotations

import re

from django.urls import reverse

from folkvald.elections.models import Election, PartyResult


def fields(client, year=2018):
    """The form's fields as the page renders them."""
    content = client.get(reverse("elections:what_if", args=["1281", year])).content.decode()
    names = re.findall(r'<th scope="row">([^<]+)</th>\s*<td><label class="visually-hidden" for="id_(v\d+)"', content)
    return {abbreviation: name for abbreviation, name in names}


def seats_in(content: str) -> dict[str, int]:
    table = content[content.index('data-testid="what-if-seats"'):]
    return {party: int(seats) for party, seats in
            re.findall(r'<tr data-party="([^"]+)"><th scope="row">[^<]+</th><td class="num">[^<]+</td>'
                       r'<td class="num seats">(\d+)</td>', table)}


def test_unchanged_votes_give_the_official_seats(client, lund):
    content = client.get(reverse("elections:what_if", args=["1281", 2018])).content.decode()
    seats = seats_in(content)
    assert seats["S"] == 13 and seats["M"] == 11 and seats["L"] == 9  # official 2018 (seat-rules.md §7)
    assert "Samma mandat som i valresultatet." in content


def test_fragment_recomputes_seats_and_saves_nothing(client, lund):
    names = fields(client)
    # Only S (2000) and M (1000) left. 2018 rules, one constituency, 65 seats: S's quotients
    # 2000/(2k+1) against M's 1000/(2j+1); the 65th largest is M's 1000/43, the next S's 2000/87:
    # S 43 seats (divisors 1.2, 3, ..., 85), M 22 (1.2, 3, ..., 43).
    data = {name: "0" for name in names.values()}
    data[names["S"]] = "2000"
    data[names["M"]] = "1 000"
    data["mode"] = "votes"
    before = list(PartyResult.objects.values_list("votes", "seats"))
    response = client.post(reverse("elections:what_if_fragment", args=["1281", 2018]), data,
                           HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" not in content  # a fragment
    seats = seats_in(content)
    assert seats["S"] == 43 and seats["M"] == 22
    assert sum(seats.values()) == 65
    assert content.count("<circle ") == 65
    assert "S har egen majoritet." in content
    assert list(PartyResult.objects.values_list("votes", "seats")) == before
    assert Election.objects.count() == 3


def test_shares_mode(client, lund):
    names = {abbreviation: name.replace("v", "p") for abbreviation, name in fields(client).items()}
    data = {name: "0" for name in names.values()}
    data[names["S"]] = "50"
    data[names["M"]] = "25"
    data["mode"] = "shares"
    content = client.post(reverse("elections:what_if_fragment", args=["1281", 2018]), data).content.decode()
    seats = seats_in(content)
    # Half and a quarter of the valid votes: the same 2:1 as above, S 43 and M 22.
    assert seats["S"] == 43 and seats["M"] == 22


def test_without_javascript_the_form_posts_and_the_page_re_renders(client, lund):
    names = fields(client)
    data = {name: "" for name in names.values()}
    data[names["S"]] = "40000"
    data["mode"] = "votes"
    response = client.post(reverse("elections:what_if", args=["1281", 2018]), data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "<html" in content and 'value="40000"' in content
    assert seats_in(content)["S"] > 13


def test_bad_input_is_shown_not_a_server_error(client, lund):
    names = fields(client)
    response = client.post(reverse("elections:what_if_fragment", args=["1281", 2018]),
                           {names["S"]: "-7", "mode": "votes"})
    assert response.status_code == 200
    assert "Rätta siffrorna" in response.content.decode()
    all_zero = {name: "0" for name in names.values()} | {"mode": "votes"}
    response = client.post(reverse("elections:what_if_fragment", args=["1281", 2018]), all_zero)
    assert response.status_code == 200


def test_untouched_shares_keep_the_real_votes(client, lund):
    content = client.get(reverse("elections:what_if", args=["1281", 2018])).content.decode()
    data = dict(re.findall(r'name="(p\d+)" id="[^"]+" value="([^"]*)"', content))
    data["mode"] = "shares"
    response = client.post(reverse("elections:what_if_fragment", args=["1281", 2018]), data)
    assert "Samma mandat som i valresultatet." in response.content.decode()
