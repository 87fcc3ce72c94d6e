"""Policy development: programmes, working groups and their members over time, deliverables with
deadlines and reminders, motions with versions and the board's decision, events with registrations,
and members' consultations (rådslag)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folkvald.organisations.models import Organisation, Person


class Programme(models.Model):
    """What the groups work towards, e.g. a new vision for the city."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="programmes", verbose_name=_("organisation")
    )
    name = models.CharField(_("namn"), max_length=200)
    description = models.TextField(_("beskrivning"), blank=True)
    start = models.DateField(_("från"), null=True, blank=True)
    end = models.DateField(_("till"), null=True, blank=True)
    is_published = models.BooleanField(_("publicerat"), default=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("program")
        verbose_name_plural = _("program")

    def __str__(self) -> str:
        return self.name


class GroupKind(models.TextChoices):
    WORKING = "working", _("arbetsgrupp")
    STEERING = "steering", _("styrgrupp")


class WorkingGroup(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="working_groups", verbose_name=_("organisation")
    )
    programme = models.ForeignKey(
        Programme,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="groups",
        verbose_name=_("program"),
    )
    kind = models.CharField(_("typ"), max_length=20, choices=GroupKind.choices, default=GroupKind.WORKING)
    name = models.CharField(_("namn"), max_length=200)
    policy_area = models.CharField(_("politikområde"), max_length=200, blank=True)
    mandate = models.TextField(_("uppdrag"), blank=True)
    topic_keywords = models.CharField(
        _("samtalsämnen"),
        max_length=500,
        blank=True,
        help_text=_(
            "Kommaseparerade nyckelord: samtalsämnen från kampanjerna som rör gruppens område "
            "(t.ex. \"jobb, arbetslöshet, tillväxt\")."
        ),
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    is_published = models.BooleanField(_("publicerad"), default=True)

    class Meta:
        ordering = ["organisation", "kind", "position", "name"]
        verbose_name = _("arbetsgrupp")
        verbose_name_plural = _("arbetsgrupper")

    def __str__(self) -> str:
        return self.name

    @property
    def is_steering(self) -> bool:
        return self.kind == GroupKind.STEERING

    @property
    def keywords(self) -> list[str]:
        return [part.strip().lower() for part in self.topic_keywords.split(",") if part.strip()]


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("ordförande")
    MEMBER = "member", _("ledamot")
    SECRETARY = "secretary", _("sekreterare")


#: The order in which the Malmö article lists a group: chair, members, secretary.
MEMBER_ROLE_ORDER = {MemberRole.CHAIR: 0, MemberRole.MEMBER: 1, MemberRole.SECRETARY: 2}


class MembershipQuerySet(models.QuerySet["GroupMembership"]):
    def active(self, on: dt.date | None = None) -> MembershipQuerySet:
        day = on or timezone.localdate()
        return self.filter(Q(start__lte=day), Q(end__isnull=True) | Q(end__gte=day))


class GroupMembership(models.Model):
    """A person's seat in a group over time; one person may sit in several groups."""

    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("grupp")
    )
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="group_memberships", verbose_name=_("person")
    )
    role = models.CharField(_("roll"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER)
    start = models.DateField(_("från"), default=timezone.localdate)
    end = models.DateField(_("till"), null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["group", "start"]
        verbose_name = _("gruppmedlemskap")
        verbose_name_plural = _("gruppmedlemskap")
        constraints = [
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="membership_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.get_role_display()} ({self.group})"


class DeliverableStatus(models.TextChoices):
    PLANNED = "planned", _("planerad")
    IN_PROGRESS = "in_progress", _("pågår")
    DELIVERED = "delivered", _("levererad")
    CANCELLED = "cancelled", _("struken")


class Deliverable(models.Model):
    group = models.ForeignKey(
        WorkingGroup, on_delete=models.CASCADE, related_name="deliverables", verbose_name=_("ansvarig grupp")
    )
    title = models.CharField(_("titel"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    deadline = models.DateField(_("senast"))
    status = models.CharField(
        _("status"), max_length=20, choices=DeliverableStatus.choices, default=DeliverableStatus.PLANNED
    )

    class Meta:
        ordering = ["deadline", "group", "title"]
        verbose_name = _("leverans")
        verbose_name_plural = _("leveranser")

    def __str__(self) -> str:
        return f"{self.title} ({self.deadline:%Y-%m-%d})"

    @property
    def is_open(self) -> bool:
        return self.status in {DeliverableStatus.PLANNED, DeliverableStatus.IN_PROGRESS}


class ReminderSent(models.Model):
    """A reminder that went out, so each is sent once."""

    deliverable = models.ForeignKey(
        Deliverable, on_delete=models.CASCADE, related_name="reminders", verbose_name=_("leverans")
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    days_before = models.PositiveSmallIntegerField(_("dagar före"))
    email = models.EmailField(_("e-post"))
    sent_at = models.DateTimeField(_("skickad"), default=timezone.now)

    class Meta:
        ordering = ["-sent_at"]
        verbose_name = _("skickad påminnelse")
        verbose_name_plural = _("skickade påminnelser")
        constraints = [
            models.UniqueConstraint(
                fields=["deliverable", "person", "days_before"], name="one_reminder_per_person_and_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.deliverable}: {self.email} ({self.days_before})"


class MotionStatus(models.TextChoices):
    DRAFT = "draft", _("utkast")
    SUBMITTED = "submitted", _("inlämnad till styrelsen")
    DECIDED = "decided", _("beslutad av styrelsen")
    SENT = "sent", _("skickad till kongressen")


class BoardDecision(models.TextChoices):
    ADOPT = "adopt", _("bifall")
    REJECT = "reject", _("avslag")
    ANSWERED = "answered", _("besvarad")


class Motion(models.Model):
    """A proposal to the party congress, drafted by a group or a member and decided by the branch board."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="motions", verbose_name=_("organisation")
    )
    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="motions",
        verbose_name=_("arbetsgrupp"),
    )
    author = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="motions",
        verbose_name=_("motionär"),
    )
    co_signers = models.ManyToManyField(
        Person, blank=True, related_name="co_signed_motions", verbose_name=_("medundertecknare")
    )
    title = models.CharField(_("rubrik"), max_length=300)
    congress = models.CharField(_("kongress"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=MotionStatus.choices, default=MotionStatus.DRAFT)
    decision = models.CharField(_("styrelsens beslut"), max_length=20, choices=BoardDecision.choices, blank=True)
    decision_reasoning = models.TextField(_("styrelsens motivering"), blank=True)
    decided_on = models.DateField(_("beslutsdatum"), null=True, blank=True)
    sent_on = models.DateField(_("skickad till kongressen"), null=True, blank=True)
    is_published = models.BooleanField(_("publicerad"), default=False)
    created = models.DateTimeField(_("skapad"), default=timezone.now)

    class Meta:
        ordering = ["-created"]
        verbose_name = _("motion")
        verbose_name_plural = _("motioner")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision="") | Q(decided_on__isnull=False), name="decision_has_date"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status in {MotionStatus.DRAFT, MotionStatus.SUBMITTED}


class MotionVersion(models.Model):
    """Every edit of a motion is a new version; earlier ones stay for the history and the diff."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="versions", verbose_name=_("motion"))
    number = models.PositiveIntegerField(_("version"))
    title = models.CharField(_("rubrik"), max_length=300)
    body = models.TextField(_("motionstext"))
    proposals = models.TextField(_("att-satser"), help_text=_("En att-sats per rad."))
    edited_by = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="+", verbose_name=_("ändrad av")
    )
    note = models.CharField(_("kommentar"), max_length=300, blank=True)
    created = models.DateTimeField(_("skapad"), default=timezone.now)

    class Meta:
        ordering = ["motion", "number"]
        verbose_name = _("motionsversion")
        verbose_name_plural = _("motionsversioner")
        constraints = [models.UniqueConstraint(fields=["motion", "number"], name="unique_motion_version")]

    def __str__(self) -> str:
        return f"{self.title} v{self.number}"

    @property
    def proposal_lines(self) -> list[str]:
        return [line.strip() for line in self.proposals.splitlines() if line.strip()]


class EventKind(models.TextChoices):
    SEMINAR = "seminar", _("seminarium")
    TOWN_HALL = "town_hall", _("town hall")
    GARDEN_PARTY = "garden_party", _("gårdsfest")
    MAY_DAY = "may_day", _("förstamajfirande")
    CONSULTATION = "consultation", _("rådslag")
    ELECTION_MEETING = "election_meeting", _("valmöte")
    ROUND_TABLE = "round_table", _("rundabordssamtal")


class RegistrationMode(models.TextChoices):
    NONE = "none", _("ingen anmälan")
    COUNT = "count", _("anmälan med antal")
    NAMES = "names", _("anmälan med namn (med samtycke) eller antal")


class Event(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="policy_events", verbose_name=_("organisation")
    )
    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("arbetsgrupp"),
    )
    kind = models.CharField(_("typ"), max_length=30, choices=EventKind.choices)
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    starts_at = models.DateTimeField(_("börjar"))
    ends_at = models.DateTimeField(_("slutar"), null=True, blank=True)
    place = models.CharField(_("plats"), max_length=300)
    organiser = models.CharField(_("arrangör"), max_length=300)
    registration = models.CharField(
        _("anmälan"), max_length=20, choices=RegistrationMode.choices, default=RegistrationMode.COUNT
    )
    capacity = models.PositiveIntegerField(_("antal platser"), null=True, blank=True)
    is_public = models.BooleanField(_("öppet för allmänheten"), default=True)

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("evenemang")
        verbose_name_plural = _("evenemang")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=models.F("starts_at")),
                name="event_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.group_id and self.group.organisation_id != self.organisation_id:
            raise ValidationError({"group": _("Gruppen hör till en annan organisation.")})


class Registration(models.Model):
    """A registration for an event: a count, and a name only when the person consented to storing it."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("evenemang"))
    people = models.PositiveSmallIntegerField(_("antal personer"), default=1)
    name = models.CharField(_("namn"), max_length=200, blank=True)
    email = models.EmailField(_("e-post"), blank=True)
    consent = models.BooleanField(_("samtycke"), default=False)
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
        help_text=_("Den inloggade som anmälde sig med namn, så att export och radering hittar anmälan."),
    )
    created = models.DateTimeField(_("anmäld"), default=timezone.now)

    class Meta:
        ordering = ["created"]
        verbose_name = _("anmälan")
        verbose_name_plural = _("anmälningar")
        constraints = [
            models.CheckConstraint(
                condition=Q(consent=True) | (Q(name="") & Q(email="")), name="names_only_with_consent"
            ),
            models.CheckConstraint(condition=Q(consent=True) | Q(person__isnull=True), name="person_only_with_consent"),
            models.CheckConstraint(condition=Q(people__gte=1), name="registration_counts_someone"),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.people}"


class Consultation(models.Model):
    """A rådslag: questions put to the members, answered by those with a role in the organisation."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="consultations", verbose_name=_("organisation")
    )
    group = models.ForeignKey(
        WorkingGroup,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("arbetsgrupp"),
    )
    event = models.ForeignKey(
        Event, on_delete=models.SET_NULL, null=True, blank=True, related_name="consultations",
        verbose_name=_("evenemang"),
    )
    title = models.CharField(_("rubrik"), max_length=300)
    description = models.TextField(_("beskrivning"), blank=True)
    opens = models.DateField(_("öppnar"))
    closes = models.DateField(_("stänger"))

    class Meta:
        ordering = ["-opens"]
        verbose_name = _("rådslag")
        verbose_name_plural = _("rådslag")
        constraints = [
            models.CheckConstraint(condition=Q(closes__gte=models.F("opens")), name="consultation_closes_after_opening")
        ]

    def __str__(self) -> str:
        return self.title

    def is_open(self, on: dt.date | None = None) -> bool:
        day = on or timezone.localdate()
        return self.opens <= day <= self.closes


class QuestionKind(models.TextChoices):
    CHOICE = "choice", _("flerval (ett svar)")
    TEXT = "text", _("fritext")


class Question(models.Model):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions", verbose_name=_("rådslag")
    )
    position = models.PositiveSmallIntegerField(_("ordning"), default=0)
    text = models.CharField(_("fråga"), max_length=500)
    kind = models.CharField(_("typ"), max_length=10, choices=QuestionKind.choices, default=QuestionKind.CHOICE)
    choices = models.TextField(_("svarsalternativ"), blank=True, help_text=_("Ett alternativ per rad."))

    class Meta:
        ordering = ["consultation", "position", "pk"]
        verbose_name = _("fråga")
        verbose_name_plural = _("frågor")

    def __str__(self) -> str:
        return self.text

    @property
    def choice_list(self) -> list[str]:
        return [line.strip() for line in self.choices.splitlines() if line.strip()]


class Answer(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers", verbose_name=_("fråga"))
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", verbose_name=_("person"))
    choice = models.CharField(_("val"), max_length=300, blank=True)
    text = models.TextField(_("svar"), blank=True)
    created = models.DateTimeField(_("svarat"), default=timezone.now)

    class Meta:
        ordering = ["question", "created"]
        verbose_name = _("svar")
        verbose_name_plural = _("svar")
        constraints = [models.UniqueConstraint(fields=["question", "person"], name="one_answer_per_person")]

    def __str__(self) -> str:
        return f"{self.question}: {self.choice or self.text[:40]}"
