"""Machine endpoints of the statistics (included without language prefix from portal/api_urls.py)."""

from django.urls import path

from forms.statistics import views

urlpatterns = [
    path("api/statistics/<str:year>.json", views.export_json, name="statistics-export"),
]
