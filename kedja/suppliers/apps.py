from django.apps import AppConfig


class SuppliersConfig(AppConfig):
    name = "kedja.suppliers"
    label = "suppliers"
