"""The reference pages: public code of conduct and data sources, the browser, search and access."""

import pytest
from django.urls import reverse

from kedja.reference.models import RequirementDocument


def test_anonymous_may_read_the_code_of_conduct(reference, client):
    response = client.get(reverse("reference:code_of_conduct"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "C029" in text and "C187" in text
    # The 2024 clause's structure, PR5 shown as not public.
    assert "Klagomålsmekanism" in text and "Innehållet är inte offentligt" in text
    assert "Spårbarhet" in text


def test_code_of_conduct_in_english(reference, client):
    client.cookies["django_language"] = "en"
    text = client.get(reverse("reference:code_of_conduct"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Grievance mechanism" in text and "Workers&#x27; rights" in text


def test_code_of_conduct_without_loaded_data(db, client):
    assert client.get(reverse("reference:code_of_conduct")).status_code == 200


def test_anonymous_may_read_data_sources_with_attributions(db, client):
    text = client.get(reverse("reference:data_sources")).content.decode()
    assert "Worldwide Governance Indicators" in text and "CC BY 4.0" in text
    assert "MIT License" in text and "LGPL-2.1" in text and "CC BY 3.0 IGO" in text


BROWSER_PAGES = [
    "index",
    "document_list",
    "category_list",
    "cpv_list",
    "country_list",
    "issue_list",
    "ilo_list",
]


@pytest.mark.parametrize("name", BROWSER_PAGES)
def test_browser_pages_need_sign_in(db, client, name):
    response = client.get(reverse(f"reference:{name}"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_collaboration_user_sees_every_page(reference, personas, client_for):
    client = client_for(personas.vera)
    for name in BROWSER_PAGES:
        assert client.get(reverse(f"reference:{name}")).status_code == 200, name


def test_supplier_and_auditor_do_not_see_categories(reference, personas, client_for):
    for user in (personas.lev, personas.alva):
        client = client_for(user)
        assert client.get(reverse("reference:category_list")).status_code == 404
        assert client.get(reverse("reference:category_detail", args=["gloves"])).status_code == 404
        # The rest of the reference data is open to everyone signed in.
        assert client.get(reverse("reference:cpv_list")).status_code == 200


def test_category_list_shows_area_priority_and_prefixes(reference, personas, client_for):
    text = client_for(personas.olle).get(reverse("reference:category_list")).content.decode()
    assert "Handskar" in text and "3314142" in text and "33141610" in text


def test_category_detail(reference, personas, client_for):
    client = client_for(personas.olle)
    text = client.get(reverse("reference:category_detail", args=["gloves"])).content.decode()
    assert "Generella förbrukningsvaror" in text and "184243" in text
    assert client.get(reverse("reference:category_detail", args=["no-such"])).status_code == 404


def test_category_search_by_cpv_code(reference, personas, client_for):
    response = client_for(personas.olle).get(reverse("reference:category_list"), {"q": "33141420"})
    names = [c.slug for c in response.context["categories"]]
    assert "gloves" in names and "food" not in names


def test_cpv_search_by_code_and_label(reference, personas, client_for):
    client = client_for(personas.vera)
    by_code = client.get(reverse("reference:cpv_list"), {"q": "33141420-0"})
    assert [c.code for c in by_code.context["page"].object_list] == ["33141420"]
    by_label = client.get(reverse("reference:cpv_list"), {"q": "surgical gloves"})
    assert "33141420" in [c.code for c in by_label.context["page"].object_list]
    nothing = client.get(reverse("reference:cpv_list"), {"q": "zzzz"}).content.decode()
    assert "No CPV codes match." in nothing or "Inga CPV-koder matchar." in nothing


def test_cpv_search_answers_htmx_with_the_fragment(reference, personas, client_for):
    response = client_for(personas.vera).get(
        reverse("reference:cpv_list"), {"q": "handskar"}, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 200
    assert "<h1>" not in response.content.decode()
    assert "33141420" in response.content.decode()


def test_cpv_detail_shows_breadcrumb_and_categories(reference, personas, client_for):
    client = client_for(personas.olle)
    text = client.get(reverse("reference:cpv_detail", args=["33141113"])).content.decode()
    assert "33140000" in text and "Kompression" in text and "Sårvård" in text
    assert client.get(reverse("reference:cpv_detail", args=["not-a-code"])).status_code == 404


def test_country_search(reference, personas, client_for):
    response = client_for(personas.lev).get(reverse("reference:country_list"), {"q": "Taiwan"})
    assert [c.iso3 for c in response.context["page"].object_list] == ["TWN"]


def test_issue_list_filters_zero_tolerance(reference, personas, client_for):
    response = client_for(personas.vera).get(reverse("reference:issue_list"), {"zero_tolerance": "1"})
    codes = {i.code for i in response.context["issues"]}
    assert len(codes) == 7 and "forced_labour" in codes and "wages" not in codes


def test_document_pages_show_mapping(reference, personas, client_for):
    client = client_for(personas.vera)
    terms = RequirementDocument.objects.get(key="terms-2013")
    text = client.get(reverse("reference:document_detail", args=[terms.uuid])).content.decode()
    assert "Vidareförande av krav" in text and "pr4-linked" in text
    detail = client.get(reverse("reference:requirement_detail", args=[terms.uuid, "r4-passing-on"]))
    assert "Förebygga och begränsa när leverantören är kopplad" in detail.content.decode()


def test_list_pages_do_not_grow_queries(reference, personas, client_for, django_assert_max_num_queries):
    client = client_for(personas.olle)
    clause = RequirementDocument.objects.get(key="clause-2024")
    for url in (
        reverse("reference:category_list"),
        reverse("reference:cpv_list") + "?q=33",
        reverse("reference:issue_list"),
        reverse("reference:country_list"),
        reverse("reference:document_list"),
        reverse("reference:document_detail", args=[clause.uuid]),
        reverse("reference:code_of_conduct"),
    ):
        with django_assert_max_num_queries(14):
            assert client.get(url).status_code == 200
