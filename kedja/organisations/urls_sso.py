from django.urls import path

from kedja.organisations import views_sso

app_name = "sso"
urlpatterns = [
    path("start/", views_sso.sso_start, name="start"),
    path("callback/", views_sso.sso_callback, name="callback"),
]
