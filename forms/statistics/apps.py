from django.apps import AppConfig


class StatisticsConfig(AppConfig):
    name = "forms.statistics"
    label = "statistics"
    verbose_name = "Jaarcijfers"
