"""Loading editions raises alerts for the case team only; decisions hold across loads."""

from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kedja.contracts.tests import factories
from kedja.organisations.queries import actor_for
from kedja.watchlists import actions, queries
from kedja.watchlists.models import Alert, AlertStatus, ListEdition, ScreeningRun

DATA = Path(__file__).parent / "data"
UFLPA_HEADER = "Entity Name,Country,Date Added,List\n"


def upload(name: str, content: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content if content is not None else (DATA / name).read_bytes())


def load(user, source: str, name: str, content: bytes | None = None, *, capture) -> ListEdition:
    with capture(execute=True):
        return actions.load_list_edition(
            acting_user=user, source=source, uploaded=upload(name, content), edition=""
        )


@pytest.fixture
def chain(personas):
    contract = factories.contract(personas)
    site = factories.site(
        personas,
        contract,
        legal_name="Ningbo Junhe Textile Company Limited",
        country=factories.country("CHN", "China"),
    )
    return contract, site


def test_loading_each_format_keeps_source_licence_and_hash(personas, django_capture_on_commit_callbacks):
    for source, name in [
        ("opensanctions", "entities.ftm.json"),
        ("ofac_sdn", "sdn.xml"),
        ("eu_fsf", "eu_fsf.xml"),
        ("un_sc", "un_consolidated.xml"),
        ("uflpa", "uflpa_entity_list.csv"),
        ("cbp_wro", "cbp_wro.csv"),
        ("secretariat", "secretariat.csv"),
    ]:
        edition = load(personas.sara, source, name, capture=django_capture_on_commit_callbacks)
        assert (
            edition.row_count > 0 and len(edition.sha256) == 64 and edition.licence and edition.attribution_en
        )
    assert ListEdition.objects.get(source="ofac_sdn").skipped_individuals == 1


def test_only_the_secretariat_loads_lists_and_a_file_is_loaded_once(
    personas, django_capture_on_commit_callbacks
):
    with pytest.raises(PermissionDenied):
        actions.load_list_edition(
            acting_user=personas.olle, source="uflpa", uploaded=upload("uflpa_entity_list.csv"), edition=""
        )
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    with pytest.raises(ValidationError, match="already been loaded"):
        load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)


def test_a_broken_file_changes_nothing(personas, django_capture_on_commit_callbacks):
    with pytest.raises(ValidationError):
        load(
            personas.sara,
            "eu_fsf",
            "eu.xml",
            b"<export><sanctionEntity logicalId='1'>",
            capture=django_capture_on_commit_callbacks,
        )
    with pytest.raises(ValidationError):
        load(personas.sara, "eu_fsf", "eu.csv", b"name\nAcme\n", capture=django_capture_on_commit_callbacks)
    assert not ListEdition.objects.exists()


def test_a_listed_confidential_site_alerts_its_case_team_only(
    personas, chain, django_capture_on_commit_callbacks
):
    contract, site = chain
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    alert = Alert.objects.get(site=site)
    assert alert.status == AlertStatus.OPEN and alert.score >= 88
    assert {r["code"] for r in alert.reasons} == {"name", "country"}
    assert ScreeningRun.objects.get().percent == 100
    for person in (personas.sara, personas.olle):
        assert list(queries.alerts_visible_to(actor_for(person))) == [alert]
    for person in (personas.vera, personas.stina, personas.lev, personas.lisa, personas.alva):
        assert not queries.alerts_visible_to(actor_for(person)).exists()


def test_alert_pages_refuse_everyone_outside_the_case_team(
    personas, chain, client_for, django_capture_on_commit_callbacks
):
    contract, site = chain
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    alert = Alert.objects.get(site=site)
    url = reverse("watchlists:alert_detail", args=[alert.uuid])
    assert site.legal_name in client_for(personas.olle).get(url).content.decode()
    for person in (personas.vera, personas.stina, personas.lev, personas.alva):
        assert client_for(person).get(url).status_code == 404
    listing = client_for(personas.vera).get(reverse("watchlists:alert_list")).content.decode()
    assert "Ningbo" not in listing
    response = client_for(personas.stina).post(url, {"decision": "dismiss", "note": "x"})
    assert response.status_code == 404 and Alert.objects.get().status == AlertStatus.OPEN


def test_a_dismissal_holds_until_the_entry_changes(personas, chain, django_capture_on_commit_callbacks):
    contract, site = chain
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    alert = Alert.objects.get(site=site)
    with pytest.raises(ValidationError):
        actions.decide_alert(acting_user=personas.olle, alert=alert, confirm=False, note="  ")
    actions.decide_alert(acting_user=personas.olle, alert=alert, confirm=False, note="Another Ningbo mill")
    same = (
        DATA / "uflpa_entity_list.csv"
    ).read_bytes() + b"Another Co.,China,2026-11-01,Section 2(d)(2)(B)(i)\n"
    load(personas.sara, "uflpa", "uflpa2.csv", same, capture=django_capture_on_commit_callbacks)
    assert list(Alert.objects.values_list("status", flat=True)) == [AlertStatus.DISMISSED]
    changed = (
        UFLPA_HEADER.encode() + b"Ningbo Junhe Textile Co. Ltd.,China,2026-11-20,Section 2(d)(2)(B)(iv)\n"
    )
    load(personas.sara, "uflpa", "uflpa3.csv", changed, capture=django_capture_on_commit_callbacks)
    assert Alert.objects.filter(site=site, status=AlertStatus.OPEN).count() == 1


def test_confirming_an_enforcement_listing_proposes_a_follow_up(
    personas, chain, django_capture_on_commit_callbacks
):
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    alert = actions.decide_alert(acting_user=personas.olle, alert=Alert.objects.get(), confirm=True, note="")
    assert alert.status == AlertStatus.CONFIRMED and alert.follow_up_proposed
    with pytest.raises(ValidationError):
        actions.decide_alert(acting_user=personas.olle, alert=alert, confirm=False, note="changed my mind")


def test_a_supplier_matched_by_organisation_number(personas, django_capture_on_commit_callbacks):
    factories.contract(personas)
    supplier = personas.supplier_a
    supplier.org_number = "556677-8899"
    supplier.save()
    load(personas.sara, "secretariat", "secretariat.csv", capture=django_capture_on_commit_callbacks)
    alert = Alert.objects.get(supplier=supplier)
    assert alert.score == 100 and any(r["code"] == "identifier" for r in alert.reasons)


def test_an_added_site_is_screened_in_the_background(personas, chain, django_capture_on_commit_callbacks):
    contract, _site = chain
    load(personas.sara, "cbp_wro", "cbp_wro.csv", capture=django_capture_on_commit_callbacks)
    with django_capture_on_commit_callbacks(execute=True):
        site = factories.site(personas, contract, legal_name="TOP GLOVE CORP. BHD.")
    assert Alert.objects.filter(site=site).exists()
    assert ScreeningRun.objects.filter(site_ids=[site.pk]).exists()


def test_dashboard_counts_open_alerts_by_list_country_and_category(
    personas, chain, django_capture_on_commit_callbacks
):
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    counts = queries.dashboard(actor_for(personas.olle))
    assert counts["list"] == [("UFLPA Entity List", 1)]
    assert counts["country"] == [("China", 1)]
    assert counts["category"] == [("Gloves", 1)]


def test_the_command_loads_a_file_from_disk(personas, django_capture_on_commit_callbacks):
    from django.core.management import CommandError, call_command

    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "load_watchlist", "un_sc", str(DATA / "un_consolidated.xml"), "--as", personas.sara.email
        )
    assert ListEdition.objects.get(source="un_sc").row_count == 1
    with pytest.raises(CommandError, match="may not load"):
        call_command(
            "load_watchlist", "uflpa", str(DATA / "uflpa_entity_list.csv"), "--as", personas.olle.email
        )


def test_a_new_alert_tells_the_case_team_once_by_e_mail_and_inbox(
    personas, chain, mailoutbox, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from kedja.notifications import inbox
    from kedja.notifications.models import Kind, Notification

    contract, site = chain
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    alert = Alert.objects.get(site=site)
    told = Notification.objects.filter(kind=Kind.WATCHLIST_ALERT)
    assert {n.recipient for n in told} == {personas.olle}  # the owning region's officer
    assert told.get().link == reverse("watchlists:alert_detail", args=[alert.uuid])
    assert [m.to for m in mailoutbox] == [[personas.olle.email]] and site.legal_name in mailoutbox[0].body

    def alert_section(person):
        sections = inbox.sections_for(actor_for(person), timezone.localdate())
        return {s.key: s for s in sections}.get("watchlist_alerts")

    assert alert_section(personas.olle).total == 1
    assert site.legal_name in alert_section(personas.olle).items[0].text
    assert alert_section(personas.sara).total == 1
    for person in (personas.vera, personas.lev, personas.stina, personas.alva):
        assert alert_section(person) is None or alert_section(person).total == 0
    # A later edition with the same entry is the same alert: nobody is told twice.
    same = (DATA / "uflpa_entity_list.csv").read_bytes() + b"Another Co.,China,2026-11-01,Section 2\n"
    load(personas.sara, "uflpa", "uflpa2.csv", same, capture=django_capture_on_commit_callbacks)
    assert told.count() == 1 and len(mailoutbox) == 1
    actions.decide_alert(acting_user=personas.olle, alert=alert, confirm=False, note="Another mill")
    assert alert_section(personas.olle).total == 0


def _forced_labour_item(contract, iso3: str):
    from datetime import date, timedelta

    from kedja.reference.models import PriorityPeriod
    from kedja.risk.models import AnalysisStage, RiskAnalysis, RiskItem

    today = date.today()
    period = PriorityPeriod.objects.create(
        name="Watch", starts_on=today - timedelta(days=30), ends_on=today + timedelta(days=300)
    )
    analysis = RiskAnalysis.objects.create(category=contract.category, period=period)
    stage = AnalysisStage.objects.create(analysis=analysis, stage="manufacturing")
    country = factories.country(iso3, iso3)
    ref = factories.reference_rows()

    def item(issue):
        return RiskItem.objects.create(
            analysis=analysis,
            stage=stage,
            country=country,
            issue=issue,
            scale=5,
            scope_band=3,
            irremediability=4,
        )

    return item(ref["forced_labour"]), item(ref["wages"])


def test_confirming_adds_evidence_to_the_risk_items_concerned(
    personas, chain, django_capture_on_commit_callbacks
):
    contract, site = chain
    forced, wages = _forced_labour_item(contract, "CHN")
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    alert = actions.decide_alert(acting_user=personas.olle, alert=Alert.objects.get(), confirm=True, note="")
    evidence = forced.evidence.get()
    assert evidence.kind == "wro" and evidence.is_open and evidence.supplier_specific
    assert "Ningbo Junhe Textile Co., Ltd." in evidence.source
    assert list(alert.evidence.all()) == [evidence]
    assert not wages.evidence.exists()  # an enforcement list speaks of forced labour only
    forced.refresh_from_db()
    assert forced.likelihood == 5  # open, credible, supplier-specific: raised to five


def test_the_proposed_follow_up_starts_only_when_the_case_team_accepts(
    personas, chain, django_capture_on_commit_callbacks, client_for
):
    from kedja.followup.models import FollowUpCase

    contract, site = chain
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    alert = Alert.objects.get()
    with pytest.raises(ValidationError):  # nothing proposed before a confirmation
        actions.accept_follow_up(acting_user=personas.olle, alert=alert)
    alert = actions.decide_alert(acting_user=personas.olle, alert=alert, confirm=True, note="Same mill")
    assert not FollowUpCase.objects.exists()  # proposed, not started
    accept = reverse("watchlists:accept_follow_up", args=[alert.uuid])
    for person in (personas.vera, personas.lev, personas.stina):
        assert client_for(person).post(accept).status_code == 404
    assert not FollowUpCase.objects.exists()
    page = client_for(personas.olle).get(reverse("watchlists:alert_detail", args=[alert.uuid]))
    assert accept in page.content.decode()
    assert client_for(personas.olle).post(accept).status_code == 302
    case = FollowUpCase.objects.get()
    assert case.supplier == site.supplier and case.lead_organisation == personas.stockholm
    assert list(case.contracts.all()) == [contract]
    alert.refresh_from_db()
    assert alert.follow_up_case == case
    with pytest.raises(ValidationError):
        actions.accept_follow_up(acting_user=personas.olle, alert=alert)
    assert FollowUpCase.objects.count() == 1


def test_a_listing_on_the_secretariats_own_list_proposes_no_follow_up(
    personas, django_capture_on_commit_callbacks
):
    factories.contract(personas)
    supplier = personas.supplier_a
    supplier.org_number = "556677-8899"
    supplier.save()
    load(personas.sara, "secretariat", "secretariat.csv", capture=django_capture_on_commit_callbacks)
    alert = actions.decide_alert(
        acting_user=personas.olle, alert=Alert.objects.get(supplier=supplier), confirm=True, note=""
    )
    assert alert.status == AlertStatus.CONFIRMED and not alert.follow_up_proposed
    with pytest.raises(ValidationError):
        actions.accept_follow_up(acting_user=personas.olle, alert=alert)


def test_the_inbox_section_costs_two_queries_whatever_the_alerts(
    personas, chain, django_capture_on_commit_callbacks, django_assert_num_queries
):
    from kedja.notifications import inbox

    contract, _site = chain
    china = factories.country("CHN", "China")
    for name in ("Hoshine Silicon Industry Co., Ltd.", "Xinjiang Zhongtai Group Company Limited"):
        factories.site(personas, contract, legal_name=name, country=china)
    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    actor = actor_for(personas.olle)
    with django_assert_num_queries(2):
        (section,) = inbox.read(actor, inbox.watchlist_sections(actor))
    assert section.total == Alert.objects.count() == 3


def test_a_screenings_reason_reads_in_the_readers_language(personas, django_capture_on_commit_callbacks):
    from django.utils import translation

    load(personas.sara, "uflpa", "uflpa_entity_list.csv", capture=django_capture_on_commit_callbacks)
    run = ScreeningRun.objects.get()
    assert run.reason_text.startswith("New edition: UFLPA Entity List ")
    with translation.override("sv"):
        assert run.reason_text.startswith("Ny utgåva: UFLPA-listan över företag")
