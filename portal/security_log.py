"""Security events as one JSON object per log line, for the municipality's SIEM (docs/operations.md).

Events: sign-in success and failure, lockouts, second-factor enrolment and reset, role changes,
exports, case views and other audited actions, configuration changes. They go to the logger
`portal.security` (its own handler with `SecurityJsonFormatter`, see LOGGING in settings).

Never anything from the anonymous report pages: an event raised while such a request is handled is
dropped (the report middleware marks the request, forms/anonymity.py), and audit entries the reporter
causes (`date_only`) are never turned into events. Events tied to a database change are written
after the commit, so a rolled-back change leaves no line.
"""

from __future__ import annotations

import datetime
import json
import logging
from typing import Any

from django.db import transaction

from forms.anonymity import in_anonymous_request, is_anonymous_path

logger = logging.getLogger("portal.security")

# Audit actions (forms.audit.record) → event category. Anything else audited is "audit".
AUDIT_CATEGORIES = {
    "bekeken": "case_view",
    "geëxporteerd": "export",
    "rollen gewijzigd": "role_change",
    "rechten gewijzigd": "role_change",
    "groepsrechten gewijzigd": "role_change",
    "sso_roles_changed": "role_change",
    "mfa.enrolled": "second_factor_enrolment",
    "mfa.recovery_codes_issued": "second_factor_enrolment",
    "mfa.reset": "second_factor_reset",
    "mfa.verified": "second_factor_verified",
    "sign_in_lockout_lifted": "lockout_lifted",
    "statistics_published": "configuration_change",
    "persoonsgegevens geëxporteerd": "export",  # data-subject requests (portal/subject_data.py)
    "persoonsgegevens gewist": "erasure",
}


def _username(user) -> str | None:
    if user is None or not getattr(user, "is_authenticated", False):
        return None
    return user.get_username()


def _client(request) -> str | None:
    from portal.client_ip import client_ip

    return client_ip(request) if request is not None else None


def event(name: str, *, user=None, request=None, on_commit: bool = False, **fields: Any) -> None:
    """Write one security event. `fields` must hold no content of reports or registrations."""
    if in_anonymous_request() or (request is not None and is_anonymous_path(request.path_info)):
        return
    payload = {"event": name, "user": _username(user), **fields}
    if request is not None:
        payload["client_ip"] = _client(request)
    if on_commit:
        transaction.on_commit(lambda: logger.info(name, extra={"security_event": payload}))
    else:
        logger.info(name, extra={"security_event": payload})


def from_audit(entry, *, date_only: bool) -> None:
    """The security event of an audit log entry (forms.audit.record calls this)."""
    if date_only:
        return  # the reporter caused it: nothing of the report pages reaches the SIEM
    category = AUDIT_CATEGORIES.get(entry.action, "audit")
    fields: dict[str, Any] = {"action": entry.action, "audit_sequence": entry.sequence}
    if entry.report_id is not None:
        fields["case"] = entry.report.reference  # an opaque reference, never content
    else:
        fields["detail"] = entry.detail
    event(category, user=entry.user, on_commit=True, **fields)


class SecurityJsonFormatter(logging.Formatter):
    """One JSON object per line: time (UTC, ISO 8601), level, logger, and the event's fields."""

    def format(self, record: logging.LogRecord) -> str:
        data = {
            "time": datetime.datetime.fromtimestamp(record.created, tz=datetime.UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            **getattr(record, "security_event", {"event": record.getMessage()}),
        }
        return json.dumps(data, ensure_ascii=False, default=str, sort_keys=False)


# --- signal receivers -----------------------------------------------------------------------------


def _signed_in(sender, request, user, **kwargs):
    event("sign_in_success", user=user, request=request, backend=getattr(user, "backend", None))


def _sign_in_failed(sender, credentials, request=None, **kwargs):
    username = (credentials or {}).get("username")
    event("sign_in_failure", request=request, username=username)


def _signed_out(sender, request, user, **kwargs):
    event("sign_out", user=user, request=request)


def _locked_out(sender, request=None, username=None, ip_address=None, **kwargs):
    event("lockout", request=request, username=username)


def _configuration_saved(sender, instance, created, raw=False, **kwargs):
    if raw or not _is_configuration(sender):
        return
    event(
        "configuration_change",
        on_commit=True,
        model=sender._meta.label,
        object_id=instance.pk,
        created=created,
        user=_current_user(),
    )


def _is_configuration(model) -> bool:
    from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
    from wagtail.models import Site

    from portal.models import RolePolicy

    return issubclass(model, (BaseSiteSetting, BaseGenericSetting, Site, RolePolicy))


def _current_user():
    from portal.role_audit import _who

    actor, _via = _who()
    return actor


def connect_signals() -> None:
    from axes.signals import user_locked_out
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
    from django.db.models.signals import post_save

    user_logged_in.connect(_signed_in, dispatch_uid="security_log_signed_in")
    user_login_failed.connect(_sign_in_failed, dispatch_uid="security_log_sign_in_failed")
    user_logged_out.connect(_signed_out, dispatch_uid="security_log_signed_out")
    user_locked_out.connect(_locked_out, dispatch_uid="security_log_locked_out")
    post_save.connect(_configuration_saved, dispatch_uid="security_log_configuration")


class ExportLoggedIndexView:
    """Mixin for a Wagtail IndexView with `list_export`: one security event per export."""

    def get(self, request, *args, **kwargs):
        if self.is_export:
            event(
                "export",
                user=request.user,
                request=request,
                model=self.model._meta.label,
                format=request.GET.get("export"),
            )
        return super().get(request, *args, **kwargs)
