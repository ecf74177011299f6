"""API schemas every app's router shares: problem details, references to related objects, paging."""

from uuid import UUID

from ninja import Schema
from ninja.pagination import CursorPagination


class Problem(Schema):
    """An error as RFC 9457 problem details; `errors` maps a field to its messages, as on the form."""

    type: str = "about:blank"
    title: str
    status: int
    detail: str = ""
    errors: dict[str, list[str]] | None = None


class OrganisationRef(Schema):
    uuid: UUID
    name: str
    slug: str


class CategoryRef(Schema):
    slug: str
    name_sv: str
    name_en: str


class Choice(Schema):
    """A coded value and its label in the reader's language."""

    code: str
    label: str


def choice(choices, value: str) -> Choice:
    label = choices(value).label if value in choices.values else value
    return Choice(code=value, label=str(label))


READ_ERRORS = {404: Problem}
WRITE_ERRORS = {404: Problem, 422: Problem}


class NewestFirst(CursorPagination):
    """Cursor pages, newest first. A cursor stays valid while rows are added, unlike page numbers."""

    def __init__(self, **kwargs):
        super().__init__(ordering=("-created_at", "-pk"), page_size=50, max_page_size=200, **kwargs)
