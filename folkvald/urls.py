from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from folkvald.api import api
from folkvald.organisations import views as organisation_views

urlpatterns = [
    path("", organisation_views.home, name="home"),
    path("konto/logga-in/", auth_views.LoginView.as_view(), name="login"),
    path("konto/logga-ut/", auth_views.LogoutView.as_view(), name="logout"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("folkvald.organisations.urls")),
    path("kampanjer/", include("folkvald.campaigns.urls")),
    path("val/", include("folkvald.elections.urls")),
    path("fullmaktige/", include("folkvald.councils.urls")),
    path("reformer/", include("folkvald.agenda.urls")),
    path("politik/", include("folkvald.policy.urls")),
]
