from django.urls import path

from . import views, views_audit

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data/<slug:key>.csv", views.dataset_csv, name="dataset_csv"),
    path("regions/<slug:slug>/", views.region_page, name="region"),
    path("annual/", views.report_list, name="report_list"),
    path("annual/<uuid:uuid>/", views.report_detail, name="report_detail"),
    path("annual/<uuid:uuid>/<slug:kind>/", views.report_download, name="report_download"),
    path("audit-log/", views_audit.audit_log_page, name="audit_log"),
    path("audit-log/export.<slug:fmt>", views_audit.audit_log_export, name="audit_log_export"),
]
