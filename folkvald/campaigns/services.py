"""Writes of the campaigns app: campaigns, targets, reports and the tallies kept beside them.

Every report insert updates the weekly, topic and person tallies of the reporting
organisation and of each organisation above it (up to the campaign's owner) in the
same transaction, so progress pages read a handful of tally rows and never scan
reports. The upsert (INSERT ... ON CONFLICT DO UPDATE) works on SQLite and PostgreSQL;
rows are written in a fixed order so that concurrent reports never deadlock.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import uuid
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from folkvald.campaigns.models import (
    DEFAULT_TOPICS,
    MAX_CONVERSATIONS,
    Activity,
    Campaign,
    LeaderboardOptIn,
    PersonTally,
    PlaceKind,
    Report,
    Source,
    Target,
    TargetBasis,
    Team,
    TopicTally,
    WeekTally,
    week_start,
)
from folkvald.campaigns.permissions import ancestors, campaign_subtree_ids
from folkvald.core import sql as hot_sql
from folkvald.organisations.models import (
    Municipality,
    MunicipalityElectionFigures,
    Organisation,
    OrganisationKind,
    Person,
)
from folkvald.seatmath.methods import largest_remainder

BATCH = 2000


class ReportConflict(Exception):
    """A report id already stored for another campaign or reporter: refused, never merged."""


# --- Campaigns and targets ------------------------------------------------------------


def campaign_create(
    *,
    organisation: Organisation,
    name: str,
    start: dt.date,
    end: dt.date,
    national_target: int,
    topics: Sequence[str] | None = None,
    target_basis: str = TargetBasis.POPULATION,
    is_public: bool = False,
    description: str = "",
) -> Campaign:
    if end < start:
        raise ValidationError({"end": _("Kampanjen kan inte sluta före den börjar.")})
    campaign = Campaign.objects.create(
        organisation=organisation,
        name=name,
        start=start,
        end=end,
        national_target=national_target,
        topics=list(topics) if topics is not None else list(DEFAULT_TOPICS),
        target_basis=target_basis,
        is_public=is_public,
        description=description,
    )
    Target.objects.create(campaign=campaign, organisation=organisation, computed=national_target)
    return campaign


def municipality_weights(*, basis: str, year: int) -> dict[str, int]:
    """Every municipality's weight: its population, or its eligible voters in the last election up to ``year``."""
    if basis == TargetBasis.POPULATION:
        return dict(Municipality.objects.values_list("code", "population"))
    by_code: dict[str, dict[int, int]] = defaultdict(dict)
    for code, figure_year, voters in MunicipalityElectionFigures.objects.values_list(
        "municipality_id", "year", "eligible_voters"
    ):
        by_code[code][figure_year] = voters
    weights: dict[str, int] = {}
    for code, years in by_code.items():
        usable = [y for y in years if y <= year]
        weights[code] = years[max(usable) if usable else min(years)]
    return weights


@transaction.atomic
def targets_apportion(*, campaign: Campaign, basis: str | None = None) -> dict[int, int]:
    """The national target over the branches by their municipality's share, by exact largest remainder.

    Every one of the 290 municipalities takes part, so a branch gets its share of the whole
    country and the shares add up to exactly the national target; municipalities without a
    branch in the tree keep theirs unassigned. A district's target is the sum of its branches'.
    An adopted target is kept: only the computed figure changes.
    """
    basis = basis or campaign.target_basis
    weights = municipality_weights(basis=basis, year=campaign.start.year)
    if not weights:
        raise ValidationError(_("Det finns inga befolkningssiffror att fördela efter."))
    seats = largest_remainder(weights, campaign.national_target).seats
    subtree = campaign_subtree_ids(campaign)
    branches = Organisation.objects.filter(
        pk__in=subtree, kind=OrganisationKind.BRANCH, party=campaign.organisation.party
    ).select_related("parent")
    computed: dict[int, int] = {}
    for branch in branches:
        computed[branch.pk] = seats.get(branch.municipality_id, 0)
        _target_save(campaign, branch, computed=computed[branch.pk], weight=weights.get(branch.municipality_id, 0))
    districts: dict[int, int] = defaultdict(int)
    for branch in branches:
        for above in ancestors(branch)[1:]:
            if above.pk == campaign.organisation_id:
                break
            districts[above.pk] += computed[branch.pk]
    for district_id, total in districts.items():
        _target_save(campaign, Organisation(pk=district_id), computed=total, weight=None)
    if basis != campaign.target_basis:
        campaign.target_basis = basis
        campaign.save(update_fields=["target_basis"])
    return computed


def _target_save(
    campaign: Campaign,
    organisation: Organisation,
    *,
    team: Team | None = None,
    person: Person | None = None,
    **values: object,
) -> Target:
    target, _created = Target.objects.update_or_create(
        campaign=campaign, organisation=organisation, team=team, person=person, defaults=values
    )
    return target


def target_adopt(
    *,
    campaign: Campaign,
    organisation: Organisation,
    value: int | None,
    team: Team | None = None,
    person: Person | None = None,
) -> Target:
    """A target set by hand (Lund's 15,000); None goes back to the computed one."""
    if value is not None and value < 0:
        raise ValidationError({"value": _("Ett mål kan inte vara negativt.")})
    return _target_save(campaign, organisation, team=team, person=person, adopted=value)


def target_value(*, campaign: Campaign, organisation: Organisation) -> int | None:
    target = Target.objects.filter(
        campaign=campaign, organisation=organisation, team__isnull=True, person__isnull=True
    ).first()
    return target.value if target else None


def _target_holder(campaign: Campaign, organisation: Organisation, key: str) -> dict[str, object]:
    """Where the target of ``org:<id>``, ``team:<id>`` or ``person:<id>`` beneath an organisation lives.

    A child organisation, a team of the organisation in this campaign, or a person holding a
    role in the organisation; anything else is refused.
    """
    kind, _sep, raw = key.partition(":")
    try:
        pk = int(raw)
    except ValueError:
        pk = None
    if kind == "org" and pk is not None and Organisation.objects.filter(pk=pk, parent=organisation).exists():
        return {"organisation": Organisation(pk=pk), "team": None, "person": None}
    if kind == "team" and pk is not None:
        team = Team.objects.filter(pk=pk, campaign=campaign, organisation=organisation).first()
        if team is not None:
            return {"organisation": organisation, "team": team, "person": None}
    if kind == "person" and pk is not None:
        person = Person.objects.filter(pk=pk, roles__organisation=organisation).distinct().first()
        if person is None:
            raise ValidationError(_("Personen hör inte till organisationen."))
        return {"organisation": organisation, "team": None, "person": person}
    raise ValidationError(_("%(key)s hör inte till organisationen.") % {"key": key})


@transaction.atomic
def targets_split(
    *, campaign: Campaign, organisation: Organisation, weights: Mapping[str, int]
) -> dict[str, int]:
    """Split an organisation's target over its associations, teams or people by weights.

    Keys are ``org:<id>``, ``team:<id>`` or ``person:<id>``; equal weights split evenly. The
    parts add up to the organisation's target exactly (largest remainder, ties by a recorded lot).
    """
    total = target_value(campaign=campaign, organisation=organisation)
    if total is None:
        raise ValidationError(_("Organisationen har inget mål att fördela."))
    clean = {key: int(value) for key, value in weights.items() if int(value) > 0}
    if not clean:
        raise ValidationError(_("Ange minst en vikt större än noll."))
    parts = largest_remainder(clean, total).seats
    for key, part in parts.items():
        holder = _target_holder(campaign, organisation, key)
        _target_save(campaign, holder.pop("organisation"), **holder, computed=part, weight=clean[key])
    return parts


@transaction.atomic
def targets_set(
    *, campaign: Campaign, organisation: Organisation, values: Mapping[str, int | None]
) -> dict[str, int | None]:
    """Targets set by hand for associations, teams or people beneath an organisation (keys as in a split).

    Each becomes that one's adopted target (None goes back to its computed one). Unlike a split,
    the parts need not add up to the organisation's target: the leader decides.
    """
    for key, value in values.items():
        if value is not None and int(value) < 0:
            raise ValidationError(_("Ett mål kan inte vara negativt."))
        holder = _target_holder(campaign, organisation, key)
        _target_save(campaign, holder.pop("organisation"), **holder,
                     adopted=None if value is None else int(value))
    return dict(values)


def team_create(*, campaign: Campaign, organisation: Organisation, name: str) -> Team:
    name = name.strip()
    if not name:
        raise ValidationError({"name": _("Ge laget ett namn.")})
    if Team.objects.filter(campaign=campaign, organisation=organisation, name=name).exists():
        raise ValidationError({"name": _("Det finns redan ett lag med det namnet.")})
    return Team.objects.create(campaign=campaign, organisation=organisation, name=name)


def leaderboard_opt_in_set(*, campaign: Campaign, person: Person, opt_in: bool) -> None:
    if opt_in:
        LeaderboardOptIn.objects.get_or_create(campaign=campaign, person=person)
    else:
        LeaderboardOptIn.objects.filter(campaign=campaign, person=person).delete()


# --- Reports ------------------------------------------------------------------------------

ACTIVITY_WORDS = {
    "dörrknackning": Activity.DOOR_KNOCKING,
    "dorrknackning": Activity.DOOR_KNOCKING,
    "bokbord": Activity.STREET_STALL,
    "gatumöte": Activity.STREET_STALL,
    "gatumote": Activity.STREET_STALL,
    "station": Activity.STREET_STALL,
    "telefon": Activity.PHONE,
    "ringning": Activity.PHONE,
    "möte": Activity.MEETING,
    "valmöte": Activity.MEETING,
    "evenemang": Activity.EVENT,
}


def activity_from_text(text: str) -> str | None:
    value = text.strip().lower()
    if value in Activity.values:
        return value
    if value in ACTIVITY_WORDS:
        return ACTIVITY_WORDS[value]
    for code, label in Activity.choices:
        if value == str(label).lower():
            return code
    return None


def topics_from_text(text: str) -> list[str]:
    return [part.strip().lower() for part in re.split(r"[|,;/]+", text) if part.strip()]


_ACTIVITIES = frozenset(Activity.values)
_PLACE_KINDS = frozenset(PlaceKind.values)


def report_clean(
    *,
    campaign: Campaign,
    date: dt.date,
    place: str,
    activity: str,
    conversations: int,
    topics: Iterable[str] = (),
    note: str = "",
    place_kind: str = PlaceKind.NAMED,
    today: dt.date | None = None,
) -> dict[str, object]:
    """Check one report's fields against the campaign; the errors name the field in Swedish.

    ``today``: the local date, when the caller has it (the reporting API's access check).
    """
    errors: dict[str, str] = {}
    if not campaign.start <= date <= campaign.end:
        errors["date"] = _("Datumet ligger utanför kampanjen (%(start)s–%(end)s).") % {
            "start": campaign.start.isoformat(), "end": campaign.end.isoformat()}
    elif date > (today or timezone.localdate()) + dt.timedelta(days=1):
        errors["date"] = _("Datumet ligger i framtiden.")
    place = (place or "").strip()
    if not place:
        errors["place"] = _("Ange platsen (t.ex. valdistrikt eller Stationen).")
    elif len(place) > 120:
        errors["place"] = _("Platsen får vara högst 120 tecken.")
    if activity not in _ACTIVITIES:
        errors["activity"] = _("Okänd aktivitet: %(value)s.") % {"value": activity}
    if place_kind not in _PLACE_KINDS:
        errors["place_kind"] = _("Okänd typ av plats: %(value)s.") % {"value": place_kind}
    if isinstance(conversations, bool) or not isinstance(conversations, int) or not (
        1 <= conversations <= MAX_CONVERSATIONS
    ):
        errors["conversations"] = _("Antal samtal ska vara ett heltal från 1 till %(max)s.") % {
            "max": MAX_CONVERSATIONS}
    chosen: list[str] = []
    for topic in topics:
        value = str(topic).strip().lower()
        if value and value not in chosen:
            chosen.append(value)
    allowed = [str(t).lower() for t in campaign.topics]
    unknown = [t for t in chosen if allowed and t not in allowed]
    if unknown:
        errors["topics"] = _("Okända ämnen: %(topics)s.") % {"topics": ", ".join(unknown)}
    note = (note or "").strip()
    if len(note) > 500:
        errors["note"] = _("Anteckningen får vara högst 500 tecken.")
    if errors:
        raise ValidationError(errors)
    return {
        "date": date, "place": place, "activity": activity, "conversations": conversations,
        "topics": chosen, "note": note, "place_kind": place_kind,
    }


def _check_reporter(
    campaign: Campaign, organisation: Organisation, team: Team | None, counted_for: Sequence[int] | None = None
) -> list[int]:
    """The ids of the organisations a report counts for: its own and those above, up to the campaign's.

    ``counted_for`` is that chain as the caller already read it (the reporting API's access
    check), nearest first; otherwise it is read here.
    """
    chain = [o.pk for o in ancestors(organisation)] if counted_for is None else list(counted_for)
    if not chain or chain[0] != organisation.pk or campaign.organisation_id not in chain:
        raise ValidationError({"organisation": _("Organisationen deltar inte i kampanjen.")})
    if team is not None and (team.campaign_id != campaign.pk or team.organisation_id != organisation.pk):
        raise ValidationError({"team": _("Laget hör inte till organisationen.")})
    return chain[: chain.index(campaign.organisation_id) + 1]


def report_create(
    *,
    campaign: Campaign,
    organisation: Organisation,
    reporter: Person | None,
    date: dt.date,
    place: str,
    activity: str,
    conversations: int,
    topics: Iterable[str] = (),
    note: str = "",
    place_kind: str = PlaceKind.NAMED,
    team: Team | None = None,
    report_id: uuid.UUID | None = None,
    source: str = Source.FORM,
    counted_for: Sequence[int] | None = None,
    today: dt.date | None = None,
) -> tuple[Report, bool]:
    """Store a report once: the same id again returns the stored report and changes no count.

    Returns (report, created). Safe under concurrency: the primary key decides, and a
    second insert of the same id waits for the first and then finds it. On PostgreSQL the
    report and its tallies are one statement (atomic by itself: no BEGIN and COMMIT round
    trips on the hot path); elsewhere one transaction. ``counted_for``: the ids of the
    organisation and those above it, nearest first, when the caller has them (see
    :func:`_check_reporter`); ``today`` the local date, when the caller has it.
    """
    chain = _check_reporter(campaign, organisation, team, counted_for)
    fields = report_clean(
        campaign=campaign, date=date, place=place, activity=activity, conversations=conversations,
        topics=topics, note=note, place_kind=place_kind, today=today,
    )
    report = Report(
        id=report_id or uuid.uuid4(), campaign=campaign, organisation=organisation, team=team,
        reporter=reporter, source=source, **fields,
    )
    report.week = week_start(report.date)
    if connection.vendor == "postgresql":
        inserted = _insert_with_tallies(report, chain)
    else:
        with transaction.atomic():
            inserted = _insert_once(report)
            if inserted:
                _tally([report], {organisation.pk: chain})
    if not inserted:
        existing = Report.objects.select_related("organisation", "reporter", "team").filter(pk=report.id).first()
        if existing is None:  # pragma: no cover - a conflict means the row exists
            raise IntegrityError(f"report {report.id} neither inserted nor found")
        if existing.campaign_id != campaign.pk or existing.reporter_id != (reporter.pk if reporter else None):
            raise ReportConflict(str(report.id))
        return existing, False
    report._state.adding = False
    return report, True


@transaction.atomic
def report_delete(*, report: Report) -> None:
    """Withdraw a report (a typo at the door): the tallies lose exactly what it added."""
    report = Report.objects.select_for_update().select_related("organisation", "campaign").get(pk=report.pk)
    chain = _check_reporter(report.campaign, report.organisation, None)
    negative = Report(
        id=report.id, campaign_id=report.campaign_id, organisation_id=report.organisation_id,
        reporter_id=report.reporter_id, date=report.date, week=report.week, topics=report.topics,
        conversations=-report.conversations,
    )
    _tally([negative], {report.organisation_id: chain}, sign=-1)
    report.delete()


_INSERT_SQL: dict[str, str] = {}


def _insert_sql(report: Report) -> tuple[str, list[object]]:
    """INSERT … ON CONFLICT (id) DO NOTHING RETURNING id: a row back only when this call stored the report."""
    fields = Report._meta.concrete_fields
    vendor = connection.vendor
    sql = _INSERT_SQL.get(vendor)
    if sql is None:
        quote = connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        placeholders = ", ".join("%s::jsonb" if (f.name == "topics" and vendor == "postgresql") else "%s"
                                 for f in fields)
        sql = _INSERT_SQL[vendor] = (
            f"INSERT INTO {quote(Report._meta.db_table)} ({columns}) VALUES ({placeholders}) "  # noqa: S608
            f"ON CONFLICT ({quote('id')}) DO NOTHING RETURNING {quote('id')}"
        )
    values = []
    for f in fields:
        value = f.get_db_prep_save(getattr(report, f.attname), connection)
        if f.name == "topics" and not isinstance(value, str):
            value = json.dumps(getattr(report, f.attname))
        values.append(value)
    return sql, values


def _insert_once(report: Report) -> bool:
    """True when this call stored the report (one statement instead of a savepoint around an insert).

    A second insert of the same id waits for the first (the primary key's unique index) and
    then inserts nothing.
    """
    sql, params = _insert_sql(report)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


def _insert_with_tallies(report: Report, chain: list[int]) -> bool:
    """PostgreSQL: the report and its tallies in one statement; the tallies change only if the report is new.

    The insert is a data-modifying CTE; the tally upserts take their rows from what it returned,
    so a repeat (the conflict: nothing returned) changes nothing. One statement is one
    transaction in autocommit, and part of the caller's inside ``atomic``. The report and the
    organisations to count it for travel as one JSON parameter (``jsonb_populate_record`` turns
    it into a row of the report table): one value for the driver to quote instead of thirty, and
    the statement's text is the same for every report. Rows are upserted in one order (by
    organisation, then topic), so concurrent reports do not deadlock.
    """
    statement = _REPORT_WITH_TALLIES.get("postgresql")
    if statement is None:
        quote = connection.ops.quote_name
        table = quote(Report._meta.db_table)
        columns = ", ".join(quote(f.column) for f in Report._meta.concrete_fields)
        week, topic, person = (quote(model._meta.db_table) for model in (WeekTally, TopicTally, PersonTally))
        statement = _REPORT_WITH_TALLIES["postgresql"] = f"""
            WITH input AS (SELECT %s::jsonb AS j),
            new_report AS (
                INSERT INTO {table} ({columns})
                SELECT {columns} FROM input, jsonb_populate_record(NULL::{table}, input.j)
                ON CONFLICT (id) DO NOTHING
                RETURNING campaign_id, week, conversations, reporter_id, topics
            ),
            counted AS (
                SELECT n.*, o::bigint AS o
                FROM new_report n, input, jsonb_array_elements_text(input.j -> 'chain') AS o
            ),
            w AS (
                INSERT INTO {week} (campaign_id, organisation_id, week, conversations, reports)
                SELECT campaign_id, o, week, conversations, 1 FROM counted ORDER BY o
                ON CONFLICT (campaign_id, organisation_id, week) DO UPDATE SET
                    conversations = {week}.conversations + excluded.conversations,
                    reports = {week}.reports + excluded.reports
            ),
            t AS (
                INSERT INTO {topic} (campaign_id, organisation_id, week, topic, reports, conversations)
                SELECT campaign_id, o, week, x, 1, conversations
                FROM counted, jsonb_array_elements_text(counted.topics) AS x ORDER BY o, x
                ON CONFLICT (campaign_id, organisation_id, week, topic) DO UPDATE SET
                    reports = {topic}.reports + excluded.reports,
                    conversations = {topic}.conversations + excluded.conversations
            ),
            p AS (
                INSERT INTO {person} (campaign_id, organisation_id, person_id, conversations, reports)
                SELECT campaign_id, o, reporter_id, conversations, 1 FROM counted
                WHERE reporter_id IS NOT NULL ORDER BY o
                ON CONFLICT (campaign_id, organisation_id, person_id) DO UPDATE SET
                    conversations = {person}.conversations + excluded.conversations,
                    reports = {person}.reports + excluded.reports
            )
            SELECT 1 FROM new_report
        """  # noqa: S608 - names from the models
    row: dict[str, object] = {}
    for f in Report._meta.concrete_fields:
        value = getattr(report, f.attname)
        row[f.column] = value.isoformat() if isinstance(value, dt.date) else str(value) if isinstance(
            value, uuid.UUID) else value
    row["chain"] = sorted(chain)
    return bool(hot_sql.fetch("campaigns_report_with_tallies", statement, [json.dumps(row)]))


_REPORT_WITH_TALLIES: dict[str, str] = {}


@dataclass
class RowError:
    line: int
    message: str

    def __str__(self) -> str:
        return _("Rad %(line)s: %(message)s") % {"line": self.line, "message": self.message}


@dataclass
class ImportErrors(Exception):
    errors: list[RowError] = field(default_factory=list)

    def __str__(self) -> str:
        return "; ".join(str(error) for error in self.errors)


def _message(error: ValidationError) -> str:
    if hasattr(error, "message_dict"):
        return " ".join(" ".join(messages) for messages in error.message_dict.values())
    return " ".join(error.messages)


@transaction.atomic
def reports_create_many(
    *,
    campaign: Campaign,
    organisation: Organisation,
    reporter: Person | None,
    rows: Sequence[tuple[int, Mapping[str, object]]],
    source: str = Source.BULK,
) -> list[Report]:
    """Several reports at once (a paper sheet, a CSV file): all of them, or none and every error by line."""
    chain = _check_reporter(campaign, organisation, None)
    errors: list[RowError] = []
    reports: list[Report] = []
    for line, row in rows:
        try:
            fields = report_clean(campaign=campaign, **row)  # type: ignore[arg-type]
        except ValidationError as error:
            errors.append(RowError(line, _message(error)))
            continue
        report = Report(
            id=uuid.uuid4(), campaign=campaign, organisation=organisation, reporter=reporter, source=source,
            **fields,
        )
        report.week = week_start(report.date)
        reports.append(report)
    if errors:
        raise ImportErrors(errors)
    if not reports:
        raise ImportErrors([RowError(0, _("Det finns inga rader att spara."))])
    Report.objects.bulk_create(reports, batch_size=BATCH)
    _tally(reports, {organisation.pk: chain})
    return reports


CSV_COLUMNS = {
    "datum": "date", "date": "date",
    "plats": "place", "place": "place",
    "typ av plats": "place_kind", "platstyp": "place_kind", "place_kind": "place_kind",
    "aktivitet": "activity", "activity": "activity",
    "samtal": "conversations", "antal samtal": "conversations", "conversations": "conversations",
    "ämnen": "topics", "amnen": "topics", "topics": "topics",
    "anteckning": "note", "note": "note",
}
CSV_REQUIRED = ("date", "place", "activity", "conversations")
PLACE_KIND_WORDS = {"plats": PlaceKind.NAMED, "valkrets": PlaceKind.CONSTITUENCY, "valdistrikt": PlaceKind.DISTRICT}


def reports_import_csv(
    *, campaign: Campaign, organisation: Organisation, reporter: Person | None, text: str
) -> list[Report]:
    """Import a CSV file (comma or semicolon, a header row): every bad row is named by its line."""
    text = text.lstrip("\ufeff")
    if not text.strip():
        raise ImportErrors([RowError(1, _("Filen är tom."))])
    try:
        dialect = csv.Sniffer().sniff(text.splitlines()[0], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text), dialect)
    header = next(reader)
    columns: list[str | None] = [CSV_COLUMNS.get(name.strip().lower()) for name in header]
    missing = [name for name in CSV_REQUIRED if name not in columns]
    if missing:
        raise ImportErrors([RowError(1, _("Rubrikraden saknar kolumnerna: %(names)s (behövs: datum, plats, "
                                          "aktivitet, samtal).") % {"names": ", ".join(missing)})])
    rows: list[tuple[int, dict[str, object]]] = []
    errors: list[RowError] = []
    for record in reader:
        line = reader.line_num
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(columns):
            errors.append(RowError(line, _("för många fält (%(count)s).") % {"count": len(record)}))
            continue
        raw = {name: record[i].strip() for i, name in enumerate(columns) if name and i < len(record)}
        problems = []
        row: dict[str, object] = {}
        try:
            row["date"] = dt.date.fromisoformat(str(raw.get("date", "")))
        except ValueError:
            problems.append(_("datumet ”%(value)s” är inte ÅÅÅÅ-MM-DD.") % {"value": raw.get("date", "")})
        activity = activity_from_text(str(raw.get("activity", "")))
        if activity is None:
            problems.append(_("okänd aktivitet ”%(value)s”.") % {"value": raw.get("activity", "")})
        row["activity"] = activity
        conversations_text = str(raw.get("conversations", "")).replace(" ", "").replace("\xa0", "")
        if conversations_text.isdigit():
            row["conversations"] = int(conversations_text)
        else:
            problems.append(_("antal samtal ”%(value)s” är inget heltal.") % {"value": raw.get("conversations", "")})
        row["place"] = raw.get("place", "")
        kind_text = str(raw.get("place_kind", "")).strip().lower()
        row["place_kind"] = PLACE_KIND_WORDS.get(kind_text, kind_text or PlaceKind.NAMED)
        row["topics"] = topics_from_text(str(raw.get("topics", "")))
        row["note"] = raw.get("note", "")
        if problems:
            errors.append(RowError(line, " ".join(problems)))
            continue
        rows.append((line, row))
    if errors:
        # Also check the rows that parsed, so one pass names every bad row.
        for line, row in rows:
            try:
                report_clean(campaign=campaign, **row)  # type: ignore[arg-type]
            except ValidationError as error:
                errors.append(RowError(line, _message(error)))
        raise ImportErrors(sorted(errors, key=lambda e: e.line))
    return reports_create_many(
        campaign=campaign, organisation=organisation, reporter=reporter, rows=rows, source=Source.CSV
    )


# --- Tallies ----------------------------------------------------------------------------


def _tally(reports: Sequence[Report], chains: Mapping[int, Sequence[int]], sign: int = 1) -> None:
    """Add reports to the weekly, topic and person tallies of their organisations and all above.

    ``sign=-1`` takes away reports whose ``conversations`` are already negated (a withdrawal).
    """
    statements = _tally_statements(reports, chains, sign)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and 1 < len(statements) <= 3:
            # One round trip: the upserts as data-modifying CTEs (a report's tallies are a few rows),
            # so the tally rows stay locked for as short a time as possible.
            *first, (last_sql, last_params) = statements
            ctes = ", ".join(f"t{i} AS ({sql})" for i, (sql, _params) in enumerate(first))
            params = [param for _sql, values in first for param in values] + list(last_params)
            cursor.execute(f"WITH {ctes} {last_sql}", params)
        else:
            for sql, params in statements:
                cursor.execute(sql, params)


def _tally_statements(
    reports: Sequence[Report], chains: Mapping[int, Sequence[int]], sign: int = 1
) -> list[tuple[str, list]]:
    weeks: dict[tuple[int, int, dt.date], list[int]] = defaultdict(lambda: [0, 0])
    topics: dict[tuple[int, int, dt.date, str], list[int]] = defaultdict(lambda: [0, 0])
    people: dict[tuple[int, int, int], list[int]] = defaultdict(lambda: [0, 0])
    for report in reports:
        for organisation_id in chains[report.organisation_id]:
            key = (report.campaign_id, organisation_id, report.week)
            weeks[key][0] += report.conversations
            weeks[key][1] += sign
            for topic in report.topics:
                topics[(*key, topic)][0] += sign
                topics[(*key, topic)][1] += report.conversations
            if report.reporter_id is not None:
                person_key = (report.campaign_id, organisation_id, report.reporter_id)
                people[person_key][0] += report.conversations
                people[person_key][1] += sign
    return [
        *_upsert_sql(WeekTally, ["campaign_id", "organisation_id", "week"], ["conversations", "reports"], weeks),
        *_upsert_sql(TopicTally, ["campaign_id", "organisation_id", "week", "topic"], ["reports", "conversations"],
                     topics),
        *_upsert_sql(PersonTally, ["campaign_id", "organisation_id", "person_id"], ["conversations", "reports"],
                     people),
    ]


def _upsert_sql(model, keys: list[str], counts: list[str], rows: Mapping[tuple, list[int]]) -> list[tuple[str, list]]:
    """INSERT … ON CONFLICT DO UPDATE adding the counts, in chunks; rows sorted for one lock order."""
    if not rows:
        return []
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(name) for name in [*keys, *counts])
    updates = ", ".join(f"{quote(name)} = {table}.{quote(name)} + excluded.{quote(name)}" for name in counts)
    ordered = sorted(rows.items())  # one lock order for everyone: no deadlocks
    width = len(keys) + len(counts)
    step = max(1, 10_000 // width)
    statements = []
    for start in range(0, len(ordered), step):
        chunk = ordered[start : start + step]
        values = ", ".join(["(" + ", ".join(["%s"] * width) + ")"] * len(chunk))
        params: list[object] = []
        for key, count in chunk:
            params.extend(key)
            params.extend(count)
        statements.append((
            f"INSERT INTO {table} ({columns}) VALUES {values} "  # noqa: S608 - names from the model
            f"ON CONFLICT ({', '.join(quote(k) for k in keys)}) DO UPDATE SET {updates}",
            params,
        ))
    return statements


@transaction.atomic
def tallies_rebuild(*, campaign: Campaign) -> None:
    """Recount every tally of a campaign from its reports (after a repair by hand; never needed otherwise)."""
    for model in (WeekTally, TopicTally, PersonTally):
        model.objects.filter(campaign=campaign).delete()
    cache: dict[int, list[int]] = {}
    batch: list[Report] = []
    for report in Report.objects.filter(campaign=campaign).select_related("organisation").iterator(chunk_size=BATCH):
        if report.organisation_id not in cache:
            cache[report.organisation_id] = _check_reporter(campaign, report.organisation, None)
        batch.append(report)
        if len(batch) >= BATCH:
            _tally(batch, cache)
            batch = []
    _tally(batch, cache)
