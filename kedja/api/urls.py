from django.urls import path

from kedja.api import views

app_name = "tokens"
urlpatterns = [
    path("", views.token_list, name="list"),
    path("<uuid:uuid>/revoke/", views.token_revoke, name="revoke"),
]
