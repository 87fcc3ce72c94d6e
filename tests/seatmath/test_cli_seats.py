"""`folkvald seats ...`: allocate, explain, import-xml; errors are one line and exit code 2."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from folkvald.seatmath.cli_seats import decimal, main, number


def shared_data() -> Path:
    configured = os.environ.get("FOLKVALD_SHARED_DATA")
    path = (
        Path(configured) if configured else Path(__file__).resolve().parents[2] / "../shared/data"
    )
    return path.resolve()


def lund_record() -> dict:
    with open(shared_data() / "kommunval-2010-2018.json", encoding="utf-8") as f:
        (record,) = [r for r in json.load(f) if r["year"] == 2018 and r["name"] == "Lund"]
    return record


@pytest.fixture
def lund_file(tmp_path):
    record = lund_record()
    spec = {
        "body": "kommunfullmaktige",
        "year": 2018,
        "seats": record["seats_total"],
        "votes": record["votes"],
        "valid_votes": record["valid_votes"],
    }
    path = tmp_path / "lund.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    return path


def official_nonzero(record):
    return {p: n for p, n in record["seats"].items() if n}


def test_allocate_file(lund_file, capsys):
    assert main(["allocate", str(lund_file)]) == 0
    out = json.loads(capsys.readouterr().out)
    assert {p: n for p, n in out["seats"].items() if n} == official_nonzero(lund_record())
    # seat-rules.md §7: Lund 2018 S 13, M 11, L 9, V 6, MP 6, SD 6, FNL 6, C 4, KD 2, FI 2
    assert out["seats"]["S"] == 13 and out["seats"]["FI"] == 2
    assert "explanation" in out


def test_allocate_stdin_without_explanation(lund_file, capsys, monkeypatch):
    import io

    monkeypatch.setattr(sys, "stdin", io.StringIO(lund_file.read_text(encoding="utf-8")))
    assert main(["allocate", "-", "--no-explain"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert "explanation" not in out
    assert sum(out["seats"].values()) == 65


def test_explain_is_swedish(lund_file, capsys):
    assert main(["explain", str(lund_file)]) == 0
    text = capsys.readouterr().out
    assert "Mandatfördelning: kommunfullmäktige 2018, 65 mandat" in text
    assert "jämkade uddatalsmetoden, första divisor 1,2" in text
    assert "Sista mandatet: nr 65" in text
    assert "Närmast på tur:" in text


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["allocate", "MISSING.json"], None, "cannot read MISSING.json"),
        (["allocate", "-"], "{not json", "is not valid JSON"),
        (
            ["allocate", "-"],
            '{"body": "parliament", "seats": 3, "votes": {"A": 1}}',
            "unknown body",
        ),
        (
            ["allocate", "-"],
            '{"body": "custom", "seats": 3, "votes": {"A": -1}, "method": {"name": "dhondt"}}',
            "votes of 'A'",
        ),
        (
            ["allocate", "-"],
            '{"body": "custom", "seats": 3, "votes": {"A": 1.5}, "method": {"name": "dhondt"}}',
            "whole number",
        ),
        (
            ["allocate", "-"],
            '{"body": "custom", "seats": 3, "votes": {}, "method": {"name": "dhondt"}}',
            "no parties",
        ),
        (
            ["allocate", "-"],
            '{"body": "kommunfullmaktige", "year": 2014, "seats": 5, "votes": {"A": 3, "B": 4},'
            ' "constituencies": [{"name": "x", "seats": 2, "votes": {"A": 1, "B": 2}},'
            ' {"name": "y", "seats": 2, "votes": {"A": 2, "B": 2}}]}',
            "add up to 4",
        ),
        (["frobnicate"], None, "invalid choice"),
        (["allocate", "-"], "[1, 2]", "must be a JSON object"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(argv, stdin, message, capsys, monkeypatch):
    import io

    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("folkvald seats: error: ")
    assert message in lines[0]
    assert "Traceback" not in captured.err


def test_import_xml_gives_input_with_official_seats(capsys):
    path = shared_data() / "valmyndigheten" / "kf-2018" / "slutresultat_1281K.xml.gz"
    assert main(["import-xml", str(path)]) == 0
    spec = json.loads(capsys.readouterr().out)
    assert spec["body"] == "kommunfullmaktige"
    assert spec["seats"] == 65
    assert spec["official"]["seats"] == official_nonzero(lund_record())
    assert spec["valid_votes"] == lund_record()["valid_votes"]


def test_import_then_allocate_reproduces_official(tmp_path, capsys):
    # Karlskrona 2018: three constituencies, fixed and adjustment seats.
    path = shared_data() / "valmyndigheten" / "kf-2018" / "slutresultat_1080K.xml.gz"
    assert main(["import-xml", str(path)]) == 0
    spec_path = tmp_path / "karlskrona.json"
    spec_path.write_text(capsys.readouterr().out, encoding="utf-8")
    assert main(["allocate", str(spec_path), "--no-explain"]) == 0
    out = json.loads(capsys.readouterr().out)
    spec = json.loads(spec_path.read_text(encoding="utf-8"))
    assert {p: n for p, n in out["seats"].items() if n} == spec["official"]["seats"]
    # Karlskrona 2018 official: M 16, S 25, SD 14 (kommunval-2010-2018.json)
    assert out["seats"]["S"] == 25 and out["seats"]["SD"] == 14


def test_module_runs_as_a_subprocess(lund_file):
    done = subprocess.run(
        [sys.executable, "-m", "folkvald.seatmath.cli_seats", "allocate", str(lund_file)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["seats"]["M"] == 11
    bad = subprocess.run(
        [sys.executable, "-m", "folkvald.seatmath.cli_seats", "allocate", "-"],
        input='{"body": "nope"}',
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "unknown body" in bad.stderr


def test_swedish_number_formats():
    assert number(16488) == "16\u00a0488"
    assert number(-1234567) == "−1\u00a0234\u00a0567"
    assert decimal("21827.5") == "21\u00a0827,50"
    assert decimal("8731/9") == "970,11"
    assert decimal("2/3") == "0,67"


def test_national_summary_round_trip(tmp_path, capsys):
    # slutresultat_00K (2018): every municipality's totals; the undivided ones must come back
    # with their official seats through import-xml and allocate.
    path = shared_data() / "valmyndigheten" / "kf-2018" / "slutresultat_00K.xml.gz"
    assert main(["import-xml", str(path)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["elections"]) == 290
    spec_path = tmp_path / "all.json"
    spec_path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["allocate", str(spec_path), "--no-explain"]) == 0
    results = json.loads(capsys.readouterr().out)["elections"]
    compared = 0
    for spec, result in zip(data["elections"], results, strict=True):
        if "constituencies" in spec or "adjustment_seats" in spec["official"] or result["ties"]:
            continue  # divided councils: the summary has no constituency votes
        assert {p: n for p, n in result["seats"].items() if n} == spec["official"]["seats"]
        compared += 1
    assert compared > 250


def test_seed_option_and_the_folkvald_command(tmp_path, capsys):
    # d'Hondt, 3 seats, A 25, B 10, C 10: B and C tie for the last seat; --seed decides.
    spec = {
        "body": "custom",
        "seats": 3,
        "votes": {"A": 25, "B": 10, "C": 10},
        "method": {"name": "dhondt"},
    }
    path = tmp_path / "tie.json"
    path.write_text(json.dumps(spec), encoding="utf-8")
    from folkvald.cli import main as folkvald_main

    winners = set()
    for seed in range(12):
        assert folkvald_main(["seats", "allocate", str(path), "--seed", str(seed)]) == 0
        (tie,) = json.loads(capsys.readouterr().out)["ties"]
        assert tie["seed"] == seed and tie["between"] == ["B", "C"]
        winners.add(tie["winners"][0])
    assert winners == {"B", "C"}
    assert folkvald_main(["seats", "explain", str(path)]) == 0
    assert "Lika tal mellan B, C om 1 mandat" in capsys.readouterr().out


# --------------------------------------------------------------------------- any input at all

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-3, 10**7),
    st.floats(allow_nan=False),
    st.text(max_size=3),
    st.sampled_from(["2 %", "1.2", "6/5", "-1", "0", "x", "dhondt", "hare", "riksdag"]),
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=6,
)
_votes = (
    st.dictionaries(
        st.sampled_from(["A", "B", "C", "", " "]), st.integers(-2, 60) | _json, max_size=4
    )
    | _json
)
_constituency = st.fixed_dictionaries(
    {"votes": _votes},
    optional={
        "name": st.sampled_from(["x", "y", "z"]) | _json,
        "seats": st.integers(-1, 40) | _json,
        "eligible_voters": st.integers(-1, 500) | _json,
        "valid_votes": st.integers(-1, 500) | _json,
        "candidates": _votes,
        "colour": _json,
    },
)
_spec = st.fixed_dictionaries(
    {
        "body": st.sampled_from(
            ["kommunfullmaktige", "regionfullmaktige", "riksdag", "custom", "kommun"]
        )
        | _json
    },
    optional={
        "year": st.sampled_from([2010, 2014, 2018, 2022]) | _json,
        "seats": st.integers(-1, 400) | _json,
        "votes": _votes,
        "constituencies": st.lists(_constituency, max_size=3) | _json,
        "method": st.fixed_dictionaries(
            {"name": st.sampled_from(["dhondt", "adams", "droop", "huntington-hill"]) | _json},
            optional={"first_divisor": _json, "threshold": _json, "quota": _json},
        )
        | _json,
        "seed": st.integers(-1, 5) | _json,
        "explain": st.booleans() | _json,
        "valid_votes": st.integers(-1, 500) | _json,
        "candidates": _votes,
        "lots": st.lists(
            st.fixed_dictionaries(
                {"between": st.lists(st.sampled_from(["A", "B", "C"])) | _json},
                optional={"winners": st.lists(st.sampled_from(["A", "B", "C"])) | _json},
            ),
            max_size=2,
        )
        | _json,
    },
)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(spec=_spec)
def test_any_input_gives_a_result_or_one_line_and_exit_2(spec):
    # Whatever the JSON holds, `folkvald seats allocate` answers or names the problem in one
    # line with exit code 2; never a traceback (from Python: only SeatMathError).
    import contextlib
    import io

    stdin, out, err = sys.stdin, io.StringIO(), io.StringIO()
    sys.stdin = io.StringIO(json.dumps(spec))
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["allocate", "-"])
    finally:
        sys.stdin = stdin
    if code == 0:
        assert err.getvalue() == ""
        assert sum(json.loads(out.getvalue())["seats"].values()) >= 0
    else:
        assert code == 2 and out.getvalue() == ""
        lines = err.getvalue().splitlines()
        assert len(lines) == 1 and lines[0].startswith("folkvald seats: error: ")
