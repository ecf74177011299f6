from django.urls import path

from kedja.organisations import views

app_name = "organisations"
urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("areas/", views.area_list, name="areas"),
    path("<uuid:uuid>/", views.organisation_detail, name="detail"),
    path("<uuid:uuid>/invite/", views.invite, name="invite"),
    path("<uuid:uuid>/officers-assess/", views.officers_assess, name="officers_assess"),
    path("<uuid:uuid>/members/<uuid:membership_uuid>/", views.membership_edit, name="membership_edit"),
    path(
        "<uuid:uuid>/members/<uuid:membership_uuid>/remove/",
        views.membership_remove,
        name="membership_remove",
    ),
    path(
        "<uuid:uuid>/members/<uuid:membership_uuid>/grievance-handler/",
        views.membership_grievance_handler,
        name="membership_grievance_handler",
    ),
]
