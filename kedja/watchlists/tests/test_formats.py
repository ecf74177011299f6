"""Each publisher's format is read into organisations; individuals are counted and skipped."""

from pathlib import Path

import pytest

from kedja.watchlists import formats
from kedja.watchlists.formats import ListFileError, Tally

DATA = Path(__file__).parent / "data"


def read(reader, name: str):
    tally = Tally()
    with (DATA / name).open("rb") as handle:
        return list(reader(handle, tally)), tally


def test_opensanctions_ftm_keeps_companies_and_organisations():
    entries, tally = read(formats.read_ftm, "entities.ftm.json")
    assert [e.entry_id for e in entries] == ["NK-hoshine-silicon", "ofac-27654", "ru-romashka"]
    hoshine = entries[0]
    assert hoshine.name == "Hoshine Silicon Industry Co., Ltd."
    assert "合盛硅业股份有限公司" in hoshine.aliases
    assert hoshine.countries == ["CHN"]
    assert hoshine.identifiers == ["913304007783099504"]
    assert entries[2].countries == ["RUS"] and entries[2].identifiers == ["7701234567"]
    assert tally.skipped_individuals == 1


def test_ofac_sdn_xml_reads_entities_with_akas_addresses_and_ids():
    entries, tally = read(formats.read_ofac_sdn, "sdn.xml")
    assert len(entries) == 1  # the individual and the vessel are not organisations
    xpcc = entries[0]
    assert (xpcc.entry_id, xpcc.name) == ("27654", "XINJIANG PRODUCTION AND CONSTRUCTION CORPS")
    assert xpcc.aliases == ["XPCC", "BINGTUAN"]
    assert xpcc.countries == ["CHN"]
    assert xpcc.identifiers == ["11650000MB1604100J"]
    assert "Urumqi" in xpcc.address and xpcc.programme == "GLOMAG"
    assert tally.skipped_individuals == 1


def test_eu_fsf_xml_reads_enterprises():
    entries, tally = read(formats.read_eu_fsf, "eu_fsf.xml")
    [romashka] = entries
    assert romashka.entry_id == "151206"
    assert romashka.name == "Romashka Limited Liability Company"
    assert romashka.aliases == ["ООО Ромашка"]
    assert romashka.countries == ["RUS"] and romashka.identifiers == ["1027700132195"]
    assert romashka.programme == "RUS" and romashka.listed_on == "2022-03-15"
    assert tally.skipped_individuals == 1


def test_un_consolidated_list_reads_entities():
    entries, tally = read(formats.read_un_sc, "un_consolidated.xml")
    [komid] = entries
    assert komid.name == "KOREA MINING DEVELOPMENT TRADING CORPORATION"
    assert komid.aliases == ["KOMID"] and komid.countries == ["PRK"] and komid.programme == "DPRK"
    assert tally.skipped_individuals == 1


def test_uflpa_cbp_and_secretariat_csv():
    uflpa, _ = read(formats.read_simple_csv, "uflpa_entity_list.csv")
    assert [e.name for e in uflpa][2] == "Ningbo Junhe Textile Co., Ltd."
    assert uflpa[0].countries == ["CHN"] and uflpa[0].listed_on == "2023-06-09"
    cbp, _ = read(formats.read_simple_csv, "cbp_wro.csv")
    assert cbp[1].name == "Top Glove Corporation Bhd" and cbp[1].countries == ["MYS"]
    assert cbp[1].programme == "Disposable gloves · Modified · Finding"
    own, _ = read(formats.read_simple_csv, "secretariat.csv")
    assert own[1].identifiers == ["556677-8899"] and own[1].countries == ["SWE"]


def test_the_content_hash_changes_only_with_the_content():
    entries, _ = read(formats.read_simple_csv, "uflpa_entity_list.csv")
    again, _ = read(formats.read_simple_csv, "uflpa_entity_list.csv")
    assert entries[0].content_hash() == again[0].content_hash()
    again[0].address = "New address"
    assert entries[0].content_hash() != again[0].content_hash()


@pytest.mark.parametrize(
    ("reader", "content", "message"),
    [
        (formats.read_ftm, b'{"id": "x", "schema": "Company"}\nnot json\n', "Line 2"),
        (formats.read_eu_fsf, b"<export><sanctionEntity>", "well-formed"),
        (formats.read_simple_csv, b"company;country\nAcme;Atlantis\n", "Row 2"),
        (formats.read_simple_csv, b"foo,bar\n1,2\n", "no column for the name"),
        # Saved in Excel's Western encoding, not UTF-8: refused, not a server error.
        (formats.read_ftm, b'{"id": "x", "schema": "Company"}\n' + "Åhléns\n".encode("cp1252"), "UTF-8"),
        (formats.read_simple_csv, "name;country\nÅhléns;SE\n".encode("cp1252"), "UTF-8"),
        (formats.read_simple_csv, "Åhléns\n".encode("cp1252"), "UTF-8"),
    ],
)
def test_broken_files_are_refused_with_where(tmp_path, reader, content, message):
    path = tmp_path / "list"
    path.write_bytes(content)
    with path.open("rb") as handle, pytest.raises(ListFileError, match=message):
        list(reader(handle, Tally()))


def test_xml_external_entities_are_not_resolved(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    path = tmp_path / "evil.xml"
    path.write_text(
        f'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file://{secret}">]>'
        "<CONSOLIDATED_LIST><ENTITIES><ENTITY><DATAID>1</DATAID><FIRST_NAME>&e;</FIRST_NAME></ENTITY>"
        "</ENTITIES></CONSOLIDATED_LIST>"
    )
    with path.open("rb") as handle:
        try:
            entries = list(formats.read_un_sc(handle, Tally()))
        except ListFileError:
            entries = []
    assert all("TOP SECRET" not in e.name for e in entries)
