from django.apps import AppConfig


class AgendaConfig(AppConfig):
    name = "folkvald.agenda"
    label = "agenda"
