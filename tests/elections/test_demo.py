"""The elections demo loads on an empty database from the files shipped in the package."""

from __future__ import annotations

import gzip

import pytest

from folkvald.elections import demo
from folkvald.elections.models import Bloc, Election
from folkvald.elections.selectors import election_seats, election_view
from folkvald.organisations.demo import DemoContext
from folkvald.seatmath.valmyndigheten import read_file
from tests.elections.conftest import DATA, SHARED


def test_the_package_ships_the_demo_files():
    names = sorted(path.relative_to(DATA).as_posix() for path in demo.data_files())
    assert names == sorted(
        f"kf-{year}/slutresultat_{code}K.xml.gz" for year in (2010, 2014, 2018) for code in ("00", "0126", "1281")
    )


@pytest.mark.skipif(not SHARED.exists(), reason="needs ../shared/data (the source of the shipped files)")
@pytest.mark.parametrize("year", [2010, 2014, 2018])
def test_shipped_files_equal_the_official_ones(year):
    for code in ("1281", "0126"):
        shipped = (DATA / f"kf-{year}" / f"slutresultat_{code}K.xml.gz").read_bytes()
        source = (SHARED / f"kf-{year}" / f"slutresultat_{code}K.xml.gz").read_bytes()
        assert gzip.decompress(shipped) == gzip.decompress(source)
    # The cut-down national summary gives Malmö and Stockholm exactly as the full one does.
    cut = {result.code: result for result in read_file(DATA / f"kf-{year}" / "slutresultat_00K.xml.gz")}
    full = {result.code: result for result in read_file(SHARED / f"kf-{year}" / "slutresultat_00K.xml.gz")
            if result.code in {"1280", "0180"}}
    assert set(cut) == {"1280", "0180"}
    for code, result in full.items():
        assert cut[code].tally == result.tally
        assert cut[code].seats == result.seats
        assert cut[code].parties == result.parties


@pytest.mark.slow
def test_demo_load_on_an_empty_database_reproduces_the_seed(db):
    demo.load(DemoContext())
    assert Election.objects.filter(is_official=True).count() == 12
    assert set(Election.objects.values_list("municipality_id", flat=True)) == {"1281", "0126", "1280", "0180"}
    lund = Election.objects.get(municipality_id="1281", year=2014)
    assert election_seats(election=lund) == {"S": 15, "M": 13, "MP": 9, "FP": 7, "V": 5, "SD": 5, "FöNyL": 4,
                                             "C": 3, "KD": 2, "FI": 2}
    view = election_view(election=lund)
    red_green = next(bloc for bloc in view.blocs if bloc.name == "de rödgröna")
    assert (red_green.seats, red_green.votes, red_green.majority) == (31, 36550, False)
    alliance = next(bloc for bloc in view.blocs if bloc.name == "Alliansen")
    assert alliance.votes == 27622
    assert round(float(alliance.change), 2) == -13.43
    m = next(row for row in view.rows if row.abbreviation == "M")
    assert float(m.change) < -9
    assert Bloc.objects.filter(municipality_id="1281", period=2014).count() == 2
    # Loading twice changes nothing (the import is idempotent).
    count = Election.objects.count()
    demo.load(DemoContext())
    assert Election.objects.count() == count
