from django.apps import AppConfig


class ElectionsConfig(AppConfig):
    name = "folkvald.elections"
    label = "elections"
