from django.apps import AppConfig


class SafeworkConfig(AppConfig):
    name = "safework"
    verbose_name = "Veilige werkomgeving"

    def ready(self):
        from safework import scan_viewsets
        from safework.viewsets import register_policies

        register_policies()
        scan_viewsets.register_policies()
