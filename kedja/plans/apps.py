from django.apps import AppConfig


class PlansConfig(AppConfig):
    name = "kedja.plans"
    label = "plans"
