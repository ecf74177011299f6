import pytest

from kedja.organisations.queries import actor_for


@pytest.mark.django_db
def test_personas_have_the_roles_of_the_access_model(personas):
    assert actor_for(personas.sara).is_secretariat
    olle = actor_for(personas.olle)
    assert olle.sees_shared and olle.may_edit_region(personas.stockholm.pk)
    assert not olle.may_edit_region(personas.skane.pk)
    stina = actor_for(personas.stina)
    assert stina.may_assess_for_area(personas.area_h.pk)
    assert not stina.may_assess_for_area(personas.area_c.pk)
    vera = actor_for(personas.vera)
    assert vera.sees_shared and not vera.may_edit_region(personas.uppsala.pk)
    lev = actor_for(personas.lev)
    assert not lev.sees_shared and lev.supplier_ids == {personas.supplier_a.pk}
    assert actor_for(personas.alva).audit_firm_ids == {personas.audit_firm.pk}
    assert not actor_for(None).is_authenticated


def test_supplier_cannot_see_other_suppliers_organisation(personas, client_for):
    client = client_for(personas.lev)
    assert client.get(f"/organisations/{personas.supplier_a.uuid}/").status_code == 200
    assert client.get(f"/organisations/{personas.supplier_b.uuid}/").status_code == 404
    assert client.get(f"/organisations/{personas.stockholm.uuid}/").status_code == 404


def test_anonymous_is_sent_to_login(personas, client_for):
    response = client_for(None).get(f"/organisations/{personas.supplier_a.uuid}/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_organisation_search_ignores_the_case_of_swedish_letters(personas, client_for):
    personas.supplier_a.name = "Åkessons Gummi AB"
    personas.supplier_a.save(update_fields=["name"])
    page = client_for(personas.sara).get("/organisations/?q=åkessons").content.decode()
    assert "Åkessons Gummi AB" in page
