from django import template
from django.http import QueryDict

from kedja.core import history

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
