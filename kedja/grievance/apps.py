from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GrievanceConfig(AppConfig):
    name = "kedja.grievance"
    verbose_name = _("Grievances")
