"""The portal's own records: the site-wide cache generation (see portal/cache.py) and role policy."""

from django.conf import settings
from django.db import models


class CacheGeneration(models.Model):
    """One row per *scope* of what pages show (portal/cache.py): its number goes up after every
    committed change of that scope ("content", "awareness.sessions", "statistics:2021", ...).

    A cached page remembers the numbers of the scopes it showed; it is stale as soon as one of them
    moved. The rows live in the shared database, so every app server sees a change at once.
    Nobody edits them by hand.
    """

    scope = models.CharField(max_length=100, unique=True, default="content")
    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = "cachegeneratie"

    def __str__(self) -> str:
        return f"{self.scope}={self.value}"


class RolePolicy(models.Model):
    """An empty table: it only carries the permissions that stand apart from any one model.

    `lead_integrity_office` marks the office lead, the only person who may grant or remove the
    integrity office's and confidential advisors' roles and reset their second factor
    (`portal.roles.is_office_lead`). Administrators cannot hold it through being superusers.
    A real (empty) table rather than an unmanaged model, so `dumpdata` and backups work unchanged.
    """

    class Meta:
        default_permissions = ()
        permissions = [("lead_integrity_office", "Leidt het integriteitsbureau (beheert gevoelige rollen)")]

    def __str__(self) -> str:
        return "rolbeleid"


class UserSession(models.Model):
    """One signed-in session of a person: what lets them see their sessions and sign out elsewhere,
    and lets the portal end all of them (a new password, a role taken away, a deactivated account)
    whatever the session engine (database, cache, cached_db on Redis).

    Holds no address and no user agent: only a device type and browser name for recognising one's
    own sessions, the sign-in time and the last activity (written at most once a minute, and never
    on the anonymous report pages).
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="portal_sessions"
    )
    session_key = models.CharField(max_length=40, unique=True)
    device = models.CharField(max_length=20, blank=True)
    browser = models.CharField(max_length=20, blank=True)
    signed_in_at = models.DateTimeField()
    last_activity = models.DateTimeField()

    # Never shown on a page: its writes leave the page cache alone.
    page_cache_ignore = True

    class Meta:
        verbose_name = "sessie"
        verbose_name_plural = "sessies"
        ordering = ["-last_activity"]

    def __str__(self) -> str:
        return f"{self.user_id}: {self.device} {self.browser}"
