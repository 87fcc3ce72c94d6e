"""Parties, organisations in a tree, people and their roles over time, and reference data."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

colour_validator = RegexValidator(r"^#[0-9A-Fa-f]{6}$", _("Ange en färg som #RRGGBB."))


class County(models.Model):
    code = models.CharField(_("länskod"), max_length=2, primary_key=True)
    name = models.CharField(_("namn"), max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("län")
        verbose_name_plural = _("län")

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    code = models.CharField(_("kommunkod"), max_length=4, primary_key=True)
    name = models.CharField(_("namn"), max_length=100)
    county = models.ForeignKey(
        County, on_delete=models.PROTECT, related_name="municipalities", verbose_name=_("län")
    )
    population = models.PositiveIntegerField(_("folkmängd"))
    population_year = models.PositiveSmallIntegerField(_("folkmängd, år"))

    class Meta:
        ordering = ["code"]
        verbose_name = _("kommun")
        verbose_name_plural = _("kommuner")

    def __str__(self) -> str:
        return self.name

    def latest_figures(self) -> MunicipalityElectionFigures | None:
        return self.election_figures.order_by("-year").first()


class MunicipalityElectionFigures(models.Model):
    """Eligible voters and council size for one election year, from the official figures."""

    municipality = models.ForeignKey(
        Municipality, on_delete=models.CASCADE, related_name="election_figures", verbose_name=_("kommun")
    )
    year = models.PositiveSmallIntegerField(_("valår"))
    eligible_voters = models.PositiveIntegerField(_("röstberättigade"))
    council_seats = models.PositiveSmallIntegerField(_("mandat i fullmäktige"))
    divided = models.BooleanField(_("indelad i valkretsar"), null=True, help_text=_("Okänt där källan saknar uppgiften."))

    class Meta:
        ordering = ["municipality", "year"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "year"], name="unique_figures_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.municipality} {self.year}"


class Party(models.Model):
    abbreviation = models.CharField(_("förkortning"), max_length=12, unique=True)
    name = models.CharField(_("namn"), max_length=150)
    colour = models.CharField(_("färg"), max_length=7, validators=[colour_validator], default="#777777")
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="local_parties",
        verbose_name=_("kommun"),
        help_text=_("Bara för lokala partier."),
    )

    class Meta:
        ordering = ["abbreviation"]
        verbose_name = _("parti")
        verbose_name_plural = _("partier")

    def __str__(self) -> str:
        return f"{self.name} ({self.abbreviation})"


class PartyAbbreviation(models.Model):
    """An abbreviation a party used in official results during some years (FP until 2014, then L)."""

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="abbreviations", verbose_name=_("parti")
    )
    abbreviation = models.CharField(_("förkortning"), max_length=12)
    first_year = models.PositiveSmallIntegerField(_("från år"), null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(_("till år"), null=True, blank=True)

    class Meta:
        ordering = ["abbreviation", "first_year"]
        verbose_name = _("partiförkortning")
        verbose_name_plural = _("partiförkortningar")

    def __str__(self) -> str:
        span = f"{self.first_year or ''}–{self.last_year or ''}"
        return f"{self.abbreviation} ({span})"


class OrganisationKind(models.TextChoices):
    PARTY = "party", _("parti (riksorganisation)")
    DISTRICT = "district", _("partidistrikt")
    BRANCH = "branch", _("arbetarekommun / lokalavdelning")
    ASSOCIATION = "association", _("förening")
    GROUP = "group", _("fullmäktigegrupp")


#: Where each kind sits in the tree: a party at the top, districts under it, branches under the party or a
#: district (or alone, for a party folkvald holds no national organisation of), associations and council
#: groups under a branch (or a district).
PARENT_KINDS: dict[str, frozenset[str | None]] = {
    OrganisationKind.PARTY: frozenset({None}),
    OrganisationKind.DISTRICT: frozenset({OrganisationKind.PARTY}),
    OrganisationKind.BRANCH: frozenset({OrganisationKind.PARTY, OrganisationKind.DISTRICT, None}),
    OrganisationKind.ASSOCIATION: frozenset({OrganisationKind.BRANCH, OrganisationKind.DISTRICT}),
    OrganisationKind.GROUP: frozenset({OrganisationKind.BRANCH}),
}


class Organisation(models.Model):
    name = models.CharField(_("namn"), max_length=200)
    kind = models.CharField(_("typ"), max_length=20, choices=OrganisationKind.choices)
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="organisations", verbose_name=_("parti")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("överordnad organisation"),
    )
    municipality = models.ForeignKey(
        Municipality,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("kommun"),
    )
    county = models.ForeignKey(
        County,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        verbose_name=_("län"),
    )
    theme = models.CharField(
        _("inriktning"), max_length=200, blank=True, help_text=_("För föreningar: område eller tema.")
    )
    description = models.TextField(_("beskrivning"), blank=True)
    website = models.URLField(_("webbplats"), blank=True)
    is_public = models.BooleanField(_("publicerad"), default=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        constraints = [
            models.UniqueConstraint(
                fields=["party", "municipality"],
                condition=Q(kind="branch"),
                name="one_branch_per_party_and_municipality",
            ),
            models.CheckConstraint(
                condition=~Q(kind="branch") | Q(municipality__isnull=False),
                name="branch_has_municipality",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.kind == OrganisationKind.BRANCH and self.municipality_id is None:
            raise ValidationError({"municipality": _("En arbetarekommun hör till en kommun.")})
        parent = self.parent
        if self.kind in PARENT_KINDS and (parent.kind if parent else None) not in PARENT_KINDS[self.kind]:
            raise ValidationError({"parent": _("En %(kind)s kan inte ligga där i organisationen.") % {
                "kind": self.get_kind_display()}})
        if parent is not None and self.party_id is not None and parent.party_id != self.party_id:
            raise ValidationError({"parent": _("Den överordnade organisationen hör till ett annat parti.")})
        ancestor = self.parent
        while ancestor is not None:
            if ancestor.pk == self.pk and self.pk is not None:
                raise ValidationError({"parent": _("En organisation kan inte ligga under sig själv.")})
            ancestor = ancestor.parent


class Person(models.Model):
    """A person known to an organisation. Personal data kept to what the work needs."""

    first_name = models.CharField(_("förnamn"), max_length=100)
    last_name = models.CharField(_("efternamn"), max_length=100)
    email = models.EmailField(_("e-post"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="person",
        verbose_name=_("inloggning"),
    )
    created = models.DateTimeField(default=timezone.now, editable=False)
    erased = models.DateTimeField(_("raderad"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("person")
        verbose_name_plural = _("personer")

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class RoleKind(models.TextChoices):
    CHAIR = "chair", _("ordförande")
    VICE_CHAIR = "vice_chair", _("vice ordförande")
    SECRETARY = "secretary", _("sekreterare")
    POLITICAL_SECRETARY = "political_secretary", _("politisk sekreterare")
    CAMPAIGN_LEADER = "campaign_leader", _("valledare")
    BOARD_MEMBER = "board_member", _("styrelseledamot")
    VOLUNTEER = "volunteer", _("valarbetare")
    MEMBER = "member", _("medlem")
    GROUP_LEADER = "group_leader", _("gruppledare")
    KOMMUNALRAD = "kommunalrad", _("kommunalråd")
    OPPOSITIONSRAD = "oppositionsrad", _("oppositionsråd")
    BOARD_CHAIR = "executive_board_chair", _("kommunstyrelsens ordförande")
    PROJECT_LEADER = "project_leader", _("projektledare")


#: Roles that lead an organisation: they manage it and see the associations beneath it.
LEADER_ROLES = frozenset(
    {
        RoleKind.CHAIR,
        RoleKind.VICE_CHAIR,
        RoleKind.SECRETARY,
        RoleKind.POLITICAL_SECRETARY,
        RoleKind.CAMPAIGN_LEADER,
        RoleKind.BOARD_MEMBER,
    }
)
#: Public offices: shown publicly with the person's name.
PUBLIC_OFFICES = frozenset(
    {
        RoleKind.GROUP_LEADER,
        RoleKind.KOMMUNALRAD,
        RoleKind.OPPOSITIONSRAD,
        RoleKind.BOARD_CHAIR,
    }
)


class RoleQuerySet(models.QuerySet["Role"]):
    def active(self, on: dt.date | None = None) -> RoleQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class Role(models.Model):
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="roles", verbose_name=_("person")
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="roles", verbose_name=_("organisation")
    )
    kind = models.CharField(_("roll"), max_length=40, choices=RoleKind.choices)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    start = models.DateField(_("från"), default=timezone.localdate)
    end = models.DateField(_("till"), null=True, blank=True)
    is_public_contact = models.BooleanField(_("offentlig kontakt"), default=False)
    contact_phone = models.CharField(_("kontakttelefon"), max_length=40, blank=True)
    contact_email = models.EmailField(_("kontakt-e-post"), blank=True)
    history = HistoricalRecords()

    objects = RoleQuerySet.as_manager()

    class Meta:
        ordering = ["organisation", "kind", "start"]
        verbose_name = _("roll")
        verbose_name_plural = _("roller")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="role_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.display_title} ({self.organisation})"

    @property
    def display_title(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def is_leader(self) -> bool:
        return self.kind in LEADER_ROLES
