"""The awareness room in the Wagtail admin: the viewsets (awareness/viewsets.py), plus the
organiser's registrations, export and check-in views."""

from django.contrib import messages
from django.urls import path
from wagtail import hooks

from awareness import counting, views
from awareness.models import ProgrammeItemPage
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


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def warn_about_programme_items_that_will_not_count(request, page):
    specific = page.specific
    if isinstance(specific, ProgrammeItemPage):
        for warning in counting.item_warnings(specific):
            messages.warning(request, warning)
