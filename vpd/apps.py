from django.apps import AppConfig


class VpdConfig(AppConfig):
    name = "vpd"
    verbose_name = "Veilige Publieke Dienstverlening"
