"""Forms of the training app. They only collect input; rules live in actions.py."""

from django import forms
from django.utils.translation import gettext_lazy as _

from kedja.core import bounds
from kedja.reference.models import Category, Country
from kedja.training.actions import OptionData, QuestionData, StageData, VersionData
from kedja.training.models import Question, QuestionKind, StageKind

OPTION_ROWS = 6
STAGE_ROWS = 6


class CaseForm(forms.Form):
    title_sv = forms.CharField(label=_("Title (Swedish)"), max_length=200)
    title_en = forms.CharField(label=_("Title (English)"), max_length=200, required=False)
    story_sv = forms.CharField(label=_("Story (Swedish)"), widget=forms.Textarea(attrs={"rows": 8}))
    story_en = forms.CharField(
        label=_("Story (English)"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.all(), required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)
    tier = forms.IntegerField(
        label=_("Tier"),
        min_value=0,
        max_value=9,
        required=False,
        help_text=_("0 = the region, 1 = the contracted supplier, 2+ below."),
    )
    workers_affected = forms.IntegerField(label=_("Workers affected"), required=False, **bounds.PEOPLE.limits)
    findings_reference = forms.CharField(
        label=_("Anonymised findings it builds on"),
        max_length=300,
        required=False,
        help_text=_("A reference to real findings, never names of suppliers, sites or people."),
    )

    def version_data(self) -> VersionData:
        data = dict(self.cleaned_data)
        data.pop("category")
        return VersionData(**data)

    @staticmethod
    def initial_for(version) -> dict:
        names = ("title_sv", "title_en", "story_sv", "story_en", "country", "tier", "workers_affected")
        initial = {name: getattr(version, name) for name in names}
        initial["findings_reference"] = version.findings_reference
        initial["category"] = version.case.category
        return initial


class QuestionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    prompt_sv = forms.CharField(label=_("Question (Swedish)"), widget=forms.Textarea(attrs={"rows": 2}))
    prompt_en = forms.CharField(
        label=_("Question (English)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    explanation_sv = forms.CharField(
        label=_("Explanation of the expert answer (Swedish)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    explanation_en = forms.CharField(
        label=_("Explanation of the expert answer (English)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
    )
    discussion_sv = forms.CharField(
        label=_("Discussion points (Swedish)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    discussion_en = forms.CharField(
        label=_("Discussion points (English)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    multiple = forms.BooleanField(label=_("Several options may be chosen"), required=False)
    asks_justification = forms.BooleanField(label=_("Ask for a justification"), required=False)

    @staticmethod
    def initial_for(question: Question) -> dict:
        return {name: getattr(question, name) for name in QuestionForm.base_fields}


class OptionForm(forms.Form):
    text_sv = forms.CharField(label=_("Option (Swedish)"), max_length=500, required=False)
    text_en = forms.CharField(label=_("Option (English)"), max_length=500, required=False)
    is_correct = forms.BooleanField(label=_("Part of the expert answer"), required=False)


OptionFormSet = forms.formset_factory(OptionForm, extra=0, max_num=OPTION_ROWS, absolute_max=OPTION_ROWS)


def option_initial(question: Question | None) -> list[dict]:
    rows = (
        [
            {"text_sv": o.text_sv, "text_en": o.text_en, "is_correct": o.is_correct}
            for o in question.options.all()
        ]
        if question
        else []
    )
    return rows + [{}] * (OPTION_ROWS - len(rows))


def question_data(form: QuestionForm, formset) -> QuestionData:
    options = [OptionData(**row) for row in formset.cleaned_data if row and row.get("text_sv")]
    return QuestionData(options=options, **form.cleaned_data)


class StageForm(forms.Form):
    kind = forms.ChoiceField(label=_("Stage"), choices=[("", "–"), *StageKind.choices], required=False)
    label_sv = forms.CharField(label=_("Label (Swedish)"), max_length=200, required=False)
    label_en = forms.CharField(label=_("Label (English)"), max_length=200, required=False)
    tier = forms.IntegerField(label=_("Tier"), min_value=0, max_value=9, required=False)
    country = forms.ModelChoiceField(label=_("Country"), queryset=Country.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("label_sv") and not cleaned.get("kind"):
            self.add_error("kind", _("Choose the kind of stage."))
        return cleaned


StageFormSet = forms.formset_factory(StageForm, extra=0, max_num=STAGE_ROWS, absolute_max=STAGE_ROWS)


def stage_initial(version) -> list[dict]:
    rows = [
        {"kind": s.kind, "label_sv": s.label_sv, "label_en": s.label_en, "tier": s.tier, "country": s.country}
        for s in version.stages.all()
    ]
    return rows + [{}] * (STAGE_ROWS - len(rows))


def stage_data(formset) -> list[StageData]:
    return [StageData(**row) for row in formset.cleaned_data if row and row.get("label_sv")]


class JoinForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=12,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    display_name = forms.CharField(
        label=_("Your name (or your group's)"),
        max_length=60,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
        help_text=_("Shown to the facilitator during the session and removed when it ends."),
    )


class AnswerForm(forms.Form):
    """The options of one question as radio buttons (one answer) or checkboxes (several)."""

    def __init__(self, *args, question: Question, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(o.pk, o.text) for o in question.options.all()]
        if question.multiple:
            self.fields["options"] = forms.MultipleChoiceField(
                label=_("Choose all that apply"), choices=choices, widget=forms.CheckboxSelectMultiple
            )
        else:
            self.fields["options"] = forms.ChoiceField(
                label=_("Choose one"), choices=choices, widget=forms.RadioSelect
            )
        if question.asks_justification:
            self.fields["justification"] = forms.CharField(
                label=_("Justify your choice"),
                widget=forms.Textarea(attrs={"rows": 3}),
                max_length=2000,
                required=False,
            )

    def option_ids(self) -> list:
        chosen = self.cleaned_data["options"]
        return chosen if isinstance(chosen, list) else [chosen]
