"""The second-factor pages: verify at sign-in, enrol the first time, recovery codes."""

from __future__ import annotations

from base64 import b32encode

from django.conf import settings
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from portal.mfa import is_verified, needs_second_factor
from portal.mfa.devices import (
    confirm_totp,
    has_passkey,
    has_primary_device,
    mark_verified,
    new_recovery_codes,
    pending_totp_device,
    verify_code,
)
from portal.mfa.forms import CodeForm
from portal.mfa.qr import qr_svg

#: Fresh recovery codes wait here for the one page that shows them.
NEW_CODES_KEY = "portal_mfa_new_recovery_codes"


def next_url(request) -> str:
    """Where the person was going (only a path on this site), else the home page."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return settings.LOGIN_REDIRECT_URL


def _with_next(request, url: str) -> str:
    from django.utils.http import urlencode

    target = next_url(request)
    return f"{url}?{urlencode({'next': target})}" if target != settings.LOGIN_REDIRECT_URL else url


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def verify(request):
    user = request.user
    if is_verified(request) or (not needs_second_factor(user) and not has_primary_device(user)):
        return redirect(next_url(request))
    if not has_primary_device(user):
        return redirect(_with_next(request, _reverse("mfa:enrol")))
    form = CodeForm(
        request.POST or None,
        check=lambda code: verify_code(user, code),
        help_text=_("De zes cijfers uit je authenticator-app, of een van je herstelcodes."),
    )
    if request.method == "POST" and form.is_valid():
        method, device = form.result
        mark_verified(request, method, device)
        return redirect(next_url(request))
    return render(
        request,
        "mfa/verify.html",
        {"form": form, "next": next_url(request), "passkey": has_passkey(user)},
    )


@never_cache
@sensitive_post_parameters("code")
@require_http_methods(["GET", "POST"])
def enrol(request):
    user = request.user
    if has_primary_device(user):
        # Another factor is added only from a verified session (never by a password alone).
        target = "mfa:recovery_codes" if is_verified(request) else "mfa:verify"
        return redirect(_with_next(request, _reverse(target)))
    device = pending_totp_device(user)
    form = CodeForm(
        request.POST or None,
        check=lambda code: confirm_totp(user, code),
        help_text=_("De zes cijfers die je app nu toont."),
    )
    if request.method == "POST" and form.is_valid():
        confirmed = form.result
        request.session[NEW_CODES_KEY] = new_recovery_codes(user)
        mark_verified(request, "totp", confirmed)
        return redirect(_with_next(request, _reverse("mfa:recovery_codes")))
    secret = b32encode(device.bin_key).decode()
    return render(
        request,
        "mfa/enrol.html",
        {
            "form": form,
            "next": next_url(request),
            "qr": qr_svg(device.config_url, _("QR-code om te scannen met je authenticator-app")),
            "secret_groups": [secret[i : i + 4] for i in range(0, len(secret), 4)],
        },
    )


@never_cache
@require_http_methods(["GET", "POST"])
def recovery_codes(request):
    """Shows fresh recovery codes once; a verified session may replace them (POST)."""
    if not is_verified(request):
        return redirect(_with_next(request, _reverse("mfa:verify")))
    if request.method == "POST":
        request.session[NEW_CODES_KEY] = new_recovery_codes(request.user)
        return redirect(_with_next(request, _reverse("mfa:recovery_codes")))
    codes = request.session.pop(NEW_CODES_KEY, None)
    return render(
        request,
        "mfa/recovery_codes.html",
        {"codes": codes, "next": next_url(request), "passkey": has_passkey(request.user)},
    )


def _reverse(name: str) -> str:
    from django.urls import reverse

    return reverse(name)
