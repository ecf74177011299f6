from django.urls import path

from . import views, views_public

app_name = "grievance"
urlpatterns = [
    path("", views_public.start, name="start"),
    path("handle/", views.handler_list, name="handler_list"),
    path("handle/statistics/", views.statistics, name="statistics"),
    path("handle/<uuid:uuid>/", views.handler_detail, name="handler_detail"),
    path("handle/<uuid:uuid>/do/<slug:name>/", views.handler_do, name="handler_do"),
    path("handle/<uuid:uuid>/attachments/<uuid:attachment_uuid>/", views.attachment, name="attachment"),
    path("supplier/", views.supplier_requests, name="supplier_requests"),
    path("supplier/<uuid:uuid>/", views.supplier_respond, name="supplier_respond"),
    path("<slug:lang>/", views_public.report, name="report"),
    path("<slug:lang>/receipt/", views_public.receipt, name="receipt"),
    path("<slug:lang>/follow/", views_public.follow, name="follow"),
    path("<slug:lang>/follow/report/", views_public.reporter_view, name="reporter_view"),
    path("<slug:lang>/follow/leave/", views_public.leave, name="leave"),
]
