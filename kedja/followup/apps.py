from django.apps import AppConfig


class FollowupConfig(AppConfig):
    name = "kedja.followup"
    label = "followup"
