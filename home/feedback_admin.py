"""Page feedback for page owners in the Wagtail admin: counts and comments per page version,
never who gave them (the records hold no account; home/feedback.py)."""

from __future__ import annotations

from collections import defaultdict

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import render
from wagtail.models import Page

from home.feedback import PageFeedback


def owned_pages(user):
    """Pages this person owns: as the page's owner (person or group) or as its Wagtail owner."""
    from home.models import ContentPage

    groups = user.groups.values("pk")
    owned_content = ContentPage.objects.filter(Q(owner_user=user) | Q(owner_group__in=groups)).values("pk")
    return Page.objects.filter(Q(pk__in=owned_content) | Q(owner=user))


def may_view_feedback(user) -> bool:
    return user.is_authenticated and user.is_active and owned_pages(user).exists()


def feedback_report(user) -> list[dict]:
    """Per owned page with feedback, per version (newest first): yes, no and the comments."""
    pages = {page.pk: page for page in owned_pages(user).filter(pk__in=PageFeedback.objects.values("page"))}
    counts = (
        PageFeedback.objects.filter(page_id__in=pages)
        .values("page_id", "revision_id")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
        .order_by("page_id", "-revision_id")
    )
    comments = defaultdict(list)
    for row in (
        PageFeedback.objects.filter(page_id__in=pages)
        .exclude(comment="")
        .values("page_id", "revision_id", "useful", "comment", "given_on")
        .order_by("-given_on", "-pk")
    ):
        comments[(row["page_id"], row["revision_id"])].append(row)
    report: dict[int, dict] = {}
    for row in counts:
        entry = report.setdefault(row["page_id"], {"page": pages[row["page_id"]], "versions": []})
        entry["versions"].append(
            {
                "revision_id": row["revision_id"],
                "current": row["revision_id"] == pages[row["page_id"]].live_revision_id,
                "yes": row["yes"],
                "no": row["no"],
                "comments": comments[(row["page_id"], row["revision_id"])],
            }
        )
    return sorted(report.values(), key=lambda entry: entry["page"].title.lower())


def feedback_report_view(request):
    if not may_view_feedback(request.user):
        raise PermissionDenied
    return render(request, "home/admin/page_feedback.html", {"report": feedback_report(request.user)})
