"""Conversation campaigns: targets down the organisation tree, reports from the doorstep, counters.

Privacy by design: a report holds counts, a place, a time, an activity and the topics
raised, never a voter's name, address or opinion. Progress is read from the tally
tables (kept in the same transaction as every report insert), never by scanning reports.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folkvald.organisations.models import Organisation, Person

#: Topics a new campaign offers unless its leaders choose others.
DEFAULT_TOPICS = ["skola", "vård", "jobb", "klimat", "trygghet", "äldreomsorg", "bostäder"]
#: The most conversations one report may hold (a long day at a station, not a typo of 1000).
MAX_CONVERSATIONS = 999


def week_start(day: dt.date) -> dt.date:
    """The Monday of the ISO week holding ``day``: the key of every weekly figure."""
    return day - dt.timedelta(days=day.weekday())


class TargetBasis(models.TextChoices):
    POPULATION = "population", _("folkmängd")
    ELIGIBLE_VOTERS = "eligible_voters", _("röstberättigade")


class Campaign(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="campaigns",
        verbose_name=_("ägs av"),
        help_text=_("Normalt partiet nationellt; målen fördelas nedåt i dess träd."),
    )
    start = models.DateField(_("från"))
    end = models.DateField(_("till"))
    national_target = models.PositiveIntegerField(_("mål (samtal)"))
    target_basis = models.CharField(
        _("fördelas efter"), max_length=20, choices=TargetBasis.choices, default=TargetBasis.POPULATION
    )
    topics = models.JSONField(_("ämnen"), default=list, blank=True)
    description = models.TextField(_("beskrivning"), blank=True)
    is_public = models.BooleanField(
        _("publicerad"), default=False, help_text=_("Alla ser kampanjen, målen och hur långt den kommit.")
    )
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-start", "name"]
        verbose_name = _("kampanj")
        verbose_name_plural = _("kampanjer")
        constraints = [models.CheckConstraint(condition=Q(end__gte=models.F("start")), name="campaign_ends_after_start")]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A canvassing team of a branch or association for one campaign (a group at the doors)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="teams", verbose_name=_("kampanj"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campaign_teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("namn"), max_length=150)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lag")
        verbose_name_plural = _("lag")
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation", "name"], name="unique_team_name")
        ]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """A target of one organisation, team or person: computed by weights, or adopted by hand."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="targets", verbose_name=_("kampanj"))
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="campaign_targets", verbose_name=_("organisation")
    )
    team = models.ForeignKey(
        Team, on_delete=models.CASCADE, null=True, blank=True, related_name="targets", verbose_name=_("lag")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, null=True, blank=True, related_name="campaign_targets",
        verbose_name=_("person"),
    )
    computed = models.PositiveIntegerField(_("beräknat mål"), null=True, blank=True)
    weight = models.PositiveBigIntegerField(_("vikt"), null=True, blank=True)
    adopted = models.PositiveIntegerField(_("antaget mål"), null=True, blank=True)

    class Meta:
        verbose_name = _("mål")
        verbose_name_plural = _("mål")
        constraints = [
            models.UniqueConstraint(
                fields=["campaign", "organisation"],
                condition=Q(team__isnull=True, person__isnull=True),
                name="one_target_per_organisation",
            ),
            models.UniqueConstraint(fields=["campaign", "team"], condition=Q(team__isnull=False),
                                    name="one_target_per_team"),
            models.UniqueConstraint(
                fields=["campaign", "organisation", "person"], condition=Q(person__isnull=False),
                name="one_target_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.campaign}: {self.organisation} {self.value}"

    @property
    def value(self) -> int | None:
        """The target that counts: the adopted one where there is one."""
        return self.adopted if self.adopted is not None else self.computed


class Activity(models.TextChoices):
    DOOR_KNOCKING = "door_knocking", _("dörrknackning")
    STREET_STALL = "street_stall", _("gatumöte / bokbord")
    PHONE = "phone", _("telefon")
    MEETING = "meeting", _("möte")
    EVENT = "event", _("evenemang")


class PlaceKind(models.TextChoices):
    NAMED = "named", _("plats")
    CONSTITUENCY = "constituency", _("valkrets")
    DISTRICT = "district", _("valdistrikt")


class Source(models.TextChoices):
    FORM = "form", _("formulär")
    DEVICE = "device", _("mobil (kö på enheten)")
    API = "api", _("API")
    BULK = "bulk", _("inmatning från papper")
    CSV = "csv", _("CSV-import")
    DEMO = "demo", _("demo")


class Report(models.Model):
    """Conversations held at one place on one day. No voter is named, located or judged here."""

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, editable=False,
        help_text=_("Skapas på enheten, så att en rapport som skickas två gånger räknas en gång."),
    )
    # Not indexed alone: report_campaign_org_date starts with it (every index costs each report an insert).
    campaign = models.ForeignKey(
        Campaign, on_delete=models.CASCADE, related_name="reports", verbose_name=_("kampanj"), db_index=False
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="campaign_reports", verbose_name=_("organisation")
    )
    # Most reports have no team: indexed only where they have one (report_team), so a report without
    # one adds no index entry (all such entries would share the last page of a full index).
    team = models.ForeignKey(
        Team, on_delete=models.SET_NULL, null=True, blank=True, related_name="reports", verbose_name=_("lag"),
        db_index=False,
    )
    reporter = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="campaign_reports",
        verbose_name=_("rapportör"),
    )
    date = models.DateField(_("datum"))
    week = models.DateField(_("vecka (måndag)"), editable=False)
    place_kind = models.CharField(_("typ av plats"), max_length=20, choices=PlaceKind.choices, default=PlaceKind.NAMED)
    place = models.CharField(_("plats"), max_length=120)
    activity = models.CharField(_("aktivitet"), max_length=20, choices=Activity.choices)
    conversations = models.PositiveIntegerField(
        _("antal samtal"), validators=[MinValueValidator(1), MaxValueValidator(MAX_CONVERSATIONS)]
    )
    topics = models.JSONField(_("ämnen"), default=list, blank=True)
    note = models.CharField(
        _("anteckning"), max_length=500, blank=True,
        help_text=_("Skriv aldrig namn, adresser eller vad en väljare tycker."),
    )
    source = models.CharField(_("källa"), max_length=10, choices=Source.choices, default=Source.FORM)
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-date", "-created"]
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporter")
        indexes = [
            models.Index(fields=["campaign", "organisation", "date"], name="report_campaign_org_date"),
            models.Index(fields=["team"], name="report_team", condition=Q(team__isnull=False)),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(conversations__gte=1), name="report_has_conversations"),
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.place}: {self.conversations}"

    def save(self, *args, **kwargs) -> None:
        self.week = week_start(self.date)
        super().save(*args, **kwargs)


# The tallies are updated by every report: indexed only by their unique key (which starts with the
# campaign), and on PostgreSQL their pages keep room (fillfactor, migration 0002) so that an update
# stays on its page and touches no index ("HOT"). The leaderboard reads a few opted-in people by
# that key and sorts them, so it needs no index on conversations.


class WeekTally(models.Model):
    """Conversations and reports of one organisation and everything beneath it in one ISO week."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+", db_index=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    conversations = models.BigIntegerField(default=0)
    reports = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation", "week"], name="unique_week_tally")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.week}: {self.conversations}"


class TopicTally(models.Model):
    """Reports raising a topic, per organisation (with everything beneath) and ISO week."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+", db_index=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    week = models.DateField()
    topic = models.CharField(max_length=60)
    reports = models.BigIntegerField(default=0)
    conversations = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation", "week", "topic"], name="unique_topic_tally")
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} {self.week} {self.topic}: {self.reports}"


class PersonTally(models.Model):
    """A reporter's conversations per organisation (with ancestors), for the opt-in leaderboard."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="+", db_index=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    conversations = models.BigIntegerField(default=0)
    reports = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["campaign", "organisation", "person"], name="unique_person_tally")
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.organisation_id}: {self.conversations}"


class LeaderboardOptIn(models.Model):
    """A person who chose to be shown by name on a campaign's leaderboard (nobody is by default)."""

    campaign = models.ForeignKey(Campaign, on_delete=models.CASCADE, related_name="leaderboard_opt_ins")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="leaderboard_opt_ins")
    created = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["campaign", "person"], name="unique_leaderboard_opt_in")]

    def __str__(self) -> str:
        return f"{self.person_id} {self.campaign_id}"
