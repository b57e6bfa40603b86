from django.urls import path

from forms import views

# The paths start with "melding/": forms.anonymity scrubs the client address from everything there.
urlpatterns = [
    path("melding/", views.report, name="integrity_report"),
    path("melding/opvolging/", views.follow_up, name="integrity_follow_up"),
]
