"""What the search app stores: how often a query found nothing, per day (never who searched).

Popular queries are counted in wagtail.contrib.search_promotions' `Query`/`QueryDailyHits`; this
model adds the days a query had zero results, so editors can see what people miss.
"""

from django.db import models
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.contrib.search_promotions.models import Query


class ZeroResultDailyHits(models.Model):
    """How many times, on one day, a query found no page at all. Holds no user, IP or session."""

    page_cache_ignore = True  # a report for editors: counting a search must not empty the page cache

    query = models.ForeignKey(
        Query, on_delete=models.CASCADE, related_name="zero_result_daily_hits", verbose_name=_("zoekterm")
    )
    date = models.DateField(_("datum"))
    hits = models.PositiveIntegerField(_("aantal keer"), default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["query", "date"], name="search_zero_result_query_date")
        ]
        verbose_name = _("zoekterm zonder resultaten")
        verbose_name_plural = _("zoektermen zonder resultaten")
        permissions = [("view_search_report", _("Mag het rapport met zoektermen bekijken"))]

    def __str__(self) -> str:
        return f"{self.query} ({self.date})"

    @classmethod
    def add_hit(cls, query: Query, date=None, number: int = 1) -> None:
        """Count `number` searches for `query` on `date` (an increment: processes never collide)."""
        date = date or timezone.localdate()
        row, _created = cls.objects.get_or_create(query=query, date=date)
        cls.objects.filter(pk=row.pk).update(hits=F("hits") + number)
