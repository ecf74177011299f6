"""Results that can be trusted (issue 9): zero tolerance seen by the buyer, sanctions that can be
corrected, and the publication guard, preview, moment and the supplier's right to comment."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from kedja.followup import actions, queries, rules, summary_queries
from kedja.followup.models import DecisionStatus, SanctionDecision

from . import factories

TODAY = timezone.localdate


@pytest.fixture(autouse=True)
def english():
    """Refusals are matched by their English text; pages are read in the default Swedish."""
    with translation.override("en"):
        yield


def _late_report(personas, contract, days=29):
    return actions.file_zero_tolerance_report(
        acting_user=personas.lev,
        contract=contract,
        issue=factories.issue("child_labour", zero_tolerance=True),
        aware_since=TODAY() - timedelta(days=days),
        facts="Children at a sub-supplier",
        measures_taken="Removed from work",
        measures_planned="Schooling paid until 18",
    )


def _report_alert():
    """The e-mail telling the case team of the supplier's report (a joint case's start is told too)."""
    return next(m for m in reversed(mail.outbox) if "Schooling paid" in m.body)


# Zero tolerance seen by the buyer ----------------------------------------------------------------


def test_late_report_is_shown_on_case_and_dashboard_and_prefills_the_sanction(
    personas, case_a, contract_a, client_for, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = _late_report(personas, contract_a)
    assert report.days_late == 15
    alert = _report_alert()
    assert "LATE" in alert.body or "SENT" in alert.body.upper()
    assert "15" in alert.body and "Schooling paid" in alert.body
    stina = client_for(personas.stina)
    body = stina.get(f"/followup/cases/{case_a.uuid}/").content.decode()
    assert "Schooling paid until 18" in body and "15" in body
    dashboard = stina.get("/followup/my/?scope=all").content.decode()
    assert 'id="zero-tolerance"' in dashboard and 'id="grounds"' in dashboard
    form = stina.get(f"/followup/cases/{case_a.uuid}/sanctions/new/").content.decode()
    arose = (report.aware_since + timedelta(days=15)).isoformat()
    assert f'value="{arose}"' in form and 'value="failure_to_report" selected' in form


def test_report_on_time_says_so_in_the_alert(
    personas, case_a, contract_a, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _late_report(personas, contract_a, days=3)
    alert = _report_alert()
    assert "rapporterade en nolltoleransavvikelse 3 dagar" in alert.body
    assert "för sent" not in alert.subject + alert.body


def test_decision_takes_a_ground_off_the_awaiting_list(personas, case_a, contract_a):
    from kedja.followup import dashboard

    report = _late_report(personas, contract_a)
    cases = queries.cases_visible_to(queries.actor_for(personas.stina))
    assert list(dashboard.grounds_awaiting_decision(cases)) == [report]
    factories.sanction(
        personas,
        case_a,
        contract_a,
        kind="penalty",
        ground_since=report.aware_since + timedelta(days=15),
        reason="Reported late",
    )
    assert not dashboard.grounds_awaiting_decision(cases).exists()


# Sanctions that can be corrected -----------------------------------------------------------------


def _penalty(personas, case, contract, **extra):
    extra.setdefault("kind", "penalty")
    return factories.sanction(personas, case, contract, days_ago=20, reason="Report 15 days late", **extra)


def test_same_decision_twice_is_refused(personas, case_a, contract_a):
    _penalty(personas, case_a, contract_a)
    with pytest.raises(ValidationError, match="already recorded"):
        _penalty(personas, case_a, contract_a)
    assert SanctionDecision.objects.count() == 1


def test_withdrawn_decision_keeps_its_reason_and_may_be_decided_again(personas, case_a, contract_a):
    decision = _penalty(personas, case_a, contract_a)
    with pytest.raises(ValidationError):
        actions.withdraw_sanction(acting_user=personas.stina, decision=decision, reason=" ")
    actions.withdraw_sanction(acting_user=personas.stina, decision=decision, reason="Wrong contract")
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.WITHDRAWN and decision.withdrawn_reason == "Wrong contract"
    with pytest.raises(ValidationError):
        actions.withdraw_sanction(acting_user=personas.stina, decision=decision, reason="Again")
    _penalty(personas, case_a, contract_a)
    assert SanctionDecision.objects.count() == 2


def test_correction_keeps_both_decisions_with_their_reasons(personas, case_a, contract_a, client_for):
    old = _penalty(personas, case_a, contract_a)
    url = f"/followup/sanctions/{old.uuid}/correct/"
    data = {
        "ground": "failure_to_report",
        "kind": "penalty",
        "ground_since": (TODAY() - timedelta(days=8)).isoformat(),
        "reason": "Counted from the notice",
        "correction_reason": "Counting starts at the notice",
    }
    assert client_for(personas.vera).post(url, data).status_code == 404
    assert client_for(personas.lev).get(url).status_code == 404
    assert client_for(personas.stina).post(url, data).status_code == 302
    old.refresh_from_db()
    new = old.replaced_by
    assert old.status == DecisionStatus.CORRECTED and old.withdrawn_reason == "Counting starts at the notice"
    assert new.reason == "Counted from the notice" and new.amount_sek == 20000  # 2 started weeks


def test_call_off_stop_records_start_and_computes_immediate_termination(
    personas, case_a, contract_a, client_for
):
    stop = _penalty(
        personas, case_a, contract_a, kind="call_off_stop", stop_starts_on=TODAY() - timedelta(days=95)
    )
    assert stop.stop_starts_on == TODAY() - timedelta(days=95)
    body = client_for(personas.stina).get(f"/followup/cases/{case_a.uuid}/").content.decode()
    assert "has lasted 3 months" in body or "har pågått i 3 månader" in body
    assert "Immediate termination possible" in body or "Omedelbar uppsägning möjlig" in body
    options = rules.sanction_options(
        contract_a,
        ground="failure_to_report",
        days=1,
        call_off_stop_days=queries.call_off_stop_days(case_a, contract_a, TODAY()),
    )
    assert options["immediate_termination"]
    with pytest.raises(ValidationError):
        actions.end_call_off_stop(
            acting_user=personas.stina, decision=stop, ends_on=TODAY() - timedelta(days=100)
        )
    actions.end_call_off_stop(acting_user=personas.stina, decision=stop, ends_on=TODAY() - timedelta(days=40))
    assert queries.call_off_stop_days(case_a, contract_a, TODAY()) == 55


def test_supplier_sees_kind_amount_ground_and_period(personas, case_a, contract_a, client_for):
    decision = _penalty(personas, case_a, contract_a)
    body = client_for(personas.lev).get(f"/followup/portal/cases/{case_a.uuid}/").content.decode()
    assert str(decision.amount_sek) in body and decision.ground_since.isoformat() in body
    assert "section 3" in body or "avsnitt 3" in body
    assert client_for(personas.lisa).get(f"/followup/portal/cases/{case_a.uuid}/").status_code == 404


def test_only_assessors_withdraw(personas, case_a, contract_a, client_for):
    decision = _penalty(personas, case_a, contract_a)
    for user in (personas.vera, personas.olle, personas.lev, personas.alva):
        response = client_for(user).post(f"/followup/sanctions/{decision.uuid}/withdraw/", {"reason": "x"})
        assert response.status_code == 404, user
    decision.refresh_from_db()
    assert decision.status == DecisionStatus.IN_FORCE


# Publication: guard, preview, moment, comment ----------------------------------------------------


@pytest.fixture
def closed_case(personas, assessed_case):
    actions.close_case(acting_user=personas.stina, case=assessed_case)
    return assessed_case


def _prepare(personas, case, text="Good work."):
    return actions.prepare_summary(acting_user=personas.stina, case=case, text_sv=text, text_en="Good work.")


@pytest.mark.parametrize(
    "text",
    [
        "Revisionen på GLOVE FACTORY visade brister.",
        "Revisionen på Glove-Factory, Sdn. Bhd. visade brister.",
        "Vid glove factory ltd fanns brister.",
        "Adressen lot 7 Klang besöktes.",
    ],
)
def test_publication_refused_when_a_confidential_site_is_named(personas, closed_case, text, client_for):
    factories.site(personas.supplier_a, name="Glove Factory Sdn Bhd", confidential=True)
    summary = _prepare(personas, closed_case, text)
    with pytest.raises(ValidationError) as refused:
        actions.publish_summary(acting_user=personas.sara, summary=summary)
    message = " ".join(refused.value.messages)
    assert "Summary (Swedish)" in message or "Sammanfattning (svenska)" in message
    assert "Glove Factory Sdn Bhd" in message or "Lot 7, Klang" in message
    body = client_for(personas.sara).get(f"/followup/cases/{closed_case.uuid}/summary/").content.decode()
    assert 'id="publication-problems"' in body
    summary.refresh_from_db()
    assert summary.status == "draft"


def test_unrelated_or_public_site_names_do_not_block(personas, closed_case):
    factories.site(personas.supplier_a, name="Glove Factory Sdn Bhd", confidential=False)
    factories.site(personas.supplier_b, name="Other Plant Ltd", confidential=True, iso3="VNM")
    summary = _prepare(personas, closed_case, "Glove Factory and Other Plant were fine; factory gloves too.")
    actions.publish_summary(acting_user=personas.sara, summary=summary)


def test_preview_shows_the_public_body_and_pdf_before_publishing(personas, closed_case, client_for):
    summary = _prepare(personas, closed_case, "PREVIEW-TEXT")
    sara = client_for(personas.sara)
    body = sara.get(f"/followup/cases/{closed_case.uuid}/summary/").content.decode()
    assert 'id="summary-preview"' in body and "PREVIEW-TEXT" in body
    pdf = sara.get(f"/followup/summaries/{summary.uuid}/preview.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    for user in (personas.vera, personas.lev, personas.alva, personas.olle):
        assert client_for(user).get(f"/followup/summaries/{summary.uuid}/preview.pdf").status_code == 404
    assert client_for(None).get(f"/followup/public/{summary.uuid}/").status_code == 404


def test_summary_names_zero_tolerance_findings(personas, step2_case):
    factories.deviation(
        personas,
        step2_case,
        title="Children at the sewing line",
        issue=factories.issue("child_labour", zero_tolerance=True),
    )
    fields = summary_queries.summary_fields(step2_case)
    finding = fields["findings"][0]
    assert finding["zero_tolerance"] and finding["issue_en"] == "child labour"


def test_publication_moment_is_configurable(personas, step2_case, settings):
    finding = factories.deviation(personas, step2_case)
    with pytest.raises(ValidationError, match="closed"):
        _prepare(personas, step2_case)
    settings.KEDJA_PUBLISH_WHEN = "plan"
    with pytest.raises(ValidationError, match="deadline"):
        _prepare(personas, step2_case)
    factories.corrective_action(personas, finding, deadline=TODAY() + timedelta(days=30))
    assert _prepare(personas, step2_case).traffic_light == "yellow"


def test_supplier_comments_on_the_draft_before_publication(personas, closed_case, client_for, settings):
    settings.KEDJA_SUMMARY_COMMENT_DAYS = 14
    summary = _prepare(personas, closed_case)
    assert summary.comment_until == TODAY() + timedelta(days=14)
    with pytest.raises(ValidationError, match="comment"):
        actions.publish_summary(acting_user=personas.sara, summary=summary)
    lev = client_for(personas.lev)
    assert 'id="draft-summary"' in lev.get(f"/followup/portal/cases/{closed_case.uuid}/").content.decode()
    url = f"/followup/portal/cases/{closed_case.uuid}/summary-comment/"
    assert client_for(personas.lisa).post(url, {"comment": "No"}).status_code == 404
    assert lev.post(url, {"comment": "We agree."}).status_code == 302
    summary.refresh_from_db()
    assert summary.supplier_comment == "We agree."
    assert (
        "We agree."
        in client_for(personas.sara).get(f"/followup/cases/{closed_case.uuid}/summary/").content.decode()
    )
    actions.publish_summary(acting_user=personas.sara, summary=summary)
    with pytest.raises(ValidationError):
        actions.comment_on_summary(acting_user=personas.lev, summary=summary, comment="Late")


def test_comment_period_ends_and_then_publication_is_allowed(personas, closed_case, settings):
    settings.KEDJA_SUMMARY_COMMENT_DAYS = 14
    summary = _prepare(personas, closed_case)
    summary.comment_until = TODAY() - timedelta(days=1)
    summary.save()
    with pytest.raises(ValidationError, match="passed"):
        actions.comment_on_summary(acting_user=personas.lev, summary=summary, comment="Too late")
    actions.publish_summary(acting_user=personas.sara, summary=summary)


# Unannounced on-site audits stay unknown to the supplier until they took place -------------------


def _audit(personas, case, announcement):
    return factories.site_audit(
        personas, case, site_name="PLANT-X Sdn Bhd", announcement=announcement, starts_in=3
    )


def test_unannounced_audit_is_invisible_to_the_supplier_until_reported(personas, step3_case, client_for):
    audit = _audit(personas, step3_case, "unannounced")
    factories.deviation(personas, step3_case, site_audit=audit, title="PASSPORTS-HELD", user=personas.alva)
    lev = client_for(personas.lev)
    url = f"/followup/portal/cases/{step3_case.uuid}/"
    for page in (lev.get(url), lev.get("/followup/portal/")):
        body = page.content.decode()
        for hint in ("Revisionsbyrån", "PASSPORTS-HELD", "Platsrevision", "On-site audit"):
            assert hint not in body, hint
    assert lev.get(f"/followup/audits/{audit.uuid}/").status_code == 404
    actions.report_site_audit(acting_user=personas.alva, audit=audit, worker_interviews=12)
    body = lev.get(url).content.decode()
    assert "PASSPORTS-HELD" in body and "Platsrevision" in body


def test_announced_audit_shows_as_before(personas, step3_case, client_for):
    _audit(personas, step3_case, "announced")
    body = client_for(personas.lev).get(f"/followup/portal/cases/{step3_case.uuid}/").content.decode()
    assert "Revisionsbyrån" in body and "Platsrevision" in body


def test_uploaded_files_are_never_served_from_the_media_folder(personas, rich_document, client_for):
    from django.conf import settings
    from django.urls import Resolver404, resolve

    with pytest.raises(Resolver404):
        resolve(f"/{settings.MEDIA_URL}{rich_document.file.name}")
    assert client_for(None).get(f"/{settings.MEDIA_URL}{rich_document.file.name}").status_code == 404
    assert client_for(personas.lisa).get(f"/followup/documents/{rich_document.uuid}/").status_code == 404
    assert client_for(personas.stina).get(f"/followup/documents/{rich_document.uuid}/").status_code == 200


@pytest.fixture
def rich_document(personas, step2_case):
    from django.core.files.uploadedfile import SimpleUploadedFile

    finding = factories.deviation(personas, step2_case)
    action = factories.corrective_action(personas, finding, deadline=TODAY())
    actions.respond_to_action(
        acting_user=personas.lev,
        action=action,
        response="Done",
        uploaded=SimpleUploadedFile("evidence.pdf", b"%PDF-1.4 evidence"),
    )
    return action.evidence.get()


@pytest.mark.parametrize("ends_on", ["9999-12-31", "0001-01-01"])
def test_a_call_off_stop_end_outside_any_sensible_date_is_refused(
    personas, case_a, contract_a, client_for, ends_on
):
    stop = _penalty(
        personas, case_a, contract_a, kind="call_off_stop", stop_starts_on=TODAY() - timedelta(days=5)
    )
    response = client_for(personas.stina).post(
        f"/followup/sanctions/{stop.uuid}/stop-end/", {"ends_on": ends_on}
    )
    assert response.status_code == 302
    stop.refresh_from_db()
    assert stop.stop_ends_on is None
