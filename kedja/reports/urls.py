from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("data/<slug:key>.csv", views.dataset_csv, name="dataset_csv"),
    path("regions/<slug:slug>/", views.region_page, name="region"),
    path("annual/", views.report_list, name="report_list"),
    path("annual/<uuid:uuid>/", views.report_detail, name="report_detail"),
    path("annual/<uuid:uuid>/<slug:kind>/", views.report_download, name="report_download"),
]
