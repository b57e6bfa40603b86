"""Retention rules: how long each kind of personal record is kept, and how it is purged.

Each app declares its rules in `<app>/retention.py` as a module-level list `RULES` of
`RetentionRule`. `rules()` collects them from every installed project app; the daily purge
command runs them. A purge removes or anonymises what is personal and keeps what the statistics
count, so published figures never change.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module

from django.apps import apps
from django.conf import settings


@dataclass(frozen=True)
class RetentionRule:
    name: str  # e.g. "awareness.registrations": unique, used in logs and docs/privacy/
    description: str  # one line for the operator: what is kept, what the purge removes
    setting: str  # settings name holding the period in days, e.g. "PORTAL_RETENTION_REGISTRATIONS_DAYS"
    default_days: int
    purge: Callable[[datetime.datetime], int]  # removes what is older than the cutoff; returns rows affected

    @property
    def days(self) -> int:
        return int(getattr(settings, self.setting, self.default_days))


def rules() -> list[RetentionRule]:
    found: list[RetentionRule] = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.retention")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.retention":
                raise
            continue
        found.extend(getattr(module, "RULES", ()))
    return found


def __getattr__(name: str):
    # The portal app's own rules (portal/retention_rules.py) load lazily: that module imports models,
    # and this one is imported by every app's retention module.
    if name == "RULES":
        from portal.retention_rules import RULES

        return RULES
    raise AttributeError(name)
