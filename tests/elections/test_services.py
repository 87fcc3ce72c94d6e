"""Services: lots read back from official seats, the national summary, election_seats."""

from __future__ import annotations

from django.urls import reverse

from folkvald.elections import services
from folkvald.elections.importing import import_file
from folkvald.elections.models import Election
from folkvald.elections.selectors import election_seats
from tests.elections.conftest import DATA


def tied(official_a: int, official_b: int) -> services.ResultData:
    # 2018 rules, 3 seats, A and B 1000 votes each, C 10 (under the 2 % threshold): A and B take a
    # seat each at 1000/1.2; the third seat is a tie at 1000/3 between A and B, decided by lot.
    return services.ResultData(
        year=2018, seats=3, municipality_code="1282",
        parties=[services.PartyVotes("S", 1000, official_seats=official_a),
                 services.PartyVotes("M", 1000, official_seats=official_b),
                 services.PartyVotes("C", 10, official_seats=0)],
    )


def test_a_tie_is_reported_and_the_official_lot_is_taken_from_the_official_seats(db):
    for official in ((2, 1), (1, 2)):
        Election.objects.all().delete()
        outcome = services.result_store(data=tied(*official), source="valmyndigheten", official=True)
        election = outcome.election
        assert outcome.differences == {}
        assert election.seats_match_official is True
        seats = {row.abbreviation: row.seats for row in election.party_results.all()}
        assert (seats["S"], seats["M"], seats["C"]) == (*official, 0)
        (tie,) = election.ties
        assert sorted(tie["between"]) == ["M", "S"] and tie["official_lot"] is True
        # Computing again (and the explanation) keeps the authority's lot.
        again = services.election_recompute(election=election)
        assert again.differences == {}
        assert election_seats(election=election) == {"S": official[0], "M": official[1]}


def test_without_official_seats_a_tie_is_settled_by_the_seeded_lot_and_recorded(db):
    data = tied(0, 0)
    for party in data.parties:
        party.official_seats = None
    election = services.result_store(data=data, source="manual", official=False).election
    (tie,) = election.ties
    assert tie["decided_by"] == "lot" and "official_lot" not in tie
    assert election.seats_match_official is None


def test_malmo_2018_from_the_summary_is_divided_and_counted_with_3_percent(db):
    report = import_file(DATA / "kf-2018" / "slutresultat_00K.xml.gz")
    assert report.error is None
    malmo = Election.objects.get(municipality_id="1280", year=2018)
    # Malmö was divided in 2018 (it has adjustment seats); KD had under 3 % and no seat.
    assert malmo.constituencies_missing is True
    assert malmo.method["threshold"] == "3/100"
    assert malmo.seats_match_official is True
    seats = election_seats(election=malmo)
    assert seats == {"S": 20, "M": 13, "SD": 11, "V": 7, "L": 4, "C": 3, "MP": 3}  # seat-rules / official


def test_stockholm_2014_without_constituencies_shows_the_official_seats(client, db):
    import_file(DATA / "kf-2014" / "slutresultat_00K.xml.gz")
    stockholm = Election.objects.get(municipality_id="0180", year=2014)
    assert stockholm.constituencies_missing is True
    assert stockholm.seats_match_official is False  # each constituency counted on its own in 2014
    # The council's seats are the official ones (kommunval-2010-2018.json).
    assert election_seats(election=stockholm) == {"M": 28, "S": 24, "MP": 16, "V": 10, "FP": 9, "SD": 6,
                                                   "C": 3, "FI": 3, "KD": 2}
    content = client.get(reverse("elections:election", args=["0180", 2014])).content.decode()
    assert "Beräknade mandat skiljer sig från de officiella!" in content
    assert "redovisar inte kommunens valkretsar" in content
    assert content.count('data-party="S"><title>S</title>') == 24  # the diagram shows the official seats


def test_local_parties_with_the_same_abbreviation_stay_apart(db):
    from folkvald.organisations.models import Party

    def store(code, abbreviation, name):
        data = services.ResultData(year=2014, seats=31, municipality_code=code,
                                   parties=[services.PartyVotes("S", 5000), services.PartyVotes(abbreviation, 900, name=name,
                                                                                                 colour="#123456")])
        return services.result_store(data=data, source="valmyndigheten", official=True).election

    first = store("0114", "LP", "Lokalpartiet i Upplands Väsby")
    second = store("0115", "LP", "Landsbygdspartiet i Vallentuna")
    a = first.party_results.get(abbreviation="LP").party
    b = second.party_results.get(abbreviation="LP").party
    assert a != b
    assert (a.municipality_id, b.municipality_id) == ("0114", "0115")
    assert b.abbreviation == "LP-0115" and b.name == "Landsbygdspartiet i Vallentuna"
    # A party standing in two places under one name is one party, and not a local one.
    store("0117", "PP", "Piratpartiet")
    store("0120", "PP", "Piratpartiet")
    pirates = Party.objects.get(name="Piratpartiet")
    assert pirates.municipality_id is None
    assert Party.objects.filter(name="Piratpartiet").count() == 1
