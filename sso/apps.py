from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SsoConfig(AppConfig):
    name = "sso"
    verbose_name = _("Eenmalig inloggen")

    def ready(self):
        # Refuse to start with a mapping that would let the IdP grant the office's roles.
        from sso import conf

        conf.check_mappings()
