from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save


class FollowupConfig(AppConfig):
    name = "kedja.followup"
    label = "followup"

    def ready(self) -> None:
        from . import lights
        from .models import CorrectiveAction, Finding, SanctionDecision, ZeroToleranceReport

        # What a case's stored traffic light depends on (followup/lights.py).
        for model in (Finding, CorrectiveAction, ZeroToleranceReport, SanctionDecision):
            for event, signal in (("saved", post_save), ("deleted", post_delete)):
                uid = f"followup_light_{model.__name__}_{event}"
                signal.connect(lights.refresh_case_of, sender=model, dispatch_uid=uid)
