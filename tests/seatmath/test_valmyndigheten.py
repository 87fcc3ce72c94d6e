"""Reading Valmyndigheten's result files.

Expected figures are read off the XML by eye (zcat | grep) or taken from
../shared/docs/seat-rules.md §7 and ../shared/data/kommunval-2010-2018.json, never from
the reader under test.
"""

from __future__ import annotations

import functools
import gzip
import json
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from folkvald.seatmath import valmyndigheten
from folkvald.seatmath.errors import SeatMathError
from folkvald.seatmath.valmyndigheten import (
    MunicipalResult,
    read_bytes,
    read_file,
    spec_from_file,
    spec_from_result,
)

YEARS = (2010, 2014, 2018)


def shared_data() -> Path:
    configured = os.environ.get("FOLKVALD_SHARED_DATA")
    path = (
        Path(configured) if configured else Path(__file__).resolve().parents[2] / "../shared/data"
    )
    assert (path / "valmyndigheten").is_dir(), (
        f"shared data not found at {path} (FOLKVALD_SHARED_DATA)"
    )
    return path.resolve()


def result_file(year: int, code: str) -> Path:
    return shared_data() / "valmyndigheten" / f"kf-{year}" / f"slutresultat_{code}K.xml.gz"


@functools.cache
def year_results(year: int) -> tuple[dict[str, MunicipalResult], dict[str, MunicipalResult]]:
    """Every municipality file of a year by code, and the national summary by code."""
    files: dict[str, MunicipalResult] = {}
    summary: dict[str, MunicipalResult] = {}
    for path in sorted((shared_data() / "valmyndigheten" / f"kf-{year}").glob("slutresultat_*")):
        results = read_file(path)
        if path.name == "slutresultat_00K.xml.gz":
            summary = {r.code: r for r in results}
        else:
            assert len(results) == 1, path.name
            files[results[0].code] = results[0]
    return files, summary


@functools.cache
def reference() -> dict[tuple[int, str], dict]:
    records = json.loads((shared_data() / "kommunval-2010-2018.json").read_text(encoding="utf-8"))
    return {(r["year"], r["code"]): r for r in records}


@functools.cache
def one(year: int, code: str) -> MunicipalResult:
    (result,) = read_file(result_file(year, code))
    return result


def nonzero(counts: dict[str, int] | None) -> dict[str, int]:
    return {k: v for k, v in (counts or {}).items() if v}


# ----------------------------------------------------------------------------------------
# Hand-checked facts


def test_lund_2014_seats_votes_and_constituencies() -> None:
    lund = one(2014, "1281")
    assert (lund.year, lund.code, lund.name, lund.seats_total) == (2014, "1281", "Lund", 65)
    assert lund.election_day == date(2014, 9, 14)
    # seat-rules.md §7 (the file spells FörNyaLund "FöNyL", the article "FNL").
    assert nonzero(lund.seats) == {
        "S": 15, "M": 13, "MP": 9, "FP": 7, "V": 5, "SD": 5, "FöNyL": 4, "C": 3, "KD": 2, "FI": 2,
    }  # fmt: skip
    # The seed: S + MP + V + FI = 31 of 65.
    assert sum(lund.seats[p] for p in ("S", "MP", "V", "FI")) == 31
    assert lund.votes["S"] == 17332
    assert lund.parties["FöNyL"].name == "FörNyaLund"
    assert lund.parties["S"].colour is not None
    assert lund.divided is True
    assert not lund.from_summary
    # In the file's order.
    assert [(c.code, c.name, c.fixed_seats, c.seats_total) for c in lund.constituencies] == [
        ("128102", "Lunds Västra", 33, 33),
        ("128101", "Lunds Östra", 32, 32),
    ]
    west = next(c for c in lund.constituencies if c.code == "128102")
    assert west.votes["S"] == 8783
    assert nonzero(west.seats) == {
        "M": 6, "C": 1, "FP": 4, "KD": 1, "S": 8, "V": 3, "MP": 5, "SD": 2, "FI": 1, "FöNyL": 2,
    }  # fmt: skip
    assert west.adjustment_seats is None  # no adjustment seats before 2018


def test_lund_2014_collection_district_is_a_district() -> None:
    lund = one(2014, "1281")
    west = next(c for c in lund.constituencies if c.code == "128102")
    collection = [d for d in west.districts if d.kind == "uppsamlingsdistrikt"]
    assert [(d.code, d.name, d.tally.valid_votes, d.tally.votes["M"]) for d in collection] == [
        ("K-1281-02", "Uppsamlingsdistrikt", 809, 152)
    ]
    assert sum(d.tally.votes["S"] for d in west.districts) == 8783
    assert len(lund.districts) == sum(len(c.districts) for c in lund.constituencies)


def test_huddinge_2018_one_constituency_ballots_and_members() -> None:
    huddinge = one(2018, "0126")
    # seat-rules.md §7
    assert nonzero(huddinge.seats) == {
        "S": 16, "M": 15, "SD": 7, "V": 5, "C": 4, "DP": 3, "L": 4, "MP": 3, "KD": 2, "HP": 2,
    }  # fmt: skip
    assert huddinge.seats_total == 61
    assert huddinge.divided is False
    assert huddinge.adjustment_seats is None  # no VARAV_UTJÄMNING where there is one constituency
    tally = huddinge.tally
    # From the <KOMMUN> element of slutresultat_0126K.xml.
    assert tally.votes["M"] == 15153 and tally.votes["FI"] == 358 and tally.votes["MED"] == 232
    assert huddinge.seats["MED"] == 0 and huddinge.seats["FI"] == 0
    assert tally.valid_votes == 63105
    assert tally.other_votes == 118  # HANDSKRIVNA
    assert sum(tally.votes.values()) + tally.other_votes == tally.valid_votes
    assert tally.blank_votes == 478
    assert tally.invalid_votes == 50 + 92  # OG + OGEJ
    assert tally.unregistered_party_votes == 92
    assert tally.eligible_voters == 80654
    assert tally.ballots_cast == 63725
    assert tally.turnout_percent == Decimal("79.01")
    assert len(huddinge.constituencies) == 1
    (whole,) = huddinge.constituencies
    assert (whole.code, whole.fixed_seats) == ("012600", 61)
    moderates = [m for m in huddinge.elected if m.party == "M"]
    assert len(moderates) == 15
    first = moderates[0]
    assert (first.order, first.candidate_number, first.name, first.age, first.basis) == (
        1, 17756, "Daniel Dronjak", 45, "P",
    )  # fmt: skip
    assert first.constituency_code == "012600"
    assert len([m for m in huddinge.substitutes if m.party == "M"]) == 8
    assert huddinge.substitutes[0].basis is None
    assert len(huddinge.elected) == 61


def test_linkoping_2018_fixed_and_adjustment_seats() -> None:
    linkoping = one(2018, "0580")
    assert linkoping.seats_total == 79
    assert nonzero(linkoping.adjustment_seats) == {"M": 2, "C": 2, "L": 1, "S": 2, "MP": 1}
    by_code = {c.code: c for c in linkoping.constituencies}
    assert {code: c.fixed_seats for code, c in by_code.items()} == {
        "058001": 23, "058002": 23, "058003": 25,
    }  # fmt: skip
    northeast = by_code["058003"]
    assert northeast.name == "Linköping Nordost"
    assert northeast.seats_total == 27
    assert nonzero(northeast.adjustment_seats) == {"C": 1, "L": 1}
    assert northeast.seats["M"] == 7 and northeast.votes["M"] == 9344
    bankekind = next(d for d in northeast.districts if d.code == "05803101")
    assert (bankekind.name, bankekind.kind, bankekind.tally.valid_votes) == (
        "Bankekind",
        "valdistrikt",
        737,
    )
    assert bankekind.tally.eligible_voters is not None


def test_national_summary_holds_the_cities_without_their_own_file() -> None:
    files, summary = year_results(2018)
    assert len(summary) == 290
    for code in ("0180", "0380", "1280", "1480"):
        assert code not in files
        assert summary[code].constituencies == ()
        assert summary[code].from_summary
    stockholm = summary["0180"]
    assert stockholm.name == "Stockholm" and stockholm.seats_total == 101
    # seat-rules.md §7
    assert nonzero(stockholm.seats) == {
        "S": 23, "M": 22, "V": 13, "L": 10, "MP": 9, "C": 8, "SD": 8, "KD": 5, "FI": 3,
    }  # fmt: skip
    assert nonzero(stockholm.adjustment_seats) == {
        "M": 3,
        "C": 1,
        "KD": 1,
        "S": 3,
        "MP": 2,
        "SD": 1,
    }
    assert stockholm.divided is True  # adjustment seats: several constituencies
    assert stockholm.votes["MED"] == 2735 and stockholm.tally.other_votes == 1286
    assert stockholm.tally.eligible_voters == 746313
    assert nonzero(summary["1280"].seats) == {
        "S": 20, "M": 13, "SD": 11, "V": 7, "L": 4, "C": 3, "MP": 3,
    }  # fmt: skip
    assert summary["0126"].divided is False
    assert summary["0126"].tally == files["0126"].tally


def test_summary_before_2018_cannot_tell_whether_divided() -> None:
    _files, summary = year_results(2014)
    assert summary["0180"].divided is None
    assert summary["0180"].adjustment_seats is None


def test_2010_names_are_redacted_and_constituencies_get_a_label() -> None:
    lund = one(2010, "1281")
    assert lund.name == "Lund"  # the file says "Namnet gallrat"
    assert one(2010, "1082").name == "Karlshamn"
    assert {c.name for c in lund.constituencies} == {"Namnet gallrat"}
    assert sorted(c.label for c in lund.constituencies) == ["Valkrets 128101", "Valkrets 128102"]
    assert nonzero(lund.seats) == {
        "M": 18, "C": 3, "FP": 10, "KD": 2, "S": 15, "V": 4, "MP": 9, "SD": 3, "DemV": 1,
    }  # fmt: skip


def test_a_seat_that_could_not_be_filled_is_a_vacancy_not_a_member() -> None:
    norsjo = one(2018, "2417")  # SD won 1 seat, "Kunde inte utses"
    assert norsjo.name == "Norsjö"
    assert norsjo.seats["SD"] == 1
    assert norsjo.vacancies == {"SD": 1}
    assert norsjo.constituencies[0].vacancies == {"SD": 1}
    assert [m for m in norsjo.elected if m.party == "SD"] == []
    assert len(norsjo.elected) == 31 - 1


# ----------------------------------------------------------------------------------------
# Every file


@pytest.mark.slow
@pytest.mark.parametrize("year", YEARS)
def test_every_file_parses_and_agrees_with_the_reference(year: int) -> None:
    files, summary = year_results(year)
    ref = reference()
    assert len(summary) == 290
    assert len(files) == (287 if year == 2010 else 286)
    for code, result in summary.items():
        record = ref[(year, code)]
        if year > 2010:  # 2010's summary still says "Malung" for Malung-Sälen
            assert result.name == record["name"]
        assert result.seats_total == record["seats_total"]
        assert nonzero(result.seats) == nonzero(record["seats"]), code
        assert result.votes == record["votes"], code
        assert result.tally.valid_votes == record["valid_votes"], code
        assert result.tally.other_votes == record["other_votes"], code
    for code, result in files.items():
        record = ref[(year, code)]
        assert result.year == year
        assert nonzero(result.seats) == nonzero(record["seats"]), code
        assert sum(result.seats.values()) == result.seats_total == record["seats_total"]
        assert result.votes == summary[code].votes, code
        assert result.tally.blank_votes == record["blank_votes"], code
        assert result.tally.invalid_votes == record["other_invalid_votes"], code
        assert result.tally.eligible_voters == record["eligible_voters"], code
        assert result.divided == record["divided"], code
        if record["adjustment_seats"] is not None:
            assert nonzero(result.adjustment_seats) == nonzero(record["adjustment_seats"]), code
        if record["constituencies"]:
            expected = {c["code"]: c for c in record["constituencies"]}
            assert {c.code for c in result.constituencies} == set(expected), code
            for constituency in result.constituencies:
                wanted = expected[constituency.code]
                assert constituency.votes == wanted["votes"], (code, constituency.code)
                assert nonzero(constituency.seats) == nonzero(wanted["seats"]), (
                    code,
                    constituency.code,
                )
                assert constituency.seats_total == wanted["seats_total"]
                if wanted["fixed_seats"] is not None:
                    assert constituency.fixed_seats == wanted["fixed_seats"]
                elif year < 2018:
                    assert constituency.fixed_seats == constituency.seats_total
        else:
            assert len(result.constituencies) == 1, code
        elected = sum(len(c.elected) for c in result.constituencies)
        assert elected + sum(result.vacancies.values()) == result.seats_total, code


# ----------------------------------------------------------------------------------------
# Bad files


def _original_xml() -> str:
    return gzip.decompress(result_file(2014, "1281").read_bytes()).decode("iso-8859-1")


def _xml(text: str) -> bytes:
    return text.encode("iso-8859-1")


def _replace_once(old: str, new: str) -> Callable[[], bytes]:
    def make() -> bytes:
        text = _original_xml()
        assert old in text
        return _xml(text.replace(old, new, 1))

    return make


BAD_FILES: dict[str, tuple[Callable[[], bytes], str]] = {
    "truncated.xml.gz": (
        lambda: result_file(2014, "1281").read_bytes()[:20000],
        "not a complete gzip file",
    ),
    "truncated.xml": (lambda: _xml(_original_xml()[:50000]), "not well-formed XML"),
    "notxml.xml": (lambda: b"Kommun;Parti;R\xf6ster\n1281;S;17332\n", "not well-formed XML"),
    "empty.xml": (lambda: b"", "not well-formed XML"),
    "html.xml": (
        lambda: b"<html><body>Not found</body></html>",
        "not a Valmyndigheten result file",
    ),
    "riksdag.xml": (
        _replace_once('VALTYP="Kommunfullmäktigval"', 'VALTYP="Riksdagsval"'),
        "not a municipal council election",
    ),
    "entities.xml": (
        lambda: (
            b'<?xml version="1.0"?><!DOCTYPE VAL [<!ENTITY a "aaaaaaaa">]><VAL VALDAG="20140914">&a;</VAL>'
        ),
        "declares entities",
    ),
    "letters.xml": (_replace_once('RÖSTER="17332"', 'RÖSTER="17 3x2"'), "is not a whole number"),
    "seats.xml": (
        _replace_once('MANDAT="15"', 'MANDAT="16"'),
        "add up to 66, not the council's 65",
    ),
    "votes.xml": (_replace_once('RÖSTER="8783"', 'RÖSTER="8784"'), "votes"),
    "nomunicipality.xml": (
        lambda: b'<?xml version="1.0" encoding="ISO-8859-1"?><VAL VALDAG="20140914"></VAL>',
        "no municipality",
    ),
    "baddate.xml": (_replace_once('VALDAG="20140914"', 'VALDAG="14 sept"'), "is not a date"),
}


@pytest.mark.parametrize("name", sorted(BAD_FILES))
def test_a_bad_file_is_refused_with_its_name_and_the_problem(name: str, tmp_path: Path) -> None:
    make, problem = BAD_FILES[name]
    path = tmp_path / name
    path.write_bytes(make())
    with pytest.raises(SeatMathError) as caught:
        read_file(path)
    message = str(caught.value)
    assert message.startswith(f"{name}: "), message
    assert problem in message, message
    assert "\n" not in message


MINIMAL = """<?xml version="1.0" encoding="ISO-8859-1"?>
<VAL VALDAG="20180909" VALTYP="Kommunfullmäktigval">
  <PARTI FÖRKORTNING="A" BETECKNING="A-partiet" FÄRG="#ff0000" />
  <PARTI FÖRKORTNING="B" BETECKNING="B-partiet" />
  <KOMMUN KOD="9999" NAMN="Provby" MANDAT_VALOMRÅDE="3" RÖSTER="12">
    <GILTIGA PARTI="A" RÖSTER="8" MANDAT="2"/>
    <GILTIGA PARTI="B" RÖSTER="3" MANDAT="1"/>
    <OGILTIGA TEXT="BLANK" RÖSTER="2"/>
  </KOMMUN>
</VAL>
"""


def test_a_minimal_file_reads() -> None:
    (result,) = read_bytes(_xml(MINIMAL), name="minimal.xml")
    assert (result.code, result.name, result.year, result.seats_total) == (
        "9999",
        "Provby",
        2018,
        3,
    )
    assert result.votes == {"A": 8, "B": 3}
    assert result.tally.other_votes == 1  # 12 valid, 11 with a party
    assert result.tally.blank_votes == 2 and result.tally.invalid_votes is None
    assert result.seats == {"A": 2, "B": 1}
    assert result.parties["B"].colour is None
    assert result.constituencies == ()


def test_a_municipality_twice_is_refused() -> None:
    kommun = MINIMAL[MINIMAL.index("  <KOMMUN") : MINIMAL.index("</VAL>")]
    twice = MINIMAL.replace("</VAL>", kommun + "</VAL>")
    with pytest.raises(SeatMathError, match="^twice.xml: municipality 9999 appears twice$"):
        read_bytes(_xml(twice), name="twice.xml")


def test_too_large_is_refused(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(valmyndigheten, "MAX_XML_BYTES", 100_000)
    with pytest.raises(SeatMathError, match=r"^slutresultat_1281K.xml.gz: larger than"):
        read_file(result_file(2014, "1281"))  # 1.5 MB of XML once unzipped
    path = tmp_path / "big.xml"
    path.write_bytes(b" " * 100_001)
    with pytest.raises(SeatMathError, match=r"^big.xml: larger than"):
        read_file(path)


def test_a_missing_file_is_refused_with_its_name(tmp_path: Path) -> None:
    with pytest.raises(SeatMathError, match=r"^slutresultat_9999K\.xml\.gz: cannot be read"):
        read_file(tmp_path / "slutresultat_9999K.xml.gz")


def test_read_bytes_takes_plain_and_gzipped_xml() -> None:
    raw = result_file(2018, "0126").read_bytes()
    (zipped,) = read_bytes(raw, name="upload.xml.gz")
    (plain,) = read_bytes(gzip.decompress(raw), name="upload.xml")
    assert (zipped.source, plain.source) == ("upload.xml.gz", "upload.xml")
    assert replace(zipped, source="upload.xml") == plain
    with pytest.raises(SeatMathError, match="^upload.xml: not well-formed XML"):
        read_bytes(b"<VAL>", name="upload.xml")


# ----------------------------------------------------------------------------------------
# Specs for allocate


def test_spec_for_one_constituency() -> None:
    spec = spec_from_file(result_file(2018, "0126"))
    assert spec["body"] == "kommunfullmaktige"
    assert (spec["year"], spec["seats"]) == (2018, 61)
    assert "constituencies" not in spec
    assert spec["votes"]["M"] == 15153 and spec["votes"]["MED"] == 232
    assert spec["valid_votes"] == 63105  # the 118 hand-written votes count for the threshold
    assert (spec["code"], spec["name"]) == ("0126", "Huddinge")
    assert spec["source"] == {
        "file": "slutresultat_0126K.xml.gz",
        "election_day": "2018-09-09",
        "other_votes": 118,
    }
    assert spec["official"]["seats"] == {
        "S": 16, "M": 15, "SD": 7, "V": 5, "C": 4, "DP": 3, "L": 4, "MP": 3, "KD": 2, "HP": 2,
    }  # fmt: skip
    assert "constituencies" not in spec["official"]
    assert json.loads(json.dumps(spec)) == spec  # plain JSON: no floats, dates or tuples


def test_spec_2014_constituencies_have_all_their_seats() -> None:
    spec = spec_from_file(result_file(2014, "1281"))
    by_name = {c["name"]: c for c in spec["constituencies"]}
    assert {name: c["seats"] for name, c in by_name.items()} == {
        "Lunds Västra": 33,
        "Lunds Östra": 32,
    }
    assert by_name["Lunds Västra"]["votes"]["S"] == 8783
    assert (by_name["Lunds Västra"]["code"], by_name["Lunds Västra"]["valid_votes"]) == (
        "128102",
        37463,
    )
    # A party with votes in the municipality appears in every constituency, zero where it had none.
    assert set(by_name["Lunds Västra"]["votes"]) == set(spec["votes"])
    official = {c["name"]: c["seats"] for c in spec["official"]["constituencies"]}
    assert official["Lunds Västra"]["S"] == 8 and official["Lunds Östra"]["S"] == 7
    assert "DemV" not in spec["votes"]  # 0 votes in 2014: left out


def test_spec_2018_constituencies_have_their_fixed_seats() -> None:
    spec = spec_from_file(result_file(2018, "0580"))
    assert spec["seats"] == 79
    assert sorted(c["seats"] for c in spec["constituencies"]) == [
        23,
        23,
        25,
    ]  # 71 fixed, 8 adjustment
    assert spec["official"]["adjustment_seats"] == {"M": 2, "C": 2, "L": 1, "S": 2, "MP": 1}
    northeast = next(
        c for c in spec["official"]["constituencies"] if c["name"] == "Linköping Nordost"
    )
    assert northeast["fixed_seats"] == 25
    assert northeast["adjustment_seats"] == {"C": 1, "L": 1}
    assert sum(northeast["seats"].values()) == 27


def test_spec_from_the_national_summary_lists_every_municipality() -> None:
    spec = spec_from_file(result_file(2014, "00"))
    assert len(spec["elections"]) == 290
    stockholm = next(e for e in spec["elections"] if e["code"] == "0180")
    assert stockholm["seats"] == 101 and "constituencies" not in stockholm
    assert stockholm["official"]["seats"]["M"] == 28  # kommunval-2010-2018.json


def test_spec_from_result_keeps_empty_seats() -> None:
    spec = spec_from_result(one(2018, "2417"))
    assert spec["official"]["empty_seats"] == {"SD": 1}
