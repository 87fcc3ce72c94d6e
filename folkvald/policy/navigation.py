"""Links from an organisation's pages to its policy work."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from folkvald.core.navigation import Section


def policy_sections(organisation, internal: bool) -> list[Section]:
    if organisation.kind not in {"branch", "district", "party"}:
        return []
    sections = [
        Section(_("Politikutveckling: arbetsgrupper"), reverse("policy:overview", args=[organisation.pk])),
        Section(_("Evenemang"), reverse("policy:events", args=[organisation.pk])),
    ]
    if internal:
        sections += [
            Section(_("Motioner"), reverse("policy:motions", args=[organisation.pk])),
            Section(_("Rådslag"), reverse("policy:consultations", args=[organisation.pk])),
        ]
    return sections
