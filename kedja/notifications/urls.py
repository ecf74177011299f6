from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.preferences, name="preferences"),
    path("undelivered/", views.undelivered, name="undelivered"),
    path("inbox/<slug:key>/", views.inbox_section, name="inbox_section"),
]
