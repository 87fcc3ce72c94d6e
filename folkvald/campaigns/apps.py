from django.apps import AppConfig


class CampaignsConfig(AppConfig):
    name = "folkvald.campaigns"
    label = "campaigns"
