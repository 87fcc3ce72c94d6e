"""Forms of the agenda app: plain forms whose cleaned data the services take as keyword arguments."""

from __future__ import annotations

import re

from django import forms
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from folkvald.agenda.bullets import parse_bullets
from folkvald.agenda.figures import FigureError, parse_figures
from folkvald.agenda.models import (
    AgreementKind,
    DecisionBody,
    ReformStatus,
    SourceKind,
    election_year_of,
    validate_election_year,
)
from folkvald.agenda.selectors import agreement_choices, decision_choices, reform_choices
from folkvald.organisations.models import Organisation, Party

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AccessibleForm(forms.Form):
    """Marks fields with errors for screen readers: aria-invalid, and aria-describedby to the message."""

    def full_clean(self) -> None:
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                attrs = self.fields[name].widget.attrs
                attrs["aria-invalid"] = "true"
                attrs["aria-describedby"] = f"{self[name].auto_id}-error"


class GroupedDecimalField(forms.DecimalField):
    """A localized decimal that refuses a grouping mark where none belongs.

    On an English page Django reads "5,7" as 57 (the comma groups thousands there), so a
    Swedish habit would store a figure ten times too large; here a grouping mark must be
    followed by groups of three digits, or the value is refused and the form says how to write it.
    """

    def to_python(self, value):
        text = str(value or "").strip()
        grouping = formats.get_format("THOUSAND_SEPARATOR")
        if text and grouping and grouping.strip() and grouping in text:
            decimal = re.escape(formats.get_format("DECIMAL_SEPARATOR"))
            pattern = rf"[-−]?\d{{1,3}}({re.escape(grouping)}\d{{3}})*({decimal}\d+)?"
            if not re.fullmatch(pattern, text):
                raise forms.ValidationError(
                    _("Skriv talet med %(decimal)s som decimaltecken, t.ex. %(example)s.") % {
                        "decimal": formats.get_format("DECIMAL_SEPARATOR"),
                        "example": formats.number_format(5.7, 1),
                    },
                    code="invalid",
                )
        return super().to_python(value)


def _current_election_year() -> int:
    return election_year_of(timezone.localdate())


def _parties_field(required: bool) -> forms.ModelMultipleChoiceField:
    return forms.ModelMultipleChoiceField(
        label=_("Partier"),
        queryset=Party.objects.filter(municipality__isnull=True).order_by("abbreviation"),
        widget=forms.CheckboxSelectMultiple,
        required=required,
    )


class PartiesMixin:
    """Parliamentary parties, plus the local parties of the organisation's municipality (HP in Huddinge)."""

    def _limit_parties(self, organisation: Organisation) -> None:
        from django.db.models import Q

        queryset = Party.objects.filter(
            Q(municipality__isnull=True) | Q(municipality_id=organisation.municipality_id)
        ).order_by("abbreviation")
        field = self.fields["parties"]  # type: ignore[attr-defined]
        field.queryset = queryset
        field.label_from_instance = lambda party: f"{party.abbreviation} – {party.name}"


class AgreementForm(PartiesMixin, AccessibleForm):
    title = forms.CharField(label=_("Rubrik"), max_length=250)
    kind = forms.ChoiceField(label=_("Typ av avtal"), choices=AgreementKind.choices)
    parties = _parties_field(required=True)
    period_start = forms.IntegerField(
        label=_("Mandatperiod från valåret"), initial=_current_election_year, validators=[validate_election_year],
        help_text=_("Till exempel 2022 för mandatperioden 2022–2026."),
    )
    date = forms.DateField(label=_("Datum"), initial=timezone.localdate, widget=DATE)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 6}), required=False)
    is_published = forms.BooleanField(label=_("Publicerad (syns för alla)"), required=False)
    internal_notes = forms.CharField(
        label=_("Interna anteckningar (visas aldrig offentligt)"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self._limit_parties(organisation)

    def clean_parties(self):
        parties = self.cleaned_data["parties"]
        if len(parties) < 2:
            raise forms.ValidationError(_("Ett avtal har minst två partier."))
        return list(parties)


class ReformForm(PartiesMixin, AccessibleForm):
    title = forms.CharField(label=_("Reform"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    policy_area = forms.CharField(
        label=_("Politikområde"), max_length=150, required=False, widget=forms.TextInput(attrs={"list": "areas"})
    )
    source_kind = forms.ChoiceField(label=_("Källa"), choices=SourceKind.choices)
    agreement = forms.ModelChoiceField(label=_("Avtal"), queryset=None, required=False)
    source_name = forms.CharField(
        label=_("Programmets eller manifestets namn"), max_length=250, required=False
    )
    period_start = forms.IntegerField(
        label=_("Mandatperiod från valåret"), initial=_current_election_year, validators=[validate_election_year]
    )
    target_value = GroupedDecimalField(
        label=_("Mätbart mål, värde (valfritt)"), required=False, max_digits=16, decimal_places=3, localize=True
    )
    target_unit = forms.CharField(label=_("Mätbart mål, enhet"), max_length=50, required=False)
    weight = forms.IntegerField(
        label=_("Vikt"), min_value=1, max_value=100, initial=1,
        help_text=_("Hur mycket reformen väger i områdets framsteg."),
    )
    parties = _parties_field(required=False)
    is_published = forms.BooleanField(label=_("Publicerad (syns för alla)"), required=False)
    internal_notes = forms.CharField(
        label=_("Interna anteckningar (visas aldrig offentligt)"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreement_choices(organisation=organisation)
        self._limit_parties(organisation)

    def clean(self):
        data = super().clean()
        if data.get("source_kind") == SourceKind.AGREEMENT and not data.get("agreement"):
            self.add_error("agreement", _("Ange vilket avtal reformen kommer från."))
        if (data.get("target_value") is None) != (not data.get("target_unit")):
            self.add_error("target_unit", _("Ett mål har både ett värde och en enhet."))
        if "parties" in data:
            data["parties"] = list(data["parties"])
        return data


class StatusChangeForm(AccessibleForm):
    status = forms.ChoiceField(label=_("Ny status"), choices=ReformStatus.choices, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Varför?"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Visas offentligt i reformens historik."),
    )
    decision = forms.ModelChoiceField(
        label=_("Beslut som belägg"), queryset=None, required=False, empty_label=_("– inget beslut –")
    )
    evidence_url = forms.URLField(
        label=_("Länk som belägg"), required=False, assume_scheme="https",
        widget=forms.URLInput(attrs={"inputmode": "url", "placeholder": "https://"}),
        help_text=_("Genomförd, delvis genomförd och bruten kräver ett beslut eller en länk."),
    )

    def __init__(self, *args, reform, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decision"].queryset = decision_choices(organisation=reform.organisation)
        self.fields["decision"].label_from_instance = lambda d: f"{d.date:%Y-%m-%d} {d.body_label} {d.paragraph} – {d.title[:80]}"
        self.fields["status"].choices = [
            (value, label) for value, label in ReformStatus.choices if value != reform.status
        ]


class FiguresField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 3})

    def clean(self, value):
        text = super().clean(value)
        try:
            return parse_figures(text or "")
        except FigureError as error:
            raise forms.ValidationError(str(error)) from error


class DecisionForm(AccessibleForm):
    title = forms.CharField(label=_("Beslut"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2}))
    date = forms.DateField(label=_("Beslutsdatum"), initial=timezone.localdate, widget=DATE)
    body = forms.ChoiceField(label=_("Beslutande organ"), choices=DecisionBody.choices)
    body_name = forms.CharField(label=_("Organets namn (valfritt)"), max_length=200, required=False)
    paragraph = forms.CharField(label=_("Protokollsparagraf"), max_length=40, required=False)
    policy_area = forms.CharField(
        label=_("Politikområde"), max_length=150, required=False, widget=forms.TextInput(attrs={"list": "areas"})
    )
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    url = forms.URLField(label=_("Länk till protokollet"), required=False, assume_scheme="https", max_length=500)
    figures = FiguresField(
        label=_("Siffror, en per rad"), required=False,
        help_text=_("Till exempel ”+5,7 % | grundskolans schablon 2023”, ”mer än 25 mnkr | elevhälsan”, "
                    "”upp till 30 000 bostäder | Bromma”."),
    )
    reforms = forms.ModelMultipleChoiceField(
        label=_("Reformer som beslutet för framåt"), queryset=None, required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_published = forms.BooleanField(label=_("Publicerad (syns för alla)"), required=False)
    internal_notes = forms.CharField(
        label=_("Interna anteckningar (visas aldrig offentligt)"), widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reforms"].queryset = reform_choices(organisation=organisation)

    def clean_reforms(self):
        return list(self.cleaned_data["reforms"])


class ImportKind:
    REFORMS = "reforms"
    DECISIONS = "decisions"
    CHOICES = [(REFORMS, _("Reformer")), (DECISIONS, _("Beslut"))]


class BulletImportForm(AccessibleForm):
    kind = forms.ChoiceField(label=_("Skapa"), choices=ImportKind.CHOICES, widget=forms.RadioSelect,
                             initial=ImportKind.REFORMS)
    text = forms.CharField(
        label=_("Punktlista"), widget=forms.Textarea(attrs={"rows": 12}), max_length=100_000,
        help_text=_("Klistra in en lista: rader som börjar med •, - eller * blir punkter; en kort rubrikrad "
                    "före punkterna blir politikområde."),
    )
    default_area = forms.CharField(label=_("Politikområde för punkter utan rubrik"), max_length=150,
                                   required=False)
    source_kind = forms.ChoiceField(label=_("Reformernas källa"), choices=SourceKind.choices, required=False)
    agreement = forms.ModelChoiceField(label=_("Avtal"), queryset=None, required=False)
    source_name = forms.CharField(label=_("Programmets eller manifestets namn"), max_length=250, required=False)
    period_start = forms.IntegerField(label=_("Mandatperiod från valåret"), initial=_current_election_year,
                                      validators=[validate_election_year], required=False)
    date = forms.DateField(label=_("Besluten fattades"), required=False, widget=DATE)
    body = forms.ChoiceField(label=_("Beslutande organ"), choices=DecisionBody.choices, required=False)
    body_name = forms.CharField(label=_("Organets namn (valfritt)"), max_length=200, required=False)
    figures_from_text = forms.BooleanField(
        label=_("Hämta beslutens siffror ur texten"), required=False, initial=True,
        # xgettext:no-python-format
        help_text=_("Till exempel ”med 5,7 procent” blir +5,7 % och ”mer än 25 miljoner kronor” blir "
                    "mer än 25 mnkr. Du ser siffrorna innan något sparas och kan ändra dem efteråt."),
    )
    is_published = forms.BooleanField(label=_("Publicera direkt"), required=False)

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agreement"].queryset = agreement_choices(organisation=organisation)

    def clean(self):
        data = super().clean()
        text = data.get("text") or ""
        data["items"] = parse_bullets(text, default_area=data.get("default_area", "")) if text else []
        if text and not data["items"]:
            self.add_error("text", _("Hittade inga punkter. En punkt är en rad som börjar med •, - eller *."))
        if data.get("kind") == ImportKind.REFORMS:
            if not data.get("source_kind"):
                self.add_error("source_kind", _("Ange reformernas källa."))
            if data.get("source_kind") == SourceKind.AGREEMENT and not data.get("agreement"):
                self.add_error("agreement", _("Ange vilket avtal reformerna kommer från."))
            if not data.get("agreement") and not data.get("period_start"):
                self.add_error("period_start", _("Ange mandatperioden."))
        elif data.get("kind") == ImportKind.DECISIONS:
            if not data.get("date"):
                self.add_error("date", _("Ange beslutsdatum."))
            if not data.get("body"):
                self.add_error("body", _("Ange beslutande organ."))
        return data


class CsvImportForm(AccessibleForm):
    kind = forms.ChoiceField(label=_("Filen innehåller"), choices=ImportKind.CHOICES, widget=forms.RadioSelect,
                             initial=ImportKind.REFORMS)
    file = forms.FileField(label=_("CSV-fil"), help_text=_("Samma kolumner som exporten. Högst 2 MB."))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise forms.ValidationError(_("Filen är större än 2 MB."))
        raw = upload.read()
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                return raw.decode("cp1252")
            except UnicodeDecodeError as error:  # pragma: no cover - cp1252 decodes almost anything
                raise forms.ValidationError(_("Filen är inte UTF-8.")) from error
