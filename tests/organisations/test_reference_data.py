"""Reference data from the official files, loaded by a migration and never typed by hand: the 21 counties
and 290 municipalities (Statistics Sweden's population, Valmyndigheten's eligible voters and council sizes),
and the parties with the abbreviations Valmyndigheten has used over time."""

import gzip
import json
import os
import re
from pathlib import Path

import pytest

from folkvald.organisations.models import County, Municipality, MunicipalityElectionFigures, Party

ROOT = Path(__file__).resolve().parents[2]
PACKAGED = ROOT / "folkvald" / "organisations" / "data"
SHARED = Path(os.environ.get("FOLKVALD_SHARED_DATA") or ROOT.parent / "shared" / "data")


def packaged(name: str):
    return json.loads((PACKAGED / name).read_text("utf-8"))


def official(name: str):
    path = SHARED / name
    if not path.exists():
        pytest.skip(f"the official files are not here ({SHARED}); set FOLKVALD_SHARED_DATA")
    return path


def test_reference_data_loaded_by_migration(db):
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    huddinge = Municipality.objects.get(code="0126")
    assert huddinge.name == "Huddinge"
    assert huddinge.county.name == "Stockholms län"
    figures = MunicipalityElectionFigures.objects.get(municipality=huddinge, year=2022)
    assert figures.council_seats == 61


@pytest.mark.parametrize("name", ["kommuner.json", "lan.json"])
def test_the_packaged_files_are_the_official_ones(name):
    assert packaged(name) == json.loads(official(name).read_text("utf-8"))


def test_every_municipality_and_county_is_loaded_as_the_file_says(db):
    counties = {item["code"]: item["name"] for item in packaged("lan.json")}
    assert dict(County.objects.values_list("code", "name")) == counties
    loaded = {m.code: m for m in Municipality.objects.prefetch_related("election_figures")}
    items = packaged("kommuner.json")
    assert len(items) == 290 and set(loaded) == {item["code"] for item in items}
    for item in items:
        municipality = loaded[item["code"]]
        assert (municipality.name, municipality.county_id, municipality.population, municipality.population_year) == (
            item["name"], item["lan_code"], item["population_2024"], 2024)
        figures = {str(f.year): (f.eligible_voters, f.council_seats, f.divided) for f in municipality.election_figures.all()}
        assert figures == {year: (voters, item["seats_total"][year], item["divided"][year])
                           for year, voters in item["eligible_voters"].items()}


def parties_in(year: int, code: str) -> dict[str, tuple[str, str]]:
    """{abbreviation: (name, colour)} of Valmyndigheten's file for a municipality ("00": the national summary)."""
    path = official(f"valmyndigheten/kf-{year}/slutresultat_{code}K.xml.gz")
    text = gzip.decompress(path.read_bytes()).decode("iso-8859-1")
    found = {}
    for attributes in re.findall(r"<PARTI ([^>]*)/?>", text):
        fields = dict(re.findall(r'(\w+)="([^"]*)"', attributes))
        found[fields["FÖRKORTNING"]] = (fields["BETECKNING"], fields.get("FÄRG", "").upper())
    return found


def test_parties_are_named_and_coloured_as_in_the_official_files(db):
    for item in packaged("parties.json"):
        code = item["municipality"] or "00"
        year = 2018
        names = parties_in(year, code)
        used = [alias["abbreviation"] for alias in item["abbreviations"]
                if alias.get("last_year") is None or alias["last_year"] >= year]
        match = next((names[abbreviation] for abbreviation in used if abbreviation in names), None)
        assert match == (item["name"], item["colour"].upper()), item["abbreviation"]
        party = Party.objects.get(abbreviation=item["abbreviation"])
        assert (party.name, party.colour.upper(), party.municipality_id) == (
            item["name"], item["colour"].upper(), item["municipality"])


@pytest.mark.parametrize(("abbreviation", "year", "party"), [
    ("FP", 2010, "L"), ("FP", 2014, "L"), ("L", 2018, "L"),  # Folkpartiet became Liberalerna in 2015
    ("FöNyL", 2014, "FNL"), ("FöNyL", 2018, "FNL"), ("FNL", 2018, "FNL"),  # FörNyaLund
    ("HP", 2018, "HP"), ("DP", 2014, "DP"), ("S", 2010, "S"),
])
def test_party_abbreviations_over_time(db, abbreviation, year, party):
    from folkvald.organisations.selectors import party_for_abbreviation

    assert party_for_abbreviation(abbreviation=abbreviation, year=year).abbreviation == party
    # ... and the official file of that year uses the abbreviation (FNL is the name folkvald gives FöNyL).
    if abbreviation != "FNL":
        municipality = Party.objects.get(abbreviation=party).municipality_id or "00"
        assert abbreviation in parties_in(year, municipality)


def test_fp_after_2014_is_no_party_and_local_parties_have_their_municipality(db):
    from folkvald.organisations.selectors import party_for_abbreviation

    assert party_for_abbreviation(abbreviation="FP", year=2018) is None
    assert Party.objects.get(abbreviation="HP").municipality_id == "0126"
    assert Party.objects.get(abbreviation="DP").municipality_id == "0126"
    assert Party.objects.get(abbreviation="FNL").municipality_id == "1281"
