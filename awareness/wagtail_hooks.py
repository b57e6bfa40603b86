"""The awareness room in the Wagtail admin: the viewsets (awareness/viewsets.py), plus the
organiser's registrations, export and check-in views."""

from django.urls import path
from wagtail import hooks

from awareness import views
from awareness.viewsets import AwarenessGroup


@hooks.register("register_admin_viewset")
def register_viewsets():
    return AwarenessGroup()


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path("bewustwording/sessie/<int:pk>/", views.session_registrations, name="awareness_admin_session"),
        path(
            "bewustwording/sessie/<int:pk>/export.<str:fmt>",
            views.export_registrations,
            name="awareness_admin_export",
        ),
        path(
            "bewustwording/onderdeel/<int:pk>/evaluaties/",
            views.item_evaluations,
            name="awareness_admin_evaluations",
        ),
    ]
