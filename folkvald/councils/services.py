"""Writes for councils, committees and scenarios: keyword-only, validated, all or nothing."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from folkvald.councils.models import (
    Committee,
    CommitteeLaw,
    Council,
    CouncilSeat,
    Scenario,
    ScenarioList,
    SeatRole,
)
from folkvald.organisations.models import Municipality, Organisation
from folkvald.organisations.selectors import party_for_abbreviation

#: Committee elections after 1 July 2022 follow lag 2022:629; the 2018 period's followed lag 1992:339.
LAW_2022_FIRST_PERIOD = 2022


def default_committee_law(period_start: int) -> str:
    return CommitteeLaw.LAW_2022 if period_start >= LAW_2022_FIRST_PERIOD else CommitteeLaw.LAW_1992


def _seat_rows(council: Council, seats: Mapping[str, int]) -> list[CouncilSeat]:
    rows = []
    for abbreviation, count in seats.items():
        if not isinstance(count, int) or count < 0:
            raise ValidationError(_("Mandaten för %(party)s måste vara ett heltal ≥ 0.") % {"party": abbreviation})
        if count == 0:
            continue
        party = party_for_abbreviation(abbreviation=abbreviation, year=council.period_start)
        if party is None:
            raise ValidationError(_("Okänt parti: %(party)s.") % {"party": abbreviation})
        rows.append(CouncilSeat(council=council, party=party, abbreviation=abbreviation, seats=count))
    return rows


@transaction.atomic
def council_create(
    *,
    municipality: Municipality,
    period_start: int,
    seats: Mapping[str, int] | None = None,
    election: Any = None,
    governing_name: str = "",
    governing: Sequence[str] = (),
    support: Sequence[str] = (),
    order: Sequence[str] = (),
    committee_law: str | None = None,
    description: str = "",
) -> Council:
    """A council with its seats from an election (``election``) or entered by hand (``seats``)."""
    if election is not None:
        from folkvald.elections.selectors import election_seats

        seats = election_seats(election=election)
    if not seats:
        raise ValidationError(_("Ange mandaten per parti eller ett valresultat."))
    total = sum(seats.values())
    if election is not None and election.seats and total != election.seats:
        raise ValidationError(
            _("Valresultatet fördelar %(got)s av %(total)s mandat.") % {"got": total, "total": election.seats}
        )
    if Council.objects.filter(municipality=municipality, period_start=period_start).exists():
        raise ValidationError(
            _("%(municipality)s har redan ett fullmäktige för %(period)s.")
            % {"municipality": municipality, "period": period_start}
        )
    council = Council.objects.create(
        municipality=municipality,
        period_start=period_start,
        seats_total=total,
        election=election,
        governing_name=governing_name,
        committee_law=committee_law or default_committee_law(period_start),
        description=description,
    )
    CouncilSeat.objects.bulk_create(_seat_rows(council, seats))
    if governing or support:
        council_set_coalition(council=council, name=governing_name, governing=governing, support=support)
    council_set_order(council=council, order=order)
    return council


def _seat_list(council: Council) -> list[CouncilSeat]:
    """The council's seat rows with their parties: the prefetched ones if the caller loaded them."""
    if "seats" in getattr(council, "_prefetched_objects_cache", {}):
        return list(council.seats.all())
    return list(council.seats.select_related("party"))


def parse_seats_text(text: str) -> dict[str, int]:
    """"S 18, M 13, SD 8" (or one party a line, "S: 18") → {"S": 18, "M": 13, "SD": 8}."""
    seats: dict[str, int] = {}
    for part in text.replace("\n", ",").replace(";", ",").split(","):
        words = part.replace(":", " ").replace("=", " ").split()
        if not words:
            continue
        if len(words) != 2 or not words[1].isdigit():
            raise ValidationError(_("Skriv mandaten som “S 18, M 13”, inte %(part)s.") % {"part": part.strip()})
        if words[0] in seats:
            raise ValidationError(_("%(party)s står två gånger.") % {"party": words[0]})
        seats[words[0]] = int(words[1])
    return seats


@transaction.atomic
def council_set_seats(*, council: Council, seats: Mapping[str, int]) -> Council:
    """Seats entered by hand: replaces the party groups, keeping each remaining party's role and order."""
    if council.election_id is not None:
        raise ValidationError(_("Mandaten kommer från valresultatet och ändras inte för hand."))
    if not seats or sum(seats.values()) < 1:
        raise ValidationError(_("Ange mandaten per parti."))
    rows = _seat_rows(council, seats)
    previous = {row.party_id: row for row in council.seats.all()}
    for row in rows:
        if row.party_id in previous:
            row.role = previous[row.party_id].role
            row.order = previous[row.party_id].order
    council.seats.all().delete()
    CouncilSeat.objects.bulk_create(rows)
    getattr(council, "_prefetched_objects_cache", {}).pop("seats", None)
    council.seats_total = sum(row.seats for row in rows)
    council.save(update_fields=["seats_total", "updated"])
    council_set_order(council=council, order=[r.abbreviation for r in sorted(rows, key=lambda r: (r.order or 999))])
    return council


@transaction.atomic
def council_sync_election(*, council: Council) -> bool:
    """Take the seats again from the council's election (after a re-import); True if they changed."""
    if council.election_id is None:
        return False
    from folkvald.elections.selectors import election_seats

    seats = election_seats(election=council.election)
    if {row.abbreviation: row.seats for row in council.seats.all()} == seats:
        return False
    election, council.election = council.election, None
    try:
        council_set_seats(council=council, seats=seats)
    finally:
        council.election = election
    return True


def council_update(*, council: Council, description: str) -> Council:
    council.description = description
    council.save(update_fields=["description", "updated"])
    return council


def _canonical(council: Council, abbreviations: Iterable[str]) -> list[str]:
    """Abbreviations as the council spells them, each once; a ValidationError names any not in the council."""
    return list(dict.fromkeys(_canonical_each(council, abbreviations)))


def _canonical_each(council: Council, abbreviations: Iterable[str]) -> list[str]:
    """Every abbreviation as the council spells it, repeats kept (a list order names a party many times)."""
    rows = _seat_list(council)
    # The council's own spelling (FP in 2014, FöNyL) first; the party's current one (L, FNL) too.
    known = {row.party.abbreviation.upper(): row.abbreviation for row in rows}
    known.update({row.abbreviation.upper(): row.abbreviation for row in rows})
    out: list[str] = []
    unknown: list[str] = []
    for raw in abbreviations:
        name = str(raw).strip()
        if not name:
            continue
        canonical = known.get(name.upper())
        if canonical is None:
            unknown.append(name)
        else:
            out.append(canonical)
    if unknown:
        raise ValidationError(
            _("Partiet finns inte i fullmäktige: %(parties)s.") % {"parties": ", ".join(unknown)}
        )
    return out


def council_canonical_parties(*, council: Council, abbreviations: Iterable[str]) -> list[str]:
    return _canonical(council, abbreviations)


@transaction.atomic
def council_set_coalition(
    *, council: Council, name: str, governing: Sequence[str], support: Sequence[str] = ()
) -> None:
    governing_set = set(_canonical(council, governing))
    support_set = set(_canonical(council, support))
    if governing_set & support_set:
        raise ValidationError(_("Ett parti kan inte både styra och vara stödparti."))
    council.governing_name = name
    council.save(update_fields=["governing_name", "updated"])
    for row in council.seats.all():
        role = (
            SeatRole.GOVERNING
            if row.abbreviation in governing_set
            else SeatRole.SUPPORT
            if row.abbreviation in support_set
            else SeatRole.OPPOSITION
        )
        if row.role != role:
            row.role = role
            row.save(update_fields=["role"])


@transaction.atomic
def council_set_order(*, council: Council, order: Sequence[str]) -> list[str]:
    """Set the left–right order; parties left out follow in order of size."""
    given = _canonical(council, order)
    rows = list(council.seats.all())
    rest = [row.abbreviation for row in sorted(rows, key=lambda r: (-r.seats, r.abbreviation))]
    full = given + [abbreviation for abbreviation in rest if abbreviation not in given]
    position = {abbreviation: index + 1 for index, abbreviation in enumerate(full)}
    for row in rows:
        if row.order != position[row.abbreviation]:
            row.order = position[row.abbreviation]
            row.save(update_fields=["order"])
    return full


def committee_create(*, council: Council, name: str, places: int, substitutes: int = 0) -> Committee:
    name = name.strip()
    if not name:
        raise ValidationError(_("Nämnden behöver ett namn."))
    if places < 1 or substitutes < 0:
        raise ValidationError(_("En nämnd har minst en ledamot."))
    if council.committees.filter(name=name).exists():
        raise ValidationError(_("Det finns redan en nämnd med namnet %(name)s.") % {"name": name})
    position = council.committees.count() + 1
    return Committee.objects.create(
        council=council, name=name, places=places, substitutes=substitutes, position=position
    )


def committee_delete(*, committee: Committee) -> None:
    committee.delete()


# --- scenarios -------------------------------------------------------------------------------------


def parse_list_line(line: str) -> dict[str, Any]:
    """One joint list written as "S+C+MP+HP+V: S, C, S, MP, S, HP, V" (the order after the colon is optional)."""
    head, _sep, tail = line.partition(":")
    parties = [part for part in head.replace(",", "+").split("+") if part.strip()]
    order = [part for part in tail.replace("+", ",").split(",") if part.strip()]
    return {"parties": [p.strip() for p in parties], "order": [o.strip() for o in order]}


def parse_lists_text(text: str) -> list[dict[str, Any]]:
    """One joint list a line (or separated by ";")."""
    return [parse_list_line(line) for line in text.replace(";", "\n").splitlines() if line.strip()]


def _clean_lists(council: Council, lists: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    cleaned: list[dict[str, Any]] = []
    seen: set[str] = set()
    for item in lists:
        if not isinstance(item, Mapping):
            raise ValidationError(_("Varje lista anges med sina partier."))
        raw_parties = item.get("parties") or []
        raw_order = item.get("order") or []
        if isinstance(raw_parties, str) or isinstance(raw_order, str):
            raise ValidationError(_("Partier och ordning anges som listor av förkortningar."))
        parties = _canonical(council, raw_parties)
        order = _canonical_each(council, [str(part) for part in raw_order])
        order_known = list(dict.fromkeys(order))
        if not parties:
            parties = order_known
        if not parties:
            raise ValidationError(_("En lista behöver minst ett parti."))
        strays = [p for p in order_known if p not in parties]
        if strays:
            raise ValidationError(
                _("Ordningen nämner partier som inte står på listan: %(parties)s.") % {"parties": ", ".join(strays)}
            )
        twice = [p for p in parties if p in seen]
        if twice:
            raise ValidationError(
                _("Ett parti kan bara stå på en lista: %(parties)s.") % {"parties": ", ".join(twice)}
            )
        seen.update(parties)
        label = str(item.get("label") or "").strip() or "+".join(parties)
        cleaned.append({"label": label[:100], "parties": parties, "order": order})
    labels = [item["label"] for item in cleaned]
    if len(set(labels)) != len(labels):
        raise ValidationError(_("Två listor har samma gruppbeteckning."))
    return cleaned


@transaction.atomic
def scenario_create(
    *,
    council: Council,
    organisation: Organisation,
    name: str,
    lists: Sequence[Mapping[str, Any]],
    description: str = "",
    user: Any = None,
) -> Scenario:
    """A scenario of joint lists; parties on no list vote alone."""
    name = name.strip()
    if not name:
        raise ValidationError(_("Scenariot behöver ett namn."))
    if Scenario.objects.filter(council=council, organisation=organisation, name=name).exists():
        raise ValidationError(_("Det finns redan ett scenario med namnet %(name)s.") % {"name": name})
    cleaned = _clean_lists(council, lists)
    scenario = Scenario.objects.create(
        council=council,
        organisation=organisation,
        name=name[:150],
        description=description,
        position=Scenario.objects.filter(council=council, organisation=organisation).count() + 1,
        created_by=user if getattr(user, "is_authenticated", False) else None,
    )
    ScenarioList.objects.bulk_create(
        ScenarioList(scenario=scenario, position=index + 1, **item) for index, item in enumerate(cleaned)
    )
    return scenario


@transaction.atomic
def scenario_update(
    *, scenario: Scenario, name: str, lists: Sequence[Mapping[str, Any]], description: str = ""
) -> Scenario:
    name = name.strip()
    if not name:
        raise ValidationError(_("Scenariot behöver ett namn."))
    clash = Scenario.objects.filter(
        council=scenario.council, organisation=scenario.organisation, name=name
    ).exclude(pk=scenario.pk)
    if clash.exists():
        raise ValidationError(_("Det finns redan ett scenario med namnet %(name)s.") % {"name": name})
    cleaned = _clean_lists(scenario.council, lists)
    scenario.name = name[:150]
    scenario.description = description
    scenario.save(update_fields=["name", "description", "updated"])
    scenario.lists.all().delete()
    ScenarioList.objects.bulk_create(
        ScenarioList(scenario=scenario, position=index + 1, **item) for index, item in enumerate(cleaned)
    )
    return scenario


def scenario_delete(*, scenario: Scenario) -> None:
    scenario.delete()
