"""Records of a follow-up: overwritten texts kept as versions with what changed, confidential
downloads and publications logged, and histories that show no field the reader may not see."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kedja.core.audit import history
from kedja.core.history import readable
from kedja.core.models import AuditEntry
from kedja.followup import actions
from kedja.followup.models import Answer

from . import factories

pytestmark = pytest.mark.django_db


def test_an_overwritten_answer_is_kept_as_a_version_with_what_changed(personas, sent_case):
    sheet = sent_case.answer_request.self_assessment
    question = sheet.questionnaire.questions.filter(qtype="text").first()
    for text in ("We audit our sites yearly.", "We audit our sites twice a year.", "We audit every site."):
        actions.save_answers(acting_user=personas.lev, sheet=sheet, values={question.key: text})
    answer = Answer.objects.get(self_assessment=sheet, question=question)
    rows = readable(history(answer))
    assert [row.changes[0].version for row in rows] == [3, 2]
    newest = rows[0].changes[0]
    assert ("removed", "our") in newest.diff and ("added", "every") in newest.diff
    assert ("same", "We audit ") in newest.diff
    assert AuditEntry.objects.get(pk=rows[1].entry.pk).changes["answer"][0] == "We audit our sites yearly."


def test_a_supplier_response_overwritten_keeps_the_earlier_text(personas, step2_case):
    action = factories.corrective_action(personas, factories.deviation(personas, step2_case))
    actions.respond_to_action(acting_user=personas.lev, action=action, response="Fees repaid to 40 workers.")
    actions.respond_to_action(acting_user=personas.lev, action=action, response="Fees repaid to 55 workers.")
    change = next(c for c in readable(history(action))[0].changes if c.version)
    assert change.version == 3
    assert ("removed", "40") in change.diff and ("added", "55") in change.diff


def test_confidential_download_is_logged_with_who_and_which_file(personas, step2_case, client_for):
    action = factories.corrective_action(personas, factories.deviation(personas, step2_case))
    actions.respond_to_action(
        acting_user=personas.lev,
        action=action,
        response="Done",
        uploaded=SimpleUploadedFile("payslips.pdf", b"%PDF-1.4 e", content_type="application/pdf"),
    )
    document = action.evidence.get()
    url = reverse("followup:document_download", args=[document.uuid])
    assert client_for(personas.vera).get(url).status_code == 404
    assert not AuditEntry.objects.filter(action="core.document.downloaded").exists()
    response = client_for(personas.stina).get(url)
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action="core.document.downloaded")
    assert (entry.actor, entry.changes) == (personas.stina, {"file": "payslips.pdf"})
