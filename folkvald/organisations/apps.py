from django.apps import AppConfig
from django.utils.translation import gettext_lazy


class OrganisationsConfig(AppConfig):
    name = "folkvald.organisations"
    label = "organisations"
    verbose_name = gettext_lazy("Organisationer")
