from django.urls import path, register_converter

from folkvald.agenda import views
from folkvald.agenda.feeds import DecisionFeed


class PeriodConverter:
    """A mandate period in a URL: 2022-2026."""

    regex = r"\d{4}-\d{4}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(PeriodConverter, "period")

app_name = "agenda"

urlpatterns = [
    path("<int:organisation_id>/", views.report_latest, name="report_latest"),
    path("<int:organisation_id>/<period:period>/", views.report, name="report"),
    path("<int:organisation_id>/<period:period>/inbaddning/", views.report_embed, name="embed"),
    path("<int:organisation_id>/beslut.atom", DecisionFeed(), name="feed"),
    path("<int:organisation_id>/intern/", views.internal_index, name="internal"),
    path("<int:organisation_id>/avtal/nytt/", views.agreement_create, name="agreement_create"),
    path("<int:organisation_id>/reform/ny/", views.reform_create, name="reform_create"),
    path("<int:organisation_id>/beslut/nytt/", views.decision_create, name="decision_create"),
    path("<int:organisation_id>/importera/lista/", views.bullets_import, name="bullets_import"),
    path("<int:organisation_id>/importera/csv/", views.csv_import, name="csv_import"),
    path("<int:organisation_id>/export/<str:kind>.csv", views.csv_export, name="csv_export"),
    path("avtal/<int:agreement_id>/", views.agreement_public, name="agreement"),
    path("avtal/<int:agreement_id>/andra/", views.agreement_edit, name="agreement_edit"),
    path("reform/<int:reform_id>/", views.reform_detail, name="reform"),
    path("reform/<int:reform_id>/andra/", views.reform_edit, name="reform_edit"),
    path("reform/<int:reform_id>/status/", views.reform_status, name="reform_status"),
    path("beslut/<int:decision_id>/andra/", views.decision_edit, name="decision_edit"),
]
