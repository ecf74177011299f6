"""In a real browser: an officer imports contracts from a file, checks the preview and saves; axe-clean."""

from datetime import date

import pytest

from kedja.contracts.models import Contract

from . import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

CSV = (
    "Diarienummer;Benämning;Leverantör;Organisationsnummer;Kategori;Startdatum\n"
    "RS-9;Handskar;Handskar AB;5566778899;gloves;2025-03-01\n"
).encode("cp1252")


def test_officer_imports_contracts_from_a_file(page, live_server, personas, login_in_browser, axe):
    ref = factories.reference_rows()
    ref["clause"].valid_from = date(2024, 1, 1)
    ref["clause"].save()
    login_in_browser(page, personas.olle)
    page.goto(f"{live_server.url}/contracts/")
    page.get_by_role("link", name="Importera avtal").click()
    axe(page)
    page.set_input_files(
        "input[type=file]", files=[{"name": "avtal.csv", "mimeType": "text/csv", "buffer": CSV}]
    )
    page.get_by_role("button", name="Kontrollera filen").click()
    assert "Handskar AB" in page.locator("table").inner_text()
    axe(page)
    assert not Contract.objects.exists()
    page.get_by_role("button", name="Spara avtalen").click()
    page.wait_for_url(f"{live_server.url}/contracts/")
    assert Contract.objects.get().reference == "RS-9"
