from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "folkvald.councils"
    label = "councils"
