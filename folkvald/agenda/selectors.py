"""Reads: agreements, reforms and decisions, and the public report built from published items only."""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Prefetch, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from folkvald.agenda.models import (
    STATUS_CREDIT,
    Agreement,
    Decision,
    Reform,
    ReformStatus,
    StatusChange,
    election_year_of,
    period_bounds,
)
from folkvald.organisations.models import Organisation

_PERIOD = re.compile(r"^(\d{4})-(\d{4})$")


def period_parse(text: str) -> int | None:
    """"2022-2026" -> 2022; None unless it is a four-year period after an election year."""
    match = _PERIOD.match(text or "")
    if not match:
        return None
    start, end = int(match.group(1)), int(match.group(2))
    if end != start + 4 or (start - 2) % 4 or start < 1970:
        return None
    return start


def period_slug(start: int) -> str:
    return f"{start}-{start + 4}"


def period_label(start: int) -> str:
    return f"{start}–{start + 4}"


# --- lists -------------------------------------------------------------------------


def organisation_agreements(*, organisation: Organisation, public_only: bool) -> QuerySet[Agreement]:
    agreements = Agreement.objects.filter(organisation=organisation).prefetch_related("parties")
    return agreements.filter(is_published=True) if public_only else agreements


def published_agreements(*, organisations: QuerySet[Organisation]) -> QuerySet[Agreement]:
    return Agreement.objects.filter(is_published=True, organisation__in=organisations).prefetch_related("parties")


def organisation_reforms(
    *, organisation: Organisation, public_only: bool, period_start: int | None = None
) -> QuerySet[Reform]:
    reforms = (
        Reform.objects.filter(organisation=organisation)
        .select_related("agreement")
        .prefetch_related("parties")
        .order_by("position", "pk")
    )
    if period_start is not None:
        reforms = reforms.filter(period_start=period_start)
    return reforms.filter(is_published=True).defer("internal_notes") if public_only else reforms


def organisation_decisions(
    *, organisation: Organisation, public_only: bool, period_start: int | None = None
) -> QuerySet[Decision]:
    decisions = Decision.objects.filter(organisation=organisation).prefetch_related("figures")
    if period_start is not None:
        first, last = period_bounds(period_start)
        decisions = decisions.filter(date__gte=first, date__lte=last)
    if public_only:
        return (
            decisions.filter(is_published=True)
            .defer("internal_notes")
            .prefetch_related(
                Prefetch(
                    "reforms",
                    queryset=Reform.objects.filter(is_published=True)
                    .only("pk", "title", "policy_area", "position")
                    .order_by("position", "pk"),
                )
            )
        )
    return decisions.prefetch_related("reforms")


def agreement_reforms(*, agreement: Agreement, public_only: bool) -> QuerySet[Reform]:
    reforms = agreement.reforms.prefetch_related("parties").order_by("position", "pk")
    return reforms.filter(is_published=True) if public_only else reforms


def reform_history(*, reform: Reform, public_only: bool) -> list[StatusChange]:
    changes = list(reform.status_changes.select_related("decision", "changed_by").order_by("changed_at", "pk"))
    if public_only:
        for change in changes:
            if change.decision is not None and not change.decision.is_published:
                change.decision = None  # the status stays public; the unpublished evidence does not
    return changes


def reform_decisions(*, reform: Reform, public_only: bool) -> QuerySet[Decision]:
    decisions = reform.decisions.prefetch_related("figures").order_by("-date", "pk")
    return decisions.filter(is_published=True) if public_only else decisions


def decision_choices(*, organisation: Organisation) -> QuerySet[Decision]:
    return Decision.objects.filter(organisation=organisation).order_by("-date", "pk")


def reform_choices(*, organisation: Organisation) -> QuerySet[Reform]:
    return Reform.objects.filter(organisation=organisation).order_by("policy_area", "position", "pk")


def agreement_choices(*, organisation: Organisation) -> QuerySet[Agreement]:
    return Agreement.objects.filter(organisation=organisation).order_by("-date")


def feed_decisions(*, organisation: Organisation, limit: int = 50) -> QuerySet[Decision]:
    """The newest published decisions, newest first by when they were recorded."""
    return (
        Decision.objects.filter(organisation=organisation, is_published=True)
        .prefetch_related("figures")
        .order_by("-created", "-pk")[:limit]
    )


# --- the public report -------------------------------------------------------------


def report_periods(*, organisation: Organisation) -> list[int]:
    """Mandate periods that have a published reform or decision, newest first."""
    starts = set(
        Reform.objects.filter(organisation=organisation, is_published=True)
        .order_by()
        .values_list("period_start", flat=True)
        .distinct()
    )
    starts.update(
        election_year_of(day)
        for day in Decision.objects.filter(organisation=organisation, is_published=True)
        .order_by()
        .values_list("date", flat=True)
        .distinct()
    )
    return sorted(starts, reverse=True)


def report_default_period(*, organisation: Organisation, today: dt.date | None = None) -> int:
    periods = report_periods(organisation=organisation)
    return periods[0] if periods else election_year_of(today or timezone.localdate())


@dataclass
class StatusCount:
    status: str
    label: str
    count: int


@dataclass
class ReportArea:
    name: str
    anchor: str
    reforms: list[Reform] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    order: int = 0

    @property
    def weight_total(self) -> int:
        return sum(reform.weight for reform in self.reforms)

    @property
    def progress(self) -> Fraction | None:
        """Weighted share done: a done reform counts fully, a partly done one half."""
        total = self.weight_total
        if not total:
            return None
        return sum((STATUS_CREDIT[r.status] * r.weight for r in self.reforms), Fraction(0)) / total

    @property
    def status_counts(self) -> list[StatusCount]:
        return _status_counts(self.reforms)

    @property
    def done_count(self) -> int:
        return sum(1 for reform in self.reforms if reform.status == ReformStatus.DONE)

    @property
    def partly_done_count(self) -> int:
        return sum(1 for reform in self.reforms if reform.status == ReformStatus.PARTLY_DONE)

    @property
    def progress_value(self) -> str:
        return _progress_value(self.progress)


def _status_counts(reforms: list[Reform]) -> list[StatusCount]:
    counts = Counter(reform.status for reform in reforms)
    return [
        StatusCount(status=value, label=str(label), count=counts[value])
        for value, label in ReformStatus.choices
        if counts[value]
    ]


@dataclass
class Report:
    organisation: Organisation
    period_start: int
    areas: list[ReportArea]
    periods: list[int]
    agreements: list[Agreement] = field(default_factory=list)

    @property
    def period_slug(self) -> str:
        return period_slug(self.period_start)

    @property
    def period_label(self) -> str:
        return period_label(self.period_start)

    @property
    def reforms(self) -> list[Reform]:
        return [reform for area in self.areas for reform in area.reforms]

    @property
    def decisions(self) -> list[Decision]:
        return [decision for area in self.areas for decision in area.decisions]

    @property
    def progress(self) -> Fraction | None:
        reforms = self.reforms
        total = sum(reform.weight for reform in reforms)
        if not total:
            return None
        return sum((STATUS_CREDIT[r.status] * r.weight for r in reforms), Fraction(0)) / total

    @property
    def status_counts(self) -> list[StatusCount]:
        return _status_counts(self.reforms)

    @property
    def done_count(self) -> int:
        return sum(1 for reform in self.reforms if reform.status == ReformStatus.DONE)

    @property
    def partly_done_count(self) -> int:
        return sum(1 for reform in self.reforms if reform.status == ReformStatus.PARTLY_DONE)

    @property
    def progress_value(self) -> str:
        return _progress_value(self.progress)

    @property
    def period_options(self) -> list[dict[str, object]]:
        return [
            {"slug": period_slug(start), "label": period_label(start), "current": start == self.period_start}
            for start in self.periods
        ]


def _progress_value(progress: Fraction | None) -> str:
    """The share as a percentage for a <progress> element's value, with a decimal point."""
    return f"{float(progress * 100):.1f}" if progress is not None else "0"


def report_build(*, organisation: Organisation, period_start: int) -> Report:
    """The public report: published reforms and decisions of the period, grouped by policy area."""
    other = _("Övrigt")
    published_decisions = Decision.objects.filter(is_published=True).defer("internal_notes").order_by("-date", "pk")
    reforms = list(
        organisation_reforms(organisation=organisation, public_only=True, period_start=period_start).prefetch_related(
            Prefetch("decisions", queryset=published_decisions, to_attr="published_decisions"),
            Prefetch(
                "status_changes",
                queryset=StatusChange.objects.select_related("decision").order_by("changed_at", "pk"),
                to_attr="timeline",
            ),
        )
    )
    decisions = list(
        organisation_decisions(organisation=organisation, public_only=True, period_start=period_start).order_by(
            "position", "date", "pk"
        )
    )
    areas: dict[str, ReportArea] = {}

    def area_for(name: str, order: int) -> ReportArea:
        name = name or other
        if name not in areas:
            anchor = slugify(name) or "omrade"
            areas[name] = ReportArea(name=name, anchor=f"omrade-{anchor}", order=order)
        area = areas[name]
        area.order = min(area.order, order)
        return area

    for reform in reforms:
        for change in reform.timeline:
            if change.decision is not None and not change.decision.is_published:
                change.decision = None
        area_for(reform.policy_area, reform.position).reforms.append(reform)
    for decision in decisions:
        name = decision.policy_area
        if not name:
            linked = list(decision.reforms.all())
            name = linked[0].policy_area if linked else ""
        area_for(name, decision.position).decisions.append(decision)
    ordered = sorted(areas.values(), key=lambda area: (area.name == other, area.order, area.name))
    return Report(
        organisation=organisation,
        period_start=period_start,
        areas=ordered,
        periods=report_periods(organisation=organisation),
        agreements=list(
            organisation_agreements(organisation=organisation, public_only=True).filter(period_start=period_start)
        ),
    )
