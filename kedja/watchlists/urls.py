from django.urls import path

from . import views

app_name = "watchlists"
urlpatterns = [
    path("", views.alert_list, name="alert_list"),
    path("lists/", views.edition_list, name="edition_list"),
    path("lists/load/", views.edition_load, name="edition_load"),
    path("screen/", views.screen_now, name="screen_now"),
    path("alerts/<uuid:uuid>/", views.alert_detail, name="alert_detail"),
    path("alerts/<uuid:uuid>/follow-up/", views.accept_follow_up, name="accept_follow_up"),
]
