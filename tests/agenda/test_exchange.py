"""CSV in one format both ways: a round trip, and bad rows named with nothing half-imported."""

import csv
import datetime as dt
import io

import pytest

from folkvald.agenda.exchange import (
    DECISION_COLUMNS,
    REFORM_COLUMNS,
    CsvImportError,
    decisions_export,
    decisions_import,
    reforms_export,
    reforms_import,
)
from folkvald.agenda.models import Decision, Reform
from folkvald.agenda.services import agreement_create
from folkvald.organisations.models import Organisation, Party

pytestmark = pytest.mark.django_db


def rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))


def test_reform_export_has_the_format_columns_and_values(agenda, world):
    table = rows(reforms_export(organisation=world.branch))
    assert table[0] == REFORM_COLUMNS
    school = next(row for row in table if row[0] == "Fler lärare i skolan")
    assert school == ["Fler lärare i skolan", "Skola", "pågår", "3", "100", "lärare", "avtal", "",
                      "Avtal för Lund", "2022-2026", "MP, S, V", "ja", "Skola INTERN-ANTECKNING-XYZZY"]
    assert len(table) == 1 + 4  # header and the branch's four reforms, none of Malmö's


@pytest.fixture
def copy_target(world):
    """Another organisation with an agreement of the same title, to import into."""
    target = Organisation.objects.create(name="S i Huddinge", kind="branch", party=world.party,
                                         municipality_id="0126")
    agreement_create(organisation=target, title="Avtal för Lund", kind="coalition",
                     parties=list(Party.objects.filter(abbreviation__in=["S", "V"])), period_start=2022,
                     date=dt.date(2022, 10, 10))
    return target


def test_reforms_round_trip(agenda, world, copy_target):
    exported = reforms_export(organisation=world.branch)
    assert reforms_import(organisation=copy_target, text=exported, user=world.owner) == 4
    assert rows(reforms_export(organisation=copy_target)) == rows(exported)
    copied = Reform.objects.get(organisation=copy_target, title="Gratis skolfrukost")
    assert copied.status == "done"
    assert copied.status_changes.get().reason == "Inläst från CSV-fil."


def test_decisions_round_trip(agenda, world, copy_target):
    reforms_import(organisation=copy_target, text=reforms_export(organisation=world.branch), user=world.owner)
    exported = decisions_export(organisation=world.branch)
    table = rows(exported)
    assert table[0] == DECISION_COLUMNS
    budget = next(row for row in table if row[4] == "Budget 2024 med fler lärare")
    assert budget[:4] == ["2023-06-12", "kommunfullmäktige", "", "§ 98"]
    # A leading "+" would make a spreadsheet run the cell as a formula: the apostrophe stops it.
    assert budget[8] == "'+5,7 % | skolpeng\n5 939 bostäder | markanvisade"
    assert budget[9] == "Fler lärare i skolan"
    assert decisions_import(organisation=copy_target, text=exported) == 2
    assert rows(decisions_export(organisation=copy_target)) == table
    copied = Decision.objects.get(organisation=copy_target, paragraph="§ 98")
    assert [(f.qualifier, str(f.value), f.unit) for f in copied.figures.all()] == [
        ("increase", "5.700", "%"), ("", "5939.000", "bostäder")]


def test_formula_cells_are_defused_and_read_back(world, agenda):
    from folkvald.agenda.services import reform_update

    reform_update(reform=agenda.housing, title="=HYPERLINK(\"http://x\")", policy_area="@Bostäder")
    exported = reforms_export(organisation=world.branch)
    row = next(r for r in rows(exported) if "HYPERLINK" in r[0])
    assert row[:2] == ["'=HYPERLINK(\"http://x\")", "'@Bostäder"]
    Reform.objects.filter(pk=agenda.housing.pk).delete()
    reforms_import(organisation=world.branch, text="\n".join(exported.splitlines()[:1] + [
        line for line in exported.splitlines() if "HYPERLINK" in line]), user=world.owner)
    assert Reform.objects.get(policy_area="@Bostäder").title == "=HYPERLINK(\"http://x\")"


def test_import_accepts_commas_and_codes(world):
    text = ("rubrik,politikområde,status,vikt,målvärde,målenhet,källa,källans namn,avtal,mandatperiod,partier,"
            "publicerad,interna anteckningar\n"
            "Ny simhall,Fritid,in_progress,2,\"1,5\",mnkr,programme,Handlingsprogram 2022,,2022-2026,S,nej,\n")
    assert reforms_import(organisation=world.branch, text=text, user=world.owner) == 1
    reform = Reform.objects.get(title="Ny simhall")
    assert (reform.status, reform.weight, str(reform.target_value), reform.source_kind, reform.is_published) == (
        "in_progress", 2, "1.500", "programme", False)


def test_bad_rows_are_named_and_nothing_is_imported(world, agenda):
    header = ";".join(REFORM_COLUMNS)
    good = "Bra reform;Skola;ej påbörjad;1;;;avtal;;Avtal för Lund;2022-2026;S;ja;"
    text = "\n".join([
        header,
        good,
        "Dålig status;Skola;klar;1;;;avtal;;Avtal för Lund;2022-2026;S;ja;",
        "Okänt avtal;Skola;pågår;1;;;avtal;;Inget sådant;2022-2026;S;ja;",
        "Fel vikt;Skola;pågår;tung;;;avtal;;Avtal för Lund;2022-2026;S;ja;",
        "Okänt parti;Skola;pågår;1;;;avtal;;Avtal för Lund;2022-2026;XYZ;ja;",
        "Fel period;Skola;pågår;1;;;handlingsprogram;;;2023-2027;S;ja;",
    ])
    before = Reform.objects.count()
    with pytest.raises(CsvImportError) as error:
        reforms_import(organisation=world.branch, text=text, user=world.owner)
    lines = [(e.line, e.message) for e in error.value.errors]
    assert [line for line, _ in lines] == [3, 4, 5, 6, 7]
    assert "klar" in lines[0][1]
    assert "Inget sådant" in lines[1][1]
    assert "tung" in lines[2][1]
    assert "XYZ" in lines[3][1]
    assert "2023-2027" in lines[4][1]
    assert str(error.value.errors[0]).startswith("Rad 3:")
    assert Reform.objects.count() == before
    assert not Reform.objects.filter(title="Bra reform").exists()


def test_line_numbers_count_multiline_cells(world, agenda):
    header = ";".join(DECISION_COLUMNS)
    text = (header + "\n"
            '2023-01-01;kommunfullmäktige;;§ 1;Första;Skola;"två\nrader";;;;ja;\n'
            "2023-13-01;kommunfullmäktige;;§ 2;Andra;Skola;;;;;ja;\n")
    with pytest.raises(CsvImportError) as error:
        decisions_import(organisation=world.branch, text=text)
    assert [e.line for e in error.value.errors] == [4]
    assert "2023-13-01" in error.value.errors[0].message


def test_bad_figures_and_unknown_reforms_are_named(world, agenda):
    header = ";".join(DECISION_COLUMNS)
    text = (header + "\n"
            "2023-01-01;kommunfullmäktige;;§ 1;Första;Skola;;;mnkr femtio;;ja;\n"
            "2023-01-02;nämnd;Utbildningsnämnden;§ 2;Andra;Skola;;;;Finns inte;ja;\n"
            "2023-01-03;styrelsen;;§ 3;Tredje;Skola;;;;;ja;\n")
    with pytest.raises(CsvImportError) as error:
        decisions_import(organisation=world.branch, text=text)
    assert [e.line for e in error.value.errors] == [2, 3, 4]
    assert "siffror" in error.value.errors[0].message
    assert "Finns inte" in error.value.errors[1].message
    assert "styrelsen" in error.value.errors[2].message
    assert not Decision.objects.filter(title__in=["Första", "Andra", "Tredje"]).exists()


def test_a_wrong_header_is_named(world):
    with pytest.raises(CsvImportError) as error:
        reforms_import(organisation=world.branch, text="titel;status\nA;pågår\n")
    assert error.value.errors[0].line == 1
    assert "rubrik" in error.value.errors[0].message


def test_a_short_row_and_an_empty_file_are_named(world):
    with pytest.raises(CsvImportError) as error:
        reforms_import(organisation=world.branch, text=";".join(REFORM_COLUMNS) + "\nA;B\n")
    assert error.value.errors[0].line == 2
    with pytest.raises(CsvImportError):
        reforms_import(organisation=world.branch, text="")
    with pytest.raises(CsvImportError):
        reforms_import(organisation=world.branch, text=";".join(REFORM_COLUMNS) + "\n")


def test_duplicate_titles_in_one_file_are_refused(world, agenda):
    row = "Samma;Skola;pågår;1;;;avtal;;Avtal för Lund;2022-2026;S;ja;"
    with pytest.raises(CsvImportError) as error:
        reforms_import(organisation=world.branch, text="\n".join([";".join(REFORM_COLUMNS), row, row]))
    assert [e.line for e in error.value.errors] == [3]
