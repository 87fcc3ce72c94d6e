from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "folkvald.organisations"
    label = "organisations"
