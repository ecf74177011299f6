from django.urls import path

from kedja.contracts import views, views_import

app_name = "contracts"
urlpatterns = [
    path("", views.contract_list, name="contract_list"),
    path("new/", views.contract_create, name="contract_create"),
    path("import/", views_import.contract_import, name="contract_import"),
    path("import/confirm/", views_import.contract_import_confirm, name="contract_import_confirm"),
    path("import/template/", views_import.contract_import_template, name="contract_import_template"),
    path("import/ocds/", views_import.ocds_import, name="ocds_import"),
    path("import/ocds/confirm/", views_import.ocds_import_confirm, name="ocds_import_confirm"),
    path("<uuid:uuid>/", views.contract_detail, name="contract_detail"),
    path("<uuid:uuid>/edit/", views.contract_edit, name="contract_edit"),
    path("<uuid:uuid>/clause.pdf", views.contract_clause_pdf, name="contract_clause_pdf"),
    path("<uuid:uuid>/supply-chain/", views.supply_chain, name="supply_chain"),
    path("<uuid:uuid>/supply-chain/new/", views.site_create, name="site_create"),
    path("<uuid:uuid>/supply-chain/import/", views.site_import, name="site_import"),
    path("<uuid:uuid>/supply-chain/import/confirm/", views.site_import_confirm, name="site_import_confirm"),
    path(
        "<uuid:uuid>/supply-chain/import/template/", views.site_import_template, name="site_import_template"
    ),
    path("<uuid:uuid>/supply-chain/<uuid:site_uuid>/", views.site_edit, name="site_edit"),
    path("<uuid:uuid>/supply-chain/<uuid:site_uuid>/remove/", views.site_remove, name="site_remove"),
    path("suppliers/", views.supplier_list, name="supplier_list"),
    path("suppliers/new/", views.supplier_create, name="supplier_create"),
    path("suppliers/<uuid:uuid>/", views.supplier_detail, name="supplier_detail"),
    path("suppliers/<uuid:uuid>/edit/", views.supplier_edit, name="supplier_edit"),
    path("suppliers/<uuid:uuid>/contacts/new/", views.contact_create, name="contact_create"),
    path("suppliers/<uuid:uuid>/contacts/<uuid:contact_uuid>/", views.contact_edit, name="contact_edit"),
    path(
        "suppliers/<uuid:uuid>/contacts/<uuid:contact_uuid>/remove/",
        views.contact_remove,
        name="contact_remove",
    ),
]
