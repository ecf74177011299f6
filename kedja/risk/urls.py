from django.urls import path

from kedja.risk.views import data, spend

app_name = "risk"
urlpatterns = [
    path("countries/", data.country_list, name="country_list"),
    path("countries/<str:iso3>/", data.country_detail, name="country_detail"),
    path("goods/<slug:slug>/", data.good_detail, name="good_detail"),
    path("spend/", spend.spend_screening, name="spend_screening"),
    path("spend/<str:token>/", spend.spend_result, name="spend_result"),
    path("spend/<str:token>/export.csv", spend.spend_export, {"fmt": "csv"}, name="spend_export_csv"),
    path("spend/<str:token>/export.xlsx", spend.spend_export, {"fmt": "xlsx"}, name="spend_export_xlsx"),
]
