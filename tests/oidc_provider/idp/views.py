"""Test-only control endpoints: the test process sets people, the client and faults through them."""

import json
import os

from django.contrib.auth import get_user_model
from django.http import HttpResponseForbidden, JsonResponse
from django.utils.crypto import constant_time_compare
from django.views.decorators.csrf import csrf_exempt
from oauth2_provider.models import AccessToken, Application, RefreshToken

from tests.oidc_provider.idp.models import Person
from tests.oidc_provider.idp.validator import FAULTS, FAULTS_LOCK


def controlled(view):
    @csrf_exempt
    def wrapper(request):
        token = request.headers.get("X-Control-Token", "")
        if not constant_time_compare(token, os.environ["IDP_CONTROL_TOKEN"]):
            return HttpResponseForbidden()
        body = json.loads(request.body or b"{}")
        return JsonResponse(view(body) or {})

    return wrapper


@controlled
def person(body):
    """Create or update a person; `active: false` blocks them and revokes all their tokens."""
    User = get_user_model()
    user, _ = User.objects.get_or_create(username=body["username"])
    if "password" in body:
        user.set_password(body["password"])
    user.is_active = body.get("active", True)
    user.save()
    if "claims" in body:
        Person.objects.update_or_create(user=user, defaults={"claims": body["claims"]})
    if not user.is_active:
        for refresh in RefreshToken.objects.filter(user=user, revoked__isnull=True):
            refresh.revoke()
        for access in AccessToken.objects.filter(user=user):
            access.revoke()
    return {"sub": str(user.pk)}


@controlled
def client(body):
    application = Application.objects.get(client_id=body.get("client_id", "portal"))
    application.redirect_uris = " ".join(body["redirect_uris"])
    application.post_logout_redirect_uris = " ".join(body.get("post_logout_redirect_uris", []))
    application.save()


@controlled
def fault(body):
    with FAULTS_LOCK:
        FAULTS.clear()
        FAULTS.update(body)


@controlled
def tokens(body):
    """How many unrevoked refresh tokens a person holds (signed-out people hold none)."""
    count = RefreshToken.objects.filter(user__username=body["username"], revoked__isnull=True).count()
    return {"refresh_tokens": count}
