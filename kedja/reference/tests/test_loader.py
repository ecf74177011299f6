"""load_reference: idempotent on the real files, all-or-nothing on malformed ones."""

import shutil

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from kedja.organisations.models import AreaMembership, Organisation, OrganisationKind, ProcurementArea
from kedja.reference.loaders import ReferenceDataError, load_all
from kedja.reference.models import (
    Category,
    CategoryCpvPrefix,
    CategoryResponsibility,
    Country,
    CpvCode,
    IloConvention,
    Issue,
    PriorityPeriod,
    Requirement,
    RequirementDocument,
)
from kedja.reference.testing import load_test_reference

MODELS = [
    ProcurementArea,
    Organisation,
    AreaMembership,
    Country,
    CpvCode,
    Category,
    CategoryCpvPrefix,
    PriorityPeriod,
    CategoryResponsibility,
    IloConvention,
    Issue,
    RequirementDocument,
    Requirement,
]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_full_load_twice_gives_the_same_counts(capsys):
    call_command("load_reference")
    first = counts()
    call_command("load_reference")
    assert counts() == first
    assert first["CpvCode"] == 9454
    assert first["ProcurementArea"] == 8
    assert Organisation.objects.filter(kind=OrganisationKind.REGION).count() == 21
    assert first["Category"] == 20 and first["CategoryCpvPrefix"] == 88
    assert first["Issue"] == 22 and first["IloConvention"] == 22
    assert CpvCode.objects.get(code="33141420").parent.code == "33141400"
    # A gap in CPV 2008 (39250000 is not a code) links to the nearest code above.
    assert CpvCode.objects.get(code="39254000").parent.code == "39200000"
    assert "cpv" in capsys.readouterr().out


def test_regions_secretariat_and_memberships(reference):
    secretariat = Organisation.objects.get(slug="kansliet")
    assert secretariat.kind == OrganisationKind.SECRETARIAT
    assert secretariat.name == "Regionernas kansli för hållbar upphandling"
    vgr = Organisation.objects.get(slug="vastra-gotalandsregionen")
    assert vgr.kind == OrganisationKind.REGION and vgr.code == "SE-O"
    membership = AreaMembership.objects.get(organisation=vgr)
    assert membership.area.letter == "E" and str(membership.valid_from) == "2023-01-01"
    assert AreaMembership.objects.filter(organisation__kind=OrganisationKind.REGION).count() == 21


def test_regions_made_by_personas_are_updated_not_duplicated(personas):
    load_test_reference()
    assert Organisation.objects.filter(code="SE-AB").count() == 1
    assert Organisation.objects.get(code="SE-AB") == personas.stockholm
    # The persona membership since 2020 already covers 2023; no second one is added.
    assert AreaMembership.objects.filter(organisation=personas.stockholm).count() == 1


def test_countries_have_swedish_names_taiwan_and_kosovo(reference):
    assert Country.objects.get(iso3="SWE").name_sv == "Sverige"
    assert Country.objects.get(iso3="TWN").name_en == "Taiwan"
    assert Country.objects.get(iso3="XKX").name_sv == "Kosovo"
    assert Country.objects.count() == 250


def test_sub_category_inherits_parent_priority(reference):
    period = PriorityPeriod.objects.get(name="2023–2025")
    gloves = CategoryResponsibility.objects.get(period=period, category__slug="gloves")
    furniture = CategoryResponsibility.objects.get(period=period, category__slug="furniture")
    assert gloves.prioritised and gloves.area.letter == "F"
    assert not furniture.prioritised and furniture.area is None


def test_clause_versions_and_mapping(reference):
    clause = RequirementDocument.objects.get(key="clause-2024")
    keys = set(clause.requirements.values_list("key", flat=True))
    assert {
        "pr1-policies",
        "pr5-unknown",
        "pr7-remediation",
        "reporting",
        "traceability",
        "sanctions",
    } <= keys
    assert clause.requirements.get(key="pr5-unknown").is_placeholder
    r4 = Requirement.objects.get(document__key="terms-2013", key="r4-passing-on")
    assert list(r4.corresponds_to.values_list("key", flat=True)) == ["pr4-linked"]
    labour = Requirement.objects.get(document__key="code-of-conduct-2024", key="coc-labour-rights")
    assert labour.ilo_conventions.count() == 11


def test_edited_requirement_text_survives_a_reload(reference, personas):
    from kedja.reference.actions import edit_requirement_text

    pr5 = Requirement.objects.get(key="pr5-unknown")
    pr5 = edit_requirement_text(
        acting_user=personas.sara,
        requirement=pr5,
        title_sv="Uppföljning",
        title_en="Tracking",
        text_sv="Ny text",
        text_en="New text",
        is_placeholder=False,
    )
    load_test_reference()
    pr5.refresh_from_db()
    assert pr5.text_en == "New text" and not pr5.is_placeholder


def _copy_data(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(settings.KEDJA_DATA_DIR / "reference", target / "reference")
    return target


@pytest.mark.parametrize(
    ("filename", "old", "new", "message"),
    [
        ("categories.csv", "33169;331622", "33169;3316x", "CPV prefix '3316x'"),
        ("categories.csv", ",A,true,current", ",A,yes,current", "prioritised_2023_2025 must be 'true'"),
        ("issues.csv", "C029;P029;C105", "C029;C999", "unknown ILO instrument(s) C999"),
        ("issues.csv", ",true,5,4,FL", ",true,9,4,FL", "default_scale must be a whole number"),
        ("regions.csv", ",region,C,", ",region,Z,", "unknown procurement area 'Z'"),
    ],
)
def test_malformed_file_is_refused_and_nothing_changes(reference, tmp_path, filename, old, new, message):
    data = _copy_data(tmp_path)
    path = data / "reference" / filename
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    Category.objects.filter(slug="food").update(name_en="changed before")
    before = counts()
    with pytest.raises(ReferenceDataError, match=message.replace("(", r"\(").replace(")", r"\)")):
        load_all(data, cpv_rows=[])
    assert counts() == before
    assert Category.objects.get(slug="food").name_en == "changed before"


def test_command_reports_a_missing_file(db, tmp_path):
    with pytest.raises(CommandError, match="procurement_areas.csv: file not found"):
        call_command("load_reference", data_dir=str(tmp_path))


def test_wrong_header_is_refused(db, tmp_path):
    data = _copy_data(tmp_path)
    (data / "reference" / "procurement_areas.csv").write_text("letter,name\nA,x\n", encoding="utf-8")
    with pytest.raises(ReferenceDataError, match="missing column"):
        load_all(data, cpv_rows=[])
