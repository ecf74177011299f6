from django.urls import path

from kedja.risk.views import analysis, data, register, spend

app_name = "risk"
urlpatterns = [
    path("", analysis.analysis_list, name="analysis_list"),
    path("analyses/start/", analysis.analysis_start, name="analysis_start"),
    path("analyses/<uuid:uuid>/", analysis.analysis_detail, name="analysis_detail"),
    path("analyses/<uuid:uuid>/stages/", analysis.stage_add, name="stage_add"),
    path("analyses/<uuid:uuid>/items/", analysis.item_add, name="item_add"),
    path("analyses/<uuid:uuid>/propose/", analysis.analysis_propose, name="analysis_propose"),
    path("analyses/<uuid:uuid>/texts/", analysis.analysis_texts, name="analysis_texts"),
    path("analyses/<uuid:uuid>/approve/", analysis.analysis_approve, name="analysis_approve"),
    path("analyses/<uuid:uuid>/reopen/", analysis.analysis_reopen, name="analysis_reopen"),
    path("analyses/<uuid:uuid>/summary/", analysis.analysis_summary, name="analysis_summary"),
    path("analyses/<uuid:uuid>/versions/<int:number>/", analysis.version_detail, name="version_detail"),
    path(
        "analyses/<uuid:uuid>/export.xlsx",
        analysis.analysis_export,
        {"fmt": "xlsx"},
        name="analysis_export_xlsx",
    ),
    path(
        "analyses/<uuid:uuid>/export.pdf",
        analysis.analysis_export,
        {"fmt": "pdf"},
        name="analysis_export_pdf",
    ),
    path("items/<uuid:uuid>/", analysis.item_edit, name="item_edit"),
    path("items/<uuid:uuid>/evidence/", analysis.evidence_add, name="evidence_add"),
    path("items/<uuid:uuid>/confirm/", analysis.item_review, {"decision": "confirm"}, name="item_confirm"),
    path("items/<uuid:uuid>/reject/", analysis.item_review, {"decision": "reject"}, name="item_reject"),
    path("contracts/<uuid:uuid>/", register.contract_risk, name="contract_risk"),
    path("contracts/<uuid:uuid>/override/", register.contract_override, name="contract_override"),
    path(
        "contracts/<uuid:uuid>/export.xlsx",
        register.contract_export,
        {"fmt": "xlsx"},
        name="contract_export_xlsx",
    ),
    path(
        "contracts/<uuid:uuid>/export.pdf",
        register.contract_export,
        {"fmt": "pdf"},
        name="contract_export_pdf",
    ),
    path("suppliers/<uuid:uuid>/", register.supplier_risk, name="supplier_risk"),
    path("follow-up/", register.follow_up, name="follow_up"),
    path("follow-up/start/", register.follow_up_start, name="follow_up_start"),
    path("datasets/", data.dataset_list, name="dataset_list"),
    path("countries/", data.country_list, name="country_list"),
    path("countries/<str:iso3>/", data.country_detail, name="country_detail"),
    path("goods/<slug:slug>/", data.good_detail, name="good_detail"),
    path("spend/", spend.spend_screening, name="spend_screening"),
    path("spend/<str:token>/", spend.spend_result, name="spend_result"),
    path("spend/<str:token>/export.csv", spend.spend_export, {"fmt": "csv"}, name="spend_export_csv"),
    path("spend/<str:token>/export.xlsx", spend.spend_export, {"fmt": "xlsx"}, name="spend_export_xlsx"),
]
