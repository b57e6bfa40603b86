"""The statistics' admin screens: historical figures and the employee survey (viewsets.py), grouped as
'Jaarcijfers', and the publication screen."""

from django.contrib import messages
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet

from forms.statistics import admin_views, service
from forms.statistics.models import HistoricalFigure
from forms.statistics.permissions import can_publish_statistics
from forms.statistics.viewsets import StatisticsViewSetGroup

register_snippet(StatisticsViewSetGroup)


def warn_about_conflict(request, instance) -> None:
    """Tell the editor when records of the same year and source exist: those win over this figure."""
    if isinstance(instance, HistoricalFigure) and service.has_records_for(instance.key, instance.year):
        messages.warning(
            request,
            _(
                "Let op: er zijn registraties in het portaal voor {year}. De cijfers uit de registraties "
                "gaan voor; het historische cijfer {key} wordt voor dat jaar niet gebruikt."
            ).format(year=instance.year, key=instance.key),
        )


@hooks.register("after_create_snippet")
def after_create(request, instance):
    warn_about_conflict(request, instance)


@hooks.register("after_edit_snippet")
def after_edit(request, instance):
    warn_about_conflict(request, instance)


@hooks.register("register_admin_urls")
def register_publication_urls():
    return [
        path("jaarcijfers/publicatie/", admin_views.overview, name="statistics_publication"),
        path("jaarcijfers/publicatie/<str:year>/", admin_views.year_view, name="statistics_publication_year"),
    ]


class PublicationMenuItem(MenuItem):
    def is_shown(self, request):
        return can_publish_statistics(request.user)


@hooks.register("register_admin_menu_item")
def register_publication_menu_item():
    return PublicationMenuItem(
        gettext_lazy("Jaarcijfers publiceren"),
        reverse("statistics_publication"),
        icon_name="table",
        order=850,
    )
