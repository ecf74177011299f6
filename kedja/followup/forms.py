"""Forms of the follow-up. They only collect input; the actions hold the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kedja.contracts.models import Contract, Site, SiteType
from kedja.core import bounds
from kedja.core.forms import ModelMultipleChoiceField
from kedja.organisations.models import Organisation, OrganisationKind
from kedja.reference.models import Category, ClauseLevel, CodeArea, Country, Issue, Requirement

from .models import (
    Announcement,
    CostBearer,
    CostSplitKind,
    FindingKind,
    FollowUpCase,
    IntervieweeRole,
    Involvement,
    QuestionType,
    Rating,
    Recommendation,
    RemediationStatus,
    ReuseDecisionKind,
    SanctionGround,
    SanctionKind,
    VerificationMethod,
)


class DateInput(forms.DateInput):
    input_type = "date"


class StartCaseForm(forms.Form):
    lead = forms.ModelChoiceField(Organisation.objects.none(), label=_("Lead organisation"))
    products = forms.CharField(label=_("Products in scope"), max_length=300, required=False)
    cost_bearer = forms.ChoiceField(
        label=_("Cost bearer"), choices=[("", _("Default"))] + CostBearer.choices, required=False
    )
    join = forms.ModelChoiceField(
        FollowUpCase.objects.none(),
        label=_("This supplier already has an open case: join it"),
        required=False,
        empty_label=_("No, start a new case"),
    )
    entry_step2 = forms.BooleanField(label=_("Enter directly at step 2"), required=False)
    reason = forms.CharField(
        label=_("Reason (for direct entry at step 2)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    def __init__(self, *args, leads, open_cases=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead"].queryset = leads
        if open_cases:
            # Joining the open case is the default: a second case would ask the supplier twice.
            self.fields["join"].queryset = FollowUpCase.objects.filter(pk__in=[c.pk for c in open_cases])
            self.fields["join"].initial = open_cases[0].pk
        else:
            del self.fields["join"]


class BulkStartForm(forms.Form):
    category = forms.ModelChoiceField(Category.objects.all(), label=_("Category"))
    year = forms.IntegerField(label=_("Year"), min_value=2010, max_value=2100)
    deadline = forms.DateField(
        label=_("Deadline for the self-assessment (empty: start the cases only)"),
        widget=DateInput,
        required=False,
        validators=bounds.EVENT_DATE.validators,
    )


class SendForm(forms.Form):
    """The questionnaire follows from the clause version of the contracts in scope."""

    deadline = forms.DateField(label=_("Deadline"), widget=DateInput, validators=bounds.EVENT_DATE.validators)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class EscalateForm(ReasonForm):
    product = forms.CharField(label=_("Product"), max_length=300)


class OutcomeForm(ReasonForm):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=[("close", _("Close")), ("escalate", _("Escalate to the next step"))]
    )


class Step1OutcomeForm(ReasonForm):
    """The conclusion of step 1, its outcome preset to Kedja's suggestion."""

    outcome = forms.ChoiceField(label=_("Outcome"), choices=Recommendation.choices)
    override_reason = forms.CharField(
        label=_("Why not as Kedja suggests (when you choose otherwise)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    field_order = ["outcome", "reason", "override_reason"]


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Internal note"), widget=forms.Textarea(attrs={"rows": 2}))


def assessment_form(assessments, version: int, data=None) -> forms.Form:
    """One rating and one comment field per requirement, prefilled with Kedja's proposal, and the
    review version the reviewer starts from (the action refuses a save made after someone else's)."""
    form = forms.Form(data)
    form.fields["version"] = forms.IntegerField(widget=forms.HiddenInput, initial=version, min_value=0)
    for row in assessments:
        form.fields[f"rating_{row.requirement_id}"] = forms.ChoiceField(
            label=str(row.requirement), choices=Rating.choices, initial=row.rating or row.proposal
        )
        form.fields[f"comment_{row.requirement_id}"] = forms.CharField(
            label=_("Comment on %(requirement)s") % {"requirement": row.requirement},
            required=False,
            initial=row.comment,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
    return form


class FindingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=FindingKind.choices)
    title = forms.CharField(label=_("Title"), max_length=300)
    description = forms.CharField(
        label=_("Description (shared with the supplier)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    confidential_details = forms.CharField(
        label=_("Confidential details"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    requirement = forms.ModelChoiceField(
        Requirement.objects.select_related("document"), label=_("Breached requirement"), required=False
    )
    code_area = forms.ChoiceField(
        label=_("Code of conduct area"), choices=[("", "–")] + CodeArea.choices, required=False
    )
    issue = forms.ModelChoiceField(Issue.objects.all(), label=_("Issue"), required=False)
    scale = forms.IntegerField(label=_("Scale (1–5)"), min_value=1, max_value=5, required=False)
    scope_band = forms.IntegerField(label=_("Scope (1–5)"), min_value=1, max_value=5, required=False)
    vulnerable_groups = forms.BooleanField(label=_("Vulnerable groups affected"), required=False)
    irremediability = forms.IntegerField(
        label=_("Irremediability (1–5)"), min_value=1, max_value=5, required=False
    )
    zero_tolerance = forms.BooleanField(label=_("Zero-tolerance deviation"), required=False)
    buyer_involvement = forms.ChoiceField(
        label=_("Buyer's involvement"), choices=[("", "–")] + Involvement.choices, required=False
    )
    supplier_involvement = forms.ChoiceField(
        label=_("Supplier's involvement"), choices=[("", "–")] + Involvement.choices, required=False
    )
    deadline = forms.DateField(
        label=_("Deadline for correction"),
        widget=DateInput,
        required=False,
        validators=bounds.EVENT_DATE.validators,
    )


class ActionForm(forms.Form):
    description = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 2}))
    root_cause = forms.CharField(label=_("Root cause"), required=False)
    owner = forms.CharField(label=_("Responsible person"), max_length=200)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput, validators=bounds.EVENT_DATE.validators)
    required_evidence = forms.CharField(label=_("Required evidence"), required=False)
    verification_method = forms.ChoiceField(label=_("Verification"), choices=VerificationMethod.choices)


class VerifyForm(forms.Form):
    accepted = forms.BooleanField(label=_("Accepted: the action is done and verified"), required=False)
    note = forms.CharField(label=_("What the verification showed"), widget=forms.Textarea(attrs={"rows": 2}))
    no_evidence_reason = forms.CharField(
        label=_("Why it is verified without evidence (when the supplier gave none)"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )


PLAN_ROWS = 3


class PlanProposalForm(forms.Form):
    """The supplier's plan for one deviation: the root cause and up to three actions."""

    root_cause = forms.CharField(label=_("Root cause"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, initial_rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        rows = list(initial_rows)
        for i in range(PLAN_ROWS):
            row = rows[i] if i < len(rows) else {}
            required = i == 0
            n = i + 1
            self.fields[f"description_{i}"] = forms.CharField(
                label=_("Action %(n)s") % {"n": n},
                required=required,
                initial=row.get("description", ""),
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"owner_{i}"] = forms.CharField(
                label=_("Responsible person (action %(n)s)") % {"n": n},
                max_length=200,
                required=required,
                initial=row.get("owner", ""),
            )
            self.fields[f"deadline_{i}"] = forms.DateField(
                label=_("Deadline (action %(n)s)") % {"n": n},
                widget=DateInput,
                required=required,
                initial=row.get("deadline"),
                validators=bounds.EVENT_DATE.validators,
            )
            self.fields[f"evidence_{i}"] = forms.CharField(
                label=_("Evidence you will provide (action %(n)s)") % {"n": n},
                required=required,
                initial=row.get("evidence", ""),
            )

    def rows(self) -> list[dict[str, str]]:
        data = self.cleaned_data
        return [
            {
                "description": data[f"description_{i}"],
                "owner": data[f"owner_{i}"],
                "deadline": data[f"deadline_{i}"].isoformat() if data[f"deadline_{i}"] else "",
                "evidence": data[f"evidence_{i}"],
            }
            for i in range(PLAN_ROWS)
        ]


class PlanReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("changes", _("Ask for changes")), ("approve", _("Approve the plan"))]
    )
    comment = forms.CharField(
        label=_("Comment to the supplier"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RemedyReportForm(forms.Form):
    text = forms.CharField(
        label=_("What has been done for the people affected"), widget=forms.Textarea(attrs={"rows": 3})
    )
    evidence = forms.FileField(label=_("Evidence (optional)"), required=False)


class CloseForm(forms.Form):
    remedy_decision = forms.CharField(
        label=_("Decision on remedy still planned"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class RemediationForm(forms.Form):
    affected_group = forms.CharField(label=_("Affected group"), max_length=200)
    people_affected = forms.IntegerField(label=_("Number of people"), required=False, **bounds.PEOPLE.limits)
    description = forms.CharField(label=_("Remedy"), widget=forms.Textarea(attrs={"rows": 2}))
    amount = forms.DecimalField(label=_("Amount"), required=False, decimal_places=2, **bounds.SEK.limits)
    currency = forms.CharField(label=_("Currency"), max_length=3, required=False)
    rights_holders_consulted = forms.BooleanField(label=_("Affected people consulted"), required=False)
    deadline = forms.DateField(
        label=_("Deadline"), widget=DateInput, required=False, validators=bounds.EVENT_DATE.validators
    )


class ResponseForm(forms.Form):
    response = forms.CharField(label=_("What you have done"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(label=_("Evidence (optional)"), required=False)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File"))
    document_date = forms.DateField(
        label=_("Document date"), widget=DateInput, required=False, validators=bounds.DOCUMENT_DATE.validators
    )
    valid_until = forms.DateField(
        label=_("Valid until"), widget=DateInput, required=False, validators=bounds.DOCUMENT_DATE.validators
    )


class OfficeAuditForm(forms.Form):
    product = forms.CharField(label=_("Product"), max_length=300)
    audit_firm = forms.ModelChoiceField(
        Organisation.objects.filter(kind=OrganisationKind.AUDIT_FIRM),
        label=_("Audit firm (empty: in-house)"),
        required=False,
    )
    held_on = forms.DateField(
        label=_("Held on"), widget=DateInput, required=False, validators=bounds.EVENT_DATE.validators
    )
    document_max_age_years = forms.IntegerField(
        label=_("Documents count as current for (years)"), min_value=1, max_value=5, initial=2
    )


class DocumentRequestForm(forms.Form):
    description = forms.CharField(label=_("Requested document"), max_length=300)
    deadline = forms.DateField(label=_("Deadline"), widget=DateInput, validators=bounds.EVENT_DATE.validators)


class InterviewForm(forms.Form):
    held_on = forms.DateField(label=_("Date"), widget=DateInput, validators=bounds.EVENT_DATE.validators)
    role = forms.ChoiceField(label=_("Role"), choices=IntervieweeRole.choices)
    name = forms.CharField(label=_("Name (confidential)"), required=False, max_length=200)
    notes = forms.CharField(
        label=_("Notes (confidential)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


YES_NO_UNKNOWN = [("", _("Not checked")), ("yes", _("Yes")), ("no", _("No"))]


class ChecklistForm(forms.Form):
    document_date = forms.DateField(
        label=_("Date of the newest document"),
        widget=DateInput,
        required=False,
        validators=bounds.DOCUMENT_DATE.validators,
    )
    relevant = forms.ChoiceField(label=_("Relevant"), choices=YES_NO_UNKNOWN, required=False)
    supports_claims = forms.ChoiceField(
        label=_("Supports the claims"), choices=YES_NO_UNKNOWN, required=False
    )
    comment = forms.CharField(label=_("Comment"), required=False)

    @staticmethod
    def tristate(value: str) -> bool | None:
        return {"yes": True, "no": False}.get(value)


class SiteAuditForm(forms.Form):
    site = forms.ModelChoiceField(Site.objects.none(), label=_("Site"))
    audit_firm = forms.ModelChoiceField(
        Organisation.objects.filter(kind=OrganisationKind.AUDIT_FIRM), label=_("Audit firm")
    )
    announcement = forms.ChoiceField(label=_("Announcement"), choices=Announcement.choices)
    starts_on = forms.DateField(
        label=_("First day"), widget=DateInput, validators=bounds.EVENT_DATE.validators
    )
    ends_on = forms.DateField(label=_("Last day"), widget=DateInput, validators=bounds.EVENT_DATE.validators)
    reason = forms.CharField(label=_("Why this site"), widget=forms.Textarea(attrs={"rows": 2}))
    cost_bearer = forms.ChoiceField(label=_("Cost bearer"), choices=CostBearer.choices)

    def __init__(self, *args, sites, labels: dict[int, str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["site"].queryset = sites
        # Labels come from the contract pages' masking rule: a confidential name stays hidden.
        self.fields["site"].label_from_instance = lambda site: labels.get(site.pk, "")


class SiteReportForm(forms.Form):
    worker_interviews = forms.IntegerField(label=_("Workers interviewed"), **bounds.COUNT.limits)
    report = forms.FileField(label=_("Audit report (PDF)"), required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Findings file (CSV or XLSX, Kedja's template)"))


class SanctionForm(forms.Form):
    contract = forms.ModelChoiceField(Contract.objects.none(), label=_("Contract"))
    ground = forms.ChoiceField(label=_("Ground"), choices=SanctionGround.choices)
    kind = forms.ChoiceField(label=_("Decision"), choices=SanctionKind.choices)
    ground_since = forms.DateField(
        label=_("Ground arose on"), widget=DateInput, validators=bounds.EVENT_DATE.validators
    )
    counted_until = forms.DateField(
        label=_("Counted until"), widget=DateInput, required=False, validators=bounds.EVENT_DATE.validators
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    stop_starts_on = forms.DateField(
        label=_("Call-off stop from (default today)"), widget=DateInput, required=False
    )
    stop_ends_on = forms.DateField(label=_("Call-off stop until"), widget=DateInput, required=False)

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts


class SanctionCorrectionForm(SanctionForm):
    correction_reason = forms.CharField(
        label=_("Why the decision is corrected"), widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["contract"]


class StopEndForm(forms.Form):
    ends_on = forms.DateField(
        label=_("Call-off stop ended on"), widget=DateInput, validators=bounds.EVENT_DATE.validators
    )


class ZeroToleranceForm(forms.Form):
    contract = forms.ModelChoiceField(Contract.objects.none(), label=_("Contract"))
    issue = forms.ModelChoiceField(Issue.objects.filter(zero_tolerance=True), label=_("Kind of deviation"))
    aware_since = forms.DateField(
        label=_("Date you had reasonable grounds"), widget=DateInput, validators=bounds.EVENT_DATE.validators
    )
    facts = forms.CharField(label=_("Facts"), widget=forms.Textarea(attrs={"rows": 3}))
    measures_taken = forms.CharField(label=_("Measures taken"), widget=forms.Textarea(attrs={"rows": 2}))
    measures_planned = forms.CharField(
        label=_("Measures planned"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts


class SummaryForm(forms.Form):
    text_sv = forms.CharField(label=_("Summary (Swedish)"), widget=forms.Textarea(attrs={"rows": 4}))
    text_en = forms.CharField(
        label=_("Summary (English)"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


def answer_form(questions, answers, data=None) -> forms.Form:
    """The supplier's answer form: one field per visible question (documents are uploaded apart),
    plus a "not applicable" reason where the question allows it."""
    form = forms.Form(data)
    for q in questions:
        answer = answers.get(q.pk)
        initial = answer.value if answer else None
        field = _field_for(q, initial)
        if field is not None:
            form.fields[f"q_{q.key}"] = field
        if q.allow_not_applicable:
            form.fields[f"na_{q.key}"] = forms.CharField(
                label=_("Not applicable – reason"),
                required=False,
                initial=answer.not_applicable_reason if answer else "",
            )
    return form


def _field_for(q, initial):
    common = {"label": q.text, "required": False, "help_text": q.help, "initial": initial}
    if q.qtype == QuestionType.YES_NO:
        return forms.ChoiceField(choices=[("", "–"), ("yes", _("Yes")), ("no", _("No"))], **common)
    if q.qtype == QuestionType.SINGLE:
        return forms.ChoiceField(choices=[("", "–"), *q.choice_list], **common)
    if q.qtype == QuestionType.MULTIPLE:
        return forms.MultipleChoiceField(choices=q.choice_list, widget=forms.CheckboxSelectMultiple, **common)
    if q.qtype == QuestionType.NUMBER:
        return forms.DecimalField(**common, **bounds.ANSWER_NUMBER.limits)
    if q.qtype == QuestionType.DATE:
        return forms.DateField(widget=DateInput, **common, validators=bounds.DOCUMENT_DATE.validators)
    if q.qtype == QuestionType.TEXT:
        return forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), **common)
    return None


STEP_CHOICES = [
    (1, _("Step 1: self-assessment")),
    (2, _("Step 2: office audit")),
    (3, _("Step 3: on-site audit")),
]


class ReuseCheckForm(forms.Form):
    """What the reusing buyer's own follow-up needs; the verdicts are computed against it."""

    level = forms.ChoiceField(label=_("Clause level of your contract"), choices=ClauseLevel.choices)
    step = forms.TypedChoiceField(label=_("Step you need"), choices=STEP_CHOICES, coerce=int)


class SourceCaseField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return _("%(lead)s, closed %(date)s, step %(step)s") % {
            "lead": obj.lead_organisation.name,
            "date": obj.closed_on.isoformat() if obj.closed_on else "–",
            "step": obj.current_step,
        }


class ReuseDecisionForm(forms.Form):
    source_case = SourceCaseField(FollowUpCase.objects.none(), label=_("Result to reuse"))
    decided_for = forms.ModelChoiceField(Organisation.objects.none(), label=_("Deciding organisation"))
    decision = forms.ChoiceField(label=_("Decision"), choices=ReuseDecisionKind.choices)
    needed_level = forms.ChoiceField(label=_("Clause level of your contract"), choices=ClauseLevel.choices)
    needed_step = forms.TypedChoiceField(label=_("Step you need"), choices=STEP_CHOICES, coerce=int)
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, buyers, sources, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["decided_for"].queryset = buyers
        self.fields["source_case"].queryset = sources


class CaseEditForm(forms.Form):
    products = forms.CharField(label=_("Products in scope"), max_length=300, required=False)
    cost_bearer = forms.ChoiceField(label=_("Cost bearer"), choices=CostBearer.choices)
    cost_note = forms.CharField(label=_("Cost note"), max_length=300, required=False)
    participating = ModelMultipleChoiceField(
        Organisation.objects.filter(kind=OrganisationKind.REGION).order_by("name"),
        label=_("Participating regions"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class RemediationStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=RemediationStatus.choices)


class SanctionPreviewForm(forms.Form):
    """The fields the penalty preview needs (a subset of the decision form, same names)."""

    contract = forms.ModelChoiceField(Contract.objects.none())
    ground = forms.ChoiceField(choices=SanctionGround.choices)
    ground_since = forms.DateField(validators=bounds.EVENT_DATE.validators)
    counted_until = forms.DateField(required=False, validators=bounds.EVENT_DATE.validators)

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts


class TraceabilitySiteForm(forms.Form):
    """A site the supplier named in its answer to the traceability request (clause 4.3)."""

    contract = forms.ModelChoiceField(Contract.objects.none(), label=_("Contract"))
    legal_name = forms.CharField(label=_("Legal name"), max_length=300)
    address = forms.CharField(label=_("Address"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    country = forms.ModelChoiceField(Country.objects.order_by("name_sv"), label=_("Country"))
    site_type = forms.ChoiceField(label=_("Site type"), choices=SiteType.choices)
    tier = forms.IntegerField(label=_("Tier"), initial=2, **bounds.TIER.limits)
    is_confidential = forms.BooleanField(
        label=_("Confidential name and address"), required=False, initial=True
    )

    def __init__(self, *args, contracts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts


class SummaryCommentForm(forms.Form):
    comment = forms.CharField(label=_("Your comment on the draft"), widget=forms.Textarea(attrs={"rows": 3}))


class JointTaskForm(forms.Form):
    """A task of a joint case for one of the case's regions."""

    region = forms.ModelChoiceField(Organisation.objects.none(), label=_("Region"))
    description = forms.CharField(label=_("Task"), max_length=300)
    responsible = forms.CharField(label=_("Who"), max_length=200, required=False)
    due_on = forms.DateField(label=_("By when"), widget=DateInput, validators=bounds.EVENT_DATE.validators)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions


class CostSplitForm(forms.Form):
    """The cost split: how it is expressed, then one field per region of the case (empty: no part)."""

    kind = forms.ChoiceField(label=_("Split the cost as"), choices=CostSplitKind.choices)

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.regions = list(regions)
        for region in self.regions:
            self.fields[f"region_{region.pk}"] = forms.DecimalField(
                label=region.name,
                required=False,
                max_digits=14,
                decimal_places=2,
                min_value=0,
                max_value=bounds.SEK.high,
                # Typed as the reader writes numbers ("62,5" in Swedish).
                localize=True,
            )

    def values(self) -> dict[Organisation, object]:
        return {region: self.cleaned_data.get(f"region_{region.pk}") for region in self.regions}
