from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "Portaal"

    def ready(self):
        from portal import auth_cache, holes, role_audit, user_sessions
        from portal.cache import connect_signals

        connect_signals()
        auth_cache.connect_signals()
        user_sessions.connect_signals()
        holes.autodiscover()
        role_audit.connect_signals()
        from portal import security_log

        security_log.connect_signals()
        from portal import task_results  # noqa: F401 (prunes finished task rows)
