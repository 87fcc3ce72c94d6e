"""Demo data of the councils app, loaded by `folkvald demo` after the organisations and elections.

The seed councils (seat-rules.md §7). Where the elections demo has imported the official
result, the council takes its seats from that election; otherwise they are entered by hand
from the official figures. Huddinge 2022 gets Mittenstyret with V as support, fictional
committees of 11 and 13 members, and the joint-list scenarios of seat-rules.md §2.4.
"""

from __future__ import annotations

from typing import Any

from folkvald.councils.models import Council
from folkvald.councils.services import committee_create, council_create, scenario_create
from folkvald.organisations.demo import DemoContext
from folkvald.organisations.models import Municipality
from folkvald.organisations.selectors import party_for_abbreviation

#: Official seats (seat-rules.md §7), in the order of the official tables.
SEED_COUNCILS: list[dict[str, Any]] = [
    {
        "municipality": "1281", "period": 2014,
        "seats": {"S": 15, "M": 13, "MP": 9, "FP": 7, "V": 5, "SD": 5, "FNL": 4, "C": 3, "KD": 2, "FI": 2},
        "order": ["FI", "V", "S", "MP", "C", "FP", "FNL", "M", "KD", "SD"],
        "description": (
            "De rödgröna S, MP, V och FI fick 48 % av rösterna och 31 av 65 mandat (15 + 9 + 5 + 2), "
            "två mandat från majoritet (33). S och MP samtalade sedan med alla partier utom SD."
        ),
    },
    {
        "municipality": "1281", "period": 2018,
        "seats": {"S": 13, "M": 11, "L": 9, "V": 6, "MP": 6, "SD": 6, "FNL": 6, "C": 4, "KD": 2, "FI": 2},
        "order": ["FI", "V", "S", "MP", "C", "L", "FNL", "M", "KD", "SD"],
    },
    {
        "municipality": "0126", "period": 2018,
        "seats": {"S": 16, "M": 15, "SD": 7, "V": 5, "C": 4, "DP": 3, "L": 4, "MP": 3, "KD": 2, "HP": 2},
        "order": ["V", "S", "MP", "HP", "C", "DP", "L", "M", "KD", "SD"],
    },
    {
        "municipality": "0126", "period": 2022,
        "seats": {"S": 18, "M": 13, "SD": 8, "V": 6, "C": 4, "DP": 3, "L": 3, "MP": 2, "KD": 2, "HP": 2},
        "order": ["V", "S", "MP", "HP", "C", "DP", "L", "M", "KD", "SD"],
        "governing_name": "Mittenstyret",
        "governing": ["S", "C", "MP", "HP"],
        "support": ["V"],
        "description": (
            "Mittenstyret (S, C, MP och HP, 26 mandat) och V (6) samverkar valtekniskt i alla val av "
            "styrelser och nämnder 2022–2026: 32 av 61."
        ),
    },
    {
        "municipality": "1280", "period": 2018,
        "seats": {"S": 20, "M": 13, "SD": 11, "V": 7, "L": 4, "C": 3, "MP": 3},
        "order": ["V", "S", "MP", "C", "L", "M", "SD"],
        "governing_name": "S och L",
        "governing": ["S", "L"],
    },
    {
        "municipality": "1280", "period": 2022,
        "seats": {"S": 20, "M": 13, "SD": 10, "V": 9, "MP": 4, "L": 3, "C": 2},
        "order": ["V", "S", "MP", "C", "L", "M", "SD"],
        "governing_name": "S och L",
        "governing": ["S", "L"],
    },
    {
        "municipality": "0180", "period": 2018,
        "seats": {"S": 23, "M": 22, "V": 13, "L": 10, "MP": 9, "C": 8, "SD": 8, "KD": 5, "FI": 3},
        "order": ["FI", "V", "S", "MP", "C", "L", "M", "KD", "SD"],
        "governing_name": "Grönblå styret",
        "governing": ["M", "L", "C", "KD", "MP"],
    },
]

#: Huddinge 2022's committees: fictional, but of the sizes the seed discusses (11 and 13).
HUDDINGE_COMMITTEES = [
    ("Kommunstyrelsen", 13, 13),
    ("Grundskolenämnden", 11, 11),
    ("Gymnasie- och arbetsmarknadsnämnden", 11, 11),
    ("Socialnämnden", 11, 11),
    ("Äldreomsorgsnämnden", 11, 11),
    ("Bygg- och miljönämnden", 11, 11),
    ("Kultur- och fritidsnämnden", 11, 11),
    ("Natur- och klimatnämnden", 11, 11),
]

MITTEN_V = {"label": "S+C+MP+HP+V", "parties": ["S", "C", "MP", "HP", "V"], "order": ["S", "C", "S", "MP", "S", "HP", "V"]}

#: seat-rules.md §2.4, scenarios A–E.
HUDDINGE_SCENARIOS = [
    ("A. Alla partier på egna listor", "Ingen valteknisk samverkan.", []),
    ("B. Mittenstyret och V på en lista", "32 röster på en gemensam lista; övriga var för sig.", [MITTEN_V]),
    (
        "C. Oppositionen svarar: M+L+KD+DP",
        "Mittenstyret och V (32) mot M, L, KD och DP på en lista (21) och SD (8).",
        [MITTEN_V, {"label": "M+L+KD+DP", "parties": ["M", "L", "KD", "DP"], "order": []}],
    ),
    (
        "D. Två block",
        "Mittenstyret och V (32) mot alla övriga på en lista (29).",
        [MITTEN_V, {"label": "M+SD+L+KD+DP", "parties": ["M", "SD", "L", "KD", "DP"], "order": []}],
    ),
    (
        "E. Mittenstyret och V på två listor",
        "S+C+MP+HP (26) och V (6) var för sig; övriga var för sig.",
        [{"label": "S+C+MP+HP", "parties": ["S", "C", "MP", "HP"], "order": ["S", "C", "S", "MP", "S", "HP"]}],
    ),
]


def _official_election(municipality: str, year: int):
    try:
        from folkvald.elections.selectors import official_election
    except ImportError:  # pragma: no cover - the elections app is part of folkvald
        return None
    return official_election(municipality_code=municipality, year=year)


def _by_party(seats: dict[str, int], year: int) -> dict[int | None, int]:
    """Seats keyed by party, so that FNL and FöNyL, FP and L compare equal."""
    out: dict[int | None, int] = {}
    for abbreviation, count in seats.items():
        party = party_for_abbreviation(abbreviation=abbreviation, year=year)
        key = party.pk if party else None
        out[key] = out.get(key, 0) + count
    return out


def seed_council(item: dict[str, Any]) -> Council:
    municipality = Municipality.objects.get(code=item["municipality"])
    election = _official_election(item["municipality"], item["period"])
    seats = None
    if election is not None:
        from folkvald.elections.selectors import election_seats

        if _by_party(election_seats(election=election), item["period"]) != _by_party(item["seats"], item["period"]):
            election = None  # never show other seats than the official ones
    if election is None:
        seats = item["seats"]
    return council_create(
        municipality=municipality,
        period_start=item["period"],
        seats=seats,
        election=election,
        governing_name=item.get("governing_name", ""),
        governing=item.get("governing", []),
        support=item.get("support", []),
        order=item.get("order", []),
        description=item.get("description", ""),
    )


def load(context: DemoContext) -> None:
    councils = {(item["municipality"], item["period"]): seed_council(item) for item in SEED_COUNCILS}
    huddinge = councils[("0126", 2022)]
    for name, places, substitutes in HUDDINGE_COMMITTEES:
        committee_create(council=huddinge, name=name, places=places, substitutes=substitutes)
    owner = context.organisations["huddinge"]
    user = context.people["huddinge_secretary"].user
    for name, description, lists in HUDDINGE_SCENARIOS:
        scenario_create(council=huddinge, organisation=owner, name=name, description=description, lists=lists, user=user)
    # V keeps its own calculation, private from S: the planner shows each organisation only its own.
    scenario_create(
        council=huddinge,
        organisation=context.organisations["huddinge_v"],
        name="V:s egen kalkyl: V på egen lista",
        description="V prövar att gå till val på egen lista.",
        lists=[{"label": "S+C+MP+HP", "parties": ["S", "C", "MP", "HP"], "order": []}],
        user=context.people["huddinge_v_secretary"].user,
    )
