"""Writing and versioning cases: only authors (secretariat staff, strategists) may; others read."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kedja.training import actions
from kedja.training.actions import OptionData, QuestionData, VersionData
from kedja.training.models import Case, QuestionKind, VersionStatus
from kedja.training.tests.conftest import small_case

CASE_POST = {
    "title_sv": "Ny fallövning",
    "title_en": "New case",
    "story_sv": "Berättelse",
    "story_en": "Story",
}


def _question_post(**extra):
    data = {
        "kind": "issue",
        "prompt_sv": "Vilken fråga?",
        "explanation_sv": "För att.",
        "options-TOTAL_FORMS": "6",
        "options-INITIAL_FORMS": "0",
        "options-0-text_sv": "Tvångsarbete",
        "options-0-is_correct": "on",
        "options-1-text_sv": "Korruption",
    }
    for i in range(2, 6):
        data[f"options-{i}-text_sv"] = ""
    data.update(extra)
    return data


@pytest.mark.parametrize("name", ["sara", "stina"])
def test_authors_create_cases_in_the_product(personas, client_for, name):
    client = client_for(getattr(personas, name))
    response = client.post("/training/cases/new/", CASE_POST)
    assert response.status_code == 302
    case = Case.objects.get()
    version = case.versions.get()
    assert version.status == VersionStatus.DRAFT and version.title_en == "New case"
    response = client.post(f"/training/versions/{version.uuid}/questions/new/", _question_post())
    assert response.status_code == 302
    assert version.questions.get().options.filter(is_correct=True).count() == 1
    client.post(f"/training/versions/{version.uuid}/publish/")
    version.refresh_from_db()
    assert version.status == VersionStatus.PUBLISHED


@pytest.mark.parametrize("name", ["olle", "vera", "lev", "alva"])
def test_others_may_not_write_cases(personas, client_for, name):
    client = client_for(getattr(personas, name))
    assert client.post("/training/cases/new/", CASE_POST).status_code == 404
    case = small_case(personas.sara)
    draft = actions.start_new_version(acting_user=personas.sara, case=case)
    assert client.get(f"/training/versions/{draft.uuid}/edit/").status_code == 404
    assert client.post(f"/training/versions/{draft.uuid}/questions/new/", _question_post()).status_code == 404
    assert client.post(f"/training/versions/{draft.uuid}/publish/").status_code == 404
    assert client.post(f"/training/cases/{case.uuid}/new-version/").status_code == 404
    with pytest.raises(PermissionDenied):
        actions.create_case(acting_user=getattr(personas, name), data=VersionData("T", "S"))
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT and draft.questions.count() == 2


def test_readers_see_published_cases_without_expert_answers(personas, client_for, case):
    page = client_for(personas.olle).get(f"/training/cases/{case.uuid}/").content.decode()
    assert "Handskar från Malaysia" in page
    assert "Direkt kopplad via leverantören" not in page


def test_readers_do_not_see_drafts(personas, client_for):
    case = actions.create_case(acting_user=personas.sara, data=VersionData("Utkast", "Berättelse"))
    client = client_for(personas.vera)
    assert client.get(f"/training/cases/{case.uuid}/").status_code == 404
    assert "Utkast" not in client.get("/training/").content.decode()
    assert client_for(personas.stina).get(f"/training/cases/{case.uuid}/").status_code == 200


def test_suppliers_and_anonymous_visitors_do_not_reach_training(personas, client_for, case):
    assert client_for(personas.lisa).get("/training/").status_code == 404
    assert client_for(personas.lisa).get(f"/training/cases/{case.uuid}/").status_code == 404
    assert client_for(None).get("/training/").status_code == 302


def test_english_content_is_shown_in_english(personas, client_for, case):
    client = client_for(personas.olle)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get(f"/training/cases/{case.uuid}/").content.decode()
    assert "Gloves from Malaysia" in page


def test_published_version_cannot_be_changed(personas, version):
    with pytest.raises(ValidationError):
        actions.update_version(acting_user=personas.sara, version=version, data=VersionData("X", "Y"))
    with pytest.raises(ValidationError):
        actions.save_question(
            acting_user=personas.sara,
            version=version,
            data=QuestionData("issue", "Q", "E", [OptionData("a", is_correct=True), OptionData("b")]),
        )


def test_new_version_copies_the_content_and_only_one_draft_at_a_time(personas, case):
    draft = actions.start_new_version(acting_user=personas.sara, case=case)
    assert draft.number == 2 and draft.questions.count() == 2
    assert draft.questions.get(position=1).options.filter(is_correct=True).count() == 1
    with pytest.raises(ValidationError):
        actions.start_new_version(acting_user=personas.sara, case=case)


def test_question_needs_an_expert_answer_and_two_options(personas, client_for):
    case = actions.create_case(acting_user=personas.sara, data=VersionData("T", "S"))
    version = case.versions.get()
    client = client_for(personas.sara)
    no_expert = _question_post(**{"options-0-is_correct": ""})
    response = client.post(f"/training/versions/{version.uuid}/questions/new/", no_expert)
    assert response.status_code == 200
    assert not version.questions.exists()
    with pytest.raises(ValidationError):
        actions.save_question(
            acting_user=personas.sara,
            version=version,
            data=QuestionData(
                "issue", "Q", "E", [OptionData("a", is_correct=True), OptionData("b", is_correct=True)]
            ),
        )
    with pytest.raises(ValidationError):
        actions.publish_version(acting_user=personas.sara, version=version)


def test_questions_keep_the_order_of_their_kinds(personas):
    case = actions.create_case(acting_user=personas.sara, data=VersionData("T", "S"))
    version = case.versions.get()
    for kind in (QuestionKind.ACTIONS, QuestionKind.ISSUE, QuestionKind.INVOLVEMENT):
        actions.save_question(
            acting_user=personas.sara,
            version=version,
            data=QuestionData(kind, "Q", "E", [OptionData("a", is_correct=True), OptionData("b")]),
        )
    assert list(version.questions.values_list("kind", flat=True)) == ["issue", "involvement", "actions"]


def test_chain_is_saved_and_drawn(personas, client_for):
    case = actions.create_case(acting_user=personas.sara, data=VersionData("T", "S"))
    version = case.versions.get()
    client = client_for(personas.sara)
    data = {"stages-TOTAL_FORMS": "2", "stages-INITIAL_FORMS": "0"}
    data.update({"stages-0-kind": "raw_material", "stages-0-label_sv": "Gummiplantage", "stages-0-tier": "3"})
    data.update({"stages-1-kind": "", "stages-1-label_sv": ""})
    assert client.post(f"/training/versions/{version.uuid}/chain/", data).status_code == 302
    assert version.stages.get().label_sv == "Gummiplantage"
    page = client.get(f"/training/cases/{case.uuid}/").content.decode()
    assert "Gummiplantage" in page


def test_index_query_count_stays_flat(personas, client_for, django_assert_max_num_queries):
    for _ in range(6):
        small_case(personas.sara)
    client = client_for(personas.olle)
    with django_assert_max_num_queries(14):
        response = client.get("/training/")
    assert response.content.decode().count("Handskar från Malaysia") == 6


def test_index_search_and_filter(personas, client_for, case):
    client = client_for(personas.olle)
    assert "Handskar" in client.get("/training/?q=handskar").content.decode()
    assert "Handskar" not in client.get("/training/?q=kobolt").content.decode()
