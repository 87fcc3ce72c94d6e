"""CSV import and export of reforms and decisions, in one format each way.

The export writes exactly the columns the import reads, so a file exported from one
organisation imports into another (round trip). Swedish spreadsheet conventions: ";" as
separator, decimal comma, UTF-8 with a byte order mark; the import also accepts ",". A cell a spreadsheet would run
as a formula ("+5,7 %") is written with a leading apostrophe, which the import removes.
An import checks every row first and writes nothing if any row is bad; each error names
the row's line in the file and the problem.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from folkvald.agenda.figures import FigureError, figure_line, parse_figures
from folkvald.agenda.models import (
    Agreement,
    Decision,
    DecisionBody,
    Reform,
    ReformStatus,
    SourceKind,
    validate_election_year,
)
from folkvald.agenda.selectors import (
    organisation_decisions,
    organisation_reforms,
    period_parse,
    period_slug,
)
from folkvald.agenda.services import decision_create, reform_create, reform_status_change
from folkvald.organisations.models import Organisation, Party

REFORM_COLUMNS = [
    "rubrik",
    "politikområde",
    "status",
    "vikt",
    "målvärde",
    "målenhet",
    "källa",
    "källans namn",
    "avtal",
    "mandatperiod",
    "partier",
    "publicerad",
    "interna anteckningar",
]
DECISION_COLUMNS = [
    "datum",
    "organ",
    "organets namn",
    "paragraf",
    "rubrik",
    "politikområde",
    "beskrivning",
    "länk",
    "siffror",
    "reformer",
    "publicerad",
    "interna anteckningar",
]
YES, NO = "ja", "nej"
MAX_ROWS = 5000


@dataclass(frozen=True)
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Rad %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class CsvImportError(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(error) for error in errors))
        self.errors = errors


def _decimal_text(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


#: A cell starting with one of these is a formula to a spreadsheet ("+5,7 %" would be one).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell_out(text: str) -> str:
    """Keep spreadsheets from running a cell as a formula: prefix it with an apostrophe (OWASP)."""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _cell_in(text: str) -> str:
    text = text.strip()
    return text[1:] if text.startswith("'") and text[1:].startswith(FORMULA_START) else text


def _write(columns: list[str], rows: list[list[str]]) -> str:
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(columns)
    writer.writerows([_cell_out(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def _labels(choices: type[Any]) -> dict[str, str]:
    """Value for each accepted spelling: the code and the Swedish label, lower case."""
    with translation.override("sv"):
        accepted = {str(label).lower(): value for value, label in choices.choices}
    accepted.update({value: value for value in choices.values})
    return accepted


def _label(choices: type[Any], value: str) -> str:
    with translation.override("sv"):
        return str(choices(value).label)


def reforms_export(*, organisation: Organisation) -> str:
    reforms = organisation_reforms(organisation=organisation, public_only=False)
    rows = [
        [
            reform.title,
            reform.policy_area,
            _label(ReformStatus, reform.status),
            str(reform.weight),
            _decimal_text(reform.target_value),
            reform.target_unit,
            _label(SourceKind, reform.source_kind),
            reform.source_name,
            reform.agreement.title if reform.agreement else "",
            period_slug(reform.period_start),
            ", ".join(sorted(party.abbreviation for party in reform.parties.all())),
            YES if reform.is_published else NO,
            reform.internal_notes,
        ]
        for reform in reforms
    ]
    return _write(REFORM_COLUMNS, rows)


def decisions_export(*, organisation: Organisation) -> str:
    decisions = organisation_decisions(organisation=organisation, public_only=False).order_by("position", "date", "pk")
    with translation.override("sv"):
        rows = [
            [
                decision.date.isoformat(),
                _label(DecisionBody, decision.body),
                decision.body_name,
                decision.paragraph,
                decision.title,
                decision.policy_area,
                decision.description,
                decision.url,
                "\n".join(
                    figure_line(figure.qualifier, figure.value, figure.unit, figure.label)
                    for figure in decision.figures.all()
                ),
                "\n".join(reform.title for reform in decision.reforms.all()),
                YES if decision.is_published else NO,
                decision.internal_notes,
            ]
            for decision in decisions
        ]
    return _write(DECISION_COLUMNS, rows)


# --- import ------------------------------------------------------------------------


def _read(text: str, columns: list[str]) -> list[tuple[int, dict[str, str]]]:
    """Rows with the line each starts on; the header must name exactly the format's columns."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise CsvImportError([RowError(1, _("Filen är tom."))])
    first_line = text.splitlines()[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader)]
    except csv.Error as error:
        raise CsvImportError([RowError(1, str(error))]) from error
    if header != columns:
        missing = [name for name in columns if name not in header]
        extra = [name for name in header if name not in columns]
        parts = []
        if missing:
            parts.append(_("saknar kolumnerna %(names)s") % {"names": ", ".join(missing)})
        if extra:
            parts.append(_("okända kolumner %(names)s") % {"names": ", ".join(extra)})
        if not parts:
            parts.append(_("kolumnerna står i fel ordning"))
        message = _("Rubrikraden %(problem)s. Väntade: %(columns)s") % {
            "problem": "; ".join(parts),
            "columns": ";".join(columns),
        }
        raise CsvImportError([RowError(1, message)])
    rows = []
    line = reader.line_num + 1
    try:
        for record in reader:
            if any(cell.strip() for cell in record):
                if len(record) != len(columns):
                    raise CsvImportError(
                        [
                            RowError(
                                line,
                                _("%(found)d fält, väntade %(expected)d.")
                                % {"found": len(record), "expected": len(columns)},
                            )
                        ]
                    )
                rows.append((line, dict(zip(columns, (_cell_in(cell) for cell in record), strict=True))))
            line = reader.line_num + 1
            if len(rows) > MAX_ROWS:
                raise CsvImportError([RowError(line, _("Högst %(max)d rader per fil.") % {"max": MAX_ROWS})])
    except csv.Error as error:
        raise CsvImportError([RowError(line, str(error))]) from error
    if not rows:
        raise CsvImportError([RowError(2, _("Filen har inga rader under rubrikraden."))])
    return rows


def _yes_no(value: str) -> bool:
    lowered = value.lower()
    if lowered in {"ja", "yes", "1", "sant", "true", "x"}:
        return True
    if lowered in {"nej", "no", "0", "falskt", "false", ""}:
        return False
    raise ValueError(_("”publicerad” ska vara ja eller nej, inte ”%(value)s”.") % {"value": value})


def _choice(accepted: dict[str, str], value: str, column: str) -> str:
    try:
        return accepted[value.lower()]
    except KeyError:
        raise ValueError(
            _("okänt värde ”%(value)s” i kolumnen %(column)s") % {"value": value, "column": column}
        ) from None


def _decimal(value: str, column: str) -> Decimal | None:
    if not value:
        return None
    try:
        number = Decimal(value.replace("\xa0", "").replace(" ", "").replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("”%(value)s” i kolumnen %(column)s är inget tal") % {"value": value, "column": column}) from None
    if not number.is_finite() or abs(number) >= Decimal("1e13"):
        raise ValueError(_("”%(value)s” i kolumnen %(column)s är inget tal") % {"value": value, "column": column})
    return number


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            return "; ".join(f"{field}: {' '.join(messages)}" for field, messages in error.message_dict.items())
        return " ".join(error.messages)
    return str(error)


def _import(rows: list[tuple[int, dict[str, str]]], prepare: Callable[[dict[str, str]], Callable[[], Any]]) -> int:
    """Check every row, then write all of them in one transaction; a row failing at write time undoes all."""
    errors: list[RowError] = []
    writers: list[tuple[int, Callable[[], Any]]] = []
    for line, row in rows:
        try:
            writers.append((line, prepare(row)))
        except (ValueError, ValidationError) as error:
            errors.append(RowError(line, _message(error)))
    if errors:
        raise CsvImportError(errors)
    with transaction.atomic():
        for line, write in writers:
            try:
                write()
            except (ValueError, ValidationError) as error:
                raise CsvImportError([RowError(line, _message(error))]) from error
    return len(writers)


def reforms_import(*, organisation: Organisation, text: str, user: Any = None) -> int:
    """Create one reform per row; returns how many. Raises CsvImportError naming bad rows."""
    rows = _read(text, REFORM_COLUMNS)
    statuses = _labels(ReformStatus)
    sources = _labels(SourceKind)
    agreements = {agreement.title.lower(): agreement for agreement in Agreement.objects.filter(organisation=organisation)}
    parties = {party.abbreviation.lower(): party for party in Party.objects.all()}
    seen: set[str] = set()

    def prepare(row: dict[str, str]) -> Callable[[], Any]:
        title = row["rubrik"]
        if not title:
            raise ValueError(_("rubrik saknas"))
        if title.lower() in seen:
            raise ValueError(_("reformen ”%(title)s” står redan tidigare i filen") % {"title": title})
        seen.add(title.lower())
        status = _choice(statuses, row["status"] or "not_started", "status")
        source_kind = _choice(sources, row["källa"], "källa")
        agreement = None
        if row["avtal"]:
            agreement = agreements.get(row["avtal"].lower())
            if agreement is None:
                raise ValueError(_("okänt avtal ”%(title)s”") % {"title": row["avtal"]})
        if source_kind == SourceKind.AGREEMENT and agreement is None:
            raise ValueError(_("källan är ett avtal men kolumnen avtal är tom"))
        period_start = period_parse(row["mandatperiod"].replace("–", "-"))
        if period_start is None and row["mandatperiod"]:
            raise ValueError(_("mandatperioden ska skrivas som 2022-2026, inte ”%(value)s”") % {"value": row["mandatperiod"]})
        if period_start is None and agreement is None:
            raise ValueError(_("mandatperiod saknas"))
        if period_start is not None:
            validate_election_year(period_start)
        try:
            weight = int(row["vikt"] or "1")
        except ValueError:
            raise ValueError(_("vikten ska vara ett heltal, inte ”%(value)s”") % {"value": row["vikt"]}) from None
        if not 1 <= weight <= 100:
            raise ValueError(_("vikten ska vara mellan 1 och 100"))
        target_value = _decimal(row["målvärde"], "målvärde")
        if (target_value is None) != (not row["målenhet"]):
            raise ValueError(_("ett mål har både värde och enhet"))
        party_list = []
        for abbreviation in filter(None, (part.strip() for part in row["partier"].split(","))):
            party = parties.get(abbreviation.lower())
            if party is None:
                raise ValueError(_("okänt parti ”%(abbreviation)s”") % {"abbreviation": abbreviation})
            party_list.append(party)
        published = _yes_no(row["publicerad"])
        candidate = Reform(
            organisation=organisation,
            title=title,
            policy_area=row["politikområde"],
            source_kind=source_kind,
            agreement=agreement,
            source_name=row["källans namn"],
            period_start=period_start or (agreement.period_start if agreement else 0),
            target_value=target_value,
            target_unit=row["målenhet"],
            weight=weight,
            internal_notes=row["interna anteckningar"],
        )
        candidate.full_clean(exclude=["organisation"])

        def write() -> Reform:
            reform = reform_create(
                organisation=organisation,
                title=title,
                policy_area=row["politikområde"],
                source_kind=source_kind,
                agreement=agreement,
                source_name=row["källans namn"],
                period_start=period_start,
                target_value=target_value,
                target_unit=row["målenhet"],
                weight=weight,
                parties=party_list,
                is_published=published,
                internal_notes=row["interna anteckningar"],
            )
            if status != ReformStatus.NOT_STARTED:
                # The file carries the status, not its evidence: the history says where it came from.
                reform_status_change(
                    reform=reform,
                    status=status,
                    reason=_("Inläst från CSV-fil."),
                    user=user,
                    require_evidence=False,
                )
            return reform

        return write

    return _import(rows, prepare)


def decisions_import(*, organisation: Organisation, text: str) -> int:
    """Create one decision per row; returns how many. Raises CsvImportError naming bad rows."""
    rows = _read(text, DECISION_COLUMNS)
    bodies = _labels(DecisionBody)
    reforms = {reform.title.lower(): reform for reform in Reform.objects.filter(organisation=organisation)}

    def prepare(row: dict[str, str]) -> Callable[[], Any]:
        if not row["rubrik"]:
            raise ValueError(_("rubrik saknas"))
        try:
            date = dt.date.fromisoformat(row["datum"])
        except ValueError:
            raise ValueError(_("datumet ska skrivas som 2023-06-12, inte ”%(value)s”") % {"value": row["datum"]}) from None
        body = _choice(bodies, row["organ"], "organ")
        try:
            figures = parse_figures(row["siffror"])
        except FigureError as error:
            raise ValueError(_("siffror: %(error)s") % {"error": error}) from None
        linked = []
        for title in filter(None, (line.strip() for line in row["reformer"].splitlines())):
            reform = reforms.get(title.lower())
            if reform is None:
                raise ValueError(_("okänd reform ”%(title)s”") % {"title": title})
            linked.append(reform)
        published = _yes_no(row["publicerad"])
        candidate = Decision(
            organisation=organisation,
            date=date,
            body=body,
            body_name=row["organets namn"],
            paragraph=row["paragraf"],
            title=row["rubrik"],
            policy_area=row["politikområde"],
            description=row["beskrivning"],
            url=row["länk"],
            internal_notes=row["interna anteckningar"],
        )
        candidate.full_clean(exclude=["organisation"])

        def write() -> Decision:
            return decision_create(
                organisation=organisation,
                date=date,
                body=body,
                body_name=row["organets namn"],
                paragraph=row["paragraf"],
                title=row["rubrik"],
                policy_area=row["politikområde"],
                description=row["beskrivning"],
                url=row["länk"],
                reforms=linked,
                figures=figures,
                is_published=published,
                internal_notes=row["interna anteckningar"],
            )

        return write

    return _import(rows, prepare)
