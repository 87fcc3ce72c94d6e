from django.apps import AppConfig


def _sections(organisation, internal: bool):
    from django.urls import reverse
    from django.utils.translation import gettext as _

    from folkvald.agenda.selectors import report_periods
    from folkvald.core.navigation import Section

    if internal:
        return [Section(_("Avtal, reformer och beslut"), reverse("agenda:internal", args=[organisation.pk]))]
    if report_periods(organisation=organisation):
        return [Section(_("Vad har vi gjort sedan valet?"), reverse("agenda:report_latest", args=[organisation.pk]))]
    return []


class AgendaConfig(AppConfig):
    name = "folkvald.agenda"
    label = "agenda"

    def ready(self) -> None:
        from folkvald.core.navigation import register_section

        register_section(_sections)
