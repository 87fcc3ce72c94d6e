from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "folkvald.core"
    label = "core"
    verbose_name = "folkvald"
