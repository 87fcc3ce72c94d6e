"""Demo data of the campaigns app: Lund's conversation campaign of 2014 (seed 000).

The party's national target of 1.5 million conversations is split over the branches by
population share; Lund adopted 15,000 (its share is about 1.2 % by the 2024 figures; the
branch called it 1 %). Generated reports from January to election day, 14 September 2014,
add up to exactly 16,488 conversations, as the branch summed on election day: door-knocking,
the station, street stalls and election meetings with the international association.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from folkvald.campaigns import services
from folkvald.campaigns.models import Activity, PlaceKind, Source
from folkvald.organisations.demo import DemoContext
from folkvald.organisations.models import RoleKind
from folkvald.seatmath.methods import largest_remainder

START = dt.date(2014, 1, 1)
ELECTION_DAY = dt.date(2014, 9, 14)
NATIONAL_TARGET = 1_500_000
LUND_TARGET = 15_000
LUND_REPORTED = 16_488
TOPICS = ["skola", "vård", "jobb", "äldreomsorg", "klimat", "trygghet", "bostäder"]
SEED = 2014

#: Who canvassed where, how: (association key, reporter key, activity, places, weight).
PLAN = [
    ("lund_centrum", "lund_member", Activity.DOOR_KNOCKING, ["Centrum", "Väster", "Klostergården"], 5),
    ("lund_centrum", "lund_campaign", Activity.STREET_STALL, ["Stationen", "Blocket", "Mårtenstorget"], 4),
    ("lund_norr", "lund_canvasser", Activity.DOOR_KNOCKING, ["Norra Fäladen", "Linero", "Östra Torn"], 5),
    ("lund_norr", "lund_canvasser", Activity.PHONE, ["Norra Fäladen"], 1),
    ("lund_international", "lund_volunteer", Activity.MEETING, ["Valmöte Folkets hus", "Valmöte Linero"], 2),
    ("lund_international", "lund_volunteer", Activity.DOOR_KNOCKING, ["Linero", "Norra Fäladen"], 1),
    ("lund_students", "lund_student", Activity.STREET_STALL, ["Stationen", "AF-borgen", "Lux"], 3),
]


def _weeks() -> list[dt.date]:
    monday = START - dt.timedelta(days=START.weekday())
    weeks = []
    while monday <= ELECTION_DAY:
        weeks.append(monday)
        monday += dt.timedelta(days=7)
    return weeks


def generated_reports(seed: int = SEED) -> list[tuple[str, str, dict]]:
    """(association key, reporter key, report fields) adding up to exactly 16,488 conversations."""
    rng = random.Random(seed)
    weeks = _weeks()
    # More each week, a lull in the rainy EU campaign in May, the final sprint in September.
    weights = {}
    for index, monday in enumerate(weeks):
        weight = 10 + index * 3
        if monday.month == 5:
            weight //= 2
        if monday >= dt.date(2014, 8, 25):
            weight *= 3
        weights[monday.isoformat()] = weight
    per_week = largest_remainder(weights, LUND_REPORTED, seed=seed).seats
    reports: list[tuple[str, str, dict]] = []
    for monday in weeks:
        total = per_week[monday.isoformat()]
        count = max(1, total // 20)
        sizes = largest_remainder({str(i): rng.randint(3, 12) for i in range(count)}, total, seed=seed).seats
        for i in range(count):
            conversations = sizes[str(i)]
            if conversations == 0:
                continue
            association, reporter, activity, places, _weight = rng.choices(PLAN, weights=[p[4] for p in PLAN])[0]
            first = max(monday, START)
            last = min(monday + dt.timedelta(days=6), ELECTION_DAY)
            day = first + dt.timedelta(days=rng.randint(0, (last - first).days))
            reports.append((association, reporter, {
                "date": day,
                "place": rng.choice(places),
                "place_kind": PlaceKind.NAMED,
                "activity": activity,
                "conversations": conversations,
                "topics": rng.sample(TOPICS, k=rng.randint(1, 3)),
            }))
    return reports


@transaction.atomic
def load(context: DemoContext) -> None:
    orgs = context.organisations
    context.person("lund_canvasser", "Jonas", "Ekström", username="lund-dorrknackare",
                   description="Lund: valarbetare i S-föreningen Norra Fäladen (samtalskampanjen)")
    context.role("lund_canvasser", "lund_norr", RoleKind.VOLUNTEER, start=dt.date(2013, 9, 1))
    context.person("lund_student", "Elin", "Sandberg", username="lund-student",
                   description="Lund: valarbetare i S-studenter Lund")
    context.role("lund_student", "lund_students", RoleKind.VOLUNTEER, start=dt.date(2013, 9, 1))
    context.role("lund_member", "lund_centrum", RoleKind.VOLUNTEER, start=dt.date(2014, 1, 1))
    context.role("lund_volunteer", "lund_international", RoleKind.MEMBER, start=dt.date(2013, 1, 1))

    campaign = services.campaign_create(
        organisation=orgs["s"],
        name="Samtalskampanjen 2014",
        start=START,
        end=ELECTION_DAY,
        national_target=NATIONAL_TARGET,
        topics=TOPICS,
        is_public=True,
        description="1,5 miljoner samtal med väljarna före valet 2014, fördelat efter folkmängd.",
    )
    services.targets_apportion(campaign=campaign)
    services.target_adopt(campaign=campaign, organisation=orgs["lund"], value=LUND_TARGET)
    services.targets_split(
        campaign=campaign, organisation=orgs["lund"],
        weights={f"org:{orgs['lund_centrum'].pk}": 5, f"org:{orgs['lund_norr'].pk}": 4,
                 f"org:{orgs['lund_international'].pk}": 3, f"org:{orgs['lund_students'].pk}": 3},
    )
    services.team_create(campaign=campaign, organisation=orgs["lund_centrum"], name="Stationsgänget")

    groups: dict[tuple[str, str], list[tuple[int, dict]]] = {}
    for line, (association, reporter, fields) in enumerate(generated_reports(), start=1):
        groups.setdefault((association, reporter), []).append((line, fields))
    for (association, reporter), rows in groups.items():
        services.reports_create_many(
            campaign=campaign, organisation=orgs[association], reporter=context.people[reporter],
            rows=rows, source=Source.DEMO,
        )
    for key in ("lund_canvasser", "lund_volunteer", "lund_student"):
        services.leaderboard_opt_in_set(campaign=campaign, person=context.people[key], opt_in=True)
