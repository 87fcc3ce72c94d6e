"""`folkvald committee allocate|plan`: JSON in and out, one-line errors with exit code 2."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from folkvald.seatmath.cli_committee import main

ELECTION = {
    "law": "2022:629",
    "places": 11,
    "present": 61,
    "seed": 1,
    "ballots": [
        {"label": "S+C+MP+HP+V", "names": [f"Rödgrön {i}" for i in range(1, 12)], "count": 32},
        {"label": "M", "names": [f"M {i}" for i in range(1, 12)], "count": 13},
        {"label": "SD", "names": [f"SD {i}" for i in range(1, 12)], "count": 8},
        {"label": "DP", "names": ["DP 1"], "count": 3},
        {"label": "L", "names": ["L 1"], "count": 3},
        {"label": "KD", "names": ["KD 1"], "count": 2},
    ],
}

PLAN = {
    "seats": {"S": 18, "M": 13, "SD": 8, "V": 6, "C": 4, "DP": 3, "L": 3, "MP": 2, "KD": 2, "HP": 2},
    "committees": [{"name": "Kommunstyrelsen", "places": 11}, {"name": "Socialnämnden", "places": 13}],
    "bloc": ["S", "C", "MP", "HP", "V"],
    "others": "best_response",
}


def test_allocate_from_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "val.json"
    path.write_text(json.dumps(ELECTION), encoding="utf-8")
    assert main(["allocate", str(path)]) == 0
    out = json.loads(capsys.readouterr().out)
    # Scenario B of seat-rules.md § 2.4: joint 7, M 3, SD 1; ⌈61/12⌉ = 6.
    assert out["places_by_label"] == {"S+C+MP+HP+V": 7, "M": 3, "SD": 1}
    assert out["places"][0]["person"] == "Rödgrön 1"
    assert out["proportional_demand"]["required"] == 6


def test_allocate_from_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(ELECTION)))
    assert main(["allocate", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["lot"]["seed"] == 1
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(ELECTION)))
    assert main(["allocate"]) == 0


def test_plan(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(PLAN)))
    assert main(["plan", "-"]) == 0
    out = json.loads(capsys.readouterr().out)
    # The others can always merge into one list of 29: the bloc is sure of 6 + 7.
    assert out["places"]["bloc"] == 13
    assert out["places"]["bloc_by_lot"] == 0


@pytest.mark.parametrize(
    ("argv", "stdin", "message"),
    [
        (["allocate", "-"], "{not json", "invalid JSON in standard input"),
        (["allocate", "-"], json.dumps({**ELECTION, "places": 0}), "'places' in the election must be at least 1"),
        (["plan", "-"], json.dumps({**PLAN, "bloc": ["X"]}), "'bloc' names 'X'"),
        (["plan", "-"], "[]", "the input must be a JSON object"),
        (["allocate", "/nonexistent/val.json"], "", "cannot read /nonexistent/val.json"),
        (["elect", "-"], "", "unknown command 'elect'"),
        (["allocate", "a.json", "b.json"], "", "give one FILE"),
        # Python refuses integers of more than 4 300 digits, and deep nesting, with other errors
        # than JSONDecodeError: still one line and exit 2, never a traceback.
        (["allocate", "-"], '{"places": 1' + "0" * 5000 + "}", "invalid JSON in standard input"),
        (["plan", "-"], "[" * 100_000 + "]" * 100_000, "nested too deeply"),
    ],
)
def test_errors_are_one_line_and_exit_2(
    argv: list[str], stdin: str, message: str,
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert message in captured.err
    assert captured.err.startswith("folkvald committee")


def test_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--help"]) == 0
    assert "allocate" in capsys.readouterr().out
    assert main([]) == 2
    assert "usage" in capsys.readouterr().err


def test_the_folkvald_command_dispatches_here(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from folkvald.cli import main as folkvald_main

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(ELECTION)))
    assert folkvald_main(["committee", "allocate", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["places_by_label"]["M"] == 3


def test_as_a_module_in_a_subprocess() -> None:
    ok = subprocess.run(
        [sys.executable, "-m", "folkvald.seatmath.cli_committee", "allocate", "-"],
        input=json.dumps(ELECTION), capture_output=True, text=True, check=False, timeout=60,
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["places_by_label"]["SD"] == 1
    bad = subprocess.run(
        [sys.executable, "-m", "folkvald.seatmath.cli_committee", "plan", "-"],
        input="{}", capture_output=True, text=True, check=False, timeout=60,
    )
    assert bad.returncode == 2
    assert bad.stdout == ""
    assert "Traceback" not in bad.stderr
    assert bad.stderr.strip() == "folkvald committee plan: error: 'seats' must be an object of party: members present"


def test_a_reader_that_stops_early_is_not_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # `folkvald committee allocate x.json | head`: writing to a closed pipe raises
    # BrokenPipeError; the command ends quietly with exit code 0 instead of a traceback.
    target = tmp_path / "stdout"
    fd = os.open(target, os.O_WRONLY | os.O_CREAT)

    class ClosedPipe:
        def write(self, text: str) -> int:
            raise BrokenPipeError(32, "Broken pipe")

        def flush(self) -> None:
            raise BrokenPipeError(32, "Broken pipe")

        def fileno(self) -> int:
            return fd

    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(ELECTION)))
    monkeypatch.setattr(sys, "stdout", ClosedPipe())
    try:
        assert main(["allocate", "-"]) == 0
    finally:
        os.close(fd)
    assert capsys.readouterr().err == ""
