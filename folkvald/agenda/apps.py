from django.apps import AppConfig
from django.utils.translation import gettext_lazy


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


def _forget_user(sender, instance, **kwargs) -> None:
    """Erasure (GDPR art. 17): a deleted user's name leaves the status history; the change itself stays."""
    from folkvald.agenda.models import StatusChange

    StatusChange.objects.filter(changed_by=instance).update(changed_by_name="")


class AgendaConfig(AppConfig):
    name = "folkvald.agenda"
    label = "agenda"
    verbose_name = gettext_lazy("Avtal, reformer och beslut")

    def ready(self) -> None:
        from folkvald.core.navigation import register_section

        register_section(_sections)

        from django.conf import settings
        from django.db.models.signals import pre_delete

        pre_delete.connect(_forget_user, sender=settings.AUTH_USER_MODEL, dispatch_uid="agenda_forget_user")
