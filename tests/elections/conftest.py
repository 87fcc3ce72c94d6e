"""Official results from the files the demo ships (folkvald/elections/data), imported per test."""

from __future__ import annotations

from pathlib import Path

import pytest

import folkvald.elections
from folkvald.elections.importing import import_files
from folkvald.elections.services import bloc_set

DATA = Path(folkvald.elections.__file__).parent / "data"
SHARED = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "valmyndigheten"


def data_file(year: int, code: str) -> Path:
    return DATA / f"kf-{year}" / f"slutresultat_{code}K.xml.gz"


_parsed: dict[tuple[str, int, int], list] = {}


@pytest.fixture(autouse=True)
def _parse_once(monkeypatch):
    """Parse each shipped file once per test run (parsing is the slow part; results are frozen)."""
    from folkvald.seatmath.valmyndigheten import read_file

    def cached(path):
        stat = Path(path).stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key not in _parsed:
            _parsed[key] = read_file(path)
        return _parsed[key]

    monkeypatch.setattr("folkvald.elections.valmyndigheten.read_file", cached)


@pytest.fixture
def lund(db):
    """Lund 2010, 2014 and 2018 with the blocs of 2014 (de rödgröna S+MP+V+FI, Alliansen M+FP+C+KD)."""
    report = import_files([data_file(year, "1281") for year in (2010, 2014, 2018)])
    assert not report.failed, [item.error for item in report.failed]
    bloc_set(municipality_code="1281", period=2014, name="de rödgröna", parties=["S", "MP", "V", "FI"], position=0)
    bloc_set(municipality_code="1281", period=2014, name="Alliansen", parties=["M", "FP", "C", "KD"], position=1)
    return report
