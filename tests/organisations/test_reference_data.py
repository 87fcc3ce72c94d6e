import json
from pathlib import Path

from folkvald.organisations.models import County, Municipality, MunicipalityElectionFigures, Party

SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def test_reference_data_loaded_by_migration(db):
    assert County.objects.count() == 21
    assert Municipality.objects.count() == 290
    huddinge = Municipality.objects.get(code="0126")
    assert huddinge.name == "Huddinge"
    assert huddinge.county.name == "Stockholms län"
    figures = MunicipalityElectionFigures.objects.get(municipality=huddinge, year=2022)
    assert figures.council_seats == 61


def test_reference_data_is_the_shared_official_data(db):
    # The packaged copy must be the official file, byte for byte, where the shared data is present.
    packaged = Path(__file__).resolve().parents[2] / "folkvald" / "organisations" / "data" / "kommuner.json"
    source = SHARED / "kommuner.json"
    if source.exists():
        assert json.loads(packaged.read_text("utf-8")) == json.loads(source.read_text("utf-8"))


def test_party_abbreviations_over_time(db):
    from folkvald.organisations.selectors import party_for_abbreviation

    liberals = Party.objects.get(abbreviation="L")
    assert party_for_abbreviation(abbreviation="FP", year=2014) == liberals
    assert party_for_abbreviation(abbreviation="L", year=2018) == liberals
    assert party_for_abbreviation(abbreviation="FöNyL", year=2018).abbreviation == "FNL"
    assert Party.objects.get(abbreviation="HP").municipality_id == "0126"
