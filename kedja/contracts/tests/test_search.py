"""Contract free-text search: reference, title or supplier name, in any case, indexed on PostgreSQL."""

import pytest
from django.db import connection

from kedja.contracts import queries
from kedja.contracts.models import Contract

from . import factories

pytestmark = pytest.mark.django_db


def _refs(query: str) -> set[str]:
    return set(queries.contract_search(Contract.objects.all(), query).values_list("reference", flat=True))


@pytest.fixture
def contracts(personas):
    factories.contract(
        personas, reference="SLL-2024-7", title="Undersökningshandskar", owning_regions=[personas.stockholm]
    )
    factories.bed_linen(personas)


def test_search_finds_reference_title_and_supplier_name_in_any_case(contracts, personas):
    assert _refs("sll-2024") == {"SLL-2024-7"}
    assert _refs("HANDSKAR") == {"SLL-2024-7"}
    assert _refs(personas.supplier_b.name.upper()) == {"SKA-1"}
    assert _refs("no such thing") == set()


def test_a_contract_matching_in_several_ways_is_listed_once(contracts, personas):
    factories.contract(personas, reference="SKA-HANDSKAR", title="Handskar", supplier=personas.supplier_b)
    found = list(
        queries.contract_search(Contract.objects.all(), "handskar").values_list("reference", flat=True)
    )
    assert sorted(found) == ["SKA-HANDSKAR", "SLL-2024-7"]


def test_search_keeps_the_visibility_narrowing(contracts, personas):
    visible = queries.contracts_visible_to(queries.actor_for(personas.lisa))
    assert set(queries.contract_search(visible, "SLL").values_list("reference", flat=True)) == set()


def test_a_renamed_supplier_is_found_by_its_new_name_only(contracts, personas):
    personas.supplier_b.name = "Sängkläder Öst AB"
    personas.supplier_b.save()
    assert _refs("SÄNGKLÄDER ÖST") == {"SKA-1"}
    assert _refs("Leverantör B") == set()


def test_a_changed_reference_or_title_is_found_at_once(contracts, personas):
    contract = Contract.objects.get(reference="SLL-2024-7")
    contract.title = "Operationsrockar"
    contract.save(update_fields=["title"])
    assert _refs("operationsrock") == {"SLL-2024-7"}
    assert _refs("handskar") == set()


def test_a_query_never_matches_across_reference_title_and_name(contracts):
    # Reference "SLL-2024-7", title "Undersökningshandskar": stored one after the other.
    assert _refs("2024-7undersök") == set()
    assert _refs("2024-7\nUndersök") == set()
    assert _refs("2024-7 undersök") == set()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigram indexes exist on PostgreSQL only")
def test_search_uses_the_trigram_index_on_postgresql(contracts):
    sql, params = queries.contract_search(Contract.objects.all(), "handskar").query.sql_with_params()
    with connection.cursor() as cursor:
        # Tiny test tables would be scanned otherwise; at scale the planner picks the index itself.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}", params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "contract_search_trgm" in plan


def test_search_folds_case_for_every_alphabet_on_both_databases(contracts, personas):
    """The stored text and the query are folded alike, so non-ASCII letters match in any case
    although SQLite's LIKE folds ASCII only, and a German ß matches "SS"."""
    factories.contract(
        personas, reference="ÅÄÖ-1", title="Straßenkehrer Ølstykke", supplier=personas.supplier_b
    )
    assert _refs("åäö-1") == {"ÅÄÖ-1"}
    assert _refs("STRASSENKEHRER") == {"ÅÄÖ-1"}
    assert _refs("ølSTYKKE") == {"ÅÄÖ-1"}
    assert _refs("UNDERSÖKNINGSHANDSKAR") == {"SLL-2024-7"}
    assert Contract.objects.get(reference="ÅÄÖ-1").search_text.startswith("åäö-1\nstrassenkehrer ølstykke\n")
