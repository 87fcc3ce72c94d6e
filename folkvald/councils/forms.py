"""Forms of the councils pages: the coalition finder (GET), the planner's choices and scenarios."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from folkvald.councils.models import Council

MAX_PLACES = 101


def _party_choices(council: Council) -> list[tuple[str, str]]:
    return [(row.abbreviation, f"{row.abbreviation} ({row.seats})") for row in council.seats.all()]


def split_parties(text: str) -> list[str]:
    """"V, S, MP" or "V S MP" or "V+S+MP" → ["V", "S", "MP"]."""
    for separator in ",+;":
        text = text.replace(separator, " ")
    return [part for part in text.split() if part]


class CoalitionFinderForm(forms.Form):
    """Works as a plain GET form; htmx sends the same fields on every change."""

    parties = forms.MultipleChoiceField(
        label=_("Välj partier"), required=False, widget=forms.CheckboxSelectMultiple
    )
    require = forms.MultipleChoiceField(
        label=_("Måste vara med"), required=False, widget=forms.CheckboxSelectMultiple
    )
    exclude = forms.MultipleChoiceField(
        label=_("Inte med"), required=False, widget=forms.CheckboxSelectMultiple
    )
    connected = forms.BooleanField(
        label=_("Bara sammanhängande koalitioner på vänster–höger-skalan"), required=False
    )
    order = forms.CharField(
        label=_("Vänster–höger-ordning"),
        required=False,
        max_length=300,
        help_text=_("Partiernas förkortningar från vänster till höger, t.ex. V, S, MP, C, L, M, KD, SD."),
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        choices = _party_choices(council)
        for name in ("parties", "require", "exclude"):
            self.fields[name].choices = choices
        self.council = council

    def clean_order(self) -> list[str]:
        order = split_parties(self.cleaned_data.get("order") or "")
        known = {row.abbreviation.upper(): row.abbreviation for row in self.council.seats.all()}
        unknown = [party for party in order if party.upper() not in known]
        if unknown:
            raise forms.ValidationError(
                _("Okända partier i ordningen: %(parties)s.") % {"parties": ", ".join(unknown)}
            )
        canonical: list[str] = []
        for party in order:
            if known[party.upper()] not in canonical:
                canonical.append(known[party.upper()])
        rest = [abbreviation for abbreviation in known.values() if abbreviation not in canonical]
        if canonical and rest:
            raise forms.ValidationError(
                _("Ordningen saknar %(parties)s: ange alla partier.") % {"parties": ", ".join(rest)}
            )
        return canonical

    def clean(self):
        data = super().clean()
        both = set(data.get("require") or []) & set(data.get("exclude") or [])
        if both:
            raise forms.ValidationError(
                _("Ett parti kan inte både krävas och uteslutas: %(parties)s.") % {"parties": ", ".join(sorted(both))}
            )
        return data


class OrderForm(forms.Form):
    order = forms.CharField(label=_("Vänster–höger-ordning"), max_length=300)


class CommitteeForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=150)
    places = forms.IntegerField(label=_("Ledamöter"), min_value=1, max_value=MAX_PLACES)
    substitutes = forms.IntegerField(label=_("Ersättare"), min_value=0, max_value=MAX_PLACES, initial=0)


class ScenarioForm(forms.Form):
    organisation = forms.ModelChoiceField(label=_("Organisation som äger scenariot"), queryset=None)
    name = forms.CharField(label=_("Namn"), max_length=150)
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    lists = forms.CharField(
        label=_("Gemensamma listor"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "En lista per rad: partierna med + och, efter kolon, den överenskomna ordningen, "
            "t.ex. “S+C+MP+HP+V: S, C, S, MP, S, HP, V”. Partier som inte står på någon lista går till val "
            "var för sig. Utan ordning fördelas platserna på listan efter partiernas mandat (d'Hondt)."
        ),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class ScenarioEditForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=150)
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    lists = ScenarioForm.base_fields["lists"]


class PlanForm(forms.Form):
    bloc = forms.MultipleChoiceField(label=_("Blocket"), required=False, widget=forms.CheckboxSelectMultiple)
    others = forms.ChoiceField(
        label=_("Motsidan"),
        choices=[
            ("as_is", _("behåller sina listor")),
            ("best_response", _("svarar med sitt bästa drag")),
        ],
        initial="best_response",
        widget=forms.RadioSelect,
    )
    others_lists = forms.CharField(
        label=_("Motsidans listor (om de behåller sina)"),
        required=False,
        max_length=300,
        help_text=_("En lista per rad, t.ex. “M+KD+L”. Partier som inte nämns går till val var för sig."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["bloc"].choices = _party_choices(council)
        self.council = council

    def clean_others_lists(self) -> list[list[str]]:
        text = self.cleaned_data.get("others_lists") or ""
        known = {row.abbreviation.upper(): row.abbreviation for row in self.council.seats.all()}
        lists = []
        for line in text.splitlines():
            parties = split_parties(line)
            if not parties:
                continue
            unknown = [party for party in parties if party.upper() not in known]
            if unknown:
                raise forms.ValidationError(_("Okända partier: %(parties)s.") % {"parties": ", ".join(unknown)})
            lists.append([known[party.upper()] for party in parties])
        named = [party for item in lists for party in item]
        twice = sorted({party for party in named if named.count(party) > 1})
        if twice:
            raise forms.ValidationError(
                _("Ett parti kan bara stå på en lista: %(parties)s.") % {"parties": ", ".join(twice)}
            )
        return lists

    def clean(self):
        data = super().clean()
        bloc = set(data.get("bloc") or [])
        for item in data.get("others_lists") or []:
            if bloc & set(item):
                raise forms.ValidationError(_("Motsidans listor får inte innehålla blockets partier."))
        return data


class AttendanceForm(forms.Form):
    """Members absent per party, for the attendance what-if."""

    def __init__(self, *args, council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        for row in council.seats.all():
            self.fields[f"absent_{row.abbreviation}"] = forms.IntegerField(
                label=_("Frånvarande %(party)s") % {"party": row.abbreviation},
                required=False,
                min_value=0,
                max_value=row.seats,
                initial=0,
            )
        self.council = council

    def absent(self) -> dict[str, int]:
        if not self.is_valid():
            return {}
        return {
            row.abbreviation: int(self.cleaned_data.get(f"absent_{row.abbreviation}") or 0)
            for row in self.council.seats.all()
            if self.cleaned_data.get(f"absent_{row.abbreviation}")
        }


class CouncilForm(forms.Form):
    """A council by hand, or from the official result where one is imported."""

    municipality = forms.ModelChoiceField(label=_("Kommun"), queryset=None)
    period_start = forms.IntegerField(
        label=_("Mandatperiod från (valår)"), min_value=1970, max_value=2100, initial=2022,
        help_text=_("T.ex. 2022 för 2022–2026."),
    )
    from_election = forms.BooleanField(
        label=_("Hämta mandaten från det officiella valresultatet om det finns inläst"), required=False, initial=True
    )
    seats = forms.CharField(
        label=_("Mandat per parti"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("T.ex. “S 18, M 13, SD 8, V 6”. Behövs där inget valresultat finns inläst."),
    )
    governing_name = forms.CharField(label=_("Styrets namn"), required=False, max_length=100)
    governing = forms.CharField(label=_("Styrande partier"), required=False, max_length=200)
    support = forms.CharField(label=_("Stödpartier"), required=False, max_length=200)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities


class CouncilEditForm(forms.Form):
    seats = forms.CharField(
        label=_("Mandat per parti"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("T.ex. “S 18, M 13”. Bara för mandat som är inskrivna för hand."),
    )
    governing_name = forms.CharField(label=_("Styrets namn"), required=False, max_length=100)
    governing = forms.CharField(label=_("Styrande partier"), required=False, max_length=200)
    support = forms.CharField(label=_("Stödpartier"), required=False, max_length=200)
    description = forms.CharField(label=_("Beskrivning"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
