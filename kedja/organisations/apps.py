from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "kedja.organisations"
    label = "organisations"
