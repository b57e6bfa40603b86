"""The one ordered list of statistics providers (dotted paths of `StatisticsProvider` classes).

Each source adds one line here. The order is the order of the sections in the export and on the
annual report page. Tests may override the list with the `STATISTICS_PROVIDERS` setting.
"""

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from forms.statistics.base import StatisticsProvider

PROVIDERS = [
    "awareness.figures.IntroductionProvider",
    "awareness.figures.ResilienceWeekProvider",
    "awareness.figures.TeamSessionsProvider",
    "awareness.figures.YearRoundProvider",
    "forms.figures.IntegrityReportsProvider",
    "forms.lessons.figures.LessonsProvider",
    "forms.figures.ConfidentialAdvisorsProvider",
    "forms.statistics.figures.EmployeeSurveyProvider",
    "vpd.figures.PublicAggressionProvider",
    "vpd.figures.PeerSupportProvider",
    "safework.figures.GiftsProvider",
    "safework.figures.OutsideWorkProvider",
]


def provider_paths() -> tuple[str, ...]:
    """The dotted paths in use: the `STATISTICS_PROVIDERS` setting when set, else `PROVIDERS`."""
    return tuple(getattr(settings, "STATISTICS_PROVIDERS", None) or PROVIDERS)


@lru_cache(maxsize=8)
def _instances(paths: tuple[str, ...]) -> tuple[StatisticsProvider, ...]:
    return tuple(import_string(path)() for path in paths)


def get_providers() -> tuple[StatisticsProvider, ...]:
    """Provider instances, in registry order."""
    return _instances(provider_paths())
