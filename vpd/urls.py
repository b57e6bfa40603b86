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

# The manager's part (issue #18): the team's incidents and the perpetrator-focused follow-up.
from vpd import team_views  # noqa: E402

urlpatterns += [
    path("vpd/team-incidenten/", team_views.team_incident_list, name="team_incident_list"),
    path(
        "vpd/team-incidenten/<str:reference>/", team_views.team_incident_detail, name="team_incident_detail"
    ),
    path(
        "vpd/team-incidenten/<str:reference>/vervolgstap/",
        team_views.follow_up_edit,
        name="follow_up_create",
    ),
    path(
        "vpd/team-incidenten/<str:reference>/vervolgstap/<int:pk>/",
        team_views.follow_up_edit,
        name="follow_up_edit",
    ),
]
