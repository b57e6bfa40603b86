from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self):
        from portal import auth_cache, holes, role_audit
        from portal.cache import connect_signals

        connect_signals()
        auth_cache.connect_signals()
        holes.autodiscover()
        role_audit.connect_signals()
