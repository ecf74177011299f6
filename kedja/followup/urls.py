from django.urls import path

from . import portal_views, public_views, views, views_audits

app_name = "followup"
urlpatterns = [
    path("", views.case_list, name="case_list"),
    path("start/", views.case_start, name="case_start"),
    path("send-out/", views.bulk_start, name="bulk_start"),
    path("cases/<uuid:uuid>/", views.case_detail, name="case_detail"),
    path("cases/<uuid:uuid>/do/<slug:name>/", views.case_transition, name="case_transition"),
    path("cases/<uuid:uuid>/notes/", views.note_add, name="note_add"),
    path("cases/<uuid:uuid>/self-assessment/", views.step1_review, name="step1_review"),
    path("cases/<uuid:uuid>/self-assessment/conclude/", views.step1_conclude, name="step1_conclude"),
    path("cases/<uuid:uuid>/findings/new/", views.finding_add, name="finding_add"),
    path("cases/<uuid:uuid>/office-audit/", views_audits.office_audit, name="office_audit"),
    path(
        "cases/<uuid:uuid>/office-audit/add/<slug:what>/",
        views_audits.office_audit_add,
        name="office_audit_add",
    ),
    path(
        "cases/<uuid:uuid>/office-audit/conclude/",
        views_audits.office_audit_conclude,
        name="office_audit_conclude",
    ),
    path("checklist/<int:pk>/", views_audits.checklist_update, name="checklist_update"),
    path("cases/<uuid:uuid>/site-audits/new/", views_audits.site_audit_add, name="site_audit_add"),
    path("cases/<uuid:uuid>/sanctions/new/", views_audits.sanction_add, name="sanction_add"),
    path("cases/<uuid:uuid>/summary/", views_audits.summary_edit, name="summary_edit"),
    path("summaries/<uuid:uuid>/publish/", views_audits.summary_publish, name="summary_publish"),
    path("findings/<uuid:uuid>/", views.finding_detail, name="finding_detail"),
    path("findings/<uuid:uuid>/actions/", views.action_add, name="action_add"),
    path("findings/<uuid:uuid>/remediation/", views.remediation_add, name="remediation_add"),
    path("actions/<uuid:uuid>/verify/", views.action_verify, name="action_verify"),
    path("documents/<uuid:uuid>/", views.document_download, name="document_download"),
    path("audits/", views_audits.auditor_home, name="auditor_home"),
    path("audits/<uuid:uuid>/", views_audits.site_audit_detail, name="site_audit_detail"),
    path("audits/<uuid:uuid>/findings/", views_audits.site_audit_finding, name="site_audit_finding"),
    path("audits/<uuid:uuid>/report/", views_audits.site_audit_report, name="site_audit_report"),
    path("audits/<uuid:uuid>/import/", views_audits.site_audit_import, name="site_audit_import"),
    path("import-template.<slug:fmt>", views_audits.import_template, name="import_template"),
    path("portal/", portal_views.portal_home, name="portal_home"),
    path("portal/cases/<uuid:uuid>/", portal_views.portal_case, name="portal_case"),
    path(
        "portal/cases/<uuid:uuid>/upload/<slug:question_key>/",
        portal_views.portal_upload,
        name="portal_upload",
    ),
    path("portal/actions/<uuid:uuid>/respond/", portal_views.portal_respond, name="portal_respond"),
    path(
        "portal/requests/<uuid:uuid>/upload/",
        portal_views.portal_request_upload,
        name="portal_request_upload",
    ),
    path("portal/zero-tolerance/", portal_views.portal_zero_tolerance, name="portal_zero_tolerance"),
    path("public/", public_views.public_list, name="public_list"),
    path("public/<uuid:uuid>/", public_views.public_detail, name="public_detail"),
]
