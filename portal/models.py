"""The portal's own records: the site-wide cache generation (see portal/cache.py) and role policy."""

from django.db import models


class CacheGeneration(models.Model):
    """One row whose number goes up whenever published content changes anywhere on the site.

    Every key of the page cache contains it, so one UPDATE makes all cached pages, menus and
    breadcrumbs stale at once, for every app server (it lives in the shared database, not in a
    process). Nobody edits it by hand.
    """

    value = models.PositiveBigIntegerField(default=1)

    class Meta:
        verbose_name = "cachegeneratie"

    def __str__(self) -> str:
        return str(self.value)


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
