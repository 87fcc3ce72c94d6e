from django.urls import path

from folkvald.organisations import views

app_name = "organisations"

urlpatterns = [
    path("oversikt/", views.overview, name="overview"),
    path("organisationer/", views.organisation_list, name="list"),
    path("organisationer/<int:organisation_id>/", views.organisation_public, name="public"),
    path("organisationer/<int:organisation_id>/intern/", views.organisation_internal, name="internal"),
    path("organisationer/<int:organisation_id>/roller/ny/", views.role_add, name="role_add"),
    path(
        "organisationer/<int:organisation_id>/roller/<int:role_id>/avsluta/", views.role_end_view, name="role_end"
    ),
    path("konto/mina-uppgifter/", views.my_data, name="my_data"),
    path("konto/mina-uppgifter/export.json", views.my_data_export, name="my_data_export"),
]
