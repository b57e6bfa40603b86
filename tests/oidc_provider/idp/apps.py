from django.apps import AppConfig


class IdpConfig(AppConfig):
    name = "tests.oidc_provider.idp"
    label = "test_idp"
