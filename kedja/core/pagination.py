"""Pagination shared by all list pages."""

from functools import cached_property

from django.core.paginator import Page, Paginator
from django.http import HttpRequest

PAGE_SIZE = 25


class CappedPaginator(Paginator):
    """Counts no further than `cap` rows. Counting every match of a short search word meant reading
    most of a national table (160,000 contracts for "ab": 115 ms) for a figure nobody pages through;
    the list says "more than `cap`" instead and offers the pages up to it."""

    def __init__(self, object_list, per_page: int, cap: int):
        super().__init__(object_list, per_page)
        self.cap = cap

    @cached_property
    def counted(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.counted, self.cap)

    @property
    def capped(self) -> bool:
        return self.counted > self.cap


def paginate(request: HttpRequest, queryset, per_page: int = PAGE_SIZE, count_cap: int | None = None) -> Page:
    """The requested page of `queryset`; with `count_cap`, counted no further than that."""
    paginator = (
        Paginator(queryset, per_page) if count_cap is None else CappedPaginator(queryset, per_page, count_cap)
    )
    return paginator.get_page(request.GET.get("page"))
