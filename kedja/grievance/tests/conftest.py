"""Fixtures of the grievance tests: a filed report, photos with GPS data, a supplier's site."""

import io

import pytest
from PIL import ExifTags, Image

from kedja.followup.tests import factories
from kedja.grievance import actions
from kedja.grievance.models import Credibility


def jpeg_with_gps() -> bytes:
    """A small JPEG photo carrying a camera make and a GPS position in its EXIF data."""
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = "ReporterPhone"
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (3.0, 8.0, 0.0)
    gps[ExifTags.GPS.GPSLongitudeRef] = "E"
    gps[ExifTags.GPS.GPSLongitude] = (101.0, 41.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", (64, 48), "teal").save(out, "JPEG", exif=exif)
    return out.getvalue()


def gps_of(data: bytes) -> dict:
    with Image.open(io.BytesIO(data)) as image:
        return dict(image.getexif().get_ifd(ExifTags.IFD.GPSInfo))


@pytest.fixture
def report(db):
    """A report about a glove factory in Malaysia, with contact details; returns (grievance, secret)."""
    return actions.submit_report(
        language="en",
        issue="forced_labour",
        description="Our passports are kept by the employer.",
        country=factories.country("MYS"),
        site_name="Glove Factory",
        place="Klang",
        contact="worker@example.org, +60 12 345 6789",
    )


@pytest.fixture
def grievance(report):
    return report[0]


@pytest.fixture
def glove_site(personas):
    return factories.site(personas.supplier_a, name="Glove Factory Sdn Bhd", confidential=True)


@pytest.fixture
def contract_a(personas):
    return factories.contract(personas.supplier_a, [personas.skane, personas.stockholm])


@pytest.fixture
def linked(personas, grievance, contract_a):
    """The report linked to supplier A's contract (and so to supplier A and its category)."""
    return actions.link(
        acting_user=personas.sara,
        grievance=grievance,
        suppliers=[],
        contracts=[contract_a],
        sites=[],
        categories=[],
    )


@pytest.fixture
def assessed(personas, linked):
    """The linked report assessed credible and severe."""
    return actions.assess(
        acting_user=personas.sara,
        grievance=linked,
        credibility=Credibility.CREDIBLE,
        risk_issue=linked.risk_issue,
        scale=5,
        scope_band=2,
        irremediability=4,
    )
