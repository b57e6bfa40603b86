"""The one ordered list of statistics providers (dotted paths of `StatisticsProvider` classes).

Each source adds one line here. The order is the order of the sections in the export and on the
annual report page. Tests may override the list with the `STATISTICS_PROVIDERS` setting.
"""

from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string

from forms.statistics.base import StatisticsProvider

PROVIDERS = [
    # After merging the awareness, reports and VPD apps, list every source here in this order:
    # awareness.figures.IntroductionProvider, awareness.figures.ResilienceWeekProvider,
    # forms.figures.IntegrityReportsProvider, forms.figures.ConfidentialAdvisorsProvider,
    # (the survey, below), vpd.figures.PublicAggressionProvider, vpd.figures.PeerSupportProvider.
    "forms.statistics.figures.EmployeeSurveyProvider",
]

#: All provider paths of the complete portal (the seed's oracle tests run only when all are listed).
ALL_SOURCES = (
    "awareness.figures.IntroductionProvider",
    "awareness.figures.ResilienceWeekProvider",
    "forms.figures.IntegrityReportsProvider",
    "forms.figures.ConfidentialAdvisorsProvider",
    "forms.statistics.figures.EmployeeSurveyProvider",
    "vpd.figures.PublicAggressionProvider",
    "vpd.figures.PeerSupportProvider",
)


def provider_paths() -> tuple[str, ...]:
    """The dotted paths in use: the `STATISTICS_PROVIDERS` setting when set, else `PROVIDERS`."""
    return tuple(getattr(settings, "STATISTICS_PROVIDERS", None) or PROVIDERS)


@lru_cache(maxsize=8)
def _instances(paths: tuple[str, ...]) -> tuple[StatisticsProvider, ...]:
    return tuple(import_string(path)() for path in paths)


def get_providers() -> tuple[StatisticsProvider, ...]:
    """Provider instances, in registry order."""
    return _instances(provider_paths())


def all_sources_registered() -> bool:
    """True when every source of the portal is in the registry (after all apps are merged)."""
    return set(ALL_SOURCES) <= set(provider_paths())
