"""Finding every form of the project and the hostile values to post to it (used by test_fuzz_forms).

Nothing here lists views or forms by hand:
- `form_classes_by_view()` walks the URL resolver and reads each view's code (and the helpers it
  calls in its own module) for the Django form classes it uses;
- `Crawler` reads pages as a persona and collects the links and the forms on them; a form shown
  to a persona is one that persona may post, and its action resolves to a URL name;
- `variants()` builds, per form, posts whose fields are replaced by a table of hostile values
  typed by the form class's fields (falling back to the HTML input types).
"""

import io
import re
import types
import uuid
import zipfile
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlencode, urljoin, urlsplit

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import QueryDict
from django.urls import NoReverseMatch, Resolver404, URLPattern, URLResolver, get_resolver, resolve, reverse

HUGE = "9" * 25
PAYLOAD = '=HYPERLINK("http://x","y")<script>alert(1)</script>\u202e\U0001f600 \'"'


def walk(patterns=None, prefix="", route=""):
    """(full route, url name, view) for every URL pattern of the project."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            namespace = f"{pattern.namespace}:" if pattern.namespace else prefix
            yield from walk(pattern.url_patterns, namespace, route + str(pattern.pattern))
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield route + str(pattern.pattern), prefix + pattern.name, pattern.callback


def pages_around(name: str) -> list[str]:
    """The URL names whose route is `name`'s own or leads up to it with the same identifiers (the
    office-audit page for its conclude form, the case page for both): where its form may be shown."""
    routes = {n: r for r, n, _view in walk()}
    route = routes[name]
    return [
        n for n, r in routes.items() if route.startswith(r) and "<" in r and route_ids(r) <= route_ids(route)
    ]


def route_ids(route: str) -> set[str]:
    """The names of the identifiers in a route ("cases/<uuid:uuid>/" → {"uuid"})."""
    return set(re.findall(r"<(?:\w+:)?(\w+)>", route))


def _unwrap(view):
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    return view


def _codes(code):
    yield code
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            yield from _codes(const)


def _is_form(value) -> bool:
    """A form or formset class, or a function declared to return a form (one built per object)."""
    if isinstance(value, types.FunctionType):
        value = value.__annotations__.get("return")
    return isinstance(value, type) and issubclass(value, forms.BaseForm | forms.BaseFormSet)


@dataclass
class ViewCode:
    """What a view's code (with the helpers of its own module it calls) names."""

    forms: set = field(default_factory=set)
    names: set = field(default_factory=set)
    # The view itself reads request.POST or only takes POST (a helper reading it is not enough:
    # a page showing forms that post elsewhere also hands request.POST to the helper building them).
    handles_post: bool = False

    @property
    def reads_query(self) -> bool:
        return bool({"GET", "render_page", "htmx"} & self.names)


def read_view(function, depth: int = 3, seen=None, code: ViewCode | None = None) -> ViewCode:
    code = ViewCode() if code is None else code
    seen = set() if seen is None else seen
    if function in seen or depth < 0:
        return code
    seen.add(function)
    names = {name for c in _codes(function.__code__) for name in c.co_names}
    code.names |= names
    for name in names:
        value = function.__globals__.get(name)
        if _is_form(value):
            code.forms.add(value)
        elif isinstance(value, types.ModuleType):
            code.forms |= {getattr(value, attr) for attr in names if _is_form(getattr(value, attr, None))}
        elif isinstance(value, types.FunctionType) and value.__module__ == function.__module__:
            read_view(value, depth - 1, seen, code)
    return code


def views() -> dict[str, ViewCode]:
    """URL name → what its view's code uses (class-based views: their form class, and POST)."""
    result = {}
    for _route, name, callback in walk():
        view_class = getattr(callback, "view_class", None)
        if view_class is not None:
            found = {
                getattr(view_class, "form_class", None),
                callback.view_initkwargs.get("authentication_form"),
            }
            code = ViewCode({c for c in found if _is_form(c)}, handles_post=hasattr(view_class, "post"))
        else:
            view = _unwrap(callback)
            code = read_view(view) if isinstance(view, types.FunctionType) else ViewCode()
            code.handles_post = _posts_only(callback) or (
                isinstance(view, types.FunctionType) and "POST" in view.__code__.co_names
            )
        result[name] = code
    return result


def _posts_only(callback) -> bool:
    """Wrapped in require_POST (its closure holds the allowed methods)."""
    while callback is not None:
        cells = [c.cell_contents for c in getattr(callback, "__closure__", None) or ()]
        if ["POST"] in cells:
            return True
        callback = getattr(callback, "__wrapped__", None)
    return False


def form_views(all_views: dict[str, ViewCode]) -> dict[str, set]:
    """The views that take a posted form: URL name → the form classes they use."""
    return {name: code.forms for name, code in all_views.items() if code.forms and code.handles_post}


# Query parameters a view reads -------------------------------------------------------------------


class _ReadQuery(QueryDict):
    """request.GET that notes every name a view asks for, present or not."""

    def __init__(self, *args, **kwargs):
        self.asked: set[str] = set()  # before QueryDict fills itself (it asks what it holds)
        super().__init__(*args, **kwargs)
        self.asked.clear()

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def getlist(self, key, default=None):
        self.asked.add(key)
        return super().getlist(key, default)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)


class QueryReads:
    """Test middleware: the response carries the query parameters its view read (`query_reads`), so
    the fuzz test sends hostile values to exactly those, found from the running code, not a list."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        reading = _ReadQuery(request.GET.urlencode(), encoding=request.GET.encoding)
        request.GET = reading
        response = self.get_response(request)
        response.query_reads = reading.asked
        return response


# Bad identifiers in paths ------------------------------------------------------------------------


def bad_paths(path: str):
    """The path with each identifier in it replaced by one that names nothing (a new UUID, a huge
    number, an unknown name), as a guessing or broken client would send."""
    match = resolve(urlsplit(path).path)
    for key, value in match.kwargs.items():
        if isinstance(value, uuid.UUID):
            bad = [uuid.uuid4()]
        elif isinstance(value, int):
            bad = [int(HUGE), 0]
        else:
            bad = ["no-such-name", "-1"]
        for replacement in bad:
            try:
                yield reverse(match.view_name, kwargs={**match.kwargs, key: replacement})
            except NoReverseMatch:
                continue


# Reading pages ------------------------------------------------------------------------------------


@dataclass
class Field:
    name: str
    kind: str  # the input type, "select", "select-multiple" or "textarea"
    value: str = ""
    checked: bool = False
    options: list = field(default_factory=list)
    selected: list = field(default_factory=list)
    maxlength: int | None = None
    accept: str = ""


@dataclass
class Form:
    method: str
    action: str
    fields: list = field(default_factory=list)
    submit: tuple | None = None
    downloads: list = field(default_factory=list)  # what its page offers to download (templates)


class PageParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links, self.forms, self.fragments, self.downloads = [], [], [], []
        self._form = self._select = self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        for attr in ("href", "hx-get"):
            if attr in a and tag != "form":
                self.links.append(a[attr])
        self.fragments.extend(a[attr] for attr in ("hx-get", "hx-post") if a.get(attr))
        if tag == "a" and "download" in a and a.get("href"):
            self.downloads.append(a["href"])
        if tag == "form":
            method = "post" if "hx-post" in a else a.get("method", "get").lower()
            self._form = Form(method, a.get("hx-post") or a.get("hx-get") or a.get("action") or "")
        elif tag == "option" and self._select is not None:
            self._select.options.append(a.get("value", ""))
            if "selected" in a:
                self._select.selected.append(a.get("value", ""))
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            length = a.get("maxlength", "")
            self._form.fields.append(
                Field(
                    a["name"],
                    a.get("type", "text").lower(),
                    a.get("value", ""),
                    "checked" in a,
                    maxlength=int(length) if length.isdigit() else None,
                    accept=a.get("accept", ""),
                )
            )
        elif tag == "select":
            self._select = Field(a["name"], "select-multiple" if "multiple" in a else "select")
            self._form.fields.append(self._select)
        elif tag == "textarea":
            length = a.get("maxlength", "")
            self._textarea = Field(a["name"], "textarea", maxlength=int(length) if length.isdigit() else None)
            self._form.fields.append(self._textarea)
        elif tag == "button" and a.get("type", "submit") == "submit" and self._form.submit is None:
            self._form.submit = (a["name"], a.get("value", ""))

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea.value += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._textarea is not None:
            # A browser drops the newline that starts a textarea's content (Django writes one), so
            # an empty textarea sends nothing and gets the base value like an empty input.
            self._textarea.value = self._textarea.value.removeprefix("\r\n").removeprefix("\n")
            self._textarea = None


def parse(html: str) -> PageParser:
    parser = PageParser()
    parser.feed(html)
    return parser


def url_name(path: str) -> str | None:
    try:
        match = resolve(urlsplit(path).path)
    except Resolver404:
        return None
    return match.view_name


# Hostile values -----------------------------------------------------------------------------------


def _class_field(form_classes, name):
    for form_class in form_classes:
        fields = getattr(form_class, "base_fields", {})
        if name in fields:
            return fields[name]
    return None


def _kind(html_field: Field, django_field) -> str:
    """The kind of value a field takes: number, decimal, date, choice, choices, bool, file or text."""
    if isinstance(django_field, forms.ModelMultipleChoiceField | forms.MultipleChoiceField):
        return "choices"
    if isinstance(django_field, forms.ChoiceField | forms.ModelChoiceField):
        return "choice"
    if isinstance(django_field, forms.IntegerField):
        return "number"
    if isinstance(django_field, forms.DecimalField | forms.FloatField):
        return "decimal"
    if isinstance(django_field, forms.DateField | forms.DateTimeField):
        return "date"
    return {
        "number": "number",
        "date": "date",
        "checkbox": "bool",
        "radio": "choice",
        "file": "file",
        "select": "choice",
        "select-multiple": "choices",
    }.get(html_field.kind, "text")


# An e-mail field's own value: a demo account no persona crawls as, so a password reset mails a
# link (followed like any mailed link) without signing a crawling persona out.
BASE_EMAIL = "vera@uppsala.demo"


def _base_value(f: Field, kind: str):
    # The empty choice a required select starts on ("---------") counts as nothing chosen.
    chosen = [v for v in f.selected if v] or [v for v in f.options if v][:1]
    if f.kind == "select-multiple":
        return chosen
    if f.kind == "select":
        return (chosen or [""])[0]
    if kind == "date":
        return f.value or "2026-06-15"
    if kind in ("number", "decimal"):
        return f.value or "1"
    if f.kind == "email":
        return f.value or BASE_EMAIL
    return f.value or "Hostile test"


# What each variant puts in a field of each kind; None keeps the base value. The "edge" variant
# holds values a form should accept (largest allowed, longest allowed text), so they get stored
# and every page must still render them.
TABLE = {
    "oversized": {
        "number": HUGE,
        "decimal": HUGE + ".5",
        "date": "9999-12-31",
        "choice": HUGE,
        "choices": [HUGE, "-1"],
        "text": PAYLOAD * 2000,
    },
    "negative": {
        "number": "-1",
        "decimal": "-0.01",
        "date": "0001-01-01",
        "choice": "-1",
        "choices": ["-1"],
        "text": PAYLOAD,
    },
    "malformed": {
        "number": "1e400",
        "decimal": "NaN",
        "date": "2024-02-30",
        "choice": "abc",
        "choices": ["abc", ""],
        "text": " \t\r\n",
    },
    "edge": {"date": "2100-12-31", "text": PAYLOAD},
}


def _edge_number(django_field, base):
    largest = getattr(django_field, "max_value", None)
    return str(largest) if largest is not None else base


def _typed(form: Form, form_classes: set[type]):
    """(field name, Django field or None, kind) once per name, and the base data the page would send."""
    typed, base = {}, {}
    for f in form.fields:
        if f.kind in ("submit", "button", "reset", "image") or f.name == "csrfmiddlewaretoken":
            continue
        django_field = _class_field(form_classes, f.name)
        kind = _kind(f, django_field)
        typed.setdefault(f.name, (django_field, kind, f.maxlength, f.kind))
        if kind == "file":
            continue
        if f.kind == "checkbox":
            if f.checked:
                base.setdefault(f.name, []).append(f.value or "on")
        elif f.kind == "radio":
            if f.checked or f.name not in base:
                base[f.name] = f.value
        else:
            base[f.name] = _base_value(f, kind)
    if form.submit:
        base.setdefault(*form.submit)
    return typed, base


def variants(form: Form, form_classes: set[type]):
    """(label, data) pairs: the form's own values first, then each row of the hostile table."""
    typed, base = _typed(form, form_classes)
    yield "base", dict(base)
    for label, row in TABLE.items():
        data = dict(base)
        for name, (django_field, kind, maxlength, html_kind) in typed.items():
            if kind in ("file", "bool") or (label == "edge" and html_kind == "hidden"):
                continue
            if label == "edge" and kind in ("number", "decimal"):
                data[name] = _edge_number(django_field, base.get(name))
                continue
            value = row.get(kind)
            if value is None:
                continue
            if kind == "text" and label == "edge":
                limit = getattr(django_field, "max_length", None) or maxlength
                value = (value * 50)[: limit or 2000]
            data[name] = value
        yield label, data


def query_of(form: Form) -> str:
    """The query string a GET form (a filter) sends with its own values, so its view reads them all."""
    return urlencode(_typed(form, set())[1], doseq=True)


# Files ---------------------------------------------------------------------------------------------


def _zip_bomb() -> bytes:
    """An XLSX whose one sheet unpacks to 8 MB of one repeated tag (past the test's unpack limit)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * 1_400_000)
    return out.getvalue()


def hostile_files():
    """(label, file) for every upload field: mixed encodings, a broken XLSX, a zip bomb, a program
    named as a PDF."""
    mixed = "Leverantör;Land\n".encode() + b"abc;SE\n" * 700 + "Åhléns;Sverige\n".encode("latin-1")
    yield "mixed-encoding CSV", SimpleUploadedFile("mixed.csv", mixed, "text/csv")
    yield "broken XLSX", SimpleUploadedFile("broken.xlsx", b"PK\x03\x04" + b"\x00garbage" * 50)
    yield "XLSX zip bomb", SimpleUploadedFile("bomb.xlsx", _zip_bomb())
    yield "program named .pdf", SimpleUploadedFile("report.pdf", b"MZ\x90\x00" + b"\x00" * 200)


def valid_file(f: Field):
    """A small file of the kind the field asks for (its `accept`), a PDF where it does not say."""
    if ".json" in f.accept:
        return SimpleUploadedFile("release.json", b'{"releases": []}', "application/json")
    if ".csv" in f.accept:
        return SimpleUploadedFile("table.csv", "Leverantör;Land\nAcme;SE\n".encode(), "text/csv")
    return SimpleUploadedFile("document.pdf", b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")


def file_fields(form: Form) -> list[Field]:
    return [f for f in form.fields if f.kind == "file"]


def internal(base_url: str, href: str) -> str | None:
    """The path of a link inside the site (None for other sites, anchors, static and media files)."""
    target = urlsplit(urljoin(base_url, href))
    if target.netloc not in ("", "testserver") or target.scheme not in ("", "http", "https"):
        return None
    if target.path.startswith(("/static/", "/media/", "/admin/")):
        return None
    return target.path + (f"?{target.query}" if target.query else "")
