from django.urls import path

from . import views

app_name = "suppliers"
urlpatterns = [
    path("library/", views.library, name="library"),
    path("profile/", views.own_profile, name="own_profile"),
    path("<uuid:uuid>/", views.profile, name="profile"),
    path("documents/<uuid:uuid>/download/", views.document_download, name="document_download"),
    path("documents/<uuid:uuid>/archive/", views.document_archive, name="document_archive"),
]
