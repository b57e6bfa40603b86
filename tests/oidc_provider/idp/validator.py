"""The provider's claims: each person's own, plus one-off faults in the next ID token for the tests."""

import threading
import time

from oauth2_provider.oauth2_validators import OAuth2Validator

from tests.oidc_provider.idp.models import Person

#: Faults for the next ID token of an authorization-code exchange: {"aud": …, "nonce": …, "expired": …}.
FAULTS: dict = {}
FAULTS_LOCK = threading.Lock()


class Validator(OAuth2Validator):
    oidc_claim_scope = None  # every claim of the person, whatever the scopes

    def get_additional_claims(self, request):
        person = Person.objects.filter(user=request.user).first()
        return dict(person.claims) if person else {}

    def get_id_token_dictionary(self, token, token_handler, request):
        claims, expiration = super().get_id_token_dictionary(token, token_handler, request)
        if request.grant_type == "authorization_code":
            with FAULTS_LOCK:
                faults = dict(FAULTS)
                FAULTS.clear()
            if "aud" in faults:
                claims["aud"] = faults["aud"]
            if "nonce" in faults:
                claims["nonce"] = faults["nonce"]
            if faults.get("expired"):
                claims["iat"] = int(time.time()) - 7200
                claims["exp"] = int(time.time()) - 3600
        return claims, expiration
