"""One URL, two renderings: the full page normally, the fragment beside it for htmx."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def render_page(
    request: HttpRequest, template: str, context: dict, *, fragment: str | None = None
) -> HttpResponse:
    """Render `template`, or `fragment` (default: `<template>_fragment.html`) for htmx requests."""
    if getattr(request, "htmx", False):
        fragment = fragment or template.removesuffix(".html") + "_fragment.html"
        return render(request, fragment, context)
    return render(request, template, context)
