from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "kedja.core"
    label = "core"
