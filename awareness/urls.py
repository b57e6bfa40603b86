from django.urls import path

from awareness import views

app_name = "awareness"

urlpatterns = [
    path("bewustwording/aanmelden/<int:session_id>/", views.register, name="register"),
    path("bewustwording/mijn-aanmeldingen/", views.my_registrations, name="my_registrations"),
    path("bewustwording/afmelden/<int:pk>/", views.cancel, name="cancel"),
    path("bewustwording/afmelden/link/<str:token>/", views.cancel_by_link, name="cancel_by_link"),
    path("bewustwording/evaluatie/<int:pk>/", views.evaluate, name="evaluate"),
    path("bewustwording/introductie/", views.introduction, name="introduction"),
    path("bewustwording/agenda.ics", views.feed_all, name="feed_all"),
    path("bewustwording/thema/<slug:slug>.ics", views.feed_theme, name="feed_theme"),
    path("bewustwording/sessie/<int:pk>.ics", views.feed_session, name="feed_session"),
]
