"""Demo follow-up cases at every step, built through the actions (idempotent: safe to run twice).

Runs after `load_reference`, the organisation/user demo and the contracts demo. A case is
recognised by its supplier and its products text; existing cases are left alone.
"""

from datetime import timedelta
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone

from kedja.contracts.models import Contract, Site
from kedja.organisations.models import Organisation, User
from kedja.reference.models import Issue, Requirement, RequirementDocument

from . import actions, answer_queries, queries, reuse
from .models import FollowUpCase, Questionnaire, ReuseDecision


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n% Kedja demo document\n", content_type="application/pdf")


def _questionnaire(sara, key: str) -> Questionnaire | None:
    clause = RequirementDocument.objects.filter(key=key).first()
    if clause is None:
        return None
    existing = Questionnaire.objects.filter(clause_version=clause, is_active=True).first()
    return existing or actions.build_questionnaire(acting_user=sara, clause=clause)


def _answer_all(case: FollowUpCase, supplier_user, value: str = "yes") -> None:
    """Answer the case's request as the supplier: confirm a valid earlier answer, else answer all."""
    request = case.answer_request
    if request.kind == "confirm":
        actions.confirm_answer(acting_user=supplier_user, request=request)
        return
    sheet = request.self_assessment
    values = {}
    for q in sheet.questionnaire.questions.all():
        first = q.choices[0]["value"] if q.choices else None
        values[q.key] = {
            "yes_no": value,
            "text": "Rutinen tillämpas vid varje ny leverantör och följs upp kvartalsvis.",
            "number": "4",
            "date": "2024-03-15",
            "single": first,
            "multiple": [first] if first else None,
        }.get(q.qtype)
    actions.save_answers(
        acting_user=supplier_user, sheet=sheet, values={k: v for k, v in values.items() if v}
    )
    for q in answer_queries.visible_questions(sheet):
        if q.qtype == "document":
            actions.upload_answer_document(
                acting_user=supplier_user,
                sheet=sheet,
                question=q,
                uploaded=_pdf(f"{q.key}.pdf"),
                title=f"Rutinbeskrivning – {q.requirement.title_sv}" if q.requirement else q.key,
                kind="policy",
                issued_on=timezone.localdate() - timedelta(days=200),
            )
    actions.submit_self_assessment(acting_user=supplier_user, sheet=sheet)


def _through_step1(case, sara, supplier_user, questionnaire, *, recommendation: str, reason: str) -> None:
    actions.send_self_assessment(
        acting_user=sara,
        case=case,
        questionnaire=questionnaire,
        deadline=timezone.localdate() + timedelta(days=30),
    )
    _answer_all(case, supplier_user)
    case.refresh_from_db()
    ratings = {
        a.requirement_id: (a.proposal, "Underlag granskat av kansliet.")
        for a in case.self_assessment.assessments.all()
    }
    actions.assess_requirements(
        acting_user=sara, case=case, ratings=ratings, version=case.self_assessment.review_version
    )
    actions.conclude_step1(
        acting_user=sara, case=case, recommendation=recommendation, reason=reason, override_reason=reason
    )


def _contract_without_case(contract_ref: str, products: str) -> Contract | None:
    """The demo contract, unless it is missing or its supplier already has the case for `products`."""
    contract = Contract.objects.filter(reference=contract_ref).select_related("supplier").first()
    if (
        contract is None
        or FollowUpCase.objects.filter(supplier=contract.supplier, products=products).exists()
    ):
        return None
    return contract


def _start(sara, contract_ref: str, lead_slug: str, products: str) -> FollowUpCase | None:
    contract = _contract_without_case(contract_ref, products)
    if contract is None:
        return None
    lead = Organisation.objects.get(slug=lead_slug)
    return actions.start_case_from_contract(acting_user=sara, contract=contract, lead=lead, products=products)


def _assign_site_audit(sara, case, legal_name: str, *, announcement: str, starts_on, days: int, reason: str):
    """Assign the audit of the case's site `legal_name` to Alva's firm (None if the site is missing)."""
    site = Site.objects.filter(supplier=case.supplier, legal_name=legal_name).first()
    if site is None:
        return None
    return actions.assign_site_audit(
        acting_user=sara,
        case=case,
        site=site,
        audit_firm=Organisation.objects.get(slug="nordic-social-audit"),
        announcement=announcement,
        starts_on=starts_on,
        ends_on=starts_on + timedelta(days=days),
        reason=reason,
    )


def _audit_finding(alva, case, audit, issue_code: str, **fields):
    """A labour-rights finding Alva records at the site audit, on the issue `issue_code`."""
    return actions.record_finding(
        acting_user=alva,
        case=case,
        site_audit=audit,
        code_area="labour_rights",
        issue=Issue.objects.filter(code=issue_code).first(),
        **fields,
    )


def _gloves_red(sara, lev, alva, q) -> None:
    """Malaysian glove factory: recruitment fees found on site, repayment overdue → red."""
    case = _start(sara, "SLL-2023-0412", "region-stockholm", "Nitrilhandskar")
    if case is None:
        return
    _through_step1(case, sara, lev, q, recommendation="escalate", reason="Handskar är en högriskprodukt.")
    actions.escalate_to_step2(
        acting_user=sara, case=case, reason="Högriskprodukt med migrantarbetare.", product="Nitrilhandskar"
    )
    actions.open_office_audit(acting_user=sara, case=case, product="Nitrilhandskar")
    actions.record_interview(
        acting_user=sara,
        audit=case.office_audit,
        held_on=timezone.localdate() - timedelta(days=90),
        role="worker_rep",
        notes="Arbetstagarrepresentant beskrev avgifter till rekryteringsbyrå.",
    )
    actions.conclude_office_audit(
        acting_user=sara,
        case=case,
        outcome="escalate",
        reason="Tecken på rekryteringsavgifter hos underleverantör i Malaysia.",
    )
    audit = _assign_site_audit(
        sara,
        case,
        "Klang Nitrile Products Sdn Bhd",
        announcement="semi",
        starts_on=timezone.localdate() - timedelta(days=80),
        days=2,
        reason="Migrantarbetare från Nepal och Bangladesh i doppning och strippning.",
    )
    if audit is None:
        return
    actions.report_site_audit(acting_user=alva, audit=audit, worker_interviews=38)
    fees = _audit_finding(
        alva,
        case,
        audit,
        "recruitment_fees",
        kind="deviation",
        title="Arbetstagare har betalat rekryteringsavgifter",
        description="Intervjuade migrantarbetare har betalat 1–3 månadslöner i avgifter till rekryteringsbyråer.",
        confidential_details="Uppgifter från namngivna intervjupersoner finns i revisionsrapporten.",
        scope_band=3,
        vulnerable_groups=True,
        supplier_involvement="linked",
        buyer_involvement="linked",
    )
    _audit_finding(
        alva, case, audit, "working_hours", kind="observation", title="Övertidsregistrering ofullständig"
    )
    actions.add_corrective_action(
        acting_user=sara,
        finding=fees,
        description="Återbetala rekryteringsavgifterna till alla berörda arbetstagare.",
        owner="HR-chef, Klang Nitrile",
        deadline=timezone.localdate() - timedelta(days=14),
        required_evidence="Bankutdrag och kvitterade listor",
        verification_method="visit",
    )
    actions.add_corrective_action(
        acting_user=sara,
        finding=fees,
        description="Inför en policy om nollavgifter för rekrytering (Employer Pays).",
        owner="Hållbarhetschef, MediSupply",
        deadline=timezone.localdate() + timedelta(days=45),
    )
    actions.record_remediation(
        acting_user=sara,
        finding=fees,
        affected_group="Migrantarbetare i doppning och strippning",
        people_affected=142,
        description="Återbetalning av rekryteringsavgifter",
        amount=1_150_000,
        currency="MYR",
        rights_holders_consulted=True,
        deadline=timezone.localdate() - timedelta(days=14),
    )
    _passports_plan(case, audit, sara, lev, alva)
    actions.start_corrective_action(acting_user=sara, case=case)


def _passports_plan(case, audit, sara, lev, alva) -> None:
    """A deviation the supplier contributed to: its own plan awaits the buyer's review, and remedy
    is asked of it (where it is only linked, as for the fees above, the buyer uses leverage)."""
    passports = _audit_finding(
        alva,
        case,
        audit,
        "forced_labour",
        kind="deviation",
        title="Arbetsgivaren förvarar arbetstagarnas pass",
        description="Pass förvaras i ett låst kassaskåp hos rekryteringsbyrån på fabriken.",
        scope_band=2,
        vulnerable_groups=True,
        supplier_involvement="contribute",
        buyer_involvement="linked",
    )
    actions.propose_plan(
        acting_user=lev,
        finding=passports,
        root_cause="Vi krävde inte i avtalet med fabriken att passen ska förvaras av arbetstagarna själva.",
        actions=[
            {
                "description": "Lämna tillbaka alla pass och ge varje arbetstagare ett eget låsbart skåp.",
                "owner": "Fabrikschef, Klang Nitrile",
                "deadline": (timezone.localdate() + timedelta(days=30)).isoformat(),
                "evidence": "Kvitterad lista över återlämnade pass och foton av skåpen",
            }
        ],
    )
    actions.record_remediation(
        acting_user=sara,
        finding=passports,
        affected_group="Migrantarbetare vars pass hölls inne",
        people_affected=60,
        description="Ersättning för den tid passen hölls inne",
        rights_holders_consulted=True,
        deadline=timezone.localdate() + timedelta(days=60),
    )


def _joint_split(sara) -> None:
    """The gloves case is joint (Stockholm leads, Uppsala takes part): who does what, who pays what."""
    case = FollowUpCase.objects.filter(products="Nitrilhandskar").first()
    if case is None or case.joint_tasks.exists():
        return
    stockholm, uppsala = (Organisation.objects.get(slug=s) for s in ("region-stockholm", "region-uppsala"))
    today = timezone.localdate()
    for region, description, who, days, done in (
        (stockholm, "Leda kontorsrevisionen och intervjuerna", "Olle Berg", -60, True),
        (
            uppsala,
            "Granska leverantörens åtgärdsplan för rekryteringsavgifterna",
            "Uppsalas strateg",
            30,
            False,
        ),
        (stockholm, "Följa upp återbetalningen till arbetstagarna", "Olle Berg", 60, False),
    ):
        task = actions.add_joint_task(
            acting_user=sara,
            case=case,
            region=region,
            description=description,
            responsible=who,
            due_on=today + timedelta(days=days),
        )
        if done:
            actions.set_joint_task_done(acting_user=sara, task=task, done=True)
    actions.set_cost_split(
        acting_user=sara, case=case, kind="percent", values={stockholm: Decimal(70), uppsala: Decimal(30)}
    )


def _instruments_step3(sara, q) -> None:
    """Sialkot instruments: direct entry at step 2, then an on-site audit assigned to Alva's firm."""
    contract = _contract_without_case("VGR-2024-1130", "Vårdinstrument")
    if contract is None or not queries.has_passed_step1(contract.supplier):
        return
    case = actions.start_case_at_step2(
        acting_user=sara,
        supplier=contract.supplier,
        lead=Organisation.objects.get(slug="vastra-gotalandsregionen"),
        products="Vårdinstrument",
        reason="Ny produkt; leverantören har redan genomgått steg 1.",
        contracts=[contract],
    )
    actions.open_office_audit(acting_user=sara, case=case, product="Vårdinstrument")
    actions.conclude_office_audit(
        acting_user=sara,
        case=case,
        outcome="escalate",
        reason="Smide och polering läggs ut på små verkstäder i Sialkot.",
    )
    _assign_site_audit(
        sara,
        case,
        "Sialkot Precision Instruments (Pvt) Ltd",
        announcement="unannounced",
        starts_on=timezone.localdate() + timedelta(days=21),
        days=1,
        reason="Risk för barnarbete och farligt arbete i underleverantörernas verkstäder.",
    )


def _textiles_green(sara, lisa, q) -> None:
    """Textilia laundry: step 1 only, a positive observation, closed green with a published summary."""
    case = _start(sara, "RS-2022-0310", "region-skane", "Patientkläder och arbetskläder")
    if case is None:
        return
    _through_step1(case, sara, lisa, q, recommendation="close", reason="Systematiskt arbete på plats.")
    actions.record_finding(
        acting_user=sara,
        case=case,
        kind="positive",
        title="Klagomålsmekanism nåbar i hela kedjan",
        requirement=Requirement.objects.filter(document__key="clause-2024", key="pr6-grievance").first(),
    )
    actions.close_case(acting_user=sara, case=case)
    summary = actions.prepare_summary(
        acting_user=sara,
        case=case,
        text_sv="Självskattningen visade ett väl förankrat systematiskt arbete. Inga avvikelser.",
        text_en="The self-assessment showed well-established systematic work. No deviations.",
    )
    if summary.comment_open:
        actions.comment_on_summary(
            acting_user=lisa, summary=summary, comment="Vi har inga invändningar mot sammanfattningen."
        )
    actions.publish_summary(acting_user=sara, summary=summary)


def _early_cases(sara, lisa, q) -> None:
    """A textiles self-assessment awaiting Lisa's answers, a submitted one and a draft."""
    case = _start(sara, "SLL-2019-0077", "region-stockholm", "Operationstextilier")
    if case is not None and q is not None:
        questionnaire = _questionnaire(sara, case.contracts.first().clause_version.key) or q
        actions.send_self_assessment(
            acting_user=sara,
            case=case,
            questionnaire=questionnaire,
            deadline=timezone.localdate() + timedelta(days=6),
        )
    wound = _start(sara, "RS-2024-0087", "region-skane", "Förband och sårvård")
    if wound is not None:
        actions.send_self_assessment(
            acting_user=sara, case=wound, questionnaire=q, deadline=timezone.localdate() + timedelta(days=20)
        )
        _answer_all(wound, _user("lev@medisupply.demo"))
    _start(sara, "SLL-2024-0220", "region-stockholm", "Bärbara datorer")


def _reuse(olle) -> None:
    """Region Stockholm decides to reuse Skåne's published textiles result (once)."""
    source = FollowUpCase.objects.filter(products="Patientkläder och arbetskläder", status="closed").first()
    stockholm = Organisation.objects.filter(slug="region-stockholm").first()
    if source is None or stockholm is None or ReuseDecision.objects.filter(source_case=source).exists():
        return
    case = reuse.annotated_case(source)
    verdict = reuse.verdict_for(case, needed_level="advanced_2024", needed_step=1, today=timezone.localdate())
    actions.decide_reuse(
        acting_user=olle,
        source_case=source,
        decided_for=stockholm,
        decision="accepted" if verdict.qualifies else "rejected",
        needed_level="advanced_2024",
        needed_step=1,
        reason="Självskattningen räcker för våra arbetskläder."
        if verdict.qualifies
        else "Uppfyller inte villkoren för återanvändning.",
    )


@transaction.atomic
def load() -> None:
    sara = _user("sara@kansliet.demo")
    q = _questionnaire(sara, "clause-2024")
    if q is None:
        return
    _questionnaire(sara, "terms-2013")
    lev, lisa, alva = (
        _user("lev@medisupply.demo"),
        _user("lisa@textilia.demo"),
        _user("alva@auditpartner.demo"),
    )
    _gloves_red(sara, lev, alva, q)
    _joint_split(sara)
    _instruments_step3(sara, q)
    _textiles_green(sara, lisa, q)
    # Before the early cases: an accepted reuse closes the deciding region's cases still waiting
    # on the supplier, and the demo keeps Stockholm's textiles request open.
    _reuse(_user("olle@stockholm.demo"))
    _early_cases(sara, lisa, q)
