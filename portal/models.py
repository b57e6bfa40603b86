"""The portal's own records: only the site-wide cache generation (see portal/cache.py)."""

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
