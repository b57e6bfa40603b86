"""The report form and the follow-up page: open to signed-out people, and they keep no trace.

No session, no messages framework, no user: the steps carry their data in an encrypted, expiring
hidden field; the follow-up page sends the receipt code with every request.

Abuse limits (docs/integrity-reports.md, "Misbruikgrenzen"): sending a report and looking up a
receipt code need a proof of work (`forms.pow`: ALTCHA, or a wait without JavaScript) and count
against the client's allowance (`forms.limits`), checked before the expensive work (attachments,
hashing). A form is stored once: its nonce is claimed in the database (`forms.nonces`).
"""

import json
import secrets

from django.contrib.auth.decorators import login_not_required
from django.core.exceptions import ValidationError
from django.db import transaction
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods

from forms import limits, nonces, pow, receipts, services
from forms.attachments import clean_uploads
from forms.crypto import InvalidToken, decrypt_expiring, encrypt_expiring
from forms.forms import (
    MAX_TEXT,
    AboutYouForm,
    AttachmentsForm,
    FollowUpMessageForm,
    ReceiptCodeForm,
    WhatHappenedForm,
)
from forms.links import code_of_conduct_url
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


def _new_draft() -> dict:
    # The no-JavaScript wait runs from the moment the form is opened; the token travels in the draft.
    return {"nonce": secrets.token_urlsafe(16), "wait": pow.new_wait_token(limits.REPORT)}


def _client(request) -> str:
    return getattr(request, "anonymous_client_key", "unknown")


def _duration(seconds: int) -> str:
    if seconds < 120:
        return ngettext("%(count)d seconde", "%(count)d seconden", seconds) % {"count": seconds}
    minutes = -(-seconds // 60)
    return ngettext("%(count)d minuut", "%(count)d minuten", minutes) % {"count": minutes}


def _proof_context(kind: str, wait_token: str | None = None) -> dict:
    context = pow.context(kind, wait_token)
    if context["pow_enabled"]:
        context["pow_challenge_json"] = json.dumps(context["pow_challenge"])
        context["pow_wait_field"] = wait_token is None
    return context


def _render_step(request, step: int, form, draft: dict, status: int = 200, **extra):
    context = {
        "step": step,
        "steps": [(number, str(label)) for number, label in STEPS],
        "form": form,
        "draft_token": _encode_draft(draft),
        "code_of_conduct_url": code_of_conduct_url(request) if request.user.is_authenticated else None,
        **(_proof_context(limits.REPORT, draft.get("wait") or "") if step == 3 else {}),
        **extra,
    }
    return render(request, "forms/report_form.html", context, status=status)


def _too_early(proof: pow.Check) -> str:
    if proof.replayed:
        return _(
            "Deze controle is al eens gebruikt. Je browser rekent een nieuwe uit; verstuur daarna opnieuw."
        )
    return _(
        "Tegen misbruik kan dit formulier pas even na het openen worden verstuurd. Wacht nog %(wait)s "
        "en verstuur dan opnieuw."
    ) % {"wait": _duration(max(proof.wait, 1))}


def _over_limit(attempt: limits.Attempt) -> str:
    return _(
        "Vanaf jouw adres is de afgelopen tijd vaak een formulier verstuurd. Wacht nog %(wait)s en "
        "probeer het dan opnieuw."
    ) % {"wait": _duration(attempt.wait)}


class _AlreadySent(Exception):
    """The form's nonce was claimed by an earlier (or parallel) request."""


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
        return _render_step(request, 1, WhatHappenedForm(), _new_draft())

    step = request.POST.get("step", "1")
    draft = _decode_draft(request.POST.get("draft", ""))
    if draft is None:
        # Expired or tampered: start again, but keep what was posted on this step.
        form = WhatHappenedForm(initial=request.POST if step == "1" else None)
        return _render_step(request, 1, form, _new_draft(), expired=True)
    # Drafts opened before the proof of work existed start their wait now.
    draft.setdefault("wait", pow.new_wait_token(limits.REPORT))
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
        edit = request.POST.get("edit")
        if edit == "1":  # "Wijzigen" on the review step
            return _render_step(request, 1, WhatHappenedForm(initial=draft.get("what")), draft)
        if going_back or edit == "2":
            return _render_step(request, 2, AboutYouForm(initial=draft.get("about")), draft)
        review = _review_context(draft)
        if not (review["what"].is_valid() and review["about"].is_valid()):
            return _render_step(request, 1, WhatHappenedForm(draft.get("what")), draft)
        form = AttachmentsForm(request.POST, request.FILES)
        if not form.is_valid():
            return _render_step(request, 3, form, draft, **review)
        nonce = str(draft.get("nonce", ""))
        if not nonce or nonces.is_claimed(nonce):
            return render(request, "forms/report_done.html", {"already_sent": True})
        # What a person typed stays in the draft; files cannot be kept by a browser (the page says so).
        kept = _("Wat je typte staat er nog; kies je bijlagen opnieuw als je die had toegevoegd.")
        proof = pow.check(
            limits.REPORT,
            {"altcha": request.POST.get("altcha", ""), "wait_token": draft.get("wait", "")},
            owner=nonce,
            single_use_wait=False,
        )
        if not proof.passed:
            return _render_step(
                request, 3, form, draft, status=429, wait_message=_too_early(proof), kept=kept, **review
            )
        attempt = limits.reserve(limits.REPORT, _client(request))
        if not attempt.allowed:
            return _render_step(
                request, 3, form, draft, status=429, wait_message=_over_limit(attempt), kept=kept, **review
            )
        try:
            files = clean_uploads(request.FILES.getlist("files"))
        except ValidationError as error:
            attempt.release()
            form.add_error("files", error)
            return _render_step(request, 3, form, draft, **review)
        try:
            with transaction.atomic():
                if not nonces.claim(nonce):
                    raise _AlreadySent
                _report, code = services.file_report(
                    what=review["what"].cleaned_data, about=review["about"].cleaned_data, files=files
                )
        except _AlreadySent:
            attempt.release()
            return render(request, "forms/report_done.html", {"already_sent": True})
        return render(
            request, "forms/report_done.html", {"code": receipts.display(code), "attachments": files}
        )

    return _render_step(request, 1, WhatHappenedForm(), _new_draft())


def _status_context(report) -> dict:
    from forms import signals
    from forms.case_flow import REPORTER_LABELS

    return {
        "report": report,
        "may_write": signals.reporter_may_write(report),
        "last_message_by": signals.message_window_ends(report),
        "status_label": REPORTER_LABELS.get(report.status, report.get_status_display()),
        "messages_list": list(report.messages.all()),
        "attachments": list(report.attachments.defer("data")),
    }


@login_not_required
@require_http_methods(["GET", "POST"])
def follow_up(request):
    """The reporter's follow-up page: enter the receipt code, read status and messages, answer."""
    if request.method == "GET":
        return _render_code_page(request, ReceiptCodeForm())

    typed = request.POST.get("code", "")[:60]
    if not typed.strip():
        # Nothing typed is no guess: say so beside the field (no proof of work or attempt needed).
        empty = ReceiptCodeForm({"code": ""})
        empty.is_valid()
        return _render_code_page(request, empty)
    kept_form = ReceiptCodeForm(initial={"code": typed})
    # A message written on the status page is kept when the look-up has to wait.
    pending = request.POST.get("body", "")[:MAX_TEXT] if request.POST.get("action") == "message" else ""
    proof = pow.check(limits.RECEIPT, request.POST)
    if not proof.passed:
        return _render_code_page(request, kept_form, _too_early(proof), pending=pending, status=429)
    attempt = limits.reserve(limits.RECEIPT, _client(request))
    if not attempt.allowed:
        return _render_code_page(request, kept_form, _over_limit(attempt), pending=pending, status=429)
    # Malformed, unknown and right codes cost the same work and get the same answer.
    found = receipts.find_report(typed)
    if found is None:  # the attempt stays counted: only failures use up the allowance
        return _render_code_page(
            request, kept_form, _("Deze ontvangstcode kennen we niet. Controleer de code."), pending=pending
        )
    attempt.release()

    code = receipts.display(receipts.normalize(typed))
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
            try:
                services.add_reporter_message(found, form.cleaned_data.get("body", ""), files)
            except services.MessagingClosed:
                # Nothing is saved; the page explains that the case no longer takes messages.
                context.update(_status_context(found), refused=True, form=form)
            else:
                found.refresh_from_db()
                context.update(_status_context(found), sent=True, form=FollowUpMessageForm())
        else:
            context["form"] = form
    else:
        context["form"] = FollowUpMessageForm()
    context.update(_proof_context(limits.RECEIPT))
    return render(request, "forms/follow_up_status.html", context)


def _render_code_page(request, code_form, error: str = "", *, pending: str = "", status: int = 200):
    context = {
        "code_form": code_form,
        "error": error,
        "pending_body": pending,
        **_proof_context(limits.RECEIPT),
    }
    return render(request, "forms/follow_up.html", context, status=status)
