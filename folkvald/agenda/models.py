"""Agreements between parties, the reforms they promise, and the decisions that prove them.

A reform's current status is kept on the reform for fast reads, but it is only ever
changed by :func:`folkvald.agenda.services.reform_status_change`, which appends a
:class:`StatusChange` (who, when, why, evidence) in the same transaction. Status
changes are append-only: they cannot be edited or deleted through the ORM.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from folkvald.organisations.models import Organisation, Party


class AgreementKind(models.TextChoices):
    COALITION = "coalition", _("styrande koalition")
    JOINT_LISTS = "joint_lists", _("valteknisk samverkan")
    BUDGET = "budget", _("budgetsamarbete")


class ReformStatus(models.TextChoices):
    """The published scale, rated by outcome."""

    NOT_STARTED = "not_started", _("ej påbörjad")
    IN_PROGRESS = "in_progress", _("pågår")
    STALLED = "stalled", _("har stannat av")
    DONE = "done", _("genomförd")
    PARTLY_DONE = "partly_done", _("delvis genomförd")
    BROKEN = "broken", _("bruten")


#: How much of a reform's weight counts as done in the progress of an area.
STATUS_CREDIT: dict[str, Fraction] = {
    ReformStatus.NOT_STARTED: Fraction(0),
    ReformStatus.IN_PROGRESS: Fraction(0),
    ReformStatus.STALLED: Fraction(0),
    ReformStatus.DONE: Fraction(1),
    ReformStatus.PARTLY_DONE: Fraction(1, 2),
    ReformStatus.BROKEN: Fraction(0),
}


class SourceKind(models.TextChoices):
    AGREEMENT = "agreement", _("avtal")
    PROGRAMME = "programme", _("handlingsprogram")
    MANIFESTO = "manifesto", _("valmanifest")


class DecisionBody(models.TextChoices):
    COUNCIL = "council", _("kommunfullmäktige")
    EXECUTIVE_BOARD = "executive_board", _("kommunstyrelsen")
    COMMITTEE = "committee", _("nämnd")
    OTHER = "other", _("annat organ")


class FigureQualifier(models.TextChoices):
    EXACT = "", _("exakt")
    INCREASE = "increase", _("ökning (+)")
    DECREASE = "decrease", _("minskning (−)")
    MORE_THAN = "more_than", _("mer än")
    UP_TO = "up_to", _("upp till")
    BY_YEAR = "by_year", _("senast år")


def election_year_of(day: dt.date) -> int:
    """The election year whose mandate period holds the day (councils sit from 15 October)."""
    year = day.year - (day.year - 2) % 4
    if day < dt.date(year, 10, 15):
        year -= 4
    return year


def period_bounds(start_year: int) -> tuple[dt.date, dt.date]:
    """First and last day of the mandate period that begins after the election of start_year."""
    return dt.date(start_year, 10, 15), dt.date(start_year + 4, 10, 14)


def validate_election_year(value: int) -> None:
    if value < 1970 or (value - 2) % 4 != 0:
        raise ValidationError(_("Ange ett valår (till exempel 2018, 2022, 2026)."))


class Publishable(models.Model):
    is_published = models.BooleanField(_("publicerad"), default=False)
    internal_notes = models.TextField(
        _("interna anteckningar"), blank=True, help_text=_("Visas aldrig offentligt.")
    )
    created = models.DateTimeField(_("skapad"), default=timezone.now, editable=False)
    updated = models.DateTimeField(_("ändrad"), auto_now=True)

    class Meta:
        abstract = True


class Agreement(Publishable):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="agreements", verbose_name=_("organisation")
    )
    title = models.CharField(_("rubrik"), max_length=250)
    kind = models.CharField(_("typ"), max_length=20, choices=AgreementKind.choices)
    parties = models.ManyToManyField(Party, related_name="agreements", verbose_name=_("partier"))
    period_start = models.PositiveSmallIntegerField(
        _("mandatperiod från valåret"), validators=[validate_election_year]
    )
    date = models.DateField(_("datum"))
    text = models.TextField(_("text"), blank=True)
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("avtal")
        verbose_name_plural = _("avtal")

    def __str__(self) -> str:
        return self.title

    @property
    def period_end(self) -> int:
        return self.period_start + 4

    @property
    def period_label(self) -> str:
        return f"{self.period_start}–{self.period_end}"

    @property
    def period_slug(self) -> str:
        return f"{self.period_start}-{self.period_end}"


class Reform(Publishable):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="reforms", verbose_name=_("organisation")
    )
    title = models.CharField(_("rubrik"), max_length=1000)
    policy_area = models.CharField(_("politikområde"), max_length=150, blank=True)
    parties = models.ManyToManyField(Party, related_name="reforms", blank=True, verbose_name=_("partier"))
    source_kind = models.CharField(_("källa"), max_length=20, choices=SourceKind.choices)
    agreement = models.ForeignKey(
        Agreement,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reforms",
        verbose_name=_("avtal"),
    )
    source_name = models.CharField(
        _("källans namn"), max_length=250, blank=True, help_text=_("Programmets eller manifestets namn.")
    )
    period_start = models.PositiveSmallIntegerField(
        _("mandatperiod från valåret"), validators=[validate_election_year]
    )
    target_value = models.DecimalField(_("mål, värde"), max_digits=16, decimal_places=3, null=True, blank=True)
    target_unit = models.CharField(_("mål, enhet"), max_length=50, blank=True)
    weight = models.PositiveSmallIntegerField(_("vikt"), default=1)
    position = models.PositiveIntegerField(_("ordning"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=ReformStatus.choices, default=ReformStatus.NOT_STARTED, editable=False
    )
    status_changed = models.DateTimeField(_("status ändrad"), null=True, blank=True, editable=False)
    history = HistoricalRecords(excluded_fields=["updated"])

    class Meta:
        ordering = ["policy_area", "position", "pk"]
        verbose_name = _("reform")
        verbose_name_plural = _("reformer")
        constraints = [
            models.CheckConstraint(condition=Q(weight__gte=1), name="reform_weight_positive"),
            models.CheckConstraint(
                condition=~Q(source_kind="agreement") | Q(agreement__isnull=False),
                name="reform_from_agreement_names_it",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.source_kind == SourceKind.AGREEMENT and self.agreement_id is None:
            raise ValidationError({"agreement": _("Ange vilket avtal reformen kommer från.")})
        if self.agreement_id is not None and self.agreement.organisation_id != self.organisation_id:
            raise ValidationError({"agreement": _("Avtalet hör till en annan organisation.")})
        if (self.target_value is None) != (not self.target_unit):
            raise ValidationError({"target_unit": _("Ett mål har både ett värde och en enhet.")})

    @property
    def period_label(self) -> str:
        return f"{self.period_start}–{self.period_start + 4}"

    @property
    def target_display(self) -> str:
        if self.target_value is None:
            return ""
        from folkvald.agenda.figures import figure_text

        return figure_text("", Decimal(self.target_value), self.target_unit)

    @property
    def source_label(self) -> str:
        if self.source_kind == SourceKind.AGREEMENT and self.agreement_id:
            return self.agreement.title
        label = str(self.get_source_kind_display())
        return f"{label}: {self.source_name}" if self.source_name else label


class Decision(Publishable):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="decisions", verbose_name=_("organisation")
    )
    date = models.DateField(_("beslutsdatum"))
    body = models.CharField(_("beslutande organ"), max_length=20, choices=DecisionBody.choices)
    body_name = models.CharField(
        _("organets namn"), max_length=200, blank=True, help_text=_("Till exempel Utbildningsnämnden.")
    )
    paragraph = models.CharField(_("protokollsparagraf"), max_length=40, blank=True, help_text=_("Till exempel § 12."))
    title = models.CharField(_("rubrik"), max_length=1000)
    policy_area = models.CharField(_("politikområde"), max_length=150, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    url = models.URLField(_("länk till protokollet"), blank=True, max_length=500)
    reforms = models.ManyToManyField(Reform, related_name="decisions", blank=True, verbose_name=_("reformer"))
    position = models.PositiveIntegerField(_("ordning"), default=0)
    history = HistoricalRecords(excluded_fields=["updated"], m2m_fields=[])

    class Meta:
        ordering = ["-date", "position", "pk"]
        verbose_name = _("beslut")
        verbose_name_plural = _("beslut")

    def __str__(self) -> str:
        return self.title

    @property
    def body_label(self) -> str:
        return self.body_name or capfirst(str(self.get_body_display()))

    @property
    def reference(self) -> str:
        """"Kommunfullmäktige 2023-06-12 § 114", as minutes are cited."""
        parts = [self.body_label, self.date.isoformat()]
        if self.paragraph:
            parts.append(self.paragraph)
        return " ".join(parts)


class Figure(models.Model):
    """A figure of a decision: value, unit and label, e.g. +5,7 % (grundskolans schablon 2023)."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="figures", verbose_name=_("beslut"))
    qualifier = models.CharField(
        _("slag"), max_length=20, choices=FigureQualifier.choices, default=FigureQualifier.EXACT, blank=True
    )
    value = models.DecimalField(_("värde"), max_digits=16, decimal_places=3)
    unit = models.CharField(_("enhet"), max_length=50, blank=True)
    label = models.CharField(_("etikett"), max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)

    class Meta:
        ordering = ["decision", "position", "pk"]
        verbose_name = _("siffra")
        verbose_name_plural = _("siffror")

    def __str__(self) -> str:
        return self.display

    @property
    def display(self) -> str:
        from folkvald.agenda.figures import figure_text

        return figure_text(self.qualifier, Decimal(self.value), self.unit)


class AppendOnlyError(Exception):
    """A status change is history: it is never edited or removed."""


class StatusChange(models.Model):
    """One step in a reform's status history: who, when, why, and the evidence."""

    reform = models.ForeignKey(Reform, on_delete=models.CASCADE, related_name="status_changes", verbose_name=_("reform"))
    from_status = models.CharField(_("från status"), max_length=20, choices=ReformStatus.choices, blank=True)
    to_status = models.CharField(_("till status"), max_length=20, choices=ReformStatus.choices)
    changed_at = models.DateTimeField(_("tidpunkt"), default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ändrad av"),
    )
    changed_by_name = models.CharField(_("ändrad av (namn)"), max_length=200, blank=True)
    reason = models.TextField(_("motivering"))
    decision = models.ForeignKey(
        Decision,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="status_changes",
        verbose_name=_("beslut som belägg"),
    )
    evidence_url = models.URLField(_("länk som belägg"), blank=True, max_length=500)

    class Meta:
        ordering = ["reform", "changed_at", "pk"]
        verbose_name = _("statusändring")
        verbose_name_plural = _("statusändringar")

    def __str__(self) -> str:
        return f"{self.reform}: {self.get_to_status_display()}"

    def save(self, *args, **kwargs) -> None:
        if self.pk is not None and not kwargs.get("force_insert"):
            raise AppendOnlyError("status changes are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("status changes are append-only")
