"""Page feedback ("Was deze pagina nuttig?"): yes or no with an optional comment, per page version.

- Only on content pages that invite it (`feedback_allowed`): never on the report form or its
  follow-up (app views, not pages), nor on anything of the confidential advisors, nor on legal texts.
- One answer per person per page version: a database unique constraint on (page, revision,
  respondent), so two posts at the same moment still leave one row.
- Nobody sees who answered: the respondent is stored as a keyed hash of the account id (enough to
  refuse a second answer, useless to read a name from), and the answer's date only to the day.
  The page owner sees counts and comments (home/feedback_admin.py).
- Kept for `PORTAL_RETENTION_PAGE_FEEDBACK_DAYS` (default one year), then purged (home/retention.py).
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

COMMENT_MAX_LENGTH = 1000


class PageFeedback(models.Model):
    """One person's answer to "Was deze pagina nuttig?" for one version of one page."""

    # Never shown on a cached page: answers must not empty the page cache.
    page_cache_ignore = True

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="+", verbose_name=_("pagina"))
    #: The page's live revision when the answer was given ("page version"); a plain number, as
    #: Wagtail may prune old revisions while the feedback on them is still kept.
    revision_id = models.PositiveIntegerField(_("versie"))
    respondent = models.CharField(_("respondent (versleuteld)"), max_length=64, editable=False)
    useful = models.BooleanField(_("nuttig"))
    comment = models.TextField(_("toelichting"), blank=True, max_length=COMMENT_MAX_LENGTH)
    #: The day only: a time would help tie an answer to a person's visit.
    given_on = models.DateField(_("gegeven op"), default=timezone.localdate)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["page", "revision_id", "respondent"], name="home_one_feedback_per_page_version"
            )
        ]
        indexes = [models.Index(fields=["given_on"], name="home_pagefeedback_given_on")]
        verbose_name = _("paginafeedback")
        verbose_name_plural = _("paginafeedback")

    def __str__(self) -> str:
        return f"{self.page_id} · {self.revision_id} · {'+' if self.useful else '-'}"


def respondent_key(user_id: int) -> str:
    """The stored stand-in for a person: a keyed hash of their account id (SECRET_KEY based)."""
    return salted_hmac("home.page_feedback.respondent", str(user_id)).hexdigest()


def feedback_allowed(page) -> bool:
    """Whether a page invites feedback: content pages, except legal texts and any page that shows
    the confidential advisors (their contact list or card), which people open in a vulnerable moment."""
    from home.models import ContentPage, LegalPage

    if not isinstance(page, ContentPage) or isinstance(page, LegalPage):
        return False
    return not shows_confidential_advisors(page)


def shows_confidential_advisors(page) -> bool:
    """True for a page owned by the advisors' role or showing an advisor's contact (list or card)."""
    from portal.roles import Role

    if page.owner_group_id is not None and page.owner_group.name == Role.CONFIDENTIAL_ADVISOR:
        return True
    for block in page.body:
        if block.block_type == "contacts" and block.value.get("kind") == "confidential_advisor":
            return True
        contact = block.value.get("contact") if block.block_type == "contact" else None
        if contact is not None and contact.kind == "confidential_advisor":
            return True
    return False


def record(*, user_id: int, page: Page, useful: bool, comment: str = "") -> bool:
    """Store one answer for the page's live version; False when this person already answered it.

    The unique constraint decides, not a check before the insert: of two simultaneous posts one
    is stored and the other reports "already given".
    """
    try:
        with transaction.atomic():
            PageFeedback.objects.create(
                page=page,
                revision_id=page.live_revision_id or 0,
                respondent=respondent_key(user_id),
                useful=useful,
                comment=comment.strip(),
            )
    except IntegrityError:
        return False
    return True


def purge(cutoff: datetime.datetime) -> int:
    """Answers given before the cutoff's day are deleted (counts included: no statistic uses them)."""
    deleted, _by_model = PageFeedback.objects.filter(given_on__lt=cutoff.date()).delete()
    return deleted
