"""Outside the language prefix: the callback URL is registered at the provider and must not vary."""

from django.urls import path

from sso import views

urlpatterns = [
    path("authenticate/", views.StartSignIn.as_view(), name="oidc_authentication_init"),
    path("callback/", views.Callback.as_view(), name="oidc_authentication_callback"),
]
