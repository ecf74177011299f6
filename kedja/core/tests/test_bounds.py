"""Every stored number and date has bounds that fit its column, in the form and in the database."""

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import IntegrityError, models, transaction
from django.db.models import Q

from kedja.core import bounds

# The largest value each column holds on both SQLite and PostgreSQL (subclasses before their bases).
COLUMN_MAX = {
    models.PositiveBigIntegerField: 2**63 - 1,
    models.BigIntegerField: 2**63 - 1,
    models.PositiveSmallIntegerField: bounds.SMALLINT_MAX,
    models.SmallIntegerField: bounds.SMALLINT_MAX,
    models.PositiveIntegerField: bounds.INTEGER_MAX,
    models.IntegerField: bounds.INTEGER_MAX,
}


def bounded_fields():
    """Numbers and dates people or imports put in; timestamps the system sets are left out."""
    for model in apps.get_models():
        if not model.__module__.startswith("kedja."):
            continue
        for field in model._meta.concrete_fields:
            if field.primary_key or field.is_relation or isinstance(field, models.DateTimeField):
                continue
            if isinstance(
                field, (models.IntegerField, models.DecimalField, models.FloatField, models.DateField)
            ):
                yield pytest.param(model, field, id=f"{model._meta.label}.{field.name}")


def limit(field, kind):
    values = [v.limit_value for v in field.validators if type(v) is kind]
    assert len(values) == 1, f"{field} needs exactly one {kind.__name__} (from kedja.core.bounds)"
    return values[0]


def column_max(field):
    if isinstance(field, models.DecimalField):
        return Decimal(10) ** (field.max_digits - field.decimal_places) - Decimal(10) ** -field.decimal_places
    for kind, largest in COLUMN_MAX.items():
        if isinstance(field, kind):
            return largest
    return None


def condition_limits(condition, field_name) -> dict:
    """The gte/lte values a check's condition puts on one field, found anywhere in the Q tree."""
    found = {}
    for child in condition.children:
        if isinstance(child, Q):
            found.update(condition_limits(child, field_name))
        elif child[0] in (f"{field_name}__gte", f"{field_name}__lte"):
            found[child[0].rsplit("__", 1)[1]] = child[1]
    return found


@pytest.mark.parametrize(("model", "field"), list(bounded_fields()))
def test_every_number_and_date_is_bounded_in_form_and_database(model, field):
    low, high = limit(field, MinValueValidator), limit(field, MaxValueValidator)
    if isinstance(field, models.DateField):
        assert date(1900, 1, 1) <= low and high <= date(2200, 1, 1)
    else:
        largest = column_max(field)
        assert largest is None or high <= largest, f"{high} does not fit the column"
        assert low >= 0
    checks = [c for c in model._meta.constraints if isinstance(c, models.CheckConstraint)]
    assert {"gte": low, "lte": high} in [condition_limits(c.condition, field.name) for c in checks], (
        f"{model._meta.label}.{field.name} needs a CheckConstraint with the same bounds in Meta"
    )


@pytest.mark.django_db
def test_database_refuses_a_twenty_digit_contract_value_written_around_the_forms():
    from kedja.contracts.models import Contract
    from kedja.contracts.tests import factories
    from kedja.organisations.testing import build_personas

    personas = build_personas()
    contract = factories.contract(personas)
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(estimated_value_sek=Decimal(10**12))


@pytest.mark.django_db
def test_database_refuses_a_year_9999_deadline():
    from kedja.contracts.models import Contract
    from kedja.contracts.tests import factories
    from kedja.organisations.testing import build_personas

    contract = factories.contract(build_personas())
    with pytest.raises(IntegrityError), transaction.atomic():
        Contract.objects.filter(pk=contract.pk).update(starts_on=date(9999, 12, 31), ends_on=None)


@pytest.mark.django_db
def test_contract_form_refuses_a_twenty_digit_value_and_an_oversized_region_id_with_field_errors(personas):
    from kedja.contracts.forms import ContractForm

    form = ContractForm(
        {"estimated_value_sek": "9" * 20, "owning_regions": ["9" * 20], "starts_on": "9999-12-31"}
    )
    assert not form.is_valid()
    assert {"estimated_value_sek", "owning_regions", "starts_on"} <= set(form.errors)
