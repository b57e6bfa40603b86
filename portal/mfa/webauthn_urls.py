"""django-otp-webauthn's endpoints under the names its template tags reverse, with the portal's
views (outside the language prefix: the scripts call them by these fixed paths)."""

from django.urls import path
from django.views.i18n import JavaScriptCatalog

from portal.mfa import webauthn

app_name = "otp_webauthn"

urlpatterns = [
    path("registration/begin/", webauthn.BeginRegistration.as_view(), name="credential-registration-begin"),
    path(
        "registration/complete/",
        webauthn.CompleteRegistration.as_view(),
        name="credential-registration-complete",
    ),
    path(
        "authentication/begin/",
        webauthn.BeginAuthentication.as_view(),
        name="credential-authentication-begin",
    ),
    path(
        "authentication/complete/",
        webauthn.CompleteAuthentication.as_view(),
        name="credential-authentication-complete",
    ),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["django_otp_webauthn"]),
        name="js-i18n-catalog",
    ),
]
