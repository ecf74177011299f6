"""Country and good pages: what the open data says, the computed Ctx and the attribution."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_country_page_shows_ctx_with_the_why_and_attribution(client, risk_data):
    response = client.get(reverse("risk:country_detail", args=["CHN"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "0,5245" in body and "0,6187" in body and "0,3049" in body  # Swedish number format
    assert "Worldwide Governance Indicators" in body and "Human Development Report" in body
    assert "Bureau of International Labor Affairs" in body
    assert "Litiumjonbatterier" in body  # ILAB goods in the reader's language


def test_country_without_hdi_uses_wgi_only(client, risk_data):
    body = client.get(reverse("risk:country_detail", args=["TWN"])).content.decode()
    assert "0,1483" in body and "endast WGI" in body


def test_unknown_country_is_404(client, risk_data):
    assert client.get(reverse("risk:country_detail", args=["XYZ"])).status_code == 404


def test_country_list_search_and_htmx_fragment(client, risk_data, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        response = client.get(reverse("risk:country_list"), {"q": "malaysia"})
    assert "MYS" in response.content.decode() and "PAK" not in response.content.decode()
    fragment = client.get(reverse("risk:country_list"), {"q": "pakistan"}, headers={"HX-Request": "true"})
    assert "<html" not in fragment.content.decode() and "PAK" in fragment.content.decode()


def test_good_page_lists_countries_and_cpv_mapping(client, risk_data):
    response = client.get(reverse("risk:good_detail", args=["rubber-gloves"]))
    body = response.content.decode()
    assert response.status_code == 200
    assert "Malaysia" in body and "3314142" in body
    assert "U.S. Department of Labor" in body
    assert client.get(reverse("risk:good_detail", args=["no-such-good"])).status_code == 404
