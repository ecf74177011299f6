"""Filters that show the risk app's keys by name in the reader's language (kedja.risk.labels)."""

from django import template

from kedja.risk import labels

register = template.Library()
register.filter("good_name", labels.good_name)
register.filter("sector_name", labels.sector_name)
register.filter("level_name", labels.level_name)
register.filter("reason_name", labels.reason_name)
register.filter("stage_name", labels.stage_name)
register.filter("dataset_name", labels.dataset_name)
register.filter("evidence_name", labels.evidence_name)
register.filter("source_name", labels.source_name)
register.filter("named", labels.named)
register.filter("proposal_why", labels.proposal_why)
