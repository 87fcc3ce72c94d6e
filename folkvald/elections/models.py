"""Elections: votes per party and per constituency, the seats seatmath computed from them, and blocs.

Seats are never computed here: the services turn these rows into a seatmath spec
(``folkvald.seatmath.allocate``) and store what comes back, with the official seats
beside them where an import carries them.
"""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from folkvald.organisations.models import County, Municipality, Organisation, Party


class Body(models.TextChoices):
    KOMMUNFULLMAKTIGE = "kommunfullmaktige", _("kommunfullmäktige")
    REGIONFULLMAKTIGE = "regionfullmaktige", _("regionfullmäktige")
    RIKSDAG = "riksdag", _("riksdagen")


class Source(models.TextChoices):
    VALMYNDIGHETEN = "valmyndigheten", _("Valmyndighetens slutliga resultat")
    MANUAL = "manual", _("egen sammanräkning")
    UPLOAD = "upload", _("uppladdad fil")


class Election(models.Model):
    """One result of one election to one body: official (Valmyndigheten) or a count of one's own."""

    body = models.CharField(_("organ"), max_length=20, choices=Body.choices, default=Body.KOMMUNFULLMAKTIGE)
    year = models.PositiveSmallIntegerField(_("valår"))
    rules_year = models.PositiveSmallIntegerField(
        _("regler från år"), help_text=_("Vallagens regler som gällde detta val (normalt valåret).")
    )
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, null=True, blank=True, related_name="elections"
    )
    county = models.ForeignKey(County, on_delete=models.PROTECT, null=True, blank=True, related_name="elections")
    seats = models.PositiveSmallIntegerField(_("mandat"))
    election_day = models.DateField(_("valdag"), null=True, blank=True)

    source = models.CharField(_("källa"), max_length=20, choices=Source.choices)
    is_official = models.BooleanField(_("officiellt resultat"), default=False)
    is_published = models.BooleanField(
        _("publicerat"), default=True, help_text=_("Publicerade resultat syns för alla.")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="election_results",
        help_text=_("Organisationen som har räknat ett inofficiellt resultat."),
    )
    label = models.CharField(_("beskrivning"), max_length=200, blank=True)
    source_name = models.CharField(_("källfil"), max_length=200, blank=True)
    source_digest = models.CharField(_("kontrollsumma"), max_length=64, blank=True)

    valid_votes = models.PositiveIntegerField(_("giltiga röster"))
    other_votes = models.PositiveIntegerField(
        _("övriga giltiga röster"), default=0, help_text=_("Giltiga röster utan eget parti (handskrivna).")
    )
    blank_votes = models.PositiveIntegerField(_("blanka röster"), null=True, blank=True)
    invalid_votes = models.PositiveIntegerField(_("övriga ogiltiga röster"), null=True, blank=True)
    eligible_voters = models.PositiveIntegerField(_("röstberättigade"), null=True, blank=True)

    constituencies_missing = models.BooleanField(
        _("valkretsar saknas i källan"), default=False,
        help_text=_("Kommunen kan vara indelad i valkretsar som källan inte redovisar (rikssammanställningen)."),
    )
    method = models.JSONField(
        _("egen metod"), null=True, blank=True,
        # xgettext:no-python-format
        help_text=_("En metod för seatmath i stället för organets regler (t.ex. spärr 3 % utan valkretsar)."),
    )
    seats_match_official = models.BooleanField(
        _("mandaten stämmer med de officiella"), null=True, blank=True,
        help_text=_("Tomt där inga officiella mandat finns."),
    )
    ties = models.JSONField(_("lottningar"), default=list, blank=True)
    empty_seats = models.JSONField(_("tomma stolar"), default=dict, blank=True)
    explanation = models.JSONField(_("förklaring"), null=True, blank=True)
    created = models.DateTimeField(auto_now_add=True)
    updated = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["municipality", "-year", "body"]
        verbose_name = _("valresultat")
        verbose_name_plural = _("valresultat")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "year", "municipality"],
                condition=Q(is_official=True, municipality__isnull=False),
                name="one_official_result_per_municipality",
            ),
            models.UniqueConstraint(
                fields=["body", "year", "county"],
                condition=Q(is_official=True, municipality__isnull=True, county__isnull=False),
                name="one_official_result_per_county",
            ),
        ]
        indexes = [models.Index(fields=["municipality", "year"])]

    def __str__(self) -> str:
        place = self.municipality or self.county or ""
        return f"{self.get_body_display()} {place} {self.year}".strip()


class PartyResult(models.Model):
    """A party's votes and seats in one election (all constituencies together)."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="party_results")
    party = models.ForeignKey(Party, on_delete=models.PROTECT, related_name="election_results")
    abbreviation = models.CharField(_("förkortning"), max_length=12, help_text=_("Som i källan (FP 2014)."))
    name = models.CharField(_("namn"), max_length=150)
    colour = models.CharField(_("färg"), max_length=7, default="#777777")
    votes = models.PositiveIntegerField(_("röster"))
    seats = models.PositiveSmallIntegerField(_("mandat"), default=0)
    official_seats = models.PositiveSmallIntegerField(_("officiella mandat"), null=True, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["election", "position"]
        constraints = [
            models.UniqueConstraint(fields=["election", "abbreviation"], name="one_result_per_abbreviation"),
            models.UniqueConstraint(fields=["election", "party"], name="one_result_per_party"),
        ]

    def __str__(self) -> str:
        return f"{self.abbreviation} {self.votes}"


class Constituency(models.Model):
    """A constituency (valkrets) of a divided municipality, with its fixed seats."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="constituencies")
    code = models.CharField(_("kod"), max_length=12, blank=True)
    name = models.CharField(_("namn"), max_length=150)
    seats = models.PositiveSmallIntegerField(_("fasta mandat"))
    valid_votes = models.PositiveIntegerField(_("giltiga röster"), default=0)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["election", "position"]
        verbose_name_plural = _("valkretsar")

    def __str__(self) -> str:
        return self.name


class ConstituencyResult(models.Model):
    """A party's votes and seats in one constituency."""

    constituency = models.ForeignKey(Constituency, on_delete=models.CASCADE, related_name="results")
    party_result = models.ForeignKey(PartyResult, on_delete=models.CASCADE, related_name="constituency_results")
    votes = models.PositiveIntegerField(_("röster"))
    seats = models.PositiveSmallIntegerField(_("mandat"), default=0)
    official_seats = models.PositiveSmallIntegerField(_("officiella mandat"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["constituency", "party_result"], name="one_result_per_constituency")
        ]

    def __str__(self) -> str:
        return f"{self.constituency_id}/{self.party_result_id} {self.votes}"


class Bloc(models.Model):
    """A group of parties in one municipality and mandate period ("de rödgröna", "Alliansen")."""

    name = models.CharField(_("namn"), max_length=100)
    municipality = models.ForeignKey(Municipality, on_delete=models.CASCADE, related_name="blocs")
    period = models.PositiveSmallIntegerField(
        _("mandatperiod"), help_text=_("Valåret som inleder mandatperioden, t.ex. 2014 för 2014–2018.")
    )
    parties = models.ManyToManyField(Party, related_name="blocs")
    colour = models.CharField(_("färg"), max_length=7, default="#555555")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["municipality", "period", "position", "name"]
        verbose_name = _("block")
        verbose_name_plural = _("block")
        constraints = [
            models.UniqueConstraint(fields=["municipality", "period", "name"], name="unique_bloc_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.municipality} {self.period})"
