"""Answer once for all regions at national scale: the send-out and the supplier's portal.

1. The national send-out: `--suppliers` suppliers (default 2,000), each with a 2024-clause contract
   owned by all 21 regions. The secretariat starts the joint cases of the category and sends step 1
   (`start_cases_for_category` + `send_self_assessments`): one request per supplier, never one per
   region. Half the suppliers have a portal account; the other half only a named due-diligence
   contact, who gets an account and an invitation to choose a password. Then one region starts
   its own case for every supplier and sends: every case must join the open request (no new
   request, no new e-mail). Reported: time, SQL statements, requests, invitations and e-mails.
2. The supplier portal with a heavy history: one supplier with `--documents` library documents
   (default 50) linked from its answers and `--versions` answer versions (default 5, the last a
   draft with an open request). Reported: median time and SQL statements of the request page, the
   latest submitted version and the library, next to the same pages with 5 documents and 1 version.

    python -m bench.answer_once [--suppliers 2000] [--documents 50] [--versions 5] [--runs 5]
                                [--database-url URL]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database_url: str | None) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="kedja-bench-answer-once-"))
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kedja.settings_test")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.conf import settings
    from django.test.utils import setup_test_environment

    settings.MEDIA_ROOT = workdir / "media"
    setup_test_environment()  # the test Client's host, in-memory e-mail
    import logging

    logging.getLogger("django.tasks").setLevel(logging.WARNING)


class QueryCounter:
    """Counts the SQL statements run inside the block (works whatever the DEBUG setting)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def counted(call):
    from django.db import connection

    counter = QueryCounter()
    start = time.perf_counter()
    with connection.execute_wrapper(counter):
        result = call()
    return result, time.perf_counter() - start, counter.count


def prepare() -> dict:
    from django.core.management import call_command

    from kedja.followup import actions
    from kedja.organisations.models import Membership, Organisation, OrganisationKind, Role, User
    from kedja.reference.models import Category, RequirementDocument
    from kedja.reference.testing import load_test_reference

    call_command("migrate", verbosity=0)
    load_test_reference()
    secretariat = Organisation.objects.get(kind=OrganisationKind.SECRETARIAT)
    people = {}
    for key, org, role in (
        ("secretariat", secretariat, Role.SECRETARIAT_STAFF),
        ("skane", Organisation.objects.get(slug="region-skane"), Role.STRATEGIST),
    ):
        user = User.objects.create_user(f"{key}@bench.test", "bench-password", full_name=key.title())
        Membership.objects.create(user=user, organisation=org, role=role)
        people[key] = user
    clause = RequirementDocument.objects.get(key="clause-2024")
    questionnaire = actions.build_questionnaire(acting_user=people["secretariat"], clause=clause)
    category = Category.objects.order_by("pk").first()
    return {"people": people, "clause": clause, "questionnaire": questionnaire, "category": category}


def national_suppliers(env: dict, count: int) -> None:
    """`count` suppliers, each with one contract in the category owned by all 21 regions; even ones
    have a portal account, odd ones only a named due-diligence contact."""
    from kedja.contracts.models import Contract, SupplierContact, search_text_of
    from kedja.organisations.models import Membership, Organisation, OrganisationKind, Role, User

    regions = list(Organisation.objects.filter(kind=OrganisationKind.REGION))
    suppliers = Organisation.objects.bulk_create(
        Organisation(kind=OrganisationKind.SUPPLIER, name=f"Leverantör {n:05d} AB", slug=f"national-{n}")
        for n in range(count)
    )
    contracts = Contract.objects.bulk_create(
        Contract(
            reference=f"N-{s.pk}",
            title=f"Avtal {s.pk}",
            supplier=s,
            search_text=search_text_of(f"N-{s.pk}", f"Avtal {s.pk}", s.name),  # bulk_create skips save()
            category=env["category"],
            starts_on=date(2024, 1, 1),
            clause_version=env["clause"],
        )
        for s in suppliers
    )
    owners = Contract.owning_regions.through
    owners.objects.bulk_create(
        (owners(contract_id=c.pk, organisation_id=r.pk) for c in contracts for r in regions), batch_size=5000
    )
    with_account = suppliers[::2]
    users = User.objects.bulk_create(
        User(email=f"contact-{s.pk}@bench.test", full_name=f"Kontakt {s.pk}", password="!")
        for s in with_account
    )
    Membership.objects.bulk_create(
        Membership(user=u, organisation=s, role=Role.SUPPLIER_CONTACT)
        for u, s in zip(users, with_account, strict=True)
    )
    SupplierContact.objects.bulk_create(
        SupplierContact(supplier=s, name=f"Ansvarig {s.pk}", email=f"dd-{s.pk}@bench.test")
        for s in suppliers[1::2]
    )


def send_out(env: dict) -> list[tuple[str, float, int, dict]]:
    from django.core import mail
    from django.db import transaction
    from django.utils import timezone

    from kedja.followup import actions
    from kedja.followup.models import AnswerRequest, FollowUpCase, Invitation
    from kedja.organisations.models import Organisation

    deadline = timezone.localdate() + timedelta(days=30)
    sara, stina = env["people"]["secretariat"], env["people"]["skane"]
    rows = []

    def national():
        with transaction.atomic():
            cases = actions.start_cases_for_category(
                acting_user=sara, category=env["category"], year=timezone.localdate().year
            )
        # The e-mails go after commit, as in production: they are part of the measured time.
        return actions.send_self_assessments(acting_user=sara, cases=cases, deadline=deadline)

    (result, seconds, queries) = counted(national)
    rows.append(
        (
            "national send-out (start joint cases + send)",
            seconds,
            queries,
            {
                "cases": FollowUpCase.objects.count(),
                "requests": AnswerRequest.objects.count(),
                "invitations": Invitation.objects.count(),
                "accounts created": Invitation.objects.filter(created_account=True).count(),
                "e-mails": len(mail.outbox),
                "unreachable": len(result["unreachable"]),
            },
        )
    )
    skane = Organisation.objects.get(slug="region-skane")
    mails_before = len(mail.outbox)

    def regional():
        cases = []
        with transaction.atomic():
            for case in FollowUpCase.objects.select_related("supplier").order_by("pk"):
                contract = case.contracts.first()
                cases.append(
                    actions.start_case_from_contract(acting_user=stina, contract=contract, lead=skane)
                )
        return actions.send_self_assessments(acting_user=stina, cases=cases, deadline=deadline)

    (result, seconds, queries) = counted(regional)
    rows.append(
        (
            "one region's own cases for every supplier (join)",
            seconds,
            queries,
            {
                "cases": FollowUpCase.objects.count(),
                "requests": AnswerRequest.objects.count(),
                "new e-mails": len(mail.outbox) - mails_before,
            },
        )
    )
    return rows


def heavy_supplier(env: dict, *, name: str, documents: int, versions: int) -> dict:
    """A supplier with `versions` answer versions (the last a draft with an open request) whose
    document answers link `documents` library documents."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from kedja.contracts.models import Contract
    from kedja.followup import actions
    from kedja.followup.models import AnswerRequest, SelfAssessment
    from kedja.organisations.models import Membership, Organisation, OrganisationKind, Role, User
    from kedja.suppliers import actions as library

    supplier = Organisation.objects.create(kind=OrganisationKind.SUPPLIER, name=name, slug=name.lower())
    user = User.objects.create_user(f"{supplier.slug}@bench.test", "bench-password", full_name=name)
    Membership.objects.create(user=user, organisation=supplier, role=Role.SUPPLIER_CONTACT)
    contract = Contract.objects.create(
        reference=f"H-{supplier.pk}",
        title="Avtal",
        supplier=supplier,
        category=env["category"],
        starts_on=date(2024, 1, 1),
        clause_version=env["clause"],
    )
    contract.owning_regions.set(Organisation.objects.filter(kind=OrganisationKind.REGION)[:3])
    docs = [
        library.add_document(
            acting_user=user,
            supplier=supplier,
            uploaded=SimpleUploadedFile(f"d{n}.pdf", b"%PDF-1.4 bench", content_type="application/pdf"),
            title=f"Dokument {n}",
            kind="policy",
            valid_until=timezone.localdate() + timedelta(days=400),
        )
        for n in range(documents)
    ]
    sara = env["people"]["secretariat"]
    deadline = timezone.localdate() + timedelta(days=30)
    request = None
    for number in range(versions):
        case = actions.start_case_from_contract(acting_user=sara, contract=contract, lead=sara_lead())
        if number > 0:
            # Each version after the first: the earlier answer has expired, so a fresh one is asked.
            SelfAssessment.objects.filter(supplier=supplier).update(
                valid_until=timezone.localdate() - timedelta(days=1)
            )
        request = actions.send_self_assessment(acting_user=sara, case=case, deadline=deadline)
        sheet = request.self_assessment
        _answer(user, sheet, docs)
        if number < versions - 1:
            actions.submit_self_assessment(acting_user=user, sheet=sheet)
    latest = SelfAssessment.objects.filter(supplier=supplier, status="submitted").order_by("-number").first()
    return {"user": user, "request": AnswerRequest.objects.get(pk=request.pk), "latest": latest}


def sara_lead():
    from kedja.organisations.models import Organisation, OrganisationKind

    return Organisation.objects.get(kind=OrganisationKind.SECRETARIAT)


def _answer(user, sheet, docs) -> None:
    from kedja.followup import actions, answer_queries

    values = {}
    for q in sheet.questionnaire.questions.all():
        first = q.choices[0]["value"] if q.choices else None
        values[q.key] = {
            "yes_no": "yes",
            "text": "Rutinen tillämpas.",
            "number": "4",
            "date": "2024-03-15",
            "single": first,
            "multiple": [first] if first else None,
        }.get(q.qtype)
    actions.save_answers(acting_user=user, sheet=sheet, values={k: v for k, v in values.items() if v})
    document_questions = [q for q in answer_queries.visible_questions(sheet) if q.qtype == "document"]
    for n, question in enumerate(document_questions):
        share = docs[n :: len(document_questions)]
        if share:
            actions.link_documents(acting_user=user, sheet=sheet, question=question, documents=share)


def portal_pages(env: dict, runs: int, documents: int, versions: int) -> list[tuple[str, str, float, int]]:
    from django.test import Client

    rows = []
    for label, n_docs, n_versions in (
        ("small", 5, 1),
        ("heavy", documents, versions),
    ):
        data = heavy_supplier(env, name=f"Portal{label.title()}", documents=n_docs, versions=n_versions)
        client = Client()
        client.force_login(data["user"])
        urls = [
            ("request page (answer form)", f"/followup/portal/self-assessments/{data['request'].uuid}/"),
            ("document library", "/suppliers/library/"),
            ("portal home", "/followup/portal/"),
        ]
        if data["latest"] is not None:
            urls.append(("submitted version, read-only", f"/followup/portal/answers/{data['latest'].uuid}/"))
        for page, url in urls:
            times, queries = [], 0
            for _run in range(runs):
                (response, seconds, queries) = counted(lambda url=url, client=client: client.get(url))
                assert response.status_code == 200, (url, response.status_code)
                times.append(seconds)
            rows.append(
                (
                    f"{page} [{label}: {n_docs} documents, {n_versions} versions]",
                    url,
                    statistics.median(times),
                    queries,
                )
            )
    return rows


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suppliers", type=int, default=2000)
    parser.add_argument("--documents", type=int, default=50)
    parser.add_argument("--versions", type=int, default=5)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url")
    args = parser.parse_args(argv)
    setup_django(args.database_url)
    from django.db import connection

    env = prepare()
    print(f"Database: {connection.vendor}")
    national_suppliers(env, args.suppliers)
    print(f"\nNational send-out: {args.suppliers} suppliers × 21 regions")
    for label, seconds, queries, facts in send_out(env):
        print(
            f"  {label}: {seconds:.1f} s, {queries} SQL statements ({queries / args.suppliers:.1f} per supplier)"
        )
        print("    " + ", ".join(f"{k}: {v}" for k, v in facts.items()))
    print(f"\nSupplier portal (median of {args.runs} requests)")
    for page, _url, seconds, queries in portal_pages(env, args.runs, args.documents, args.versions):
        print(f"  {page}: {seconds * 1000:.0f} ms, {queries} SQL statements")


if __name__ == "__main__":
    main(sys.argv[1:])
