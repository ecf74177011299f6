"""Reading each publisher's list file, streaming, into plain entries. Parsing only; actions write.

Each reader takes a binary file handle and yields `ParsedEntry` one at a time (JSON lines line by
line, XML with iterparse and each record cleared once read), so a list of any size is read in
constant memory. Only organisations are kept: individuals are counted and skipped, because Kedja
holds no person's name to screen (suppliers and production sites are organisations).

XML is read with the standard library's expat parser, which resolves no external entities and
refuses entity-expansion bombs (expat ≥ 2.4).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from xml.etree.ElementTree import Element, ParseError, iterparse

import pycountry
from django.utils.translation import gettext as _

# FollowTheMoney schemata that are organisations; Person, Vessel, Address, Sanction … are not.
FTM_ORGANISATIONS = frozenset({"Company", "Organization", "LegalEntity", "PublicBody"})
FTM_IDENTIFIERS = ("registrationNumber", "taxNumber", "innCode", "ogrnCode", "leiCode", "uscCode", "okpoCode")


class ListFileError(ValueError):
    """The file is not a list in the format chosen; the message says where and why."""


@dataclass
class ParsedEntry:
    entry_id: str
    name: str
    aliases: list[str] = field(default_factory=list)
    countries: list[str] = field(default_factory=list)  # ISO 3166-1 alpha-3
    identifiers: list[str] = field(default_factory=list)
    address: str = ""
    programme: str = ""
    listed_on: str = ""

    def content_hash(self) -> str:
        """What the entry says, hashed: a dismissal holds until the publisher changes the entry."""
        record = asdict(self)
        for key in ("aliases", "countries", "identifiers"):
            record[key] = sorted(record[key])
        return hashlib.sha256(json.dumps(record, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


@dataclass
class Tally:
    skipped_individuals: int = 0


SPECIAL_COUNTRIES = {"russia": "RUS", "iran": "IRN", "syria": "SYR", "north korea": "PRK", "laos": "LAO"}


def iso3(value: str) -> str:
    """ISO alpha-3 for an alpha-2 code, an alpha-3 code or an English country name; '' if unknown."""
    value = (value or "").strip()
    if not value:
        return ""
    if value.lower() in SPECIAL_COUNTRIES:
        return SPECIAL_COUNTRIES[value.lower()]
    country = None
    if len(value) == 2:
        country = pycountry.countries.get(alpha_2=value.upper())
    elif len(value) == 3:
        country = pycountry.countries.get(alpha_3=value.upper())
    if country is None:
        try:
            country = pycountry.countries.lookup(value)
        except LookupError:
            return ""
    return country.alpha_3


def _unique(values) -> list[str]:
    return list(dict.fromkeys(v.strip() for v in values if v and v.strip()))


# OpenSanctions: FollowTheMoney entities, one JSON object a line ------------------------------------


def _not_utf8() -> ListFileError:
    return ListFileError(_("The file is not UTF-8 text. Save it as UTF-8 and load it again."))


def _lines(text: io.TextIOWrapper) -> Iterator[str]:
    """The file's lines; a byte that is not UTF-8 (a list saved in Excel's encoding) refuses the
    file with a message instead of failing the load."""
    try:
        yield from text
    except UnicodeDecodeError:
        raise _not_utf8() from None


def read_ftm(handle, tally: Tally) -> Iterator[ParsedEntry]:
    for number, line in enumerate(_lines(io.TextIOWrapper(handle, encoding="utf-8")), start=1):
        if not line.strip():
            continue
        try:
            entity = json.loads(line)
        except json.JSONDecodeError:
            raise ListFileError(_("Line %(line)d is not a JSON object.") % {"line": number}) from None
        if not isinstance(entity, dict) or "schema" not in entity:
            raise ListFileError(_("Line %(line)d is not a FollowTheMoney entity.") % {"line": number})
        if entity["schema"] not in FTM_ORGANISATIONS:
            tally.skipped_individuals += entity["schema"] == "Person"
            continue
        props = entity.get("properties", {})
        names = _unique(props.get("name", []))
        if not names:
            continue
        yield ParsedEntry(
            entry_id=str(entity.get("id", "")),
            name=names[0],
            aliases=_unique(names[1:] + props.get("alias", []) + props.get("previousName", [])),
            countries=_unique(iso3(c) for c in props.get("country", []) + props.get("jurisdiction", [])),
            identifiers=_unique(v for key in FTM_IDENTIFIERS for v in props.get(key, [])),
            address=" / ".join(_unique(props.get("address", []))),
            programme=", ".join(_unique(props.get("program", []) + props.get("topics", []))),
            listed_on=(entity.get("first_seen") or "")[:10],
        )


# XML helpers ---------------------------------------------------------------------------------------


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _records(handle, record_tags: set[str]) -> Iterator[Element]:
    """Each complete element whose tag (without namespace) is in `record_tags`, then freed."""
    try:
        for _event, element in iterparse(handle, events=("end",)):
            if _local(element.tag) in record_tags:
                yield element
                element.clear()
    except ParseError as error:
        raise ListFileError(_("The file is not well-formed XML (%(error)s).") % {"error": error}) from None


def _children(element: Element, tag: str) -> Iterator[Element]:
    return (child for child in element.iter() if _local(child.tag) == tag)


def _text(element: Element, tag: str) -> str:
    found = next(_children(element, tag), None)
    return (found.text or "").strip() if found is not None else ""


def _texts(element: Element, tag: str) -> list[str]:
    return _unique(child.text or "" for child in _children(element, tag))


# OFAC SDN list (sdn.xml) -----------------------------------------------------------------------------


def read_ofac_sdn(handle, tally: Tally) -> Iterator[ParsedEntry]:
    for entry in _records(handle, {"sdnEntry"}):
        kind = _text(entry, "sdnType")
        if kind == "Individual":
            tally.skipped_individuals += 1
            continue
        if kind not in ("Entity", ""):
            continue  # vessels and aircraft
        akas = [_text(aka, "lastName") for aka in _children(entry, "aka")]
        addresses = list(_children(entry, "address"))
        yield ParsedEntry(
            entry_id=_text(entry, "uid"),
            name=_direct(entry, "lastName"),
            aliases=_unique(akas),
            countries=_unique(iso3(_text(a, "country")) for a in addresses),
            identifiers=_unique(_text(i, "idNumber") for i in _children(entry, "id")),
            address=" / ".join(_ofac_address(a) for a in addresses),
            programme=", ".join(_texts(entry, "program")),
        )


def _direct(element: Element, tag: str) -> str:
    """The text of a direct child (the entry's own lastName, not an alias's)."""
    found = next((c for c in element if _local(c.tag) == tag), None)
    return (found.text or "").strip() if found is not None else ""


def _ofac_address(address: Element) -> str:
    parts = ("address1", "address2", "address3", "city", "stateOrProvince", "postalCode", "country")
    return ", ".join(filter(None, (_text(address, part) for part in parts)))


# EU consolidated financial sanctions (FSF XML, `export`) ------------------------------------------------


def read_eu_fsf(handle, tally: Tally) -> Iterator[ParsedEntry]:
    for entity in _records(handle, {"sanctionEntity"}):
        subject = next(_children(entity, "subjectType"), None)
        if subject is not None and subject.get("code") == "person":
            tally.skipped_individuals += 1
            continue
        names = _unique(alias.get("wholeName", "") for alias in _children(entity, "nameAlias"))
        if not names:
            continue
        addresses = list(_children(entity, "address"))
        regulation = next(_children(entity, "regulation"), None)
        yield ParsedEntry(
            entry_id=entity.get("logicalId", ""),
            name=names[0],
            aliases=names[1:],
            countries=_unique(iso3(a.get("countryIso2Code", "")) for a in addresses),
            identifiers=_unique(i.get("number", "") for i in _children(entity, "identification")),
            address=" / ".join(_eu_address(a) for a in addresses),
            programme=regulation.get("programme", "") if regulation is not None else "",
            listed_on=regulation.get("publicationDate", "") if regulation is not None else "",
        )


def _eu_address(address: Element) -> str:
    parts = ("street", "poBox", "zipCode", "city", "region", "countryDescription")
    return ", ".join(filter(None, (address.get(part, "").strip() for part in parts)))


# UN Security Council consolidated list ---------------------------------------------------------------


def read_un_sc(handle, tally: Tally) -> Iterator[ParsedEntry]:
    for record in _records(handle, {"ENTITY", "INDIVIDUAL"}):
        if _local(record.tag) == "INDIVIDUAL":
            tally.skipped_individuals += 1
            continue
        addresses = list(_children(record, "ENTITY_ADDRESS"))
        yield ParsedEntry(
            entry_id=_text(record, "DATAID") or _text(record, "REFERENCE_NUMBER"),
            name=_text(record, "FIRST_NAME"),
            aliases=_unique(_text(a, "ALIAS_NAME") for a in _children(record, "ENTITY_ALIAS")),
            countries=_unique(iso3(_text(a, "COUNTRY")) for a in addresses),
            address=" / ".join(_un_address(a) for a in addresses),
            programme=_text(record, "UN_LIST_TYPE"),
            listed_on=_text(record, "LISTED_ON"),
        )


def _un_address(address: Element) -> str:
    parts = ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
    return ", ".join(filter(None, (_text(address, part) for part in parts)))


# Simple CSV lists: the secretariat's own, the UFLPA Entity List, CBP WROs and findings -----------------

CSV_COLUMNS = {
    "name": ("name", "entity name", "entity", "entity/merchandise", "company"),
    "country": ("country",),
    "identifier": ("identifier", "registration number", "organisation number"),
    "address": ("address",),
    "note": ("note", "list", "status", "type", "merchandise"),
    "date": ("date", "date added", "listed on"),
    "alias": ("alias", "aliases", "also known as"),
}


def read_simple_csv(handle, tally: Tally) -> Iterator[ParsedEntry]:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    reader = csv.reader(_lines(text), delimiter=_delimiter(text))
    header = [cell.strip().lower() for cell in next(reader, [])]
    columns = {
        key: next((header.index(n) for n in names if n in header), None) for key, names in CSV_COLUMNS.items()
    }
    notes = sorted(header.index(n) for n in CSV_COLUMNS["note"] if n in header)
    if columns["name"] is None:
        raise ListFileError(_("The file has no column for the name (name, entity name or entity)."))
    for number, row in enumerate(reader, start=2):

        def cell(key: str, row=row) -> str:
            position = columns[key]
            return row[position].strip() if position is not None and position < len(row) else ""

        if not cell("name"):
            continue
        country = cell("country")
        if country and not iso3(country):
            raise ListFileError(
                _("Row %(row)d: unknown country “%(country)s”.") % {"row": number, "country": country}
            )
        yield ParsedEntry(
            entry_id=f"{cell('name')}|{country}".casefold(),
            name=cell("name"),
            aliases=_unique(cell("alias").split(";")),
            countries=_unique([iso3(country)]),
            identifiers=_unique([cell("identifier")]),
            address=cell("address"),
            programme=" · ".join(row[p].strip() for p in notes if p < len(row) and row[p].strip()),
            listed_on=cell("date"),
        )


def _delimiter(text: io.TextIOWrapper) -> str:
    try:
        first = text.readline()
    except UnicodeDecodeError:
        raise _not_utf8() from None
    text.seek(0)
    return max((",", ";", "\t"), key=first.count)


Reader = Callable[..., Iterator[ParsedEntry]]
