"""The election pages: the Lund 2014 figures of the seed, public for everyone."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from folkvald.elections import services
from folkvald.elections.models import Election


def text_of(response) -> str:
    html = response.content.decode()
    html = re.sub(r"<[^>]+>", " ", html)
    return re.sub(r"\s+", " ", html.replace("\xa0", " ")).replace(" ,", ",").replace(" .", ".")


def test_lund_2014_shows_the_seeds_figures(client, lund):
    response = client.get(reverse("elections:election", args=["1281", 2014]))
    assert response.status_code == 200
    text = text_of(response)
    # S + MP + V + FI = 15 + 9 + 5 + 2 = 31 of 65, short of a majority of 33.
    # Votes 17332 + 10822 + 5646 + 2750 = 36550 of 75906 valid = 48.15 % ("48 %" in the seed).
    assert "de rödgröna (S + MP + V + FI): 48,2 %" in text
    assert "31 av 65 mandat" in text
    assert "ingen egen majoritet (behöver 33)" in text
    # Alliansen 14249 + 8077 + 3557 + 1739 = 27622 = 36.39 %; in 2010 19982 + 9570 + 3856 + 2087 = 35495
    # of 71249 = 49.82 %: down 13.43 points (the seed rounds it to 13.5).
    assert "Alliansen (M + FP + C + KD): 36,4 %, −13,4 procentenheter · 25 av 65 mandat" in text  # 13 + 7 + 3 + 2
    # M: 14249/75906 = 18.77 % against 19982/71249 = 28.05 %: down 9.27 points ("more than 9").
    assert "M −9,3 procentenheter" in text
    assert "S +0,9 procentenheter" in text  # 22.83 % against 21.93 %


def test_lund_2014_seats_diagram_and_table(client, lund):
    content = client.get(reverse("elections:election", args=["1281", 2014])).content.decode()
    assert content.count('<circle ') == 65
    assert content.count('data-party="S"><title>S</title>') == 15
    assert 'fill="#FF0000"' in content
    table = content[content.index('data-testid="seat-table"'):]
    assert re.search(r'data-party="MP">.*?<td class="num seats">9</td>', table, re.S)
    assert "De beräknade mandaten stämmer med de officiella." in content
    assert "officiellt" not in text_of_alert(content)


def text_of_alert(content: str) -> str:
    start = content.find('class="official-mismatch"')
    return "" if start < 0 else content[start:start + 500]


def test_last_seat_and_votes_lacking_come_from_the_explanation(client, lund):
    election = Election.objects.get(municipality_id="1281", year=2018)
    response = client.get(reverse("elections:election", args=["1281", 2018]))
    text = text_of(response)
    election.refresh_from_db()
    assert election.explanation  # computed once, stored
    assert "Mandat nummer 65 gick till" in text
    assert "Närmast på tur var" in text
    # Each party's votes lacking for one more seat are shown in the table.
    lacking = re.findall(r'<td class="num lacking">([^<]+)</td>', response.content.decode())
    assert len(lacking) == election.party_results.count()
    assert any(value.strip() not in {"–", ""} for value in lacking)


def test_a_difference_from_the_official_seats_is_shown_loudly(client, db):
    data = services.ResultData(
        year=2018, seats=11, municipality_code="1282",
        parties=[services.PartyVotes("S", 6000, official_seats=6), services.PartyVotes("M", 3000, official_seats=5)],
    )
    services.result_store(data=data, source="valmyndigheten", official=True)
    response = client.get(reverse("elections:election", args=["1282", 2018]))
    content = response.content.decode()
    assert 'role="alert"' in content
    assert "Beräknade mandat skiljer sig från de officiella!" in content
    assert "S: officiellt 6, beräknat 7" in text_of(response)


def test_index_and_share_history(client, lund):
    index = client.get(reverse("elections:index"))
    assert index.status_code == 200
    assert 'href="/val/1281/2014/"' in index.content.decode()
    history = client.get(reverse("elections:municipality", args=["1281"]))
    text = text_of(history)
    assert history.status_code == 200
    assert "Andelar över tid" in text
    # M: 28,0 % (2010), 18,8 % (2014); FP in 2014 and L in 2018 are one line, named L.
    assert re.search(r"M 28,0 % 18,8 %", text)
    assert history.content.decode().count("<polyline") >= 8


@pytest.mark.parametrize("path", ["/val/9999/2014/", "/val/1281/1800/", "/val/1281/2022/", "/val/abcd/", "/val/1281/x/"])
def test_unknown_pages_are_404(client, lund, path):
    assert client.get(path).status_code == 404


def test_pages_are_public_for_everyone(client, lund, world):
    for user in (None, world.outsider, world.other_member, world.owner):
        if user is not None:
            client.force_login(user)
        for path in ("/val/", "/val/1281/", "/val/1281/2014/", "/val/1281/2014/tank-om/"):
            assert client.get(path).status_code == 200, (user, path)


def test_divided_lund_2014_shows_the_last_seat_of_each_constituency(client, lund):
    text = text_of(client.get(reverse("elections:election", args=["1281", 2014])))
    # Each constituency on its own (2014): Lunds Västra's 33 seats and Lunds Östra's 32.
    assert "Lunds Västra: mandat nummer 33 gick till" in text
    assert "Lunds Östra: mandat nummer 32 gick till" in text
    assert "närmast på tur var" in text


def test_share_chart_names_each_line_so_colour_is_not_the_only_key(client, lund):
    content = client.get(reverse("elections:municipality", args=["1281"])).content.decode()
    chart = content[content.index('<svg class="chart-svg"'):content.index("</svg>", content.index('<svg class="chart-svg"'))]
    groups = re.findall(r'<g data-party="([^"]+)">(.*?)</g>', chart, re.S)
    assert {name for name, _ in groups} >= {"S", "M", "MP", "L", "V", "SD", "C", "KD", "FI"}
    for name, body in groups:
        assert re.search(rf'<text [^>]*>{re.escape(name)}</text>', body), name
    assert 'aria-labelledby="share-chart-title"' in chart
