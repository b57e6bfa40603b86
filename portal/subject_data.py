"""Data-subject requests (AVG art. 15 and 17): what the portal holds about one person, and erasure.

Each app declares in `<app>/personal_data.py`:

- `HOLDINGS = [Holding(...)]`: one per kind of record about a person, with the user-model fields it
  covers (`"app_label.Model.field"`), how to collect it for the export and how to erase or anonymise
  it (or why it stays: `kept_because`, a legal exception of art. 17(3)).
- `EXCLUDED = [Exclusion(...)]`: user-model fields deliberately left out, each with its reason.

`tests/portal/test_subject_data.py` fails when a model with a foreign key to the user model is
neither covered nor excluded, so a new app adds its records here.

Never through this path: integrity reports, confidential-advisor registrations and the audit log,
about or by the person (the office decides on a request about them separately). The export says so
in the same words for everyone, so it never reveals whether such records exist.
"""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from typing import Any

from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EXPORT_FORMAT = "portal-persoonsgegevens/1"
EXPORTED = "persoonsgegevens geëxporteerd"  # audit actions (security log: "export", "erasure")
ERASED = "persoonsgegevens gewist"
#: An erased account's username starts with this (followed by its id, so it stays unique).
ERASED_USERNAME = "verwijderd-"

NOT_INCLUDED = gettext_lazy(
    "Integriteitsmeldingen, registraties van vertrouwenspersonen en het auditlog staan niet in dit "
    "overzicht, ook niet als zij over deze persoon gaan of door deze persoon zijn gemaakt. Over een "
    "verzoek daarover beslist het integriteitsbureau apart."
)


@dataclass(frozen=True)
class Holding:
    name: str  # "awareness.registrations": unique, in the export and the audit entry
    label: str  # what the administrator and the person read (Dutch source, translated)
    covers: tuple[str, ...]  # user-model fields this holding answers for: "app_label.Model.field"
    collect: Callable[[Any], list[dict]]  # the person's records as plain JSON-able dicts
    erase: Callable[[Any], int] | None = None  # removes/anonymises; returns rows affected
    kept_because: str = ""  # why (part of) it stays after erasure (the legal exception)
    order: int = 0  # erasure order: the account itself goes last


@dataclass(frozen=True)
class Exclusion:
    field: str  # "app_label.Model.field"
    reason: str


class ErasureRefused(Exception):
    """The erasure may not run; the message says why (shown to the administrator)."""


def _declared(attribute: str) -> list:
    found: list = []
    for config in apps.get_app_configs():
        try:
            module = import_module(f"{config.name}.personal_data")
        except ModuleNotFoundError as error:
            if error.name != f"{config.name}.personal_data":
                raise
            continue
        found.extend(getattr(module, attribute, ()))
    return found


def holdings() -> list[Holding]:
    return sorted(_declared("HOLDINGS"), key=lambda holding: holding.order)


def exclusions() -> list[Exclusion]:
    return _declared("EXCLUDED")


def is_erased(user) -> bool:
    return user.username.startswith(ERASED_USERNAME) and not user.is_active


def clean_records(records: list[dict]) -> list[dict]:
    """Plain JSON types only (dates, decimals and lazy text become strings)."""
    return json.loads(json.dumps(records, cls=DjangoJSONEncoder))


def export(user) -> dict:
    """Everything the portal holds about `user` (except what `NOT_INCLUDED` names)."""
    return {
        "format": EXPORT_FORMAT,
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "subject": {"id": user.pk, "username": user.username},
        "holdings": [
            {
                "name": holding.name,
                "label": str(holding.label),
                "records": clean_records(holding.collect(user)),
                "erasable": holding.erase is not None,
                "kept_because": str(holding.kept_because),
            }
            for holding in holdings()
        ],
        "not_included": str(NOT_INCLUDED),
    }


def refusal(subject, actor) -> str | None:
    """Why this erasure may not run, or None."""
    from portal.separation import is_protected_user

    if is_erased(subject):
        return _("Dit account is al gewist.")
    if actor is not None and subject.pk == actor.pk:
        return _("Je kunt je eigen account niet wissen; vraag een andere beheerder.")
    if subject.is_superuser:
        return _("Een superuser-account wordt niet via deze weg gewist; trek eerst de superuser-status in.")
    if is_protected_user(subject):
        return _(
            "Dit account heeft een rol van het integriteitsbureau of vertrouwenspersoon. Alleen de "
            "leiding van het integriteitsbureau trekt die rol in; daarna kan het account worden gewist."
        )
    return None


def erase(subject, *, actor=None, reason: str = "request") -> dict[str, int]:
    """Erase or anonymise what may be erased, all or nothing, and audit it (audit log + security log).

    `reason` is "request" (an administrator, `actor`) or "retention" (the daily purge).
    """
    problem = refusal(subject, actor)
    if problem:
        raise ErasureRefused(problem)
    from forms import audit
    from portal.cache import bump_generation
    from portal.role_audit import acting_as

    counts: dict[str, int] = {}
    with transaction.atomic(), acting_as(actor, via="data-subject erasure"):
        for holding in holdings():
            if holding.erase is not None:
                counts[holding.name] = holding.erase(subject)
        audit.record(ERASED, user=actor, detail={"subject": subject.pk, "reason": reason, "erased": counts})
        # Holdings use QuerySet.update (no signals): no cached page may keep showing the person.
        bump_generation()
    return counts


def record_export(subject, *, actor, file_format: str) -> None:
    from forms import audit

    audit.record(EXPORTED, user=actor, detail={"subject": subject.pk, "format": file_format})


def departed_before(cutoff: datetime.datetime):
    """Accounts without a sign-in since the cutoff (or never signed in and made before it), not erased."""
    from django.contrib.auth import get_user_model
    from django.db.models.functions import Coalesce

    return (
        get_user_model()
        ._default_manager.annotate(last_seen=Coalesce("last_login", "date_joined"))
        .filter(last_seen__lt=cutoff, is_superuser=False)
        .exclude(username__startswith=ERASED_USERNAME, is_active=False)
        .order_by("pk")
    )


def purge_departed_accounts(cutoff: datetime.datetime) -> int:
    """The retention rule `portal.departed_accounts`: accounts of people who left (no sign-in for the
    period) are erased like a request would. Accounts only the office lead may change are left for
    the office (their roles must be withdrawn first); each erasure is its own transaction."""
    erased = 0
    for subject in departed_before(cutoff):
        if refusal(subject, None):
            continue
        erase(subject, reason="retention")
        erased += 1
    return erased


def export_json(data: dict) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
