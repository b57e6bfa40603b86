"""Machine-readable endpoints without a language prefix (for example /api/statistics/<year>.json)."""

from django.urls import include, path

from portal.security_txt import security_txt

urlpatterns = [
    path("", include("forms.statistics.urls")),
    path(".well-known/security.txt", security_txt, name="security_txt"),  # RFC 9116
]
