"""A contract's cases ask the questions of the versions it was signed under: a new clause or code
of conduct version gives new contracts a new questionnaire and leaves old contracts on the old one."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from kedja.followup import actions, answer_queries
from kedja.followup.models import Questionnaire
from kedja.reference import actions as reference_actions
from kedja.reference.models import RequirementDocument

from . import factories
from .conftest import assert_sending_refused

DEADLINE = timezone.localdate() + timedelta(days=30)


def _publish(sara, document, key, **texts):
    """A new version of `document` with requirement `key` rewritten, published today."""
    requirement = document.requirements.get(key=key)
    values = {
        "title_sv": requirement.title_sv,
        "title_en": requirement.title_en,
        "criterion_sv": "",
        "criterion_en": "",
        **texts,
    }
    draft = reference_actions.edit_requirement_text(
        acting_user=sara, requirement=requirement, is_placeholder=False, **values
    ).document
    return reference_actions.publish_version(
        acting_user=sara, document=draft, version=f"{document.version}.2", valid_from=timezone.localdate()
    )


@pytest.fixture
def versions(personas, clause, questionnaire):
    """The 2024 clause and code in two versions each: version 2 knows PR5 and words the
    environment commitment anew (with å, ä and ö)."""
    coc = RequirementDocument.objects.get(key="code-of-conduct-2024")
    new_clause = _publish(
        personas.sara, clause, "pr5-unknown", text_sv="Följa upp åtgärder.", text_en="Track measures."
    )
    new_coc = _publish(
        personas.sara,
        coc,
        "coc-environment",
        title_sv="Miljö och klimatpåverkan",
        title_en="Environment and climate",
        text_sv="Leverantören minskar utsläppen från sin tillverkning.",
        text_en="The supplier reduces the emissions of its production.",
    )
    return clause, coc, new_clause, new_coc


def _case(personas, reference, clause, coc):
    contract = factories.contract(personas.supplier_a, [personas.skane], reference=reference, clause=clause)
    contract.code_of_conduct = coc
    contract.save(update_fields=["code_of_conduct"])
    return actions.start_case_from_contract(
        acting_user=personas.stina, contract=contract, lead=personas.skane
    )


def _requirement_keys(questionnaire):
    return {q.requirement.key for q in questionnaire.questions.select_related("requirement")}


def test_a_new_version_leaves_old_contracts_on_the_old_questionnaire(personas, questionnaire, versions):
    clause, coc, new_clause, new_coc = versions
    old_case = _case(personas, "OLD-1", clause, coc)
    new_case = _case(personas, "NEW-1", new_clause, new_coc)

    old_request = actions.send_self_assessment(acting_user=personas.stina, case=old_case, deadline=DEADLINE)
    assert old_request.questionnaire == questionnaire
    assert "pr5-unknown" not in _requirement_keys(questionnaire)
    old_texts = set(questionnaire.questions.values_list("text_sv", flat=True))
    assert any("Miljö?" in text for text in old_texts)

    new_request = actions.send_self_assessment(acting_user=personas.stina, case=new_case, deadline=DEADLINE)
    built = new_request.questionnaire
    assert built != questionnaire and built.key == questionnaire.key and built.version == 2
    assert (built.clause_version, built.code_of_conduct) == (new_clause, new_coc)
    assert "pr5-unknown" in _requirement_keys(built)
    # Questions belong to the requirements of the pinned versions, not to those of version 1.
    assert set(built.questions.values_list("requirement__document", flat=True)) == {new_clause.pk, new_coc.pk}
    assert any("Miljö och klimatpåverkan" in q.text_sv for q in built.questions.all())
    assert (
        f"villkor {new_clause.version}" in built.title_sv and f"clause {new_clause.version}" in built.title_en
    )
    # The old questionnaire stays in use for the old contracts.
    questionnaire.refresh_from_db()
    assert questionnaire.is_active
    assert answer_queries.questionnaire_for_case(old_case) == questionnaire
    assert answer_queries.questionnaire_for_case(new_case) == built


def test_a_new_code_of_conduct_alone_gives_its_own_questionnaire(personas, clause, questionnaire, versions):
    _clause, coc, _new_clause, new_coc = versions
    case = _case(personas, "MIX-1", clause, new_coc)
    request = actions.send_self_assessment(acting_user=personas.stina, case=case, deadline=DEADLINE)
    assert request.questionnaire != questionnaire
    assert (request.questionnaire.clause_version, request.questionnaire.code_of_conduct) == (clause, new_coc)
    assert "pr5-unknown" not in _requirement_keys(request.questionnaire)


def test_the_page_before_sending_says_the_questionnaire_is_built_on_sending(personas, versions, client_for):
    _clause, _coc, new_clause, new_coc = versions
    case = _case(personas, "NEW-2", new_clause, new_coc)
    page = client_for(personas.stina).get(reverse("followup:case_detail", args=[case.uuid])).content.decode()
    assert 'id="questionnaire-to-build"' in page and f"version {new_clause.version}" in page
    assert 'id="send_deadline"' in page
    assert not Questionnaire.objects.filter(clause_version=new_clause).exists()


def test_yearly_send_out_builds_the_new_versions_questionnaire_once(personas, questionnaire, versions):
    clause, coc, new_clause, new_coc = versions
    cases = [_case(personas, "OLD-2", clause, coc), _case(personas, "NEW-3", new_clause, new_coc)]
    result = actions.send_self_assessments(acting_user=personas.stina, cases=cases, deadline=DEADLINE)
    assert not result["refused"] and len(result["sent"]) == 2
    assert {r.questionnaire.clause_version for r in result["sent"]} == {clause, new_clause}
    assert Questionnaire.objects.filter(clause_version=new_clause).count() == 1


def test_a_case_mixing_code_of_conduct_versions_is_refused(personas, versions):
    clause, coc, _new_clause, new_coc = versions
    first = factories.contract(personas.supplier_a, [personas.skane], reference="A-1", clause=clause)
    second = factories.contract(personas.supplier_a, [personas.skane], reference="A-2", clause=clause)
    first.code_of_conduct, second.code_of_conduct = coc, new_coc
    first.save(), second.save()
    assert_sending_refused(personas, [first, second], "different versions of the code")


def test_an_old_questionnaire_cannot_be_sent_for_a_new_version(personas, questionnaire, versions):
    _clause, _coc, new_clause, new_coc = versions
    case = _case(personas, "NEW-4", new_clause, new_coc)
    with pytest.raises(ValidationError):
        actions.send_self_assessment(
            acting_user=personas.stina, case=case, deadline=DEADLINE, questionnaire=questionnaire
        )


def test_only_the_secretariat_builds_and_never_from_a_draft(personas, clause, versions):
    _clause, _coc, new_clause, new_coc = versions
    with pytest.raises(PermissionDenied):
        actions.build_questionnaire(acting_user=personas.stina, clause=new_clause, code_of_conduct=new_coc)
    draft = reference_actions.start_new_version(acting_user=personas.sara, document=new_clause)
    with pytest.raises(ValidationError):
        actions.build_questionnaire(acting_user=personas.sara, clause=draft)
    # Built without naming the code, it asks about the latest published one.
    rebuilt = actions.build_questionnaire(acting_user=personas.sara, clause=new_clause)
    assert rebuilt.code_of_conduct == new_coc
