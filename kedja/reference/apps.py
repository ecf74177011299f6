from django.apps import AppConfig


class ReferenceConfig(AppConfig):
    name = "kedja.reference"
    label = "reference"
