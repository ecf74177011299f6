"""The supplier's profile and library: kept by the supplier, read by buyers, files only through the
access-checked download (never the media URL)."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from kedja.followup.tests import factories
from kedja.suppliers import actions
from kedja.suppliers.models import CompanyProfile, LibraryDocument


def _pdf(name="policy.pdf"):
    return SimpleUploadedFile(name, b"%PDF-1.4 policy", content_type="application/pdf")


@pytest.fixture
def document(personas):
    return actions.add_document(
        acting_user=personas.lev,
        supplier=personas.supplier_a,
        uploaded=_pdf(),
        title="Human-rights policy",
        kind="policy",
        issued_on=date(2025, 3, 1),
        valid_until=date(2027, 3, 1),
    )


@pytest.fixture
def skane_contract(personas):
    return factories.contract(personas.supplier_a, [personas.skane], reference="LIB-1")


def test_supplier_keeps_its_profile(personas, client_for):
    category = factories.category("textiles")
    response = client_for(personas.lev).post(
        "/suppliers/profile/",
        {"legal_name": "Leverantör A Aktiebolag", "sectors": [category.pk], "products": "Gloves"},
    )
    assert response.status_code == 302
    profile = CompanyProfile.objects.get(supplier=personas.supplier_a)
    assert profile.legal_name == "Leverantör A Aktiebolag" and list(profile.sectors.all()) == [category]
    page = client_for(personas.olle).get(f"/suppliers/{personas.supplier_a.uuid}/")
    assert "Leverantör A Aktiebolag" in page.content.decode()


def test_buyers_cannot_edit_a_suppliers_profile(personas):
    with pytest.raises(PermissionDenied):
        actions.update_profile(acting_user=personas.olle, supplier=personas.supplier_a, legal_name="X")
    with pytest.raises(PermissionDenied):
        actions.update_profile(acting_user=personas.lisa, supplier=personas.supplier_a, legal_name="X")
    assert not CompanyProfile.objects.exists()


def test_supplier_cannot_see_other_suppliers_profile(personas, client_for):
    assert client_for(personas.lisa).get(f"/suppliers/{personas.supplier_a.uuid}/").status_code == 404


def test_library_upload_checks_the_file_and_the_dates(personas):
    with pytest.raises(ValidationError):
        actions.add_document(
            acting_user=personas.lev,
            supplier=personas.supplier_a,
            uploaded=SimpleUploadedFile("policy.pdf", b"MZ\x90\x00 not a pdf"),
        )
    with pytest.raises(ValidationError):
        actions.add_document(
            acting_user=personas.lev,
            supplier=personas.supplier_a,
            uploaded=_pdf(),
            issued_on=date(2025, 1, 1),
            valid_until=date(2024, 1, 1),
        )
    assert not LibraryDocument.objects.exists()


def test_supplier_downloads_its_own_document(personas, document, client_for):
    response = client_for(personas.lev).get(f"/suppliers/documents/{document.uuid}/download/")
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")


def test_supplier_cannot_download_other_suppliers_document(personas, document, client_for):
    assert client_for(personas.lisa).get(f"/suppliers/documents/{document.uuid}/download/").status_code == 404


def test_strategist_of_a_contracting_region_reads_the_library(personas, document, skane_contract, client_for):
    assert (
        client_for(personas.stina).get(f"/suppliers/documents/{document.uuid}/download/").status_code == 200
    )
    assert client_for(personas.sara).get(f"/suppliers/documents/{document.uuid}/download/").status_code == 200


def test_regions_without_a_contract_and_viewers_cannot_download(
    personas, document, skane_contract, client_for
):
    for user in (personas.olle, personas.vera, personas.alva, None):
        response = client_for(user).get(f"/suppliers/documents/{document.uuid}/download/")
        assert response.status_code in (302, 404)
        assert response.status_code == 404 or "/accounts/login/" in response["Location"]


def test_library_pages_never_link_the_media_url(personas, document, skane_contract, client_for):
    for user, url in (
        (personas.lev, "/suppliers/library/"),
        (personas.stina, f"/suppliers/{personas.supplier_a.uuid}/"),
    ):
        html = client_for(user).get(url).content.decode()
        assert f"/suppliers/documents/{document.uuid}/download/" in html
        assert document.file.name not in html and "/media/" not in html


def test_library_page_is_constant_in_queries(personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.lev)
    for n in range(3):
        actions.add_document(
            acting_user=personas.lev, supplier=personas.supplier_a, uploaded=_pdf(f"p{n}.pdf")
        )
    with django_assert_max_num_queries(12) as few:
        client.get("/suppliers/library/")
    for n in range(20):
        actions.add_document(
            acting_user=personas.lev, supplier=personas.supplier_a, uploaded=_pdf(f"q{n}.pdf")
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get("/suppliers/library/")


def test_archived_document_stays_linked_but_leaves_the_list(personas, document, client_for):
    client_for(personas.lev).post(f"/suppliers/documents/{document.uuid}/archive/")
    document.refresh_from_db()
    assert document.is_archived
    assert "Human-rights policy" not in client_for(personas.lev).get("/suppliers/library/").content.decode()


def test_buyer_cannot_archive_a_suppliers_document(personas, document, skane_contract, client_for):
    assert (
        client_for(personas.stina).post(f"/suppliers/documents/{document.uuid}/archive/").status_code == 404
    )
    document.refresh_from_db()
    assert not document.is_archived
