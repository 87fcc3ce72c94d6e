"""Councils (kommunfullmäktige) per mandate period, their party groups, coalition and committees,
and the planner's joint-list scenarios.

Councils, their seats and committees are public data. Scenarios of joint lists
(valteknisk samverkan) are internal to the organisation that owns them.
Seats and places are never computed here: the services hand these rows to
``folkvald.seatmath`` and show what comes back.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from folkvald.organisations.models import Municipality, Organisation, Party


class CommitteeLaw(models.TextChoices):
    """The law on proportional elections inside councils that applies to the period's elections."""

    LAW_2022 = "2022:629", _("lag (2022:629) om proportionella val i kommuner och regioner")
    LAW_1992 = "1992:339", _("lag (1992:339) om proportionellt valsätt")


class Council(models.Model):
    """A municipal council for one mandate period (e.g. 2022 for 2022–2026)."""

    municipality = models.ForeignKey(Municipality, on_delete=models.PROTECT, related_name="councils")
    period_start = models.PositiveSmallIntegerField(
        _("mandatperiod"), help_text=_("Valåret som inleder mandatperioden, t.ex. 2022 för 2022–2026.")
    )
    seats_total = models.PositiveSmallIntegerField(_("mandat"), validators=[MinValueValidator(1)])
    election = models.ForeignKey(
        "elections.Election",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="councils",
        help_text=_("Valresultatet som mandaten kommer från; tomt där de är inskrivna för hand."),
    )
    committee_law = models.CharField(
        _("lag för proportionella val"), max_length=10, choices=CommitteeLaw.choices, default=CommitteeLaw.LAW_2022
    )
    governing_name = models.CharField(
        _("styrets namn"), max_length=100, blank=True, help_text=_("T.ex. Mittenstyret.")
    )
    description = models.TextField(_("beskrivning"), blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality__name", "-period_start"]
        verbose_name = _("fullmäktige")
        verbose_name_plural = _("fullmäktige")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "period_start"], name="one_council_per_period"),
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.period_label}"

    @property
    def period_label(self) -> str:
        return f"{self.period_start}–{self.period_start + 4}"


class SeatRole(models.TextChoices):
    GOVERNING = "governing", _("styre")
    SUPPORT = "support", _("stödparti")
    OPPOSITION = "opposition", _("opposition")


class CouncilSeat(models.Model):
    """A party group in the council: its seats, its place in the coalition and on the left–right order."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="seats")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="council_seats")
    abbreviation = models.CharField(
        _("förkortning"), max_length=12, help_text=_("Som partiet hette under perioden (FP 2014).")
    )
    seats = models.PositiveSmallIntegerField(_("mandat"))
    role = models.CharField(_("roll"), max_length=12, choices=SeatRole.choices, default=SeatRole.OPPOSITION)
    order = models.PositiveSmallIntegerField(
        _("plats från vänster till höger"), default=0, help_text=_("Vänster–höger-ordning, 1 längst till vänster.")
    )

    class Meta:
        ordering = ["council", "-seats", "abbreviation"]
        verbose_name = _("partigrupp")
        verbose_name_plural = _("partigrupper")
        constraints = [
            models.UniqueConstraint(fields=["council", "party"], name="one_seat_row_per_party"),
            models.UniqueConstraint(fields=["council", "abbreviation"], name="one_seat_row_per_abbreviation"),
        ]

    def __str__(self) -> str:
        return f"{self.abbreviation} {self.seats}"


class Committee(models.Model):
    """A committee, board or sub-committee the council elects for the period."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="committees")
    name = models.CharField(_("namn"), max_length=150)
    places = models.PositiveSmallIntegerField(_("ledamöter"), validators=[MinValueValidator(1)])
    substitutes = models.PositiveSmallIntegerField(_("ersättare"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["council", "position", "name"]
        verbose_name = _("nämnd")
        verbose_name_plural = _("nämnder")
        constraints = [
            models.UniqueConstraint(fields=["council", "name"], name="unique_committee_name"),
            models.CheckConstraint(condition=Q(places__gte=1), name="committee_has_places"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.places})"


class Scenario(models.Model):
    """A choice of joint lists for the committee elections, internal to the organisation that owns it."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="scenarios")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="council_scenarios")
    name = models.CharField(_("namn"), max_length=150)
    description = models.TextField(_("beskrivning"), blank=True)
    position = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["council", "position", "pk"]
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarier")
        constraints = [
            models.UniqueConstraint(fields=["council", "organisation", "name"], name="unique_scenario_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ScenarioList(models.Model):
    """One joint list of a scenario: the parties that vote on it and the agreed order of their names.

    ``parties`` and ``order`` hold party abbreviations as in the council's seats;
    ``order`` is the interleaving inside the list (S, C, S, MP, S, HP, V …) and may be
    shorter than the places to fill: the rest follows d'Hondt on the parties' seats.
    Parties on no list vote alone.
    """

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="lists")
    label = models.CharField(_("gruppbeteckning"), max_length=100)
    parties = models.JSONField(_("partier"), default=list)
    order = models.JSONField(_("ordning på listan"), default=list, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["scenario", "position", "pk"]
        verbose_name = _("gemensam lista")
        verbose_name_plural = _("gemensamma listor")

    def __str__(self) -> str:
        return self.label
