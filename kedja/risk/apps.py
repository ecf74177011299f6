from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "kedja.risk"
    label = "risk"
