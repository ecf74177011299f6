from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "kedja.reports"
    label = "reports"
