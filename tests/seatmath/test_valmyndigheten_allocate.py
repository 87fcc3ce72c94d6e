"""spec_from_file → allocate reproduces Valmyndigheten's certified seats from its own files.

Every municipality file of 2010, 2014 and 2018: the seats per party, per constituency and
(2018) the adjustment seats, with a tie only where the real result was settled by lot.
The national summary: the municipalities that only it holds (Stockholm, Uppsala, Malmö,
Göteborg), which can be reproduced from totals where the law allows it (2018).
"""

from __future__ import annotations

from typing import Any

import pytest

from folkvald.seatmath import allocate
from folkvald.seatmath.valmyndigheten import spec_from_file, spec_from_result
from tests.seatmath.test_valmyndigheten import YEARS, result_file, shared_data, year_results


def nonzero(counts: dict[str, int]) -> dict[str, int]:
    return {party: n for party, n in counts.items() if n}


def municipality_files() -> list[tuple[int, str]]:
    found = []
    for year in YEARS:
        folder = shared_data() / "valmyndigheten" / f"kf-{year}"
        for path in sorted(folder.glob("slutresultat_*K.xml.gz")):
            code = path.name.removeprefix("slutresultat_").removesuffix("K.xml.gz")
            if code != "00":
                found.append((year, code))
    return found


FILES = municipality_files()


def assert_reproduces(spec: dict[str, Any]) -> None:
    result = allocate({**spec, "explain": False})
    official = spec["official"]
    assert nonzero(result["seats"]) == official["seats"]
    assert sum(result["seats"].values()) == spec["seats"]
    assert nonzero(result["empty_seats"]) == official.get("empty_seats", {})
    wanted_ties = ["input"] if "lots" in spec else []
    assert [tie["decided_by"] for tie in result["ties"]] == wanted_ties
    if "constituencies" in spec:
        pairs = zip(result["constituencies"], official["constituencies"], strict=True)
        for got, certified in pairs:
            assert got["name"] == certified["name"]
            assert nonzero(got["seats"]) == certified["seats"], certified["name"]
            if "adjustment_seats" in certified:
                assert got["fixed_seats"] == certified["fixed_seats"]
                assert nonzero(got["adjustment"]) == certified["adjustment_seats"], certified[
                    "name"
                ]
        if "adjustment_seats" in official:
            assert nonzero(result["adjustment_seats"]) == official["adjustment_seats"]


def test_every_municipality_file_is_there() -> None:
    assert len(FILES) == 287 + 286 + 286


@pytest.mark.parametrize(("year", "code"), FILES, ids=[f"{y}-{c}" for y, c in FILES])
def test_a_municipality_file_reproduces_the_official_seats(year: int, code: str) -> None:
    files, _summary = year_results(year)
    assert_reproduces(spec_from_result(files[code]))


def test_spec_from_file_is_spec_from_result() -> None:
    files, _summary = year_results(2014)
    assert spec_from_file(result_file(2014, "1281")) == spec_from_result(files["1281"])


def test_real_lots_are_passed_on() -> None:
    boxholm = spec_from_file(result_file(2010, "0560"))
    assert [(lot["between"], lot["winners"]) for lot in boxholm["lots"]] == [(["MP", "S"], ["MP"])]
    halmstad = spec_from_file(result_file(2018, "1380"))
    assert [(lot["between"], lot["winners"]) for lot in halmstad["lots"]] == [(["KD", "S"], ["S"])]
    # Without the lot drawn in reality the tie is still found, and reported.
    del halmstad["lots"]
    result = allocate({**halmstad, "explain": False})
    (tie,) = result["ties"]
    assert (tie["between"], tie["decided_by"]) == (["KD", "S"], "lot")


@pytest.mark.parametrize("code", ["0180", "0380", "1280", "1480"])
def test_2018_cities_from_the_national_summary(code: str) -> None:
    _files, summary = year_results(2018)
    spec = spec_from_result(summary[code])
    assert "constituencies" not in spec
    if code in {"0180", "1280"}:  # divided in 2018: totals by the 1.2 method at 3 %
        assert spec["body"] == "custom"
        assert "no constituency votes" in spec["source"]["note"]
    else:
        assert spec["body"] == "kommunfullmaktige"
    assert_reproduces(spec)


@pytest.mark.parametrize("year", [2010, 2014])
def test_before_2018_the_summary_says_its_totals_may_not_reproduce(year: int) -> None:
    _files, summary = year_results(year)
    spec = spec_from_result(summary["0180"])  # Stockholm, divided into constituencies
    assert "totals only" in spec["source"]["note"]
    result = allocate({**spec, "explain": False})
    assert sum(result["seats"].values()) == 101


@pytest.mark.slow
@pytest.mark.parametrize("year", YEARS)
def test_the_summary_reproduces_every_undivided_municipality(year: int) -> None:
    files, summary = year_results(year)
    undivided = [code for code, result in files.items() if result.divided is False]
    assert len(undivided) > 200
    for code in undivided:
        from_summary = spec_from_result(summary[code])
        from_file = spec_from_result(files[code])
        # The same input for allocate, and the same official seats.
        for key in ("body", "year", "seats", "votes", "valid_votes", "code", "lots"):
            assert from_summary.get(key) == from_file.get(key), (code, key)
        assert from_summary["official"]["seats"] == from_file["official"]["seats"], code
        assert "constituencies" not in from_summary and "constituencies" not in from_file


def test_seats_without_candidates_stay_empty() -> None:
    # Norsjö 2018: SD won a seat it could not fill ("Kunde inte utses").
    spec = spec_from_file(result_file(2018, "2417"))
    assert spec["candidates"] == {"SD": 0}
    result = allocate({**spec, "explain": False})
    assert result["seats"]["SD"] == 1
    assert result["empty_seats"] == {"SD": 1}
