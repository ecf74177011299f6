"""Form fields shared by every app."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

# Beyond this SQLite cannot bind an integer at all: Django then fails with OverflowError (a
# server error) instead of "not a valid choice". PostgreSQL answers such ids with no rows.
_LARGEST_KEY = 2**63 - 1


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's multiple choice of rows, refusing ids no integer key can have with a field error."""

    def _check_values(self, value):
        key = self.queryset.model._meta.get_field(self.to_field_name) if self.to_field_name else None
        key = key or self.queryset.model._meta.pk
        if isinstance(key, models.IntegerField):
            for item in value:
                try:
                    too_large = abs(int(str(item).strip())) > _LARGEST_KEY
                except ValueError:
                    continue
                if too_large:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super()._check_values(value)
