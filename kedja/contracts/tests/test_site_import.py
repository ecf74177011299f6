"""Supply-chain import (clause 4.3): every row checked first, all-or-nothing, re-import updates."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kedja.contracts import actions, imports
from kedja.contracts.models import Site
from kedja.core.models import AuditEntry
from kedja.core.testing import xlsx_zip_bomb

from . import factories

pytestmark = pytest.mark.django_db

HEADER = "legal_name,address,country,tier,site_type,supplies_to,products,workers,confidential"
GOOD = [
    "Leverantör A AB,Box 1 Stockholm,SWE,1,distribution,,Warehouse,40,no",
    "Klang Glove Works,Jalan 7 Klang,MY,2,final_manufacturing,Leverantör A AB,Gloves,850,yes",
    "Selangor Latex,Shah Alam,Malaysia,3,component,Klang Glove Works,Latex,120,",
]


def csv_file(*lines: str, name: str = "chain.csv", header: str = HEADER) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, "\n".join([header, *lines]).encode(), content_type="text/csv")


def xlsx_file(rows: list[list], name: str = "chain.xlsx") -> SimpleUploadedFile:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile(name, out.getvalue())


def upload(client, contract, file):
    factories.english(client)
    return client.post(reverse("contracts:site_import", args=[contract.uuid]), {"file": file})


def confirm(client, contract, response):
    token = response.context["token"]
    return client.post(reverse("contracts:site_import_confirm", args=[contract.uuid]), {"token": token})


@pytest.fixture
def contract(personas):
    return factories.contract(personas)


def test_supplier_imports_csv_after_preview(personas, client_for, contract):
    client = client_for(personas.lev)
    preview = upload(client, contract, csv_file(*GOOD))
    assert preview.status_code == 200 and preview.context["plan"].created == 3
    assert not Site.objects.exists(), "the preview writes nothing"

    response = confirm(client, contract, preview)
    assert response.status_code == 302
    chain = {s.legal_name: s for s in contract.sites.select_related("supplies_to", "country")}
    assert set(chain) == {"Leverantör A AB", "Klang Glove Works", "Selangor Latex"}
    assert chain["Selangor Latex"].supplies_to == chain["Klang Glove Works"]
    assert chain["Klang Glove Works"].country.iso3 == "MYS"
    assert chain["Selangor Latex"].is_confidential, "an empty confidential cell means confidential"
    assert not chain["Leverantör A AB"].is_confidential
    entry = AuditEntry.objects.get(action="contracts.sites.imported")
    assert entry.actor == personas.lev
    assert entry.changes == {"file": "chain.csv", "rows": 3, "created": 3, "updated": 0, "unchanged": 0}


def test_one_broken_row_changes_nothing_and_names_row_and_problem(personas, client_for, contract):
    factories.site(personas, contract, legal_name="Existing Mill", tier=2)
    before = list(Site.objects.values_list("legal_name", "tier"))
    broken = "Bad Row Ltd,,Atlantis,2,final_manufacturing,,,,"
    response = upload(client_for(personas.olle), contract, csv_file(GOOD[0], broken, GOOD[1]))

    problems = response.context["problems"]
    assert [(p.row, p.column) for p in problems] == [(3, "country")]
    html = response.content.decode()
    assert "Atlantis" in html and "<td>3</td>" in html and "token" not in response.context
    assert list(Site.objects.values_list("legal_name", "tier")) == before
    assert not AuditEntry.objects.filter(action="contracts.sites.imported").exists()


def test_action_refuses_whole_file_and_lists_every_problem(personas, contract):
    rows = [
        (2, {"legal_name": "A", "country": "SWE", "tier": "0", "site_type": "final_manufacturing"}),
        (3, {"legal_name": "B", "country": "SWE", "tier": "2", "site_type": "weaving"}),
        (4, {"legal_name": "", "country": "SWE", "tier": "x", "site_type": "component"}),
        (
            5,
            {
                "legal_name": "C",
                "country": "SWE",
                "tier": "2",
                "site_type": "component",
                "supplies_to": "Nobody",
            },
        ),
        (6, {"legal_name": "c", "country": "Sverige", "tier": "2", "site_type": "component"}),
        (7, {"legal_name": "D", "country": "SWE", "tier": "1", "site_type": "component", "workers": "-3"}),
        (
            8,
            {
                "legal_name": "E",
                "country": "SWE",
                "tier": "1",
                "site_type": "component",
                "confidential": "maybe",
            },
        ),
        (9, {"legal_name": "OK", "country": "SWE", "tier": "1", "site_type": "Komponenttillverkning"}),
    ]
    with pytest.raises(imports.ImportProblems) as caught:
        actions.import_sites(acting_user=personas.sara, contract=contract, rows=rows, file_name="x.csv")
    found = {(p.row, p.column) for p in caught.value.problems}
    assert found == {
        (2, "tier"),
        (3, "site_type"),
        (4, "legal_name"),
        (4, "tier"),
        (5, "supplies_to"),
        (6, "legal_name"),  # same name and country as row 5
        (7, "workers"),
        (8, "confidential"),
    }
    assert not Site.objects.exists()


def test_supplies_to_cycle_is_refused(personas, contract):
    rows = [
        (2, {"legal_name": "A", "country": "SWE", "tier": "2", "site_type": "component", "supplies_to": "B"}),
        (3, {"legal_name": "B", "country": "SWE", "tier": "2", "site_type": "component", "supplies_to": "A"}),
        (4, {"legal_name": "C", "country": "SWE", "tier": "3", "site_type": "component", "supplies_to": "C"}),
    ]
    with pytest.raises(imports.ImportProblems) as caught:
        imports.plan_site_import(contract, rows)
    assert {(p.row, p.column) for p in caught.value.problems} == {
        (2, "supplies_to"),
        (3, "supplies_to"),
        (4, "supplies_to"),
    }


def test_cycle_through_an_existing_site_is_refused(personas, contract):
    top = factories.site(
        personas, contract, legal_name="Top", tier=1, country=factories.country("SWE", "Sweden")
    )
    factories.site(personas, contract, legal_name="Mid", tier=2, supplies_to=top)
    rows = [
        (
            2,
            {
                "legal_name": "Top",
                "country": "SWE",
                "tier": "1",
                "site_type": "component",
                "supplies_to": "Mid",
            },
        )
    ]
    with pytest.raises(imports.ImportProblems) as caught:
        imports.plan_site_import(contract, rows)
    assert [p.column for p in caught.value.problems] == ["supplies_to"]


def test_reimport_updates_instead_of_duplicating(personas, client_for, contract):
    client = client_for(personas.lev)
    confirm(client, contract, upload(client, contract, csv_file(*GOOD)))
    changed = GOOD[1].replace(",850,", ",900,").replace("MY,", "Malaysia,")
    response = confirm(client, contract, upload(client, contract, csv_file(GOOD[0], changed, GOOD[2])))
    assert response.status_code == 302
    assert Site.objects.count() == 3
    assert Site.objects.get(legal_name="Klang Glove Works").workers == 900
    last = AuditEntry.objects.filter(action="contracts.sites.imported").order_by("-pk").first()
    assert (last.changes["created"], last.changes["updated"], last.changes["unchanged"]) == (0, 1, 2)


def test_xlsx_import_and_templates(personas, client_for, contract):
    client = client_for(personas.sara)
    url = reverse("contracts:site_import_template", args=[contract.uuid])
    # In Swedish, as Swedish Excel opens it: a byte-order mark and semicolons.
    csv_template = client.get(url).content.decode("utf-8-sig")
    assert csv_template.splitlines()[0] == HEADER.replace(",", ";")
    workbook = load_workbook(io.BytesIO(client.get(url, {"format": "xlsx"}).content))
    rows = [list(r) for r in workbook.worksheets[0].iter_rows(values_only=True)]
    assert rows[0] == HEADER.split(",")
    preview = upload(client, contract, xlsx_file(rows))
    assert preview.context["plan"].created == 3, preview.context.get("problems")
    confirm(client, contract, preview)
    assert contract.sites.count() == 3


@pytest.mark.parametrize(
    ("file", "message"),
    [
        (SimpleUploadedFile("chain.csv", b"%PDF-1.7\x00\x01binary"), "not accepted"),
        (SimpleUploadedFile("chain.pdf", HEADER.encode()), "content is CSV"),
        (SimpleUploadedFile("chain.xlsx", HEADER.encode()), "content is CSV"),
        (SimpleUploadedFile("chain.csv", b""), "empty"),
        (SimpleUploadedFile("chain.csv", HEADER.encode() + b"\n\n"), "no sites"),
        (csv_file(GOOD[0], header="legal_name,country,tier"), "Columns missing: site_type"),
        (csv_file(GOOD[0], header=HEADER.replace("country", "contry")), "Unknown columns: contry"),
        (csv_file(GOOD[0], header=HEADER + ",tier"), "Columns given twice: tier"),
    ],
)
def test_bad_files_are_refused_with_a_message(personas, client_for, contract, file, message):
    response = upload(client_for(personas.lev), contract, file)
    # Django's file field itself refuses a zero-byte upload, with its own message on the form.
    problems = response.context.get("problems") or response.context["form"].errors["file"]
    assert message in " ".join(getattr(p, "message", p) for p in problems)
    assert not Site.objects.exists()


@override_settings(KEDJA_UPLOAD_MAX_BYTES=100)
def test_oversize_file_is_refused(personas, client_for, contract):
    response = upload(client_for(personas.lev), contract, csv_file(*GOOD))
    assert "too large" in response.context["problems"][0].message
    assert not Site.objects.exists()


def test_who_may_import(personas, client_for, contract):
    url = reverse("contracts:site_import", args=[contract.uuid])
    assert client_for(personas.lisa).get(url).status_code == 404, "another supplier's contract"
    assert client_for(personas.lisa).post(url, {"file": csv_file(*GOOD)}).status_code == 404
    assert client_for(personas.vera).get(url).status_code == 404, "viewers change nothing"
    assert client_for(personas.stina).get(url).status_code == 404, "Skåne does not own it"
    assert client_for(personas.alva).get(url).status_code == 404
    assert client_for(None).get(url).status_code == 302
    for user in (personas.lev, personas.olle, personas.sara):
        assert client_for(user).get(url).status_code == 200
    template = reverse("contracts:site_import_template", args=[contract.uuid])
    assert client_for(personas.lisa).get(template).status_code == 404
    assert not Site.objects.exists()


def test_token_is_bound_to_user_and_contract(personas, client_for, contract):
    preview = upload(client_for(personas.lev), contract, csv_file(*GOOD))
    url = reverse("contracts:site_import_confirm", args=[contract.uuid])
    response = client_for(personas.olle).post(url, {"token": preview.context["token"]})
    assert response.status_code == 302 and not Site.objects.exists()
    assert response.url == reverse("contracts:site_import", args=[contract.uuid])
    other = factories.contract(personas, reference="OTHER-1")
    other_url = reverse("contracts:site_import_confirm", args=[other.uuid])
    client_for(personas.lev).post(other_url, {"token": preview.context["token"]})
    assert not Site.objects.exists()


def test_csv_saved_by_swedish_excel_is_read_with_its_letters(personas, client_for, contract):
    """Excel's “CSV (semicolon separated)” on Swedish Windows: Windows-1252, semicolons, CRLF."""
    lines = [
        HEADER.replace(",", ";"),
        "Åkerö Lager AB;Box 1, Västerås;Sverige;1;distribution;;Handskar;40;nej",
    ]
    file = SimpleUploadedFile("kedja.csv", "\r\n".join(lines).encode("cp1252"))
    preview = upload(client_for(personas.lev), contract, file)
    plan = preview.context["plan"]
    assert [(r.legal_name, r.address, r.country.iso3) for r in plan.rows] == [
        ("Åkerö Lager AB", "Box 1, Västerås", "SWE")
    ]


def test_xlsx_zip_bomb_is_refused_and_nothing_is_stored(personas, client_for, contract):
    response = upload(client_for(personas.lev), contract, SimpleUploadedFile("chain.xlsx", xlsx_zip_bomb()))
    assert "would unpack" in response.context["problems"][0].message
    assert not Site.objects.exists()
