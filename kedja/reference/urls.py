from django.urls import path

from kedja.reference import views

app_name = "reference"
urlpatterns = [
    path("", views.index, name="index"),
    path("code-of-conduct/", views.code_of_conduct, name="code_of_conduct"),
    path("data-sources/", views.data_sources, name="data_sources"),
    path("documents/", views.document_list, name="document_list"),
    path("documents/<uuid:uuid>/", views.document_detail, name="document_detail"),
    path("documents/<uuid:uuid>/compare/", views.document_compare, name="document_compare"),
    path("documents/<uuid:uuid>/new-version/", views.document_new_version, name="document_new_version"),
    path("documents/<uuid:uuid>/publish/", views.document_publish, name="document_publish"),
    path("documents/<uuid:uuid>/<slug:key>/", views.requirement_detail, name="requirement_detail"),
    path("documents/<uuid:uuid>/<slug:key>/edit/", views.requirement_edit, name="requirement_edit"),
    path("categories/", views.category_list, name="category_list"),
    path("categories/<slug:slug>/", views.category_detail, name="category_detail"),
    path("cpv/", views.cpv_list, name="cpv_list"),
    path("cpv/<str:code>/", views.cpv_detail, name="cpv_detail"),
    path("countries/", views.country_list, name="country_list"),
    path("issues/", views.issue_list, name="issue_list"),
    path("ilo/", views.ilo_list, name="ilo_list"),
]
