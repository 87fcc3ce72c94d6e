"""A count of one's own: managers of an organisation in the municipality only; marked unofficial."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from folkvald.elections.models import Election

URL = "/val/1281/2014/nytt-resultat/"


def form_data(**extra):
    # The rows come from the official 2014 result (the lund fixture): party_0.. are hidden fields.
    data = {"label": "Egen räkning valnatten", "seats": "65"}
    data.update(extra)
    return data


def test_anonymous_is_sent_to_sign_in(client, lund):
    response = client.get(URL)
    assert response.status_code == 302 and "/konto/logga-in/" in response["Location"]


@pytest.mark.parametrize("who", ["member", "outsider", "other_member", "association_member"])
def test_people_who_do_not_manage_a_lund_organisation_get_403(client, lund, world, who):
    client.force_login(getattr(world, who))
    assert client.get(URL).status_code == 403
    assert client.post(URL, form_data(organisation=world.branch.pk)).status_code == 403
    assert not Election.objects.filter(is_official=False).exists()


def test_a_manager_enters_a_count_marked_unofficial(client, lund, world):
    client.force_login(world.owner)
    page = client.get(URL)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'name="votes_0"' in content
    rows = dict((party, int(index)) for index, party in re.findall(r'name="votes_(\d+)" id="[^"]+" value="" data-party="([^"]+)"', content))
    data = form_data(organisation=world.branch.pk)
    data[f"votes_{rows['S']}"] = "20 000"
    data[f"votes_{rows['M']}"] = "10000"
    response = client.post(URL, data)
    assert response.status_code == 302
    election = Election.objects.get(is_official=False)
    assert election.organisation == world.branch and election.source == "manual"
    assert election.is_published is False
    # 2014 rules, one constituency: S 2:1 over M, 65 seats -> S 43, M 22 (see test_what_if).
    assert {r.abbreviation: r.seats for r in election.party_results.all()} == {"S": 43, "M": 22}
    page = client.get(response["Location"])
    assert "Inofficiellt" in page.content.decode()
    # Unpublished: not for the public or other branches.
    client.logout()
    assert client.get(response["Location"]).status_code == 404
    client.force_login(world.other_member)
    assert client.get(response["Location"]).status_code == 404


def test_bad_input_is_refused_with_messages(client, lund, world):
    client.force_login(world.owner)
    content = client.get(URL).content.decode()
    extra = int(re.search(r'name="party_(\d+)"', content).group(1))
    data = form_data(organisation=world.branch.pk, votes_0="-3")
    data[f"party_{extra}"] = "XYZQ"
    data[f"votes_{extra}"] = "5"
    response = client.post(URL, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Röster anges som ett heltal" in content
    assert "Okänt parti i Lund: XYZQ" in content
    assert not Election.objects.filter(is_official=False).exists()
    response = client.post(URL, form_data(organisation=world.branch.pk))
    assert "Ange röster för minst ett parti." in response.content.decode()


def test_upload_csv_and_json(client, lund, world):
    client.force_login(world.owner)
    upload = SimpleUploadedFile("natt.csv", "parti;röster\nS;2000\nM;1000\n".encode())
    response = client.post(URL, form_data(organisation=world.branch.pk, upload=upload, published="on"))
    assert response.status_code == 302
    election = Election.objects.get(is_official=False)
    assert election.source == "upload" and election.is_published
    assert {r.abbreviation: r.seats for r in election.party_results.all()} == {"S": 43, "M": 22}
    # Published: public.
    client.logout()
    assert client.get(response["Location"]).status_code == 200
    client.force_login(world.owner)
    bad = SimpleUploadedFile("natt.json", b'{"seats": 65, "votes": {"S": "many"}}')
    response = client.post(URL, form_data(organisation=world.branch.pk, upload=bad))
    assert response.status_code == 200 and "Röster anges som ett heltal" in response.content.decode()


def test_a_manager_cannot_enter_for_an_organisation_elsewhere(client, lund, world):
    client.force_login(world.owner)
    response = client.post(URL, form_data(organisation=world.other_branch.pk, votes_0="100"))
    assert response.status_code == 200  # not a choice: the form refuses it
    assert not Election.objects.filter(is_official=False).exists()
    assert client.get("/val/1280/2014/nytt-resultat/").status_code == 403


def test_delete_needs_manage(client, lund, world):
    from folkvald.elections import services

    election = services.unofficial_result_create(
        data=services.ResultData(year=2014, seats=65, parties=[services.PartyVotes("S", 100)]),
        organisation=world.branch, label="x", published=True,
    )
    url = reverse("elections:result_delete", args=[election.pk])
    client.force_login(world.member)
    assert client.post(url).status_code == 404
    client.force_login(world.owner)
    assert client.post(url).status_code == 302
    assert not Election.objects.filter(pk=election.pk).exists()


def test_unpublished_counts_are_not_listed_for_others(client, lund, world):
    from folkvald.elections import services

    services.unofficial_result_create(
        data=services.ResultData(year=2014, seats=65, parties=[services.PartyVotes("S", 100)]),
        organisation=world.branch, label="Hemlig valnattsräkning", published=False,
    )
    for user in (None, world.outsider, world.other_member):
        if user:
            client.force_login(user)
        assert "Hemlig valnattsräkning" not in client.get("/val/1281/2014/").content.decode()
        assert "Hemlig valnattsräkning" not in client.get("/val/1281/").content.decode()
    client.force_login(world.member)
    assert "Hemlig valnattsräkning" in client.get("/val/1281/2014/").content.decode()


def test_organisation_pages_link_to_the_results(client, lund, world):
    content = client.get(f"/organisationer/{world.branch.pk}/").content.decode()
    assert 'href="/val/1281/"' in content and "Valresultat i Lund" in content


def test_abbreviations_are_stored_as_the_party_spells_them(client, lund, world):
    client.force_login(world.owner)
    upload = SimpleUploadedFile("natt.csv", b"s;2000\nfp;1000\n")
    response = client.post(URL, form_data(organisation=world.branch.pk, upload=upload))
    assert response.status_code == 302
    election = Election.objects.get(is_official=False)
    # "fp" in 2014 is Folkpartiet (today L), spelled FP as in that year's results; S 2:1 gives 43 and 22.
    assert {r.abbreviation: r.seats for r in election.party_results.all()} == {"S": 43, "FP": 22}
    assert election.party_results.get(abbreviation="FP").party.abbreviation == "L"


def test_one_party_typed_in_two_spellings_is_refused(client, lund, world):
    client.force_login(world.owner)
    upload = SimpleUploadedFile("natt.csv", b"S;2000\ns;1000\n")
    response = client.post(URL, form_data(organisation=world.branch.pk, upload=upload))
    assert response.status_code == 200
    assert "S finns två gånger." in response.content.decode()
    assert not Election.objects.filter(is_official=False).exists()


def test_a_count_in_a_divided_municipality_takes_the_3_percent_threshold(client, world):
    # Malmö was divided into constituencies in 2018 (kommuner.json): the threshold is 3 %, and the
    # adjustment seats make the 61 seats proportional over the whole municipality. C has
    # 250 of 10 000 votes, 2,5 %: no seat (under 2 % rules its 250/1,2 = 208 would win one).
    # S 6 000 and M 3 750 share the 61 seats by the odd-number method (first divisor 1,2): every
    # quotient from 80 up wins, S's 6 000/75 = 80 (its 38th) and M's 3 750/45 = 83,3 (its 23rd);
    # the next are M's 3 750/47 = 79,8 and S's 6 000/77 = 77,9. So S 38, M 23.
    client.force_login(world.other_member)  # leads S in Malmö
    url = "/val/1280/2018/nytt-resultat/"
    content = client.get(url).content.decode()
    rows = dict((party, int(index)) for index, party in
                re.findall(r'name="votes_(\d+)" id="[^"]+" value="" data-party="([^"]+)"', content))
    data = {"label": "Valnatten", "seats": "61", "organisation": world.other_branch.pk,
            f"votes_{rows['S']}": "6000", f"votes_{rows['M']}": "3750", f"votes_{rows['C']}": "250"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    election = Election.objects.get(is_official=False)
    assert {r.abbreviation: r.seats for r in election.party_results.all()} == {"S": 38, "M": 23, "C": 0}
    assert election.method["threshold"] == "3/100" and election.constituencies_missing is True
    page = client.get(response["Location"]).content.decode()
    assert 'data-testid="constituencies-missing"' in page and "spärren 3 % för indelade kommuner" in page


def test_a_count_before_2018_in_a_divided_municipality_says_it_is_one_area(client, lund, world):
    # Lund was divided in 2014 and each constituency was counted on its own: totals cannot do that.
    client.force_login(world.owner)
    content = client.get(URL).content.decode()
    rows = dict((party, int(index)) for index, party in
                re.findall(r'name="votes_(\d+)" id="[^"]+" value="" data-party="([^"]+)"', content))
    response = client.post(URL, form_data(organisation=world.branch.pk, **{f"votes_{rows['S']}": "2000",
                                                                           f"votes_{rows['M']}": "1000"}))
    election = Election.objects.get(is_official=False)
    assert election.constituencies_missing is True and election.method is None
    page = client.get(response["Location"]).content.decode()
    assert "räknade som om kommunen vore en valkrets" in page
