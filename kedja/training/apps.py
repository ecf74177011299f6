from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "kedja.training"
    label = "training"
