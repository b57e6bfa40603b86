from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "forms.statistics"
    label = "statistics"
    verbose_name = "Jaarcijfers"

    def ready(self):
        from forms.statistics.service import connect_signals

        connect_signals()
