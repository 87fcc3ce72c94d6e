from django.urls import path

from folkvald.elections import views

app_name = "elections"

urlpatterns = [
    path("", views.index, name="index"),
    path("resultat/<int:election_id>/", views.result_page, name="result"),
    path("resultat/<int:election_id>/ta-bort/", views.result_delete, name="result_delete"),
    path("<str:code>/", views.municipality, name="municipality"),
    path("<str:code>/<int:year>/", views.election_page, name="election"),
    path("<str:code>/<int:year>/tank-om/", views.what_if, name="what_if"),
    path("<str:code>/<int:year>/tank-om/resultat/", views.what_if_fragment, name="what_if_fragment"),
    path("<str:code>/<int:year>/nytt-resultat/", views.result_new, name="result_new"),
]
