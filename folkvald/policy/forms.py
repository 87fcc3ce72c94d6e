from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folkvald.policy.models import (
    BoardDecision,
    DeliverableStatus,
    EventKind,
    GroupKind,
    MemberRole,
    Question,
    QuestionKind,
    RegistrationMode,
)


def _date_widget() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class MembershipForm(forms.Form):
    person = forms.TypedChoiceField(label=_("Person"), coerce=int, required=False, empty_value=None)
    first_name = forms.CharField(label=_("…eller ny person: förnamn"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Efternamn"), max_length=100, required=False)
    email = forms.EmailField(label=_("E-post (för påminnelser)"), required=False)
    role = forms.ChoiceField(label=_("Roll i gruppen"), choices=MemberRole.choices)
    start = forms.DateField(label=_("Från"), initial=timezone.localdate, widget=_date_widget())

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [("", _("– ny person –"))] + [(p.pk, p.full_name) for p in people]

    def clean(self):
        data = super().clean()
        if not data.get("person") and not (data.get("first_name") and data.get("last_name")):
            raise forms.ValidationError(_("Välj en person eller ange för- och efternamn."))
        return data


class EndForm(forms.Form):
    end = forms.DateField(label=_("Till och med"), initial=timezone.localdate, widget=_date_widget())


class DeliverableForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=300)
    deadline = forms.DateField(label=_("Senast"), widget=_date_widget())
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    status = forms.ChoiceField(label=_("Status"), choices=DeliverableStatus.choices)


class DeliverableStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DeliverableStatus.choices)


class MotionForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    body = forms.CharField(label=_("Motionstext"), widget=forms.Textarea(attrs={"rows": 10}))
    proposals = forms.CharField(
        label=_("Att-satser"),
        help_text=_("En att-sats per rad, t.ex. \"att partiet verkar för …\"."),
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    note = forms.CharField(label=_("Vad ändrades? (valfritt)"), max_length=300, required=False)


class NewMotionForm(MotionForm):
    group = forms.TypedChoiceField(
        label=_("Skrivs av arbetsgrupp"), coerce=int, required=False, empty_value=None,
        help_text=_("Lämna tomt om du skriver motionen som enskild medlem."),
    )
    congress = forms.CharField(label=_("Till kongress"), max_length=200, required=False)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("– ingen grupp (enskild medlem) –"))] + [
            (group.pk, group.name) for group in groups
        ]
        del self.fields["note"]


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label=_("Styrelsens beslut"), choices=BoardDecision.choices, widget=forms.RadioSelect)
    reasoning = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 5}))
    decided_on = forms.DateField(label=_("Beslutsdatum"), initial=timezone.localdate, widget=_date_widget())


class SendForm(forms.Form):
    sent_on = forms.DateField(label=_("Skickad"), initial=timezone.localdate, widget=_date_widget())
    congress = forms.CharField(label=_("Kongress"), max_length=200, required=False)


class RegistrationForm(forms.Form):
    people = forms.IntegerField(label=_("Antal personer"), min_value=1, max_value=20, initial=1)
    name = forms.CharField(label=_("Namn (valfritt)"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-post (valfritt)"), required=False)
    consent = forms.BooleanField(
        label=_(
            "Jag samtycker till att arrangören sparar mitt namn och min e-post för det här evenemanget. "
            "Uppgifterna visas bara för arrangörerna och raderas 30 dagar efter evenemanget."
        ),
        required=False,
    )

    def __init__(self, *args, names: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not names:
            for field in ("name", "email", "consent"):
                del self.fields[field]

    def clean(self):
        data = super().clean()
        if (data.get("name") or data.get("email")) and not data.get("consent"):
            self.add_error(
                "consent", _("Kryssa i samtycket för att vi ska få spara ditt namn, eller lämna namnet tomt.")
            )
        return data


class ConsultationAnswerForm(forms.Form):
    """One field per question: radio buttons for a choice question, a text box for the others."""

    def __init__(self, *args, questions: list[Question], initial_answers=None, **kwargs):
        super().__init__(*args, **kwargs)
        initial_answers = initial_answers or {}
        for question in questions:
            name = f"q{question.pk}"
            answer = initial_answers.get(question.pk)
            if question.kind == QuestionKind.CHOICE:
                self.fields[name] = forms.ChoiceField(
                    label=question.text,
                    choices=[(choice, choice) for choice in question.choice_list],
                    widget=forms.RadioSelect,
                    required=False,
                    initial=answer.choice if answer else None,
                )
            else:
                self.fields[name] = forms.CharField(
                    label=question.text,
                    widget=forms.Textarea(attrs={"rows": 4}),
                    required=False,
                    max_length=5000,
                    initial=answer.text if answer else None,
                )

    def answers(self) -> dict[int, str]:
        return {int(name[1:]): value or "" for name, value in self.cleaned_data.items()}


class ProgrammeForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    is_published = forms.BooleanField(label=_("Publicerat"), required=False, initial=True)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Namn"), max_length=200)
    kind = forms.ChoiceField(label=_("Typ"), choices=GroupKind.choices)
    programme = forms.TypedChoiceField(label=_("Program"), coerce=int, required=False, empty_value=None)
    policy_area = forms.CharField(label=_("Politikområde"), max_length=200, required=False)
    mandate = forms.CharField(label=_("Uppdrag"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    topic_keywords = forms.CharField(
        label=_("Samtalsämnen från kampanjerna"), max_length=500, required=False,
        help_text=_("Kommaseparerade ämnen, t.ex. \"skola, unga\": gruppen ser hur ofta väljarna tog upp dem."),
    )
    position = forms.IntegerField(label=_("Ordning"), min_value=0, max_value=1000, initial=0)
    is_published = forms.BooleanField(
        label=_("Publicerad (gruppen och dess medlemmar visas offentligt)"), required=False, initial=True
    )

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].choices = [("", _("– inget program –"))] + [(p.pk, p.name) for p in programmes]


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Typ"), choices=EventKind.choices)
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 4}), required=False)
    starts_at = forms.DateTimeField(
        label=_("Börjar"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    ends_at = forms.DateTimeField(
        label=_("Slutar"), required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
    )
    place = forms.CharField(label=_("Plats"), max_length=300)
    organiser = forms.CharField(label=_("Arrangör"), max_length=300)
    group = forms.TypedChoiceField(label=_("Arbetsgrupp"), coerce=int, required=False, empty_value=None)
    registration = forms.ChoiceField(label=_("Anmälan"), choices=RegistrationMode.choices)
    capacity = forms.IntegerField(label=_("Antal platser (valfritt)"), min_value=1, required=False)
    is_public = forms.BooleanField(label=_("Öppet för allmänheten (visas offentligt)"), required=False, initial=True)

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("– ingen –"))] + [(g.pk, g.name) for g in groups]

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] < data["starts_at"]:
            self.add_error("ends_at", _("Evenemanget kan inte sluta innan det börjar."))
        return data


class ConsultationForm(forms.Form):
    title = forms.CharField(label=_("Rubrik"), max_length=300)
    description = forms.CharField(label=_("Beskrivning"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    opens = forms.DateField(label=_("Öppnar"), initial=timezone.localdate, widget=_date_widget())
    closes = forms.DateField(label=_("Stänger"), widget=_date_widget())
    group = forms.TypedChoiceField(label=_("Arbetsgrupp"), coerce=int, required=False, empty_value=None)
    questions = forms.CharField(
        label=_("Frågor"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "En fråga per rad. För en flervalsfråga: frågan och alternativen åtskilda med |, t.ex. "
            "\"Viktigast? | Skolan | Vården | Jobben\". En rad utan | blir en fritextfråga."
        ),
    )

    def __init__(self, *args, groups=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].choices = [("", _("– ingen –"))] + [(g.pk, g.name) for g in groups]

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("closes") and data["closes"] < data["opens"]:
            self.add_error("closes", _("Rådslaget kan inte stänga innan det öppnar."))
        return data

    def parsed_questions(self) -> list[tuple[str, str, list[str]]]:
        """(text, kind, choices) for each non-empty line."""
        out = []
        for line in self.cleaned_data["questions"].splitlines():
            parts = [part.strip() for part in line.split("|")]
            if not parts[0]:
                continue
            if len(parts) > 1:
                out.append((parts[0], QuestionKind.CHOICE, [p for p in parts[1:] if p]))
            else:
                out.append((parts[0], QuestionKind.TEXT, []))
        return out
