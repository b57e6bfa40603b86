from django.contrib.auth import views as auth_views
from django.urls import include, path

from tests.oidc_provider.idp import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="idp_login.html"), name="login"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("control/person", views.person),
    path("control/client", views.client),
    path("control/fault", views.fault),
    path("control/tokens", views.tokens),
]
