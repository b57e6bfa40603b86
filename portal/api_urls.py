"""Machine-readable endpoints without a language prefix (for example /api/statistics/<year>.json)."""

from django.urls import include, path

urlpatterns = [
    path("", include("forms.statistics.urls")),
]
