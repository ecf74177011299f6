"""Spend screening in the browser: an Excel export with Swedish headers, one column corrected in
the mapping step, the page left and the saved result found again, shared, and its known supplier
put on the year's follow-up plan; axe on each page."""

import io
import re
from datetime import datetime

import pytest
from openpyxl import Workbook

from kedja.organisations.models import Membership, Role, User
from kedja.organisations.testing import PASSWORD
from kedja.plans import actions as plan_actions
from kedja.plans.models import Proposal
from kedja.risk.models import SpendScreening

pytestmark = pytest.mark.django_db(transaction=True)


def excel_export(path):
    """As a finance system's Excel export: Swedish headers, net and gross amounts, a total row."""
    book = Workbook()
    sheet = book.active
    sheet.title = "Leverantörsreskontra"
    sheet.append(["Leverantörsnamn", "Org.nr", "CPV-kod", "Netto", "Brutto", "Fakturadatum", "Land"])
    sheet.append(["Leverantör A AB", "556000-0001", "33141420", 1000, 1250, datetime(2025, 3, 1), "Malaysia"])
    sheet.append(
        ["Åkerö Städ AB", "556999-0002", "33141420", 200.5, 250.63, datetime(2025, 3, 2), "Pakistan"]
    )
    sheet.append(["Summa", "", "", 1200.5, 1500.63, None, ""])
    out = io.BytesIO()
    book.save(out)
    path.write_bytes(out.getvalue())
    return path


def test_officer_maps_an_excel_export_leaves_comes_back_and_shares(
    personas, reference, live_server, signed_in_page, axe, tmp_path
):
    colleague = User.objects.create_user(
        email="kim@stockholm.test", password=PASSWORD, full_name="Kim Kollega"
    )
    Membership.objects.create(
        user=colleague, organisation=personas.olle.memberships.get().organisation, role=Role.STRATEGIST
    )
    page = signed_in_page(personas.olle)
    page.goto(f"{live_server.url}/risk/spend/")
    axe(page)
    page.set_input_files("input[name=file]", str(excel_export(tmp_path / "reskontra.xlsx")))
    page.click("main button[type=submit]")
    page.wait_for_selector("select[name=amount]")
    assert page.input_value("select[name=amount]") == "Netto"
    axe(page)
    page.select_option("select[name=amount]", "Brutto")
    page.click("button[name=preview]")
    page.wait_for_selector("#preview-heading")
    assert "1250" in page.inner_text("main table")
    page.click("button[name=start]")
    page.wait_for_url(lambda url: "/columns/" not in url)
    result_url = page.url
    page.goto(f"{live_server.url}/risk/")  # leave the page
    page.goto(f"{live_server.url}/risk/spend/")
    page.click("text=reskontra.xlsx")
    page.wait_for_url(result_url)
    page.wait_for_selector("text=Leverantörsreskontra")
    text = page.inner_text("main")
    assert re.search(r"Inköpsvärde\s+1\s500,63", text), text
    assert "Excel" in text and "Leverantörsreskontra" in text and "Summa" in text
    axe(page)
    page.click("form[action$='/share/'] button")
    page.wait_for_selector("text=Sluta dela")
    assert SpendScreening.objects.get().shared
    other = signed_in_page(colleague)
    other.goto(result_url)
    assert re.search(r"1\s500,63", other.inner_text("main"))
    put_on_plan(page, personas, axe)


def put_on_plan(page, personas, axe):
    """From the result, the supplier Kedja knows goes on next year's plan as the region's proposal."""
    plan_actions.open_year_plan(acting_user=personas.sara, year=2027)
    page.click("text=Sätt upp leverantörer på uppföljningsplanen")
    page.wait_for_selector("text=Leverantör A AB")
    assert "Åkerö" not in page.inner_text("main")  # not in Kedja: cannot be proposed
    axe(page)
    page.check("input[name=supplier_keys]")
    page.click("main button[type=submit]")
    page.wait_for_url("**/follow-up-years/2027/")
    assert "Leverantörerna föreslogs för uppföljningsplanen." in page.inner_text("main")
    proposal = Proposal.objects.get()
    assert (proposal.supplier, proposal.region) == (personas.supplier_a, personas.stockholm)
