"""Records of subscriptions and must-read push: who follows a page or theme, which daily digests went
out, and which must-read reminders were sent. Imported at the end of home/models.py.

None of them shows on a cached page (the follow button and the banner are personal holes,
home/subscription_holes.py), so writing them never empties the page cache.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page


class Subscription(models.Model):
    """An employee follows one page (and the pages below it) or one theme.

    Pages and themes are stored as their Dutch source, so following the English page or the
    Dutch one is the same subscription.
    """

    page_cache_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("gebruiker"),
    )
    page = models.ForeignKey(
        Page, null=True, blank=True, on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina")
    )
    theme = models.ForeignKey(
        "home.Theme",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subscriptions",
        verbose_name=_("thema"),
    )
    created_at = models.DateTimeField(_("gevolgd sinds"), default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(page__isnull=False, theme__isnull=True)
                | Q(page__isnull=True, theme__isnull=False),
                name="home_subscription_page_or_theme",
            ),
            models.UniqueConstraint(
                fields=["user", "page"], condition=Q(page__isnull=False), name="home_follow_page_once"
            ),
            models.UniqueConstraint(
                fields=["user", "theme"], condition=Q(theme__isnull=False), name="home_follow_theme_once"
            ),
        ]
        verbose_name = _("abonnement")
        verbose_name_plural = _("abonnementen")

    def __str__(self) -> str:
        return f"{self.user} · {self.page_id or ''}{self.theme_id or ''}"


class Digest(models.Model):
    """The daily digest e-mail sent to one person on one day (at most one: the unique constraint)."""

    page_cache_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("gebruiker")
    )
    day = models.DateField(_("dag"))
    items = models.PositiveIntegerField(_("aantal wijzigingen"), default=0)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="home_one_digest_per_day")]
        verbose_name = _("dagelijks overzicht")
        verbose_name_plural = _("dagelijkse overzichten")

    def __str__(self) -> str:
        return f"{self.user} · {self.day}"


class MustReadReminder(models.Model):
    """The one reminder an employee gets for a must-read version they have not confirmed."""

    page_cache_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("gebruiker")
    )
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina"))
    version = models.CharField(_("versie"), max_length=20)
    sent_at = models.DateTimeField(_("verstuurd op"), default=timezone.now)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "page", "version"], name="home_one_must_read_reminder_per_version"
            )
        ]
        verbose_name = _("herinnering verplichte lectuur")
        verbose_name_plural = _("herinneringen verplichte lectuur")

    def __str__(self) -> str:
        return f"{self.user} · {self.version}"
