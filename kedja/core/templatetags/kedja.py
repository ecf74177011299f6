from django import template
from django.http import QueryDict

from kedja.core import history, numbers

register = template.Library()


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced, for pagination and sorting links."""
    query: QueryDict = context["request"].GET.copy()
    for key, value in changes.items():
        query[key] = value
    return "?" + query.urlencode()


@register.filter
def readable_history(entries) -> list:
    """Audit entries as history rows a person reads (kedja.core.history)."""
    return history.readable(entries)


@register.filter(name="number")
def number_filter(value, decimals=None) -> str:
    """A number the reader's way (kedja.core.numbers.number): `{{ n|number }}`, `{{ n|number:1 }}`."""
    return numbers.number(value, None if decimals is None else int(decimals))


@register.filter(name="money")
def money_filter(value, decimals=None) -> str:
    """An amount in kronor the reader's way (kedja.core.numbers.money): "12 500 kr" / "SEK 12,500"."""
    return numbers.money(value, None if decimals is None else int(decimals))
