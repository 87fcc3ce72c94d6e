from django.urls import path

from folkvald.campaigns import views

app_name = "campaigns"

urlpatterns = [
    path("", views.campaign_list, name="list"),
    path("sw.js", views.service_worker, name="service_worker"),
    path("<int:campaign_id>/", views.campaign_detail, name="detail"),
    path("<int:campaign_id>/arbetarekommuner/", views.campaign_branches, name="branches"),
    path("<int:campaign_id>/rapportera/", views.report, name="report"),
    path("<int:campaign_id>/rapportera/flera/", views.bulk, name="bulk"),
    path("<int:campaign_id>/rapportera/csv/", views.csv_import, name="csv_import"),
    path("<int:campaign_id>/rapporter/<uuid:report_id>/ta-bort/", views.report_delete, name="report_delete"),
    path("<int:campaign_id>/topplista/", views.leaderboard_choice, name="leaderboard_choice"),
    path("<int:campaign_id>/organisationer/<int:organisation_id>/", views.organisation_progress, name="organisation"),
    path("<int:campaign_id>/organisationer/<int:organisation_id>/mal/", views.targets, name="targets"),
    path("<int:campaign_id>/organisationer/<int:organisation_id>/widget/", views.widget, name="widget"),
    path(
        "<int:campaign_id>/organisationer/<int:organisation_id>/export.csv",
        views.export, {"fmt": "csv"}, name="export_csv",
    ),
    path(
        "<int:campaign_id>/organisationer/<int:organisation_id>/export.xlsx",
        views.export, {"fmt": "xlsx"}, name="export_xlsx",
    ),
]
