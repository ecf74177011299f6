"""Versions of the code of conduct and the clause: editing starts a draft, publishing dates it,
contracts stay on the version they were signed under, and two versions compare side by side."""

import importlib
from datetime import date, timedelta

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kedja.contracts.forms import ContractForm
from kedja.contracts.models import Contract
from kedja.contracts.tests import factories
from kedja.reference import actions
from kedja.reference.models import DocumentKind, DocumentStatus, Requirement, RequirementDocument
from kedja.reference.queries import current_code_of_conduct, current_document

NEW_PR5 = {
    "title_sv": "Följa upp",
    "title_en": "Track",
    "text_sv": "Leverantören följer upp att åtgärderna fungerar.",
    "text_en": "The supplier tracks that the measures work.",
    "criterion_sv": "",
    "criterion_en": "",
}


@pytest.fixture
def clause(reference):
    return RequirementDocument.objects.get(key="clause-2024")


def pr5_of(document):
    return document.requirements.get(key="pr5-unknown")


def publish_new_pr5(sara, clause, valid_from=None):
    draft_pr5 = actions.edit_requirement_text(
        acting_user=sara, requirement=pr5_of(clause), **NEW_PR5, is_placeholder=False
    )
    return actions.publish_version(
        acting_user=sara,
        document=draft_pr5.document,
        version="2024.2",
        valid_from=valid_from or timezone.localdate(),
    )


def test_editing_a_published_requirement_starts_a_draft_and_keeps_the_old_text(clause, personas, client_for):
    client = client_for(personas.sara)
    old = pr5_of(clause)
    url = reverse("reference:requirement_edit", args=[clause.uuid, old.key])
    response = client.post(url, {**NEW_PR5, "is_placeholder": ""})
    draft = RequirementDocument.objects.get(previous=clause)
    assert response["Location"] == reverse("reference:requirement_detail", args=[draft.uuid, old.key])
    assert draft.status == DocumentStatus.DRAFT and draft.valid_from is None
    assert draft.requirements.count() == clause.requirements.count()
    assert pr5_of(draft).text_en == NEW_PR5["text_en"] and not pr5_of(draft).is_placeholder
    old.refresh_from_db()
    assert old.is_placeholder and old.text_en.startswith("The content is not public")
    # A second edit goes to the same draft, not to a third version.
    actions.edit_requirement_text(
        acting_user=personas.sara,
        requirement=old,
        **{**NEW_PR5, "title_en": "Tracking"},
        is_placeholder=False,
    )
    assert RequirementDocument.objects.filter(previous=clause).count() == 1
    assert current_document(DocumentKind.CONTRACT_CLAUSE, level=clause.level) == clause


def test_drafts_are_hidden_from_everyone_but_the_secretariat(clause, personas, client_for):
    draft = actions.start_new_version(acting_user=personas.sara, document=clause)
    detail = reverse("reference:document_detail", args=[draft.uuid])
    assert client_for(personas.sara).get(detail).status_code == 200
    for user in (personas.olle, personas.stina, personas.vera, personas.lev, personas.alva):
        client = client_for(user)
        assert client.get(detail).status_code == 404
        assert draft.uuid.hex not in client.get(reverse("reference:document_list")).content.decode().replace(
            "-", ""
        )
    choices = list(ContractForm().fields["clause_version"].queryset)
    assert clause in choices and draft not in choices


def test_a_new_clause_version_leaves_old_contracts_on_the_old_text(clause, personas, client_for):
    old_contract = factories.contract(personas, clause_version=clause, reporting_deadline_days=14)
    new = publish_new_pr5(personas.sara, clause)
    clause.refresh_from_db()
    assert new.status == DocumentStatus.PUBLISHED and new.published_on == timezone.localdate()
    assert clause.valid_to == timezone.localdate() - timedelta(days=1)
    assert current_document(DocumentKind.CONTRACT_CLAUSE, level=clause.level) == new
    old_contract.refresh_from_db()
    assert old_contract.clause_version == clause
    assert pr5_of(old_contract.clause_version).is_placeholder
    page = client_for(personas.olle).get(reverse("contracts:contract_detail", args=[old_contract.uuid]))
    assert reverse("reference:document_detail", args=[clause.uuid]) in page.content.decode()
    later = factories.contract(personas, reference="SLL-2026-9", clause_version=new)
    assert pr5_of(later.clause_version).text_en == NEW_PR5["text_en"]
    # The old version is still readable as it was.
    old_page = client_for(personas.vera).get(reverse("reference:document_detail", args=[clause.uuid]))
    assert "Processkrav 5 (innehållet är inte offentligt)" in old_page.content.decode()


def test_publishing_is_refused_for_others_and_for_bad_dates(clause, personas, client_for):
    draft = actions.start_new_version(acting_user=personas.sara, document=clause)
    with pytest.raises(PermissionDenied):
        actions.publish_version(
            acting_user=personas.stina, document=draft, version="2", valid_from=date.today()
        )
    with pytest.raises(PermissionDenied):
        actions.start_new_version(acting_user=personas.olle, document=clause)
    with pytest.raises(ValidationError):
        actions.publish_version(
            acting_user=personas.sara, document=draft, version="2", valid_from=date(2024, 1, 1)
        )
    with pytest.raises(ValidationError):
        actions.publish_version(
            acting_user=personas.sara, document=clause, version="2", valid_from=date.today()
        )
    url = reverse("reference:document_publish", args=[draft.uuid])
    for user in (personas.olle, personas.stina, personas.vera, personas.lev):
        assert client_for(user).post(url, {"version": "2", "valid_from": "2026-12-01"}).status_code == 404
        assert (
            client_for(user).post(reverse("reference:document_new_version", args=[clause.uuid])).status_code
            == 404
        )
    draft.refresh_from_db()
    assert draft.is_draft and RequirementDocument.objects.filter(previous=clause).count() == 1
    response = client_for(personas.sara).post(url, {"version": "2024.2", "valid_from": "2023-01-01"})
    assert response.status_code == 200 and response.context["form"].errors["valid_from"]
    response = client_for(personas.sara).post(
        url, {"version": "2024.2", "valid_from": date.today().isoformat()}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert not draft.is_draft
    # Only the latest version can be followed by a new one.
    with pytest.raises(ValidationError):
        actions.start_new_version(acting_user=personas.sara, document=clause)


def test_compare_shows_both_versions_side_by_side_in_swedish_and_english(clause, personas, client_for):
    new = publish_new_pr5(personas.sara, clause)
    url = reverse("reference:document_compare", args=[new.uuid])
    swedish = client_for(personas.vera).get(url).content.decode()
    assert "<del>" in swedish and "<ins>Leverantören följer upp att åtgärderna fungerar.</ins>" in swedish
    assert "Ändrad" in swedish and "Oförändrad" in swedish and "2024.2" in swedish
    english = factories.english(client_for(personas.vera)).get(url).content.decode()
    assert "<ins>The supplier tracks that the measures work.</ins>" in english and "Changed" in english
    # Comparing the other way round, or with a document of another kind, is refused or reordered.
    back = client_for(personas.vera).get(
        reverse("reference:document_compare", args=[clause.uuid]) + f"?with={new.uuid}"
    )
    assert back.status_code == 200 and back.context["new"] == new
    coc = current_code_of_conduct()
    wrong = client_for(personas.vera).get(url + f"?with={coc.uuid}")
    assert wrong.status_code == 404
    assert (
        client_for(personas.vera).get(reverse("reference:document_compare", args=[clause.uuid])).status_code
        == 404
    )


def test_contract_is_pinned_to_the_code_of_conduct_it_was_signed_under(reference, personas):
    coc = RequirementDocument.objects.get(key="code-of-conduct-2024")
    signed = factories.contract(personas, starts_on=date(2025, 1, 1))
    assert signed.code_of_conduct == coc
    old_terms = factories.contract(
        personas,
        reference="OLD-1",
        starts_on=date(2020, 1, 1),
        clause_version=RequirementDocument.objects.get(key="terms-2013"),
    )
    assert old_terms.code_of_conduct.key == "code-of-conduct-2013"
    draft_req = actions.edit_requirement_text(
        acting_user=personas.sara,
        requirement=coc.requirements.get(key="coc-environment"),
        title_sv="Miljö och klimat",
        title_en="Environment and climate",
        text_sv="Ny miljötext.",
        text_en="New environment text.",
        is_placeholder=False,
    )
    new_coc = actions.publish_version(
        acting_user=personas.sara,
        document=draft_req.document,
        version="2024.2",
        valid_from=timezone.localdate(),
    )
    signed.refresh_from_db()
    assert signed.code_of_conduct == coc
    later = factories.contract(
        personas, reference="NEW-1", starts_on=timezone.localdate() + timedelta(days=30)
    )
    assert later.code_of_conduct == new_coc


def test_migration_pins_existing_contracts(reference, personas):
    contract = factories.contract(personas, starts_on=date(2025, 1, 1))
    Contract.objects.filter(pk=contract.pk).update(code_of_conduct=None)
    migration = importlib.import_module("kedja.contracts.migrations.0009_contract_code_of_conduct")
    migration.pin_code_of_conduct(apps, None)
    contract.refresh_from_db()
    assert contract.code_of_conduct.key == "code-of-conduct-2024"


def test_basic_level_is_selectable_and_ranks_below_advanced_in_the_reuse_rule(reference, personas):
    from kedja.followup.reuse import needed_level_for
    from kedja.followup.rules import level_at_least
    from kedja.organisations.queries import actor_for

    basic = RequirementDocument.objects.get(key="clause-2024-basic")
    assert basic in ContractForm().fields["clause_version"].queryset
    factories.contract(personas, clause_version=basic, owning_regions=[personas.stockholm])
    assert needed_level_for(actor_for(personas.olle), personas.supplier_a) == "basic"
    assert level_at_least("advanced_2024", "basic") and not level_at_least("basic", "advanced_2024")
    assert Requirement.objects.filter(document=basic, key="basic-policy").get().corresponds_to.get().key == (
        "pr1-policies"
    )


def test_one_language_texts_are_marked_with_their_language(clause, personas, client_for):
    """The comparison and the history show Swedish and English texts side by side: each is marked
    with `lang`, for screen readers and for the language crawl."""
    new = publish_new_pr5(personas.sara, clause)
    compare = client_for(personas.sara).get(reverse("reference:document_compare", args=[new.uuid]))
    html = compare.content.decode()
    assert '<td lang="en"><ins>The supplier tracks that the measures work.</ins>' in html
    assert '<td lang="sv"><ins>Leverantören följer upp att åtgärderna fungerar.</ins>' in html
    detail = reverse("reference:requirement_detail", args=[new.uuid, "pr5-unknown"])
    history = client_for(personas.sara).get(detail).content.decode()
    assert 'lang="en"' in history and 'lang="sv"' in history
