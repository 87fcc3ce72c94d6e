from django.apps import AppConfig


class PolicyConfig(AppConfig):
    name = "folkvald.policy"
    label = "policy"
