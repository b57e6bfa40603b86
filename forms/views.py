"""The report form and the follow-up page: open to signed-out people, and they keep no trace.

No session, no messages framework, no user: the steps carry their data in an encrypted, expiring
hidden field; the follow-up page sends the receipt code with every request.
"""

import json
import secrets

from django.contrib.auth.decorators import login_not_required
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from forms import receipts, services
from forms.attachments import clean_uploads
from forms.crypto import InvalidToken, decrypt_expiring, encrypt_expiring
from forms.forms import AboutYouForm, AttachmentsForm, FollowUpMessageForm, ReceiptCodeForm, WhatHappenedForm
from forms.links import category_links
from forms.models import Category, Source

DRAFT_MAX_AGE = 2 * 60 * 60  # seconds a half-filled form stays valid
STEPS = [
    (1, gettext_lazy("Wat is er gebeurd")),
    (2, gettext_lazy("Over jou")),
    (3, gettext_lazy("Controleren en versturen")),
]


def _encode_draft(draft: dict) -> str:
    return encrypt_expiring(json.dumps(draft))


def _decode_draft(token: str) -> dict | None:
    if not token:
        return None
    try:
        draft = json.loads(decrypt_expiring(token, DRAFT_MAX_AGE))
    except (InvalidToken, ValueError, UnicodeError):
        return None
    return draft if isinstance(draft, dict) else None


def _render_step(request, step: int, form, draft: dict, **extra):
    context = {
        "step": step,
        "steps": [(number, str(label)) for number, label in STEPS],
        "form": form,
        "draft_token": _encode_draft(draft),
        "categories": category_links(Category.choices, request),
        **extra,
    }
    return render(request, "forms/report_form.html", context)


def _review_context(draft: dict) -> dict:
    what = WhatHappenedForm(draft.get("what") or {})
    about = AboutYouForm(draft.get("about") or {})
    what.is_valid()
    about.is_valid()
    return {
        "what": what,
        "about": about,
        "category_label": dict(Category.choices).get(what.cleaned_data.get("category"), ""),
        "source_label": dict(Source.choices).get(about.cleaned_data.get("source"), ""),
    }


@login_not_required
@require_http_methods(["GET", "POST"])
def report(request):
    """The multi-step report form: what happened, about you, review (with attachments) and send."""
    if request.method == "GET":
        return _render_step(request, 1, WhatHappenedForm(), {"nonce": secrets.token_urlsafe(16)})

    step = request.POST.get("step", "1")
    draft = _decode_draft(request.POST.get("draft", ""))
    if draft is None:
        # Expired or tampered: start again, but keep what was posted on this step.
        form = WhatHappenedForm(initial=request.POST if step == "1" else None)
        return _render_step(
            request,
            1,
            form,
            {"nonce": secrets.token_urlsafe(16)},
            expired=True,
        )
    going_back = "back" in request.POST

    if step == "1":
        form = WhatHappenedForm(request.POST)
        if not form.is_valid():
            return _render_step(request, 1, form, draft)
        draft["what"] = {key: request.POST.get(key, "") for key in form.fields}
        return _render_step(request, 2, AboutYouForm(initial=draft.get("about")), draft)

    if step == "2":
        form = AboutYouForm(request.POST)
        if going_back:
            draft["about"] = {key: request.POST.get(key, "") for key in form.fields}
            return _render_step(request, 1, WhatHappenedForm(initial=draft.get("what")), draft)
        if not form.is_valid():
            return _render_step(request, 2, form, draft)
        draft["about"] = {key: request.POST.get(key, "") for key in form.fields}
        return _render_step(request, 3, AttachmentsForm(), draft, **_review_context(draft))

    if step == "3":
        if going_back:
            return _render_step(request, 2, AboutYouForm(initial=draft.get("about")), draft)
        review = _review_context(draft)
        if not (review["what"].is_valid() and review["about"].is_valid()):
            return _render_step(request, 1, WhatHappenedForm(draft.get("what")), draft)
        form = AttachmentsForm(request.POST, request.FILES)
        files = []
        if form.is_valid():
            try:
                files = clean_uploads(request.FILES.getlist("files"))
            except ValidationError as error:
                form.add_error("files", error)
        if form.errors:
            return _render_step(request, 3, form, draft, **review)
        nonce = str(draft.get("nonce", ""))
        if not nonce or not cache.add(f"forms:report-nonce:{nonce}", 1, DRAFT_MAX_AGE * 2):
            return render(request, "forms/report_done.html", {"already_sent": True})
        _report, code = services.file_report(
            what=review["what"].cleaned_data, about=review["about"].cleaned_data, files=files
        )
        return render(request, "forms/report_done.html", {"code": receipts.display(code)})

    return _render_step(request, 1, WhatHappenedForm(), {"nonce": secrets.token_urlsafe(16)})


def _status_context(report) -> dict:
    return {
        "report": report,
        "messages_list": list(report.messages.all()),
        "attachments": list(report.attachments.only("pk", "name", "size", "added_on", "report_id")),
    }


@login_not_required
@require_http_methods(["GET", "POST"])
def follow_up(request):
    """The reporter's follow-up page: enter the receipt code, read status and messages, answer."""
    if request.method == "GET":
        return render(request, "forms/follow_up.html", {"code_form": ReceiptCodeForm()})

    client = getattr(request, "anonymous_client_key", "unknown")
    if receipts.is_blocked(client):
        return render(
            request,
            "forms/follow_up.html",
            {
                "code_form": ReceiptCodeForm(),
                "error": _("Te veel pogingen. Probeer het over een kwartier opnieuw."),
            },
            status=429,
        )
    # Malformed, unknown and right codes cost the same work and get the same answer.
    found = receipts.find_report(request.POST.get("code", "")[:60])
    if found is None:
        receipts.record_failure(client)
        return render(
            request,
            "forms/follow_up.html",
            {
                "code_form": ReceiptCodeForm(),
                "error": _("Deze ontvangstcode kennen we niet. Controleer de code."),
            },
            status=200,
        )

    code = receipts.display(receipts.normalize(request.POST["code"]))
    context = {"code": code, **_status_context(found)}
    if request.POST.get("action") == "message":
        form = FollowUpMessageForm(request.POST, request.FILES)
        files = []
        if form.is_valid():
            try:
                files = clean_uploads(request.FILES.getlist("files"))
            except ValidationError as error:
                form.add_error("files", error)
        if not form.errors:
            services.add_reporter_message(found, form.cleaned_data.get("body", ""), files)
            context.update(_status_context(found), sent=True, form=FollowUpMessageForm())
        else:
            context["form"] = form
    else:
        context["form"] = FollowUpMessageForm()
    return render(request, "forms/follow_up_status.html", context)
