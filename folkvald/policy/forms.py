from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folkvald.policy.models import (
    BoardDecision,
    DeliverableStatus,
    MemberRole,
    Question,
    QuestionKind,
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
            "Uppgifterna visas bara för arrangörerna och raderas efter evenemanget."
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
