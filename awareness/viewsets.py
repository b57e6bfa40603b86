"""The awareness room's admin viewsets: sessions with their registrations, introduction meetings
and declarations, team sessions (registered in wagtail_hooks.py)."""

import django_filters
from django.contrib import messages
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.models import CreateView, EditView
from wagtail.admin.viewsets.base import ViewSetGroup
from wagtail.admin.viewsets.model import ModelViewSet

from awareness import counting, services
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


def warn_where_it_will_not_count(request, warnings) -> None:
    for warning in warnings:
        messages.warning(request, warning)


class SessionCreateView(CreateView):
    """A new session placed where it will not count as expected gets a warning (`counting.py`)."""

    def save_instance(self):
        instance = super().save_instance()
        warn_where_it_will_not_count(self.request, counting.session_warnings(instance))
        return instance


class SessionEditView(EditView):
    """Saving more places moves people up from the waitlist at once (with an e-mail each)."""

    def save_instance(self):
        instance = super().save_instance()
        warn_where_it_will_not_count(self.request, counting.session_warnings(instance))
        locked = Session.objects.select_for_update().select_related("item").get(pk=instance.pk)
        for registration in services.promote_waitlist(locked):
            transaction.on_commit(
                lambda registration=registration: services.send_promotion_email(registration)
            )
        return instance


class SessionViewSet(ModelViewSet):
    model = Session
    name = "awareness_sessions"
    add_view_class = SessionCreateView
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
