"""Reading identifiers from query strings, where anyone can type anything."""

import uuid

from django.http import QueryDict


def uuid_param(query: QueryDict, name: str) -> uuid.UUID | None:
    """The parameter as a UUID; None when it is missing or is not a UUID (negative, a number, text).

    Passing the raw text to `.get(uuid=…)` instead raises ValidationError, a server error.
    """
    try:
        return uuid.UUID(query.get(name, ""))
    except ValueError:
        return None
