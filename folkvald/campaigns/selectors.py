"""Reads of the campaigns app: progress from the tallies (never a scan of the reports)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from folkvald.campaigns.models import (
    Campaign,
    LeaderboardOptIn,
    PersonTally,
    Report,
    Target,
    Team,
    TopicTally,
    WeekTally,
    week_start,
)
from folkvald.organisations.models import Organisation, OrganisationKind, Person
from folkvald.organisations.permissions import AnyUser, internal_organisation_ids, parent_map
from folkvald.seatmath.methods import largest_remainder


@dataclass(frozen=True)
class Week:
    start: dt.date
    label: str  # ISO week, "2014-W37"
    conversations: int
    reports: int
    cumulative: int
    target: int | None  # this week's part of the target
    pace: int | None  # the cumulative target by the end of this week

    @property
    def end(self) -> dt.date:
        return self.start + dt.timedelta(days=6)


@dataclass(frozen=True)
class Line:
    """One organisation, team or person against its target."""

    key: str
    name: str
    target: int | None
    reported: int
    reports: int = 0
    organisation_id: int | None = None

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.reported, self.target) if self.target else None


@dataclass
class Progress:
    campaign: Campaign
    organisation: Organisation
    target: int | None
    computed_target: int | None
    reported: int
    reports: int
    weeks: list[Week]
    children: list[Line] = field(default_factory=list)
    teams: list[Line] = field(default_factory=list)

    @property
    def share(self) -> Fraction | None:
        return Fraction(self.reported, self.target) if self.target else None

    @property
    def computed_share(self) -> Fraction | None:
        """The computed target as a share of the national one (Lund: about 1.2 %)."""
        if self.computed_target is None or not self.campaign.national_target:
            return None
        return Fraction(self.computed_target, self.campaign.national_target)

    @property
    def bar_width(self) -> str:
        """The filled part of a 100-wide bar (capped at the whole), for an SVG attribute."""
        share = self.share
        if share is None:
            return "0"
        return f"{float(min(share, Fraction(1)) * 100):.1f}"

    @property
    def pace_today(self) -> int | None:
        today = week_start(min(max(timezone.localdate(), self.campaign.start), self.campaign.end))
        for week in self.weeks:
            if week.start == today:
                return week.pace
        return None


def iso_label(day: dt.date) -> str:
    year, number, _weekday = day.isocalendar()
    return f"{year}-W{number:02d}"


def campaign_weeks(campaign: Campaign) -> list[tuple[dt.date, int]]:
    """Each ISO week of the period with its number of campaign days (the first and last may be short)."""
    weeks: list[tuple[dt.date, int]] = []
    monday = week_start(campaign.start)
    while monday <= campaign.end:
        first = max(monday, campaign.start)
        last = min(monday + dt.timedelta(days=6), campaign.end)
        weeks.append((monday, (last - first).days + 1))
        monday += dt.timedelta(days=7)
    return weeks


def weekly_targets(campaign: Campaign, target: int) -> dict[dt.date, int]:
    """The target spread over the weeks by their campaign days, exactly (parts add up to the target)."""
    weeks = campaign_weeks(campaign)
    split = largest_remainder({monday.isoformat(): days for monday, days in weeks}, target).seats
    return {monday: split[monday.isoformat()] for monday, _days in weeks}


def visible_campaigns(user: AnyUser) -> QuerySet[Campaign]:
    """Published campaigns, and those of the trees where the user holds a role."""
    internal = internal_organisation_ids(user)
    campaigns = Campaign.objects.select_related("organisation", "organisation__party")
    if internal is None:
        return campaigns
    if not internal:
        return campaigns.filter(is_public=True)
    # The owner of a campaign is an ancestor (or self) of an organisation the user sees internally.
    owners: set[int] = set()
    parents = parent_map()
    for pk in internal:
        current: int | None = pk
        while current is not None and current not in owners:
            owners.add(current)
            current = parents.get(current)
    # Only the organisations that own a campaign go into the query (a few), not every ancestor.
    owning = set(Campaign.objects.values_list("organisation_id", flat=True).distinct())
    return campaigns.filter(Q(is_public=True) | Q(organisation_id__in=sorted(owners & owning)))


def _targets(campaign: Campaign, organisation_ids: list[int]) -> dict[int, Target]:
    return {
        target.organisation_id: target
        for target in Target.objects.filter(
            campaign=campaign, organisation_id__in=organisation_ids, team__isnull=True, person__isnull=True
        )
    }


def visible_children(organisation: Organisation, user: AnyUser) -> list[Organisation]:
    """The organisation's children the user may see: the public ones, and those seen internally.

    Filtered here, not in SQL: a national leader sees every organisation internally, and the
    IN list of all their ids (2,300 nationally) cost more than the few children it filters.
    """
    children = Organisation.objects.filter(parent=organisation).only("pk", "name", "is_public").order_by("name")
    internal = internal_organisation_ids(user)
    if internal is None:
        return list(children)
    return [child for child in children if child.is_public or child.pk in internal]


def progress(*, campaign: Campaign, organisation: Organisation, user: AnyUser, detail: bool = True) -> Progress:
    """Target, reported, the weeks against the pace, and (with ``detail``) children and teams."""
    target_row = _targets(campaign, [organisation.pk]).get(organisation.pk)
    target = target_row.value if target_row else None
    tallies = {
        row.week: row
        for row in WeekTally.objects.filter(campaign=campaign, organisation=organisation).only(
            "week", "conversations", "reports"
        )
    }
    per_week = weekly_targets(campaign, target) if target is not None else {}
    weeks: list[Week] = []
    cumulative = pace = 0
    mondays = [monday for monday, _days in campaign_weeks(campaign)]
    for monday in sorted(set(mondays) | set(tallies)):
        tally = tallies.get(monday)
        conversations = tally.conversations if tally else 0
        cumulative += conversations
        part = per_week.get(monday)
        if part is not None:
            pace += part
        weeks.append(
            Week(
                start=monday, label=iso_label(monday), conversations=conversations,
                reports=tally.reports if tally else 0, cumulative=cumulative,
                target=part, pace=pace if target is not None else None,
            )
        )
    result = Progress(
        campaign=campaign, organisation=organisation, target=target,
        computed_target=target_row.computed if target_row else None,
        reported=cumulative, reports=sum(w.reports for w in weeks), weeks=weeks,
    )
    if detail:
        children = visible_children(organisation, user)
        # By the children's ids, not joined on the parent: joined, PostgreSQL reads every week
        # tally of the campaign (a hash join; 85,000 rows nationally, 21 ms for Stockholm's 156
        # associations), by the ids it reads only theirs from the unique index (6–10 ms).
        child_ids = [child.pk for child in children]
        targets = {
            t.organisation_id: t.value
            for t in Target.objects.filter(
                campaign=campaign, organisation_id__in=child_ids, team__isnull=True, person__isnull=True
            ).only("organisation_id", "computed", "adopted")
        }
        totals = {
            row["organisation_id"]: (row["conversations"] or 0, row["reports"] or 0)
            for row in WeekTally.objects.filter(campaign=campaign, organisation_id__in=child_ids)
            .values("organisation_id")
            .annotate(conversations=Sum("conversations"), reports=Sum("reports"))
        }
        result.children = [
            Line(
                key=f"org:{child.pk}", name=child.name, organisation_id=child.pk,
                target=targets.get(child.pk),
                reported=totals.get(child.pk, (0, 0))[0], reports=totals.get(child.pk, (0, 0))[1],
            )
            for child in children
        ]
        result.teams = team_lines(campaign=campaign, organisation=organisation)
    return result


def team_lines(*, campaign: Campaign, organisation: Organisation) -> list[Line]:
    teams = list(Team.objects.filter(campaign=campaign, organisation=organisation).order_by("name"))
    if not teams:
        return []
    totals = {
        row["team_id"]: (row["conversations"], row["reports"])
        for row in Report.objects.filter(team__in=teams)
        .values("team_id")
        .annotate(conversations=Sum("conversations"), reports=Sum(1))
    }
    targets = {t.team_id: t.value for t in Target.objects.filter(campaign=campaign, team__in=teams)}
    return [
        Line(key=f"team:{team.pk}", name=team.name, target=targets.get(team.pk),
             reported=totals.get(team.pk, (0, 0))[0] or 0, reports=totals.get(team.pk, (0, 0))[1] or 0)
        for team in teams
    ]


def branch_lines(*, campaign: Campaign, user: AnyUser) -> list[Line]:
    """Every branch of the campaign's tree the user may see, with target and reported (the national overview).

    Three queries joined on the branch kind, no long IN lists: fast for 290 branches.
    """
    parents = parent_map()

    def beneath_owner(pk: int) -> bool:
        current: int | None = pk
        for _depth in range(50):
            if current is None:
                return False
            if current == campaign.organisation_id:
                return True
            current = parents.get(current)
        return False  # pragma: no cover - a cycle, refused by Organisation.clean()

    branches = Organisation.objects.filter(kind=OrganisationKind.BRANCH).order_by("name").only("pk", "name", "is_public")
    internal = internal_organisation_ids(user)
    # Who may see a private branch is decided here, not by an IN list of every id the user sees.
    branches_list = [b for b in branches if beneath_owner(b.pk) and (internal is None or b.is_public or b.pk in internal)]
    targets = {
        t.organisation_id: t.value
        for t in Target.objects.filter(
            campaign=campaign, organisation__kind=OrganisationKind.BRANCH, team__isnull=True, person__isnull=True
        ).only("organisation_id", "computed", "adopted")
    }
    totals = {
        row["organisation_id"]: (row["conversations"] or 0, row["reports"] or 0)
        for row in WeekTally.objects.filter(campaign=campaign, organisation__kind=OrganisationKind.BRANCH)
        .values("organisation_id")
        .annotate(conversations=Sum("conversations"), reports=Sum("reports"))
    }
    return [
        Line(key=f"org:{b.pk}", name=b.name, organisation_id=b.pk, target=targets.get(b.pk),
             reported=totals.get(b.pk, (0, 0))[0], reports=totals.get(b.pk, (0, 0))[1])
        for b in branches_list
    ]


@dataclass(frozen=True)
class TopicTable:
    topics: list[str]
    rows: list[tuple[str, list[int]]]  # (ISO week, reports raising each topic)
    totals: list[int]


def topics_by_week(*, campaign: Campaign, organisation: Organisation) -> TopicTable:
    counts: dict[dt.date, dict[str, int]] = defaultdict(dict)
    seen: dict[str, int] = defaultdict(int)
    for week, topic, reports in TopicTally.objects.filter(campaign=campaign, organisation=organisation).values_list(
        "week", "topic", "reports"
    ):
        counts[week][topic] = reports
        seen[topic] += reports
    topics = [t for t in campaign.topics if t in seen] + sorted(t for t in seen if t not in campaign.topics)
    rows = [(iso_label(week), [counts[week].get(t, 0) for t in topics]) for week in sorted(counts)]
    return TopicTable(topics=topics, rows=rows, totals=[seen[t] for t in topics])


def leaderboard(*, campaign: Campaign, organisation: Organisation, limit: int = 10) -> list[Line]:
    """The people who opted in, most conversations first (nobody else is ever named)."""
    opted = LeaderboardOptIn.objects.filter(campaign=campaign).values("person_id")
    rows = (
        PersonTally.objects.filter(campaign=campaign, organisation=organisation, person_id__in=opted,
                                   person__erased__isnull=True)
        .select_related("person")
        .order_by("-conversations", "person__last_name")[:limit]
    )
    return [
        Line(key=f"person:{row.person_id}", name=row.person.full_name, target=None,
             reported=row.conversations, reports=row.reports)
        for row in rows
    ]


def target_people(*, organisation: Organisation) -> list[Person]:
    """The people holding an active role in the organisation itself: those a leader may give targets."""
    from folkvald.organisations.models import Role

    ids = Role.objects.active().filter(organisation=organisation).values("person_id")
    return list(Person.objects.filter(pk__in=ids, erased__isnull=True).order_by("last_name", "first_name", "pk"))


def my_targets(*, campaign: Campaign, person: Person | None) -> list[Line]:
    """A person's own targets in the campaign (one per organisation that gave one) and what they reported there.

    Shown to the person only: others see people by name just on the opt-in leaderboard.
    """
    if person is None:
        return []
    targets = list(Target.objects.filter(campaign=campaign, person=person).select_related("organisation")
                   .order_by("organisation__name"))
    reported = {
        row.organisation_id: row
        for row in PersonTally.objects.filter(campaign=campaign, person=person,
                                              organisation_id__in=[t.organisation_id for t in targets])
    }
    return [
        Line(key=f"person:{person.pk}", name=target.organisation.name, organisation_id=target.organisation_id,
             target=target.value,
             reported=reported[target.organisation_id].conversations if target.organisation_id in reported else 0,
             reports=reported[target.organisation_id].reports if target.organisation_id in reported else 0)
        for target in targets
    ]


def has_opted_in(*, campaign: Campaign, person: Person | None) -> bool:
    return bool(person) and LeaderboardOptIn.objects.filter(campaign=campaign, person=person).exists()


def recent_reports(*, campaign: Campaign, organisation: Organisation, limit: int = 20) -> QuerySet[Report]:
    return (
        Report.objects.filter(campaign=campaign, organisation=organisation)
        .select_related("reporter", "team")
        .order_by("-created")[:limit]
    )


def my_reports(*, campaign: Campaign, person: Person | None, limit: int = 10) -> list[Report]:
    if person is None:
        return []
    return list(
        Report.objects.filter(campaign=campaign, reporter=person).select_related("organisation")
        .order_by("-created")[:limit]
    )


def campaign_teams(*, campaign: Campaign, organisation_ids: list[int]) -> QuerySet[Team]:
    return Team.objects.filter(campaign=campaign, organisation_id__in=organisation_ids).order_by("name")


def target_rows(*, campaign: Campaign, organisation: Organisation) -> dict[str, Target]:
    """The organisation's own target and those of its children, teams and people, by key."""
    rows: dict[str, Target] = {}
    for target in Target.objects.filter(campaign=campaign).filter(
        Q(organisation=organisation) | Q(organisation__parent=organisation, team__isnull=True, person__isnull=True)
    ):
        if target.team_id:
            rows[f"team:{target.team_id}"] = target
        elif target.person_id:
            rows[f"person:{target.person_id}"] = target
        elif target.organisation_id == organisation.pk:
            rows["self"] = target
        else:
            rows[f"org:{target.organisation_id}"] = target
    return rows


def recent_places(*, campaign: Campaign, organisation_ids: list[int], limit: int = 15) -> list[str]:
    """Places reported lately, offered as suggestions in the form (places only, never addresses)."""
    places: list[str] = []
    for place in (
        Report.objects.filter(campaign=campaign, organisation_id__in=organisation_ids)
        .order_by("-date")
        .values_list("place", flat=True)[:300]
    ):
        if place not in places:
            places.append(place)
        if len(places) >= limit:
            break
    return places
