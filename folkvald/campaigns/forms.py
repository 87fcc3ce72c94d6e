"""Forms of the campaigns app: the doorstep report, the paper sheet, the CSV file, targets."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folkvald.campaigns.models import MAX_CONVERSATIONS, Activity, Campaign, PlaceKind

NOTE_WARNING = _(
    "Skriv aldrig namn, adresser, telefonnummer eller vad en enskild väljare tycker. "
    "Rapporten räknar samtal och ämnen, inte människor."
)


def default_date(campaign: Campaign):
    today = timezone.localdate()
    return min(max(today, campaign.start), campaign.end)


class ReportForm(forms.Form):
    id = forms.UUIDField(required=False, widget=forms.HiddenInput)
    organisation = forms.TypedChoiceField(label=_("Jag rapporterar för"), coerce=int)
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    activity = forms.ChoiceField(label=_("Aktivitet"), choices=Activity.choices)
    place_kind = forms.ChoiceField(label=_("Typ av plats"), choices=PlaceKind.choices, initial=PlaceKind.NAMED)
    place = forms.CharField(
        label=_("Plats"), max_length=120,
        help_text=_("Valkrets, valdistrikt eller en plats som ”Stationen”. Ingen gatuadress."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "list": "place-suggestions"}),
    )
    conversations = forms.IntegerField(
        label=_("Antal samtal"), min_value=1, max_value=MAX_CONVERSATIONS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )
    topics = forms.MultipleChoiceField(
        label=_("Ämnen som togs upp"), required=False, widget=forms.CheckboxSelectMultiple
    )
    team = forms.TypedChoiceField(label=_("Lag"), coerce=int, required=False, empty_value=None)
    note = forms.CharField(
        label=_("Anteckning (frivillig)"), required=False, max_length=500, help_text=NOTE_WARNING,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, campaign: Campaign, organisations, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        self.fields["topics"].choices = [(t, t) for t in campaign.topics]
        if teams:
            self.fields["team"].choices = [("", _("Inget lag")), *[(t.pk, t.name) for t in teams]]
        else:
            del self.fields["team"]
        if not self.is_bound:
            self.fields["date"].initial = default_date(campaign)


class BulkHeaderForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]


class BulkRowForm(forms.Form):
    date = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    place = forms.CharField(label=_("Plats"), max_length=120)
    activity = forms.ChoiceField(label=_("Aktivitet"), choices=[("", "–"), *Activity.choices])
    conversations = forms.IntegerField(label=_("Samtal"), min_value=1, max_value=MAX_CONVERSATIONS)
    topics = forms.CharField(
        label=_("Ämnen"), required=False, max_length=300, help_text=_("Skilj med komma: skola, vård")
    )


BulkRowFormSet = forms.formset_factory(BulkRowForm, extra=8, max_num=200)


class CsvImportForm(forms.Form):
    organisation = forms.TypedChoiceField(label=_("Organisation"), coerce=int)
    file = forms.FileField(
        label=_("CSV-fil"),
        help_text=_("Rubrikrad: datum, plats, aktivitet, samtal, ämnen (frivillig), anteckning (frivillig). "
                    "Komma eller semikolon."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2_000_000:
            raise forms.ValidationError(_("Filen är för stor (högst 2 MB)."))
        raw = upload.read()
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError(_("Filen är inte text (UTF-8)."))  # pragma: no cover - cp1252 decodes all


class AdoptTargetForm(forms.Form):
    value = forms.IntegerField(
        label=_("Eget mål (samtal)"), min_value=0, required=False,
        help_text=_("Lämna tomt för att använda det beräknade målet."),
    )


class SplitForm(forms.Form):
    """One number per child, team or person (built from the rows the view passes): weights, or the targets by hand."""

    WEIGHTS = "weights"
    BY_HAND = "hand"
    mode = forms.ChoiceField(
        label=_("Hur målet fördelas"),
        choices=[(WEIGHTS, _("Efter vikter: delarna blir exakt målet")),
                 (BY_HAND, _("För hand: talen är målen (tomma rutor ändras inte)"))],
        initial=WEIGHTS, widget=forms.RadioSelect, required=False,
    )

    def __init__(self, *args, rows: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        for key, name in rows:
            self.fields[key] = forms.IntegerField(label=name, min_value=0, required=False)

    def row_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name != "mode"]

    def numbers(self) -> dict[str, int]:
        """The numbers typed in (blank rows left out)."""
        return {key: value for key, value in self.cleaned_data.items() if key != "mode" and value is not None}


class TeamForm(forms.Form):
    name = forms.CharField(label=_("Nytt lag"), max_length=150)
