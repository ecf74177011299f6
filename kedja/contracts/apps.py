from django.apps import AppConfig


class ContractsConfig(AppConfig):
    name = "kedja.contracts"
    label = "contracts"
