"""Importing Valmyndigheten's files: idempotent, all or nothing per file, loud about differences."""

from __future__ import annotations

import gzip
import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from folkvald.elections import services
from folkvald.elections.importing import import_file, import_files
from folkvald.elections.models import Constituency, ConstituencyResult, Election, PartyResult
from folkvald.organisations.models import Party
from tests.elections.conftest import DATA, data_file


def table_counts():
    return (Election.objects.count(), PartyResult.objects.count(), Constituency.objects.count(),
            ConstituencyResult.objects.count(), Party.objects.count())


def test_lund_2014_is_imported_with_official_and_computed_seats(db):
    report = import_files([data_file(2014, "1281")])
    assert not report.failed
    election = Election.objects.get(municipality_id="1281", year=2014)
    assert election.is_official and election.source == "valmyndigheten"
    assert election.seats == 65
    assert election.valid_votes == 75906  # KOMMUN RÖSTER in the file
    assert election.other_votes == 154  # HANDSKRIVNA
    seats = {row.abbreviation: (row.seats, row.official_seats) for row in election.party_results.all()}
    # Official seats as in seat-rules.md §7 (FNL there is FöNyL in the file).
    official = {"S": 15, "M": 13, "MP": 9, "FP": 7, "V": 5, "SD": 5, "FöNyL": 4, "C": 3, "KD": 2, "FI": 2}
    for abbreviation, count in official.items():
        assert seats[abbreviation] == (count, count)
    assert election.seats_match_official is True
    # Two constituencies, counted on their own under the 2014 rules.
    assert [(c.name, c.seats) for c in election.constituencies.order_by("position")] == [
        ("Lunds Västra", 33), ("Lunds Östra", 32)]


def test_parties_follow_their_abbreviations_over_time(db):
    import_files([data_file(2014, "1281"), data_file(2018, "1281")])
    fp_2014 = PartyResult.objects.get(election__year=2014, abbreviation="FP")
    l_2018 = PartyResult.objects.get(election__year=2018, abbreviation="L")
    assert fp_2014.party_id == l_2018.party_id == Party.objects.get(abbreviation="L").pk
    fonyl = PartyResult.objects.get(election__year=2014, abbreviation="FöNyL")
    assert fonyl.party.abbreviation == "FNL"
    # An unknown small party becomes a party of its own, with the file's name and colour.
    demv = Party.objects.get(name="Demokratisk Vänster i Lund")
    assert demv.colour.lower() == "#ffccff"


def test_importing_the_same_file_twice_changes_nothing(db):
    path = data_file(2014, "1281")
    first = import_files([path])
    assert first.count("created") == 1
    counts = table_counts()
    election = Election.objects.get()
    updated = election.updated
    second = import_files([path])
    assert second.count("unchanged") == 1 and second.count("created") == 0
    assert table_counts() == counts
    election.refresh_from_db()
    assert election.updated == updated


def test_the_command_twice_says_unchanged(db, capsys):
    call_command("import-results", str(data_file(2018, "1281")), "--no-progress")
    call_command("import-results", str(data_file(2018, "1281")), "--no-progress")
    out = capsys.readouterr().out
    assert "1 nya" in out and "1 oförändrade" in out
    assert Election.objects.count() == 1


def _broken_files(tmp_path):
    good = data_file(2014, "1281").read_bytes()
    files = {
        "truncated": (tmp_path / "slutresultat_1281K.xml.gz", good[: len(good) // 2]),
        "not_xml": (tmp_path / "slutresultat_0001K.xml.gz", gzip.compress(b"this is not XML at all")),
        "wrong_root": (tmp_path / "slutresultat_0002K.xml.gz",
                       gzip.compress(b'<?xml version="1.0"?><RESULTAT><KOMMUN KOD="1281"/></RESULTAT>')),
        "empty": (tmp_path / "slutresultat_0003K.xml", b""),
    }
    for path, content in files.values():
        path.write_bytes(content)
    return {key: path for key, (path, _content) in files.items()}


@pytest.mark.parametrize(
    ("kind", "problem"),
    [("truncated", "gzip"), ("not_xml", "XML"), ("wrong_root", "<RESULTAT>"), ("empty", "XML")],
)
def test_a_bad_file_is_an_error_naming_file_and_problem_and_nothing_is_written(db, tmp_path, kind, problem):
    path = _broken_files(tmp_path)[kind]
    counts = table_counts()
    report = import_file(path)
    assert report.error is not None and problem in report.error
    assert table_counts() == counts


def test_the_command_names_the_bad_file_and_exits_non_zero(db, tmp_path, capsys):
    paths = _broken_files(tmp_path)
    with pytest.raises(CommandError) as error:
        call_command("import-results", str(paths["truncated"]), str(data_file(2018, "1281")), "--no-progress")
    assert "1 av 2 filer" in str(error.value)
    err = capsys.readouterr().err
    assert f"FEL {paths['truncated']}" in err and "gzip" in err
    # The good file in the same run is imported; the bad one left nothing.
    assert list(Election.objects.values_list("year", flat=True)) == [2018]


def test_a_failure_half_way_through_a_file_rolls_the_whole_file_back(db, monkeypatch):
    real = services.result_store
    calls = []

    def failing(**kwargs):
        calls.append(kwargs["data"].municipality_code)
        if len(calls) == 2:
            raise services.seatmath.SeatMathError("seats do not add up")
        return real(**kwargs)

    monkeypatch.setattr("folkvald.elections.importing.result_store", failing)
    counts = table_counts()
    report = import_file(DATA / "kf-2014" / "slutresultat_00K.xml.gz")  # Malmö, then Stockholm
    assert calls == ["1280", "0180"]
    assert report.error == "seats do not add up"
    assert table_counts() == counts


def test_the_national_summary_does_not_replace_a_municipalitys_own_file(db, tmp_path):
    # A summary listing Lund too: Lund's own file (with constituencies) is kept.
    import_files([data_file(2014, "1281")])
    import gzip as gz
    text = gz.decompress((DATA / "kf-2014" / "slutresultat_00K.xml.gz").read_bytes()).decode("iso-8859-1")
    lund = gz.decompress(data_file(2014, "1281").read_bytes()).decode("iso-8859-1")
    kommun = lund[lund.index("<KOMMUN "):lund.index("<KRETS_KOMMUN")] + "</KOMMUN>"
    text = text.replace("</VAL>", "") .rstrip()
    # Put Lund's totals into the summary next to Malmö's.
    text = text.replace('<KOMMUN KOD="1280"', kommun + '\n<KOMMUN KOD="1280"', 1) + "\n</VAL>\n"
    summary = tmp_path / "slutresultat_00K.xml.gz"
    summary.write_bytes(gz.compress(text.encode("iso-8859-1")))
    report = import_file(summary)
    assert report.error is None, report.error
    assert report.kept == ["1281"]
    lund_election = Election.objects.get(municipality_id="1281", year=2014)
    assert lund_election.source_name == "slutresultat_1281K.xml.gz"
    assert lund_election.constituencies.count() == 2
    assert set(Election.objects.values_list("municipality_id", flat=True)) == {"1281", "1280", "0180"}


def test_official_seats_that_differ_from_the_computed_ones_are_reported(db, capsys):
    # One constituency, 2018 rules (first divisor 1.2, 2 % threshold), 11 seats.
    # By hand: A 6000/1.2=5000, B 3000/1.2=2500, A 6000/3=2000, B 3000/3=1000 (...):
    # A gets seats at 5000, 2000, 1200, 857, 667, 545, 462; B at 2500, 1000, 600, 429 -> A 7, B 4.
    data = services.ResultData(
        year=2018, seats=11, municipality_code="1282",
        parties=[services.PartyVotes("S", 6000, official_seats=6), services.PartyVotes("M", 3000, official_seats=5)],
    )
    outcome = services.result_store(data=data, source="valmyndigheten", official=True)
    assert outcome.differences == {"S": (6, 7), "M": (5, 4)}
    assert outcome.election.seats_match_official is False
    assert {r.abbreviation: r.seats for r in outcome.election.party_results.all()} == {"S": 7, "M": 4}


def test_progress_bar_is_one_line_on_stderr(db):
    from folkvald.elections.management.commands.import_results import ProgressBar

    stream = io.StringIO()
    bar = ProgressBar(stream, width=10)
    for index in range(4):
        bar.update(index, 4, f"file{index}")
    bar.update(4, 4, "")
    bar.close()
    text = stream.getvalue()
    assert text.count("\n") == 1 and text.endswith("\n")
    assert text.count("\r") == 5
    assert "[##########] 4/4" in text


def test_the_command_shows_differences_loudly(db, capsys):
    # Stockholm and Malmö 2014 are known only from the national summary, without their
    # constituencies, so one count over the whole municipality cannot give the official seats.
    call_command("import-results", str(DATA / "kf-2014" / "slutresultat_00K.xml.gz"), "--no-progress")
    captured = capsys.readouterr()
    assert "AVVIKELSE 0180 2014: C officiellt 3, beräknat " in captured.err  # official: C 3
    assert "källan saknar kommunens valkretsar" in captured.err
    assert "2 avvikelser" in captured.out
    call_command("import-results", str(data_file(2014, "1281")), "--no-progress")
    captured = capsys.readouterr()
    assert "AVVIKELSE" not in captured.err
    assert "Alla beräknade mandat stämmer med de officiella." in captured.out


def test_seats_are_stored_with_their_explanation_at_import(db):
    import_files([data_file(2014, "1281")])
    election = Election.objects.get(municipality_id="1281", year=2014)
    assert election.explanation is not None
    # Each constituency on its own in 2014: the last seat of Lunds Västra (33 seats) and of Lunds Östra (32).
    parts = {part["name"]: part for part in election.explanation["constituencies"]}
    assert parts["Lunds Västra"]["last_seat"]["seat"] == 33
    assert parts["Lunds Östra"]["last_seat"]["seat"] == 32
    assert parts["Lunds Västra"]["runner_up"]
    # FI's 1 518 votes in Lunds Västra (one seat) against the last seat's comparative number
    # 4 000/7 = 571,43 (KD's 800 votes over 1,4): a second seat at divisor 3 needs more than
    # 1 714,29 votes, so FI lacked 1 715 − 1 518 = 197 there.
    assert election.explanation["votes_for_one_more_seat"]["FI"] == 197


def test_no_explain_leaves_it_for_the_page(db):
    call_command("import-results", str(data_file(2018, "1281")), "--no-progress", "--no-explain")
    assert Election.objects.get().explanation is None


def test_the_progress_bar_follows_a_national_summary_municipality_by_municipality(db):
    err = io.StringIO()
    call_command("import-results", str(DATA / "kf-2014" / "slutresultat_00K.xml.gz"), stderr=err, stdout=io.StringIO())
    lines = [line for line in err.getvalue().split("\r") if line.startswith("[")]
    # The cut-down summary holds Malmö (1280) and Stockholm (0180): half the bar after the first.
    assert any("slutresultat_00K.xml.gz 1280 (1/2)" in line and line.startswith("[" + "#" * 15 + "-")
               for line in lines), lines
    assert any("slutresultat_00K.xml.gz 0180 (2/2)" in line for line in lines), lines
    assert lines[-1].startswith("[" + "#" * 30 + "] 1/1")
