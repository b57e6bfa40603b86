from django.urls import path

from vpd import views

app_name = "vpd"
urlpatterns = [
    path("vpd/incidenten/", views.incident_list, name="incident_list"),
    path("vpd/incidenten/melden/", views.incident_create, name="incident_create"),
    path("vpd/incidenten/<str:reference>/", views.incident_detail, name="incident_detail"),
    path("vpd/opvanggesprekken/registreren/", views.peer_support_create, name="peer_support_create"),
    path(
        "vpd/teams/<slug:slug>/teaminstructie-starten/",
        views.team_instruction_start,
        name="team_instruction_start",
    ),
]
