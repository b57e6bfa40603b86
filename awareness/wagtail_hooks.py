"""The awareness room in the Wagtail admin: sessions with their registrations, introduction meetings
and declarations, team sessions; plus the organiser's registrations, export and check-in views."""

import django_filters
from django.db import transaction
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from awareness import services, views
from awareness.models import (
    Declaration,
    Format,
    IntroductionAttendance,
    IntroductionMeeting,
    Session,
    TeamSession,
    TeamSessionMethod,
)


class SessionFilterSet(WagtailFilterSet):
    format = django_filters.ChoiceFilter(label=_("Vorm"), choices=Format.choices)
    cancelled = django_filters.BooleanFilter(label=_("Gaat niet door"))

    class Meta:
        model = Session
        fields = ["format", "cancelled"]


class RegistrationsColumn(Column):
    def get_value(self, instance):
        return _("Aanmeldingen en presentie")

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["link_url"] = reverse("awareness_admin_session", args=[instance.pk])
        return context

    cell_template_name = "awareness/admin/link_cell.html"


class SessionEditView(EditView):
    """Saving more places moves people up from the waitlist at once (with an e-mail each)."""

    def save_instance(self):
        instance = super().save_instance()
        locked = Session.objects.select_for_update().select_related("item").get(pk=instance.pk)
        for registration in services.promote_waitlist(locked):
            transaction.on_commit(
                lambda registration=registration: services.send_promotion_email(registration)
            )
        return instance


class SessionViewSet(ModelViewSet):
    model = Session
    name = "awareness_sessions"
    edit_view_class = SessionEditView
    icon = "date"
    menu_label = _("Sessies")
    form_fields = [
        "item",
        "start",
        "end",
        "format",
        "location",
        "online_link",
        "capacity",
        "registration_closes",
        "cancelled",
    ]
    list_display = [
        "__str__",
        "format",
        "capacity",
        RegistrationsColumn("registrations", label=_("Aanmeldingen")),
    ]
    filterset_class = SessionFilterSet
    search_fields = ["item__title", "location"]
    ordering = ["-start"]


class IntroductionMeetingViewSet(ModelViewSet):
    model = IntroductionMeeting
    name = "awareness_introductions"
    icon = "group"
    menu_label = _("Introductiebijeenkomsten")
    list_display = ["__str__", "format", "location"]
    list_filter = ["format"]
    ordering = ["-start"]


class AttendanceFilterSet(WagtailFilterSet):
    declaration = django_filters.ChoiceFilter(label=_("Verklaring"), choices=Declaration.choices)

    class Meta:
        model = IntroductionAttendance
        fields = ["declaration", "meeting"]


class IntroductionAttendanceViewSet(ModelViewSet):
    model = IntroductionAttendance
    name = "awareness_declarations"
    icon = "clipboard-list"
    menu_label = _("Integriteitsverklaringen")
    list_display = ["name", "meeting", "declaration", "declaration_date", "administered_by"]
    ordering = ["-declaration_date", "-meeting__start", "name"]  # the newest declarations first
    list_export = [
        "name",
        "email",
        "department",
        "meeting",
        "declaration",
        "declaration_date",
        "administered_by",
    ]
    export_filename = "integriteitsverklaringen"
    filterset_class = AttendanceFilterSet
    search_fields = ["name", "email"]


class TeamSessionFilterSet(WagtailFilterSet):
    method = django_filters.ChoiceFilter(label=_("Werkvorm"), choices=TeamSessionMethod.choices)

    class Meta:
        model = TeamSession
        fields = ["department", "method", "theme"]


class TeamSessionViewSet(ModelViewSet):
    model = TeamSession
    name = "awareness_team_sessions"
    icon = "group"
    menu_label = _("Teamsessies")
    list_display = ["date", "department", "theme", "participants", "method"]
    list_export = ["date", "department", "theme", "participants", "method"]
    filterset_class = TeamSessionFilterSet


class AwarenessGroup(ViewSetGroup):
    menu_label = _("Bewustwording")
    menu_icon = "date"
    menu_order = 300
    items = (SessionViewSet, IntroductionMeetingViewSet, IntroductionAttendanceViewSet, TeamSessionViewSet)


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
