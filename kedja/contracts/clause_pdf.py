"""A contract's filled-in clause as a PDF for the tender documents (WeasyPrint): the code of
conduct and the clause in the versions the contract is pinned to, with its parameters written
into the blanks, in the reader's language."""

from django.template.loader import render_to_string

from kedja.contracts.models import Contract
from kedja.reference.models import RequirementSection
from kedja.reference.queries import placeholders_in, requirements_by_section, requirements_of

PRINT_CSS = (
    "@page{size:A4;margin:20mm 18mm;@bottom-right{content:counter(page) ' / ' counter(pages);font-size:8pt}}"
    "body{font-family:sans-serif;font-size:10pt;color:#111;line-height:1.35}h1{font-size:17pt}"
    "h2{font-size:13pt;margin-top:1.4em}h3{font-size:11pt;margin-bottom:.2em}"
    "dl{display:grid;grid-template-columns:17em auto}dt{font-weight:bold}dd{margin:0 0 3px}"
    ".filled{background:#eef3fb;border-bottom:1px solid #2a4f8a;padding:0 2px}"
    ".muted{color:#444;font-size:8pt}.placeholder{color:#8a5a00;font-size:9pt;font-weight:normal}"
    ".notice{border:1px solid #8a5a00;padding:4px 8px}"
)


def clause_pdf(contract: Contract) -> bytes:
    from weasyprint import CSS, HTML

    clause = contract.clause_version
    coc = contract.code_of_conduct
    context = {
        "contract": contract,
        "clause": clause,
        "coc": coc,
        "commitments": requirements_of(coc) if coc else [],
        "sections": requirements_by_section(requirements_of(clause)),
        "placeholders": placeholders_in(clause, coc),
        "reporting": RequirementSection.REPORTING,
        "monitoring": RequirementSection.MONITORING,
        "sanctions": RequirementSection.SANCTIONS,
        "zero_tolerance": RequirementSection.ZERO_TOLERANCE,
    }
    html = render_to_string("contracts/clause_print.html", context)
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=PRINT_CSS)])
