"""The public summary as a PDF (WeasyPrint), in the reader's language, from the summary record only."""

from django.template.loader import render_to_string

from .models import PublishedSummary

# Kept here rather than in a <style> element: the same template rules as the web pages apply.
PRINT_CSS = (
    "@page{size:A4;margin:18mm 16mm}"
    "body{font-family:sans-serif;font-size:10pt;color:#111}h1{font-size:18pt}h2{font-size:13pt}"
    "table{border-collapse:collapse;width:100%}th,td{border:1px solid #999;padding:3px;text-align:left}"
    "dl{display:grid;grid-template-columns:14em auto}dt{font-weight:bold}dd{margin:0 0 2px}"
    ".badge{font-weight:bold}.muted{color:#444;font-size:8pt}"
)


def summary_pdf(summary: PublishedSummary) -> bytes:
    from weasyprint import CSS, HTML

    html = render_to_string("followup/public_summary_print.html", {"summary": summary, "print": True})
    return HTML(string=html).write_pdf(stylesheets=[CSS(string=PRINT_CSS)])
