from django.urls import path

from folkvald.councils import views

app_name = "councils"

urlpatterns = [
    path("", views.council_index, name="index"),
    path("ny/", views.council_add, name="add"),
    path("<int:council_id>/", views.council_page, name="council"),
    path("<int:council_id>/andra/", views.council_edit, name="edit"),
    path("<int:council_id>/ordning/", views.council_order_save, name="order_save"),
    path("<int:council_id>/namnder/ny/", views.committee_add, name="committee_add"),
    path("<int:council_id>/namnder/<int:committee_id>/ta-bort/", views.committee_remove, name="committee_remove"),
    path("<int:council_id>/planering/", views.planner, name="planner"),
    path("<int:council_id>/planering/nytt/", views.scenario_add, name="scenario_add"),
    path("<int:council_id>/planering/<int:scenario_id>/", views.scenario_page, name="scenario"),
    path("<int:council_id>/planering/<int:scenario_id>/andra/", views.scenario_edit, name="scenario_edit"),
    path("<int:council_id>/planering/<int:scenario_id>/ta-bort/", views.scenario_remove, name="scenario_remove"),
    path("<int:council_id>/planering/<int:scenario_id>/valsedlar/", views.scenario_ballots, name="ballots"),
    path(
        "<int:council_id>/planering/<int:scenario_id>/valsedlar.csv", views.scenario_ballots_csv, name="ballots_csv"
    ),
]
