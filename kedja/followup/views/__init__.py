"""The follow-up's pages, one module per topic: cases, step 1, findings, office audit, site audits,
sanctions, summaries, documents, the dashboard, reuse, the supplier portal and the public pages."""
