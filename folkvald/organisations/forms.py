from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from folkvald.organisations.models import RoleKind


class RoleForm(forms.Form):
    first_name = forms.CharField(label=_("Förnamn"), max_length=100)
    last_name = forms.CharField(label=_("Efternamn"), max_length=100)
    email = forms.EmailField(label=_("E-post"), required=False)
    phone = forms.CharField(label=_("Telefon"), max_length=40, required=False)
    kind = forms.ChoiceField(label=_("Roll"), choices=RoleKind.choices)
    title = forms.CharField(label=_("Titel (valfri)"), max_length=200, required=False)
    start = forms.DateField(label=_("Från"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
    is_public_contact = forms.BooleanField(label=_("Visa som offentlig kontakt"), required=False)
    contact_phone = forms.CharField(label=_("Kontakttelefon (offentlig)"), max_length=40, required=False)
    contact_email = forms.EmailField(label=_("Kontakt-e-post (offentlig)"), required=False)


class RoleEndForm(forms.Form):
    end = forms.DateField(label=_("Till och med"), initial=timezone.localdate, widget=forms.DateInput(attrs={"type": "date"}))
