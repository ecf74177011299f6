from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "kedja.demo"
    label = "demo"
