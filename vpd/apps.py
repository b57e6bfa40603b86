from django.apps import AppConfig


class VpdConfig(AppConfig):
    name = "vpd"
    verbose_name = "Veilige Publieke Dienstverlening"

    def ready(self):
        from vpd import signals  # noqa: F401
        from vpd.viewsets import register_policies

        register_policies()
